"""Sourcing tasks against real Postgres (issue 14): a run becomes one task per location; bots claim them oldest
first, upload profiles (each row validated alone: bad rows refused with their reason and recorded, the others kept
once per run by profile URL, email or name + current company), complete or fail them (a backoff, then failed)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from hiring.errors import Conflict, NotFound
from hiring.principal import Principal, Role
from hiring.scraping.bots import ScraperPrincipal
from hiring.services.jobs import JobPosting
from hiring.services.sourcing import MAX_ATTEMPTS, SourcingService
from hiring.sourcing.profiles import ProfileUpload

POSTING = "Requirements:\n• Python\n• Kubernetes\n• PostgreSQL\n3+ years of experience."


def _profile(name: str, url: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "profile_url": url, "source": "linkedin-bot", **extra}


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    identity = container.identity
    acme, globex = identity.create_tenant("acme", "Acme"), identity.create_tenant("globex", "Globex")
    staff_id = identity.create_user(acme, "rec@acme.test", "a long password 1", Role.RECRUITER)
    staff = Principal(staff_id, acme, Role.RECRUITER, "rec@acme.test")
    job = container.jobs.create(staff, JobPosting(title="Platform Engineer", description=POSTING, location="Remote"))
    container.jobs.analyze(acme, str(job.id))
    service = SourcingService(container.db)
    run = service.start_run(staff, str(job.id), ["Berlin", "Remote"], 20)
    return {
        "staff": staff,
        "service": service,
        "run": run,
        "bot": ScraperPrincipal(str(uuid.uuid4()), acme, "bot", "abcd1234"),
        "outsider": ScraperPrincipal(str(uuid.uuid4()), globex, "bot", "efgh5678"),
        "container": container,
    }


def _rejections(container: Any, tenant_id: str) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return list(
            conn.execute(
                "SELECT kind, reason, detail FROM rejected_inputs WHERE tenant_id = %s AND kind = 'sourcing_upload'",
                (tenant_id,),
            ).fetchall()
        )


def test_a_run_becomes_one_task_per_location_handed_out_oldest_first(world: dict[str, Any]) -> None:
    service, bot, run = world["service"], world["bot"], world["run"]
    tasks = service.tasks(world["staff"], run.id)
    assert [(t.location, t.status) for t in tasks] == [("Berlin", "pending"), ("Remote", "pending")]
    assert tasks[0].query.endswith('"Berlin"') and '"Python"' in tasks[0].query

    first, second = service.next_task(bot), service.next_task(bot)
    assert first is not None and second is not None
    assert (first.id, second.id) == (tasks[0].id, tasks[1].id) and first.status == "claimed"
    assert first.limit == 20 and first.keywords == run.keywords
    assert service.next_task(bot) is None
    assert service.next_task(world["outsider"]) is None  # another tenant's bot sees none of them


def test_profiles_are_validated_row_by_row_and_kept_once_per_person(world: dict[str, Any]) -> None:
    service, bot, run = world["service"], world["bot"], world["run"]
    task = service.next_task(bot)
    assert task is not None
    ada = _profile(
        "Ada Lovelace",
        "https://www.example.org/in/ada/",
        email="Ada@Example.org",
        experience=[{"title": "Engineer", "company": "Analytical Engines", "current": True}],
        skills=["Python"],
    )
    rows = [
        ada,
        _profile("Ada Lovelace", "https://example.org/in/ada"),  # the same URL
        _profile("A. Lovelace", "https://other.example/ada", email="ada@example.org"),  # the same email
        _profile(  # the same name and current company
            "ada  lovelace", "https://third.example/x", experience=[{"company": "Analytical Engines!", "current": True}]
        ),
        _profile("Grace Hopper", "https://example.org/in/grace", github_login="ghopper"),
        {"name": "No Url", "source": "bot"},
        _profile("Bad\x00Name", "https://example.org/in/nul"),
        _profile("Bad Login", "https://example.org/in/x", github_login="-not-valid-"),
    ]
    accepted = service.upload_profiles(bot, task.id, ProfileUpload(profiles=rows), b"{}")

    assert (accepted.received, accepted.kept, accepted.duplicates) == (8, 2, 3)
    assert [r.row for r in accepted.refused] == [6, 7, 8]
    assert "profile_url" in accepted.refused[0].reason and "control character" in accepted.refused[1].reason
    assert "github_login" in accepted.refused[2].reason
    [rejection] = _rejections(world["container"], bot.tenant_id)
    assert rejection["reason"] == "3 of 8 profiles refused" and [r["row"] for r in rejection["detail"]["refused"]] == [
        6,
        7,
        8,
    ]
    names = [p.name for p in service.prospects(world["staff"], run.id)]
    assert names == ["Ada Lovelace", "Grace Hopper"]

    again = service.upload_profiles(bot, task.id, ProfileUpload(profiles=[rows[4]]), b"{}")
    assert (again.kept, again.duplicates) == (0, 1)  # a second upload of the same person, across uploads too
    assert service.tasks(world["staff"], run.id)[0].profiles_received == 6


def test_complete_and_fail_close_the_run_and_failures_back_off(world: dict[str, Any]) -> None:
    service, bot, run, staff = world["service"], world["bot"], world["run"], world["staff"]
    first, second = service.next_task(bot), service.next_task(bot)
    assert first is not None and second is not None

    assert service.complete(bot, first.id).status == "done"
    with pytest.raises(Conflict):
        service.complete(bot, first.id)  # done already
    failed = service.fail(bot, second.id, "HTTP 429 from the site")
    assert (failed.status, failed.attempts, failed.last_error) == ("pending", 1, "HTTP 429 from the site")
    assert service.next_task(bot) is None  # waiting out its backoff
    assert service.get_run(staff, run.id).status == "open"

    with world["container"].db.connect() as conn:  # the backoff has passed
        conn.execute("UPDATE sourcing_tasks SET next_attempt_at = now() WHERE id = %s", (second.id,))
    for attempt in range(2, MAX_ATTEMPTS + 1):
        retried = service.next_task(bot)
        assert retried is not None and retried.id == second.id
        failed = service.fail(bot, second.id, f"attempt {attempt}")
        with world["container"].db.connect() as conn:
            conn.execute("UPDATE sourcing_tasks SET next_attempt_at = now() WHERE id = %s", (second.id,))
    assert (failed.status, failed.attempts) == ("failed", MAX_ATTEMPTS)
    assert service.get_run(staff, run.id).status == "done"  # one task done, one failed


def test_another_tenants_bot_cannot_touch_a_task_and_an_unclaimed_task_refuses_uploads(
    world: dict[str, Any],
) -> None:
    service, bot, outsider = world["service"], world["bot"], world["outsider"]
    [task, _] = service.tasks(world["staff"], world["run"].id)
    with pytest.raises(Conflict):
        service.upload_profiles(bot, task.id, ProfileUpload(profiles=[]), b"{}")
    claimed = service.next_task(bot)
    assert claimed is not None
    for call in (
        lambda: service.upload_profiles(outsider, claimed.id, ProfileUpload(profiles=[]), b"{}"),
        lambda: service.complete(outsider, claimed.id),
        lambda: service.fail(outsider, claimed.id, "x"),
        lambda: service.complete(bot, "not-a-uuid"),
    ):
        with pytest.raises(NotFound):
            call()
