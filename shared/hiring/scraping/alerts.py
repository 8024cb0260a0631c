"""Alerts about scraping through a small port (SNS in the cloud, the log locally), and the watchdog that raises them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from hiring.adapters.postgres import Database
from hiring.observability import logger, metrics
from hiring.ports import WorkQueue
from hiring.scraping.models import Alert as StoredAlert
from hiring.stores import scraping as store


class AlertSink(Protocol):
    """Where alerts go: an SNS topic in the cloud, the log locally."""

    def send(self, tenant_id: str | None, kind: str, message: str, detail: dict[str, Any]) -> None: ...


class LogAlertSink:
    """The local sink: a structured warning in the log (the alerts table holds the history in both runtimes)."""

    def send(self, tenant_id: str | None, kind: str, message: str, detail: dict[str, Any]) -> None:
        logger.warning("alert", extra={"alert_kind": kind, "tenant_id": tenant_id, "alert": message, "detail": detail})


@dataclass(frozen=True)
class Alert:
    tenant_id: str | None  # None: about the whole platform (the shared work queue)
    kind: str
    subject: str  # what it is about: the cool-down key
    message: str
    detail: dict[str, Any] = field(default_factory=dict)


AlertOutcome = Literal["sent", "suppressed", "undelivered"]


def raise_alert(
    db: Database, sink: AlertSink, alert: Alert, now: dt.datetime, cooldown: dt.timedelta | None
) -> AlertOutcome:
    """Send and record an alert unless the same one was delivered within the cool-down (None: ever)."""
    with db.connect() as conn:
        store.lock_alert(conn, alert.kind, alert.subject)
        if store.delivered_since(
            conn, alert.tenant_id, alert.kind, alert.subject, now - cooldown if cooldown else None
        ):
            return "suppressed"
        error = None
        try:
            sink.send(alert.tenant_id, alert.kind, alert.message, alert.detail)
        except Exception as exc:  # an undelivered alert is kept and retried on the next run, never lost silently
            error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.exception("alert not delivered", extra={"alert_kind": alert.kind, "subject": alert.subject})
        store.insert_alert(conn, alert.tenant_id, alert.kind, alert.subject, alert.message, alert.detail, error, now)
    return "sent" if error is None else "undelivered"


def list_alerts(db: Database, tenant_id: str, limit: int = 200) -> list[StoredAlert]:
    """The tenant's alerts, newest first, with the platform-wide ones (a backlog slows every tenant)."""
    with db.connect() as conn:
        rows = store.list_alerts(conn, tenant_id, limit)
    return [StoredAlert.model_validate(row) for row in rows]


@dataclass(frozen=True)
class WatchdogPolicy:
    stuck_after: dt.timedelta = dt.timedelta(hours=1)
    backlog_threshold: int = 1000  # work-queue messages waiting or in flight
    cooldown: dt.timedelta = dt.timedelta(hours=6)  # a still-stuck role or a lasting backlog alerts again after this
    lookback: dt.timedelta = dt.timedelta(hours=24)  # completed cycles this recent are checked for zero jobs


def find_alerts(db: Database, queue: WorkQueue, now: dt.datetime, policy: WatchdogPolicy) -> list[Alert]:
    """What is wrong now: roles stuck in scraping, cycles that found no jobs, a processing backlog."""
    found: list[Alert] = []
    with db.connect() as conn:
        stuck = store.roles_scraping_since_before(conn, now - policy.stuck_after)
        completed = store.roles_completed_between(conn, now - policy.lookback, now)
    for role in stuck:
        minutes = int((now - role["started_at"]).total_seconds() // 60)
        found.append(Alert(
            str(role["tenant_id"]), "scrape_role_stuck", f"role:{role['id']}",
            f"role {role['title']!r} has been scraping for {minutes} minutes",
            {"role_id": str(role["id"]), "started_at": role["started_at"].isoformat(), "minutes": minutes},
        ))  # fmt: skip
    for role in completed:
        per_platform: dict[str, int] = role["cycle_jobs"]
        empty = sorted(p for p, n in per_platform.items() if n == 0)
        if per_platform and sum(per_platform.values()) > 0 and not empty:
            continue
        message = (
            f"platform(s) {', '.join(empty)} returned 0 jobs for role {role['title']!r}"
            if sum(per_platform.values()) > 0
            else f"the scrape of role {role['title']!r} found 0 jobs"
        )
        found.append(Alert(
            str(role["tenant_id"]), "zero_jobs_scraped",
            f"cycle:{role['id']}:{role['last_completed_at'].isoformat()}",  # one alert per cycle, ever
            message,
            {"role_id": str(role["id"]), "jobs_by_platform": per_platform, "empty_platforms": empty,
             "completed_at": role["last_completed_at"].isoformat()},
        ))  # fmt: skip
    depth = queue.depth()
    if depth > policy.backlog_threshold:
        found.append(Alert(
            None, "processing_backlog", "work_queue",
            f"{depth} messages are waiting in the work queue (threshold {policy.backlog_threshold})",
            {"depth": depth, "threshold": policy.backlog_threshold},
        ))  # fmt: skip
    return found


def run_scrape_watchdog(
    db: Database,
    queue: WorkQueue,
    sink: AlertSink,
    now: dt.datetime | None = None,
    policy: WatchdogPolicy | None = None,
) -> dict[str, Any]:
    """Check the scrape queue and the work queue, raise what is wrong, and keep quiet about what was just raised."""
    policy = policy or WatchdogPolicy()
    now = now or dt.datetime.now(dt.UTC)
    sent: dict[str, int] = {}
    outcomes: dict[str, int] = {"sent": 0, "suppressed": 0, "undelivered": 0}
    for alert in find_alerts(db, queue, now, policy):
        once = alert.kind == "zero_jobs_scraped"  # a finished cycle does not change: tell it once
        outcome = raise_alert(db, sink, alert, now, None if once else policy.cooldown)
        outcomes[outcome] += 1
        if outcome == "sent":
            sent[alert.kind] = sent.get(alert.kind, 0) + 1
    metrics.add_metric(name="ScrapeAlertsRaised", unit="Count", value=outcomes["sent"])
    metrics.add_metric(name="ScrapeAlertsUndelivered", unit="Count", value=outcomes["undelivered"])
    logger.info("scrape watchdog ran", extra={**outcomes, "by_kind": sent})
    return {"alerts": outcomes["sent"], "suppressed": outcomes["suppressed"],
            "undelivered": outcomes["undelivered"], "by_kind": sent}  # fmt: skip
