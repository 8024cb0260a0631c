"""Lambda entry point: the nightly EventBridge schedule -> enqueue every candidate for re-matching."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.container import get_container
from hiring.observability import logger, metrics, tracer
from hiring.services.refresh import enqueue_nightly_refresh


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    scheduled = EventBridgeEvent(event)
    logger.append_keys(scheduled_time=scheduled.time)
    container = get_container()
    counts = enqueue_nightly_refresh(container.db, container.queue, container.settings.refresh_batch_size)
    metrics.add_metric(name="RefreshMessages", unit="Count", value=counts["messages"])
    return counts
