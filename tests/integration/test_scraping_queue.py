"""The rotating scrape queue on real Postgres: order, claims under concurrency, uploads, tenants, derived roles."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from hiring.errors import Conflict, NotFound
from hiring.principal import Principal, Role
from hiring.scraping.api_keys import ApiKeyService
from hiring.scraping.bots import ScraperPrincipal
from hiring.scraping.scrape_queue import QueuePolicy, ScrapeQueue, ScrapeUpload, rebuild_scrape_roles, role_candidates


def _admin(container: Any, slug: str) -> Principal:
    tenant_id = container.identity.create_tenant(slug, slug.title())
    email = f"admin@{slug}.test"
    user_id = container.identity.create_user(tenant_id, email, "a long admin password", Role.ADMIN)
    return Principal(user_id, tenant_id, Role.ADMIN, email)


def _bot(container: Any, admin: Principal) -> ScraperPrincipal:
    keys = ApiKeyService(container.db)
    return keys.authenticate(keys.create(admin, "bot", 6000).key)


def _messages(container: Any, kind: str) -> list[dict[str, Any]]:
    return [m.body for m in container.queue.receive(max_messages=100) if m.body["type"] == kind]


def _sql(container: Any, sql: str, *params: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def acme(container: Any) -> Principal:
    return _admin(container, "acme")


@pytest.fixture
def bot(container: Any, acme: Principal) -> ScraperPrincipal:
    return _bot(container, acme)


@pytest.fixture
def scrape(container: Any) -> ScrapeQueue:
    return ScrapeQueue(container.db, container.queue, container.blobs, QueuePolicy(inline_limit_bytes=2000))


def _roles(scrape: ScrapeQueue, tenant_id: str, *titles: str) -> list[str]:
    return [str(scrape.add_role(tenant_id, title, [])[0].id) for title in titles]


def test_next_hands_out_the_oldest_pending_role_and_complete_sends_it_to_the_back(
    scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    first, second, third = _roles(scrape, acme.tenant_id, "Data Engineer", "Nurse", "Welder")

    claimed = scrape.next(bot)
    assert claimed is not None and str(claimed.id) == first and claimed.status == "scraping"
    scrape.complete(bot, first)

    order = [scrape.next(bot) for _ in range(4)]
    assert [str(r.id) if r else None for r in order] == [second, third, first, None]
    scrape.complete(bot, third)
    scrape.complete(bot, second)
    again = [scrape.next(bot) for _ in range(3)]
    assert [str(r.id) if r else None for r in again] == [third, second, None]  # in the order they were completed


def test_a_failed_role_records_the_error_and_waits_out_a_growing_backoff(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Welder")

    scrape.next(bot)
    first = scrape.fail(bot, role, "captcha on page 2")
    assert scrape.next(bot) is None  # backing off
    _sql(container, "UPDATE scrape_roles SET next_attempt_at = now() - interval '1 second'")
    handed = scrape.next(bot)
    assert handed is not None and str(handed.id) == role
    second = scrape.fail(bot, role, "captcha again")

    [row] = _sql(
        container, "SELECT retry_count, last_error, next_attempt_at - last_failed_at AS wait FROM scrape_roles"
    )
    assert (first.retry_count, second.retry_count) == (1, 2)
    assert row["retry_count"] == 2 and row["last_error"] == "captcha again"
    assert row["wait"].total_seconds() == 120  # 60 s, then 120 s


def test_complete_or_fail_without_a_claim_is_a_conflict(
    scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Chef")

    with pytest.raises(Conflict):
        scrape.complete(bot, role)
    with pytest.raises(Conflict):
        scrape.fail(bot, role, "x")


def test_concurrent_next_calls_never_hand_out_the_same_role(
    scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    roles = set(_roles(scrape, acme.tenant_id, *[f"Role {c}" for c in "abcdef"]))
    barrier = threading.Barrier(6)
    got: list[str | None] = []
    lock = threading.Lock()

    def claim() -> None:
        barrier.wait()
        for _ in range(2):
            role = scrape.next(bot)
            with lock:
                got.append(str(role.id) if role else None)

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    handed = [r for r in got if r is not None]
    assert sorted(handed) == sorted(roles)  # each exactly once
    assert got.count(None) == 6


def test_a_bot_never_sees_or_touches_another_tenants_roles(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Pilot")
    other = _bot(container, _admin(container, "globex"))

    assert scrape.next(other) is None
    with pytest.raises(NotFound):
        scrape.upload(other, role, ScrapeUpload(platform="indeed", jobs=[{"title": "Pilot"}]))
    scrape.next(bot)
    with pytest.raises(NotFound):
        scrape.complete(other, role)
    assert scrape.status(other.tenant_id).roles.scraping == 0
    assert scrape.status(acme.tenant_id).roles.scraping == 1


def test_an_upload_is_recorded_and_queued_as_one_small_message(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Baker")
    jobs = [{"title": "Baker", "company": "Crumbs", "external_id": "1", "description": "bread"}]

    result = scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=jobs))

    assert result.status == "queued" and result.job_count == 1 and result.refused == []
    [message] = _messages(container, "import_scraped")
    assert message == {
        "type": "import_scraped", "tenant_id": acme.tenant_id, "role_id": role, "upload_id": str(result.id),
        "platform": "indeed", "job_count": 1, "jobs": jobs, "batch_id": str(result.batch_id),
    }  # fmt: skip
    [batch] = _sql(container, "SELECT id::text, status, source FROM import_batches")
    assert batch == {"id": str(result.batch_id), "status": "queued", "source": f"scraper:{result.id}"}
    [row] = _sql(container, "SELECT platform, job_count, status, key_id::text FROM scrape_uploads")
    assert row == {"platform": "indeed", "job_count": 1, "status": "queued", "key_id": bot.key_id}


def test_an_upload_queues_its_clean_jobs_and_refuses_one_holding_a_control_character_with_a_record(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Baker")
    jobs = [{"title": "Baker", "external_id": "1"}, {"title": "Bak\x00er", "external_id": "2"}]

    result = scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=jobs))

    assert (result.job_count, result.status) == (1, "queued")
    assert [(r.row, r.reason) for r in result.refused] == [(2, "jobs.1.title holds a NUL or control character")]
    [message] = _messages(container, "import_scraped")
    assert message["jobs"] == [jobs[0]]
    [rejection] = _sql(container, "SELECT kind, source, reason, detail FROM rejected_inputs")
    assert (rejection["kind"], rejection["source"]) == ("scrape_upload", f"scraper:{bot.prefix}")
    assert rejection["reason"] == "1 of 2 jobs refused" and rejection["detail"]["refused"][0]["row"] == 2
    assert "Bak\\u0000er" in rejection["detail"]["refused"][0]["raw"]  # the row as JSON, its NUL escaped


def test_a_large_upload_travels_as_a_blob_key(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Baker")
    jobs = [{"title": f"Baker {i}", "description": "bread " * 50} for i in range(20)]

    result = scrape.upload(bot, role, ScrapeUpload(platform="dice", jobs=jobs))

    [message] = _messages(container, "import_scraped")
    assert "jobs" not in message
    assert message["blob_key"] == f"scrapes/{acme.tenant_id}/{role}/{result.id}.json"
    assert len(json.dumps(message)) < 1000
    assert json.loads(container.blobs.get(message["blob_key"])) == {"platform": "dice", "jobs": jobs}


def test_complete_counts_the_cycles_jobs_per_platform_and_queues_matching(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    [role] = _roles(scrape, acme.tenant_id, "Baker")
    scrape.upload(bot, role, ScrapeUpload(platform="early", jobs=[{"title": "before the claim"}]))
    scrape.next(bot)
    scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=[{"title": "a"}, {"title": "b"}]))
    scrape.upload(bot, role, ScrapeUpload(platform="linkedin", jobs=[]))

    done = scrape.complete(bot, role)

    assert done.jobs_by_platform == {"indeed": 2, "linkedin": 0} and done.jobs == 2 and str(done.id) == role
    assert _messages(container, "match_role_candidates") == [
        {"type": "match_role_candidates", "tenant_id": acme.tenant_id, "role_id": role}
    ]
    assert [r["status"] for r in _sql(container, "SELECT status FROM scrape_uploads ORDER BY created_at")] == [
        "queued", "queued", "empty"
    ]  # fmt: skip


def test_status_summarises_states_the_next_role_stuck_roles_and_todays_uploads(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    stuck, waiting, pending = _roles(scrape, acme.tenant_id, "Stuck role", "Waiting role", "Pending role")
    scrape.next(bot)
    scrape.upload(bot, stuck, ScrapeUpload(platform="indeed", jobs=[{"title": "x"}] * 3))
    scrape.next(bot)
    scrape.fail(bot, waiting, "timeout")
    _sql(container, "UPDATE scrape_roles SET started_at = now() - interval '2 hours' WHERE id = %s", stuck)

    status = scrape.status(acme.tenant_id)

    assert status.roles.model_dump() == {"pending": 1, "waiting_retry": 1, "scraping": 1, "stuck": 1, "retired": 0}
    assert status.oldest_pending is not None and str(status.oldest_pending.id) == pending
    assert [str(r.id) for r in status.stuck] == [stuck]
    assert (status.uploads_today.uploads, status.uploads_today.jobs) == (1, 3)


def test_adding_the_same_role_twice_merges_its_location_hints(scrape: ScrapeQueue, acme: Principal) -> None:
    first, created = scrape.add_role(acme.tenant_id, "Senior Software Engineer", ["Berlin", "Remote"])
    again, created_again = scrape.add_role(acme.tenant_id, "software engineer II", ["remote", "Lisbon"])

    assert (created, created_again) == (True, False)
    assert first.id == again.id and again.normalized_title == "software engineer"
    assert again.location_hints == ["Berlin", "Remote", "Lisbon"]


def _resume(container: Any, tenant_id: str, name: str, experience: list[dict[str, Any]], location: str | None) -> str:
    profile = {"name": name, "location": location, "experience": experience}
    [row] = _sql(
        container,
        "INSERT INTO resumes (tenant_id, source, filename, inbox_key, status, profile)"
        " VALUES (%s, 'api', %s, %s, 'parsed', %s) RETURNING id::text",
        tenant_id, f"{name}.pdf", f"inbox/{name}.pdf", profile,
    )  # fmt: skip
    return str(row["id"])


def test_rebuild_derives_roles_from_each_candidates_most_recent_title(
    container: Any, scrape: ScrapeQueue, acme: Principal
) -> None:
    scrape.add_role(acme.tenant_id, "Software Engineer", ["Remote"])
    ada = _resume(container, acme.tenant_id, "ada", [
        {"title": "Nurse", "start": "2015-01", "end": "2018-01"},
        {"title": "Senior Software Engineer", "start": "2019-03", "current": True, "location": "Berlin"},
    ], "Berlin, Germany")  # fmt: skip
    bob = _resume(container, acme.tenant_id, "bob", [{"title": "Software Engineer II", "start": "2020-01"}], "Lisbon")
    _resume(container, acme.tenant_id, "cy", [{"title": "Data Scientist", "start": "2021-01"}], None)
    _resume(container, _admin(container, "globex").tenant_id, "eve", [{"title": "Data Scientist"}], None)

    summary = rebuild_scrape_roles(container.db, acme.tenant_id)

    roles = {r.normalized_title: r for r in scrape.list_roles(acme.tenant_id)}
    assert (summary.roles, summary.candidates, summary.skipped) == (2, 3, None)
    assert set(roles) == {"software engineer", "data scientist"}
    assert roles["software engineer"].candidate_count == 2
    assert roles["software engineer"].location_hints == ["Remote"]  # an admin's role keeps its curated hints
    assert roles["data scientist"].candidate_count == 1  # the other tenant's candidate does not count
    assert sorted(role_candidates(container.db, acme.tenant_id, str(roles["software engineer"].id))) == sorted(
        [ada, bob]
    )


def test_a_derived_role_with_no_candidates_left_is_retired_from_the_rotation(
    container: Any, scrape: ScrapeQueue, acme: Principal, bot: ScraperPrincipal
) -> None:
    resume = _resume(container, acme.tenant_id, "cy", [{"title": "Data Scientist", "location": "Oslo"}], "Oslo")
    rebuild_scrape_roles(container.db, acme.tenant_id)
    [role] = scrape.list_roles(acme.tenant_id)
    assert role.location_hints == ["Oslo"] and role.source == "resumes"

    _sql(container, "DELETE FROM resumes WHERE id = %s", resume)
    summary = rebuild_scrape_roles(container.db, acme.tenant_id)

    assert summary.retired == 1
    assert scrape.next(bot) is None
