"""Lambda entry point: the EventBridge schedule (every 15 minutes) -> check the scrape queue and raise alerts, and
record the work queue's sample for the admin's metrics over time (samples older than 30 days deleted)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.container import get_container
from hiring.observability import logger, metrics, tracer
from hiring.scraping.alerts import AlertSink, WatchdogPolicy, run_scrape_watchdog
from hiring.scraping.config import ScrapeSettings, build_alert_sink
from hiring.services.metrics import MetricsService


@lru_cache(maxsize=1)
def _alerting() -> tuple[AlertSink, WatchdogPolicy]:
    """Settings read and the sink built once per cold start, never at import."""
    settings = ScrapeSettings()
    return build_alert_sink(get_container().settings, settings), settings.watchdog_policy()


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    scheduled = EventBridgeEvent(event)
    logger.append_keys(scheduled_time=scheduled.time)
    container = get_container()
    sink, policy = _alerting()
    outcome = run_scrape_watchdog(container.db, container.queue, sink, policy=policy)
    sample = MetricsService(container.db, container.queue).record_queue_sample()
    return outcome | {"queue_samples": sample.tenants, "queue_samples_deleted": sample.deleted}
