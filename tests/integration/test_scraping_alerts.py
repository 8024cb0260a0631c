"""The scrape watchdog on real Postgres: stuck roles, zero-job cycles, a backlog, cool-downs and undelivered alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hiring.principal import Principal, Role
from hiring.scraping.alerts import WatchdogPolicy, list_alerts, run_scrape_watchdog
from hiring.scraping.api_keys import ApiKeyService
from hiring.scraping.bots import ScraperPrincipal
from hiring.scraping.scrape_queue import ScrapeQueue, ScrapeUpload

HOUR = dt.timedelta(hours=1)


class RecordingSink:
    """The alert port as a list, so tests see exactly what would have gone to SNS."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str | None, str, str, dict[str, Any]]] = []
        self.fail = fail

    def send(self, tenant_id: str | None, kind: str, message: str, detail: dict[str, Any]) -> None:
        if self.fail:
            raise ConnectionError("topic unreachable")
        self.sent.append((tenant_id, kind, message, detail))


def _bot(container: Any, slug: str) -> ScraperPrincipal:
    tenant_id = container.identity.create_tenant(slug, slug.title())
    user_id = container.identity.create_user(tenant_id, f"admin@{slug}.test", "a long admin password", Role.ADMIN)
    keys = ApiKeyService(container.db)
    return keys.authenticate(keys.create(Principal(user_id, tenant_id, Role.ADMIN, "a"), "bot", 6000).key)


def _db_now(container: Any) -> dt.datetime:
    with container.db.connect() as conn:
        return conn.execute("SELECT now() AS at").fetchone()["at"]  # type: ignore[index, no-any-return]


@pytest.fixture
def bot(container: Any) -> ScraperPrincipal:
    return _bot(container, "acme")


@pytest.fixture
def scrape(container: Any) -> ScrapeQueue:
    return ScrapeQueue(container.db, container.queue, container.blobs)


def _claimed_role(scrape: ScrapeQueue, bot: ScraperPrincipal, title: str) -> str:
    role, _ = scrape.add_role(bot.tenant_id, title, [])
    claimed = scrape.next(bot)
    assert claimed is not None and claimed.id == role.id
    return str(role.id)


def test_a_role_scraping_for_over_an_hour_alerts_once_per_cool_down(
    container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal
) -> None:
    role = _claimed_role(scrape, bot, "Welder")
    sink = RecordingSink()
    start = _db_now(container)

    early = run_scrape_watchdog(container.db, container.queue, sink, start + 50 * dt.timedelta(minutes=1))
    first = run_scrape_watchdog(container.db, container.queue, sink, start + 61 * dt.timedelta(minutes=1))
    repeat = run_scrape_watchdog(container.db, container.queue, sink, start + 2 * HOUR)
    after_cool_down = run_scrape_watchdog(container.db, container.queue, sink, start + 8 * HOUR)

    assert (early["alerts"], first["alerts"], repeat["alerts"], after_cool_down["alerts"]) == (0, 1, 0, 1)
    assert repeat["suppressed"] == 1
    tenant_id, kind, message, detail = sink.sent[0]
    assert (tenant_id, kind, detail["role_id"]) == (bot.tenant_id, "scrape_role_stuck", role)
    assert "Welder" in message and "61 minutes" in message


def test_a_cycle_that_found_no_jobs_alerts_once(container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal) -> None:
    role = _claimed_role(scrape, bot, "Lighthouse keeper")
    scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=[]))
    scrape.complete(bot, role)
    sink = RecordingSink()
    now = _db_now(container) + dt.timedelta(minutes=5)

    run_scrape_watchdog(container.db, container.queue, sink, now)
    run_scrape_watchdog(container.db, container.queue, sink, now + 10 * HOUR)

    assert [(s[1], s[3]["jobs_by_platform"]) for s in sink.sent] == [("zero_jobs_scraped", {"indeed": 0})]
    assert "found 0 jobs" in sink.sent[0][2]


def test_a_platform_that_returned_nothing_in_a_productive_cycle_is_named(
    container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal
) -> None:
    role = _claimed_role(scrape, bot, "Baker")
    scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=[{"title": "Baker"}]))
    scrape.upload(bot, role, ScrapeUpload(platform="linkedin", jobs=[]))
    scrape.complete(bot, role)
    sink = RecordingSink()

    run_scrape_watchdog(container.db, container.queue, sink, _db_now(container) + dt.timedelta(minutes=5))

    [(_, kind, message, detail)] = sink.sent
    assert kind == "zero_jobs_scraped" and detail["empty_platforms"] == ["linkedin"]
    assert "linkedin returned 0 jobs" in message


def test_a_productive_cycle_raises_nothing(container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal) -> None:
    role = _claimed_role(scrape, bot, "Baker")
    scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=[{"title": "Baker"}]))
    scrape.complete(bot, role)
    sink = RecordingSink()

    result = run_scrape_watchdog(container.db, container.queue, sink, _db_now(container) + dt.timedelta(minutes=5))

    assert result["alerts"] == 0 and sink.sent == []


def test_a_work_queue_over_the_threshold_is_a_platform_backlog_alert(
    container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal
) -> None:
    for n in range(4):
        container.queue.send({"type": "match_job", "n": n})
    sink = RecordingSink()
    policy = WatchdogPolicy(backlog_threshold=3)
    now = _db_now(container)

    run_scrape_watchdog(container.db, container.queue, sink, now, policy)
    run_scrape_watchdog(container.db, container.queue, sink, now + HOUR, policy)

    [(tenant_id, kind, _, detail)] = sink.sent
    assert (tenant_id, kind, detail) == (None, "processing_backlog", {"depth": 4, "threshold": 3})


def test_an_undelivered_alert_is_kept_and_sent_on_the_next_run(
    container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal
) -> None:
    _claimed_role(scrape, bot, "Welder")
    later = _db_now(container) + 2 * HOUR

    failed = run_scrape_watchdog(container.db, container.queue, RecordingSink(fail=True), later)
    sink = RecordingSink()
    retried = run_scrape_watchdog(container.db, container.queue, sink, later + dt.timedelta(minutes=5))

    assert (failed["undelivered"], retried["alerts"]) == (1, 1)
    stored = list_alerts(container.db, bot.tenant_id)
    assert [(a.delivered, a.delivery_error is None) for a in stored] == [(True, True), (False, False)]


def test_each_tenant_lists_its_own_alerts_and_the_platform_ones(
    container: Any, scrape: ScrapeQueue, bot: ScraperPrincipal
) -> None:
    _claimed_role(scrape, bot, "Welder")
    other = _bot(container, "globex")
    container.queue.send({"type": "match_job"})
    run_scrape_watchdog(
        container.db,
        container.queue,
        RecordingSink(),
        _db_now(container) + 2 * HOUR,
        WatchdogPolicy(backlog_threshold=0),
    )

    mine = {a.kind for a in list_alerts(container.db, bot.tenant_id)}
    theirs = {a.kind for a in list_alerts(container.db, other.tenant_id)}

    assert mine == {"scrape_role_stuck", "processing_backlog"}
    assert theirs == {"processing_backlog"}
