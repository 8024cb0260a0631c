"""Ranked prospects against real Postgres (issue 14): scored against the run's job with the tenant's weights,
best first with tiers and evidence, filtered by tier and lowest score; weights are validated, audited and per
tenant."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from hiring.errors import InvalidInput, NotFound
from hiring.principal import Principal, Role
from hiring.scraping.bots import ScraperPrincipal
from hiring.services.jobs import JobPosting
from hiring.services.sourcing import SourcingService
from hiring.sourcing.enrichment import GitHubAdapter
from hiring.sourcing.profiles import ProfileUpload
from hiring.sourcing.scoring import DEFAULT_WEIGHTS
from tests.integration.test_sourcing_github import NOW, FakeGitHub

POSTING = "Requirements:\n• Python\n• PostgreSQL\n3+ years of experience."
FIT = {
    "name": "Fit Person", "profile_url": "https://example.org/fit", "source": "bot", "location": "Berlin",
    "skills": ["Python", "PostgreSQL"],
    "experience": [{"title": "Backend Engineer", "company": "Small Co", "start": "2018-01", "current": True,
                    "description": "Python and PostgreSQL"}],
}  # fmt: skip
FAR = {
    "name": "Far Person", "profile_url": "https://example.org/far", "source": "bot", "location": "Lima",
    "experience": [{"title": "Pastry Chef", "company": "Bakery", "start": "2025-01", "current": True}],
}  # fmt: skip


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    identity = container.identity
    acme, globex = identity.create_tenant("acme", "Acme"), identity.create_tenant("globex", "Globex")
    staff = Principal(identity.create_user(acme, "r@acme.test", "a long password 1", Role.RECRUITER), acme,
                      Role.RECRUITER, "r@acme.test")  # fmt: skip
    admin = Principal(identity.create_user(acme, "a@acme.test", "a long password 1", Role.ADMIN), acme,
                      Role.ADMIN, "a@acme.test")  # fmt: skip
    other = Principal(identity.create_user(globex, "a@globex.test", "a long password 1", Role.ADMIN), globex,
                      Role.ADMIN, "a@globex.test")  # fmt: skip
    job = container.jobs.create(staff, JobPosting(title="Backend Engineer", description=POSTING, location="Berlin"))
    container.jobs.analyze(acme, str(job.id))
    service = SourcingService(container.db)
    run = service.start_run(staff, str(job.id), ["Berlin"], None)
    bot = ScraperPrincipal(str(uuid.uuid4()), acme, "bot", "abcd1234")
    task = service.next_task(bot)
    assert task is not None
    service.upload_profiles(bot, task.id, ProfileUpload(profiles=[FAR, FIT]), b"{}")
    return {"service": service, "run": run, "staff": staff, "admin": admin, "other": other, "db": container.db}


def test_prospects_come_ranked_with_tiers_evidence_and_filters(world: dict[str, Any]) -> None:
    service, staff, run = world["service"], world["staff"], world["run"]
    ranked = service.prospects(staff, run.id)
    assert [(p.rank, p.name) for p in ranked] == [(1, "Fit Person"), (2, "Far Person")]
    assert ranked[0].score > ranked[1].score and ranked[1].tier == "REJECT"
    assert all(len(p.factors) == 6 and all(f.evidence for f in p.factors) for p in ranked)
    assert [f.weight for f in ranked[0].factors] == list(DEFAULT_WEIGHTS.values())

    assert [p.name for p in service.prospects(staff, run.id, tier="REJECT")] == ["Far Person"]
    above = service.prospects(staff, run.id, min_score=ranked[0].score)
    assert [(p.rank, p.name) for p in above] == [(1, "Fit Person")]
    with pytest.raises(InvalidInput):
        service.prospects(staff, run.id, tier="FAMOUS")


def test_tenant_weights_change_the_scores_and_are_audited(world: dict[str, Any]) -> None:
    service, staff, admin, run = world["service"], world["staff"], world["admin"], world["run"]
    before = {p.name: p.score for p in service.prospects(staff, run.id)}
    assert service.weights(staff).default is True

    location_heavy = {"experience": 5, "education": 5, "career_trajectory": 5, "company_relevance": 5,
                      "location": 75, "tenure": 5}  # fmt: skip
    saved = service.set_weights(admin, location_heavy)
    assert saved.default is False and service.weights(staff).weights == location_heavy
    after = {p.name: p.score for p in service.prospects(staff, run.id)}
    assert after != before and after["Far Person"] < before["Far Person"]
    assert service.weights(world["other"]).default is True  # another tenant keeps the defaults
    with world["db"].connect() as conn:
        kinds = [r["kind"] for r in conn.execute(
            "SELECT kind FROM audit_log WHERE tenant_id = %s AND kind = 'sourcing_weights_set'", (admin.tenant_id,)
        ).fetchall()]  # fmt: skip
    assert kinds == ["sourcing_weights_set"]

    for bad in ({**location_heavy, "location": 80}, {"experience": 100}, {**location_heavy, "tenure": -5,
                                                                        "location": 85}):  # fmt: skip
        with pytest.raises(InvalidInput):
            service.set_weights(admin, bad)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    """The local server answering the GitHub REST API's documented shapes (see test_sourcing_github)."""
    server = FakeGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_github_evidence_raises_the_skills_a_profile_does_not_list(world: dict[str, Any], github: FakeGitHub) -> None:
    service, staff, run = world["service"], world["staff"], world["run"]
    bot = ScraperPrincipal(str(uuid.uuid4()), staff.tenant_id, "bot", "abcd1234")
    [task] = service.tasks(staff, run.id)
    octo = {**FAR, "name": "Octo Cat", "profile_url": "https://example.org/octo", "github_login": "octo"}
    ghost = {**FAR, "name": "Ghost", "profile_url": "https://example.org/ghost", "github_login": "nobody-here"}
    service.upload_profiles(bot, task.id, ProfileUpload(profiles=[octo, ghost]), b"{}")
    before = {p.name: p for p in service.prospects(staff, run.id)}

    adapter = GitHubAdapter(f"http://127.0.0.1:{github.server_address[1]}", clock=lambda: NOW)
    result = service.enrich_run(staff, run.id, adapter)
    assert (result.enriched, result.not_found, result.rate_limited) == (1, 1, False)
    after = {p.name: p for p in service.prospects(staff, run.id)}
    assert after["Octo Cat"].enrichment is not None and "Python" in after["Octo Cat"].enrichment["skills"]
    assert after["Octo Cat"].score > before["Octo Cat"].score
    experience = after["Octo Cat"].factors[0]
    assert "Python" in experience.evidence[-1] and "public repositories" in experience.evidence[-1]
    assert after["Ghost"].score == before["Ghost"].score and after["Ghost"].enrichment == {"found": False}

    calls = len(github.requests)
    assert service.enrich_run(staff, run.id, adapter).enriched == 0 and len(github.requests) == calls  # done once
    github.remaining = 0
    with pytest.raises(NotFound):
        service.enrich_run(world["other"], run.id, adapter)
