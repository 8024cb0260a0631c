"""Scraping settings, validated once at cold start, and the alert sink they select."""

from __future__ import annotations

import datetime as dt

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from hiring.config import Settings
from hiring.scraping.alerts import AlertSink, LogAlertSink, WatchdogPolicy


class ScrapeSettings(BaseSettings):
    """Knobs of the scrape watchdog and its alerts; environment variables use the HIRING_SCRAPE_ prefix."""

    model_config = SettingsConfigDict(env_prefix="HIRING_SCRAPE_", extra="ignore")

    alert_topic_arn: str | None = None  # required when runtime is aws
    stuck_after_s: int = Field(default=3600, ge=60)
    backlog_threshold: int = Field(default=1000, ge=1)
    alert_cooldown_s: int = Field(default=6 * 3600, ge=60)
    lookback_s: int = Field(default=24 * 3600, ge=60)

    def watchdog_policy(self) -> WatchdogPolicy:
        return WatchdogPolicy(
            stuck_after=dt.timedelta(seconds=self.stuck_after_s),
            backlog_threshold=self.backlog_threshold,
            cooldown=dt.timedelta(seconds=self.alert_cooldown_s),
            lookback=dt.timedelta(seconds=self.lookback_s),
        )


def build_alert_sink(app: Settings, settings: ScrapeSettings) -> AlertSink:
    """SNS in the cloud (a missing topic is an error, not a quiet fall back to the log); the log locally."""
    if app.runtime != "aws":
        return LogAlertSink()
    if not settings.alert_topic_arn:
        raise ValueError("runtime=aws needs HIRING_SCRAPE_ALERT_TOPIC_ARN for scrape alerts")
    from hiring.adapters.sns_alerts import SnsAlertSink

    if not app.aws_region:
        raise ValueError("runtime=aws needs AWS_REGION for scrape alerts")
    return SnsAlertSink.for_region(settings.alert_topic_arn, app.aws_region)
