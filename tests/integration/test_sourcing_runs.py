"""Sourcing runs against real Postgres (issue 14): keywords and boolean strings generated from the job's analysis,
the same for the same job, audited; another tenant's job or run is a 404; a job not yet analysed is a 409; the
run's rows are behind row-level security."""

from __future__ import annotations

from typing import Any

import pytest

from hiring.adapters.postgres import current_tenant
from hiring.analysis.occupations import normalize_title
from hiring.errors import Conflict, NotFound
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from hiring.services.sourcing import SourcingService
from hiring.sourcing.keywords import alternate_titles, boolean_strings, skill_aliases

POSTING = "Requirements:\n• 5+ years of Python\n• Kubernetes in production\n• PostgreSQL\nNice to have: Terraform."


def _user(container: Any, tenant_id: str, email: str) -> Principal:
    user_id = container.identity.create_user(tenant_id, email, "a long password 1", Role.RECRUITER)
    return Principal(user_id, tenant_id, Role.RECRUITER, email)


def _job(container: Any, staff: Principal, analyze: bool = True) -> str:
    job = container.jobs.create(
        staff, JobPosting(title="Senior Backend Engineer", description=POSTING, location="Berlin, Germany")
    )
    if analyze:
        container.jobs.analyze(staff.tenant_id, str(job.id))
    return str(job.id)


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    acme = container.identity.create_tenant("acme", "Acme")
    globex = container.identity.create_tenant("globex", "Globex")
    return {
        "staff": _user(container, acme, "rec@acme.test"),
        "other": _user(container, globex, "rec@globex.test"),
        "service": SourcingService(container.db),
    }


def test_a_run_carries_titles_alternates_skills_aliases_and_locations(container: Any, world: dict[str, Any]) -> None:
    staff, service = world["staff"], world["service"]
    job = _job(container, staff)
    analysis = container.jobs.get(staff, job).analysis

    run = service.start_run(staff, job, None, None)

    keywords = run.keywords
    assert keywords.titles[0] == analysis["title"]
    assert keywords.titles[1] == normalize_title(analysis["title"]) == "back end engineer"  # no level word
    code = analysis["occupation"]["code"]
    assert keywords.occupation is not None and keywords.occupation.startswith(code)
    assert keywords.titles[2:] == alternate_titles(analysis["title"], code) and len(keywords.titles) > 2
    assert [s.skill for s in keywords.skills] == analysis["required_skills"]
    kubernetes = next(s for s in keywords.skills if s.skill == "Kubernetes")
    assert kubernetes.aliases == skill_aliases("Kubernetes") and "k8s" in skill_aliases("Kubernetes", limit=50)
    assert "Terraform" not in [s.skill for s in keywords.skills]  # preferred, not required
    assert keywords.locations == ["Berlin"] and run.locations == ["Berlin"]
    assert run.limit == 100 and run.status == "open" and run.created_by == staff.user_id
    assert '"Kubernetes"' in run.boolean_strings.strict and " AND " in run.boolean_strings.strict
    assert run.boolean_strings.strict.endswith('"Berlin"')
    assert run.boolean_strings == boolean_strings(keywords)


def test_the_same_job_gives_the_same_keywords_and_given_locations_win(container: Any, world: dict[str, Any]) -> None:
    staff, service = world["staff"], world["service"]
    job = _job(container, staff)
    first = service.start_run(staff, job, None, None)
    second = service.start_run(staff, job, None, None)
    assert first.id != second.id
    assert (first.keywords, first.boolean_strings) == (second.keywords, second.boolean_strings)

    placed = service.start_run(staff, job, ["Lisbon", " lisbon ", "Remote"], 25)
    assert placed.locations == ["Lisbon", "Remote"] and placed.limit == 25
    assert placed.boolean_strings.strict.endswith('("Lisbon" OR "Remote")')
    assert [r.id for r in service.list_runs(staff)] == [placed.id, second.id, first.id]
    assert [r.id for r in service.list_runs(staff, job_id=job, limit=1)] == [placed.id]


def test_a_run_is_audited_in_its_transaction(container: Any, world: dict[str, Any]) -> None:
    staff, service = world["staff"], world["service"]
    run = service.start_run(staff, _job(container, staff), ["Remote"], 10)
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT actor, kind, subject_id, detail FROM audit_log"
            " WHERE tenant_id = %s AND kind = 'sourcing_run_started'",
            (staff.tenant_id,),
        ).fetchall()
    assert [(r["actor"], r["subject_id"], r["detail"]["limit"]) for r in rows] == [(staff.user_id, run.id, 10)]


def test_another_tenants_job_or_run_is_not_found_and_an_unanalysed_job_conflicts(
    container: Any, world: dict[str, Any]
) -> None:
    staff, other, service = world["staff"], world["other"], world["service"]
    job = _job(container, staff)
    run = service.start_run(staff, job, None, None)
    with pytest.raises(NotFound):
        service.start_run(other, job, None, None)
    with pytest.raises(NotFound):
        service.get_run(other, run.id)
    with pytest.raises(NotFound):
        service.get_run(staff, "not-a-uuid")
    assert service.list_runs(other) == []
    with pytest.raises(Conflict):
        service.start_run(staff, _job(container, staff, analyze=False), None, None)


def test_row_level_security_hides_another_tenants_runs(container: Any, world: dict[str, Any]) -> None:
    staff, other, service = world["staff"], world["other"], world["service"]
    service.start_run(staff, _job(container, staff), None, None)
    token = current_tenant.set(other.tenant_id)
    try:
        with container.db.connect() as conn:
            seen = conn.execute("SELECT count(*) AS n FROM sourcing_runs").fetchone()["n"]
    finally:
        current_tenant.reset(token)
    assert seen == 0
