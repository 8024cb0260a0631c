"""Lambda entry point: the daily EventBridge schedule -> expire stale jobs, then erase the resumes of candidates
inactive past HIRING_RETENTION_DAYS."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.container import get_container
from hiring.observability import logger, metrics, tracer
from hiring.services.privacy import retention_step
from hiring.services.sourcing_outreach import prospect_retention_step


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    scheduled = EventBridgeEvent(event)
    logger.append_keys(scheduled_time=scheduled.time)
    container = get_container()
    expired = container.jobs.expire_stale(container.settings.job_ttl_days)
    metrics.add_metric(name="JobsExpired", unit="Count", value=expired)
    erased = retention_step(container)
    metrics.add_metric(name="ResumesErasedByRetention", unit="Count", value=erased)
    prospects = prospect_retention_step(container)  # sourcing prospects past HIRING_PROSPECT_RETENTION_DAYS
    metrics.add_metric(name="ProspectsErasedByRetention", unit="Count", value=prospects)
    return {"expired": expired, "erased": erased}
