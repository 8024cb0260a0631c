"""Lambda entry point: the EventBridge schedule -> scrape the configured public job boards into the import."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.boards.service import build_board_scraper
from hiring.container import get_container
from hiring.observability import logger, metrics, tracer


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    scheduled = EventBridgeEvent(event)
    logger.append_keys(scheduled_time=scheduled.time)
    summaries = build_board_scraper(get_container()).run()
    metrics.add_metric(name="BoardsScraped", unit="Count", value=len(summaries))
    metrics.add_metric(name="BoardsUnchanged", unit="Count", value=sum(s.unchanged for s in summaries))
    metrics.add_metric(name="BoardsFailed", unit="Count", value=sum(s.error is not None for s in summaries))
    return {"boards": [summary.as_dict() for summary in summaries]}
