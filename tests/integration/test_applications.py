"""Applications against real Postgres: the snapshot, duplicates, the pipeline's rules and history, feedback,
ranked applicants and the funnel's figures."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.matching.weights import WeightSettings
from hiring.principal import Principal, Role
from hiring.services.application_models import ApplicantFilters
from hiring.services.applications import ApplicationService, allowed_next
from hiring.services.jobs import JobPosting
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "resumes"
BACKEND = "Requirements:\n• Python\n• PostgreSQL\n• Kubernetes\n• Haskell\n5+ years of experience."


def _user(container: Any, tenant_id: str, email: str, role: Role) -> Principal:
    return Principal(
        container.identity.create_user(tenant_id, email, "a long password 1", role), tenant_id, role, email
    )


def _job(container: Any, staff: Principal, title: str, description: str, analyze: bool = True) -> str:
    job = container.jobs.create(staff, JobPosting(title=title, description=description, location="Remote"))
    if analyze:
        container.jobs.analyze(staff.tenant_id, str(job.id))
    return str(job.id)


def _resume(container: Any, candidate: Principal, name: str) -> str:
    document = json.loads((FIXTURES / f"{name}.resume.json").read_text())
    result = container.resumes.import_json_resume(candidate, document)
    assert result.status == "parsed", result
    assert container.resumes.embed(candidate.tenant_id, result.id)
    return str(result.id)


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    tenant_id = container.identity.create_tenant("acme", "Acme")
    staff = _user(container, tenant_id, "rec@acme.test", Role.RECRUITER)
    ada = _user(container, tenant_id, "ada@acme.test", Role.CANDIDATE)
    bob = _user(container, tenant_id, "bob@acme.test", Role.CANDIDATE)
    service = ApplicationService(container.db, container.matching, container.resumes.ensure_visible)
    return {
        "staff": staff, "ada": ada, "bob": bob, "service": service,
        "job": _job(container, staff, "Backend Engineer", BACKEND),
        "ada_resume": _resume(container, ada, "okafor"), "bob_resume": _resume(container, bob, "raman"),
    }  # fmt: skip


def test_applying_snapshots_the_match_and_later_rescoring_leaves_it(container, world) -> None:  # type: ignore[no-untyped-def]
    service, ada, job = world["service"], world["ada"], world["job"]
    fit = container.matching.fit(ada, world["ada_resume"], job)

    applied = service.apply(ada, job, world["ada_resume"])

    assert (applied.status, applied.score, applied.grade) == ("applied", fit.score, fit.grade)
    detail = service.get(ada, applied.id)
    assert detail.scored_from == "on_demand" and detail.weights_version == fit.weights_version
    assert detail.breakdown == fit.breakdown and detail.explanation == fit.explanation
    assert detail.missing_skills == fit.breakdown["components"]["required_skills"]["missing"]
    admin = _user(container, ada.tenant_id, "boss@acme.test", Role.ADMIN)
    for level in ("entry", "mid", "senior"):
        container.matching.set_weights(admin, WeightSettings(level=level, weights={"required_skills": 0}))
    assert container.matching.fit(ada, world["ada_resume"], job).weights_version != fit.weights_version
    after = service.get(world["staff"], applied.id)
    assert (after.score, after.weights_version) == (fit.score, fit.weights_version)


def test_applying_twice_closed_or_unanalysed_jobs_and_others_resumes_are_refused(container, world) -> None:  # type: ignore[no-untyped-def]
    service, ada, staff = world["service"], world["ada"], world["staff"]
    first = service.apply(ada, world["job"], world["ada_resume"])
    with pytest.raises(Conflict) as twice:
        service.apply(ada, world["job"], world["ada_resume"])
    assert twice.value.detail["application_id"] == first.id
    pending = _job(container, staff, "Data Engineer", "Requirements:\n• Python", analyze=False)
    with pytest.raises(Conflict, match="not analysed"):
        service.apply(ada, pending, world["ada_resume"])
    closed = _job(container, staff, "Data Engineer", "Requirements:\n• Python")
    container.jobs.close(staff, closed)
    with pytest.raises(Conflict, match="closed"):
        service.apply(ada, closed, world["ada_resume"])
    with pytest.raises(NotFound):
        service.apply(ada, world["job"], world["bob_resume"])  # bob's resume is not ada's to send


def test_the_pipeline_moves_one_stage_at_a_time_and_records_who_and_why(container, world) -> None:  # type: ignore[no-untyped-def]
    service, ada, staff = world["service"], world["ada"], world["staff"]
    app_id = service.apply(ada, world["job"], world["ada_resume"]).id

    with pytest.raises(InvalidInput) as skipped:
        service.change_status(staff, app_id, "interview", None)
    assert skipped.value.detail["allowed"] == ["screening", "rejected"]
    with pytest.raises(InvalidInput):
        service.change_status(ada, app_id, "screening", None)  # a candidate only withdraws
    assert service.change_status(staff, app_id, "screening", None).changed
    assert not service.change_status(staff, app_id, "screening", None).changed  # again: nothing to change
    with pytest.raises(InvalidInput, match="reason"):
        service.change_status(staff, app_id, "rejected", "  ")
    service.change_status(staff, app_id, "rejected", "Needs more Kubernetes")
    with pytest.raises(InvalidInput, match="closed"):
        service.change_status(ada, app_id, "withdrawn", None)

    history = service.get(ada, app_id).history
    assert [(h.from_status, h.to_status, h.actor_role, h.reason) for h in history] == [
        (None, "applied", "candidate", None), ("applied", "screening", "recruiter", None),
        ("screening", "rejected", "recruiter", "Needs more Kubernetes"),
    ]  # fmt: skip
    assert str(history[1].actor_user_id) == staff.user_id and history[1].actor_email == "rec@acme.test"
    assert allowed_next("offer", Role.ADMIN) == ["hired", "rejected"] and allowed_next("hired", Role.ADMIN) == []


def test_a_rejection_gives_feedback_from_the_snapshots_gaps(container, world) -> None:  # type: ignore[no-untyped-def]
    service, ada, staff = world["service"], world["ada"], world["staff"]
    app_id = service.apply(ada, world["job"], world["ada_resume"]).id
    assert service.get(ada, app_id).feedback is None
    service.change_status(staff, app_id, "rejected", "We chose a more senior engineer.")

    detail = service.get(ada, app_id)

    assert detail.feedback is not None and detail.feedback.reason == "We chose a more senior engineer."
    skills = [g.skill for g in detail.feedback.gaps if g.kind == "missing_skill"]
    assert skills == detail.missing_skills and "Haskell" in skills
    experience = detail.breakdown["components"]["experience"]
    gaps = [g for g in detail.feedback.gaps if g.kind == "experience"]
    if experience["gap_years"] > 0:
        assert gaps and f"{experience['gap_years']:g} more years" in gaps[0].to_close
    else:
        assert gaps == []
    assert service.get(ada, app_id).feedback == detail.feedback  # deterministic


def test_applicants_rank_best_first_with_percentiles_and_filters(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff, job = world["service"], world["staff"], world["job"]
    a = service.apply(world["ada"], job, world["ada_resume"])
    b = service.apply(world["bob"], job, world["bob_resume"])

    ranked = service.applicants(staff, job, ApplicantFilters())

    assert [r.score for r in ranked] == sorted([a.score, b.score], reverse=True)
    assert ranked[0].percentile == 100.0 and ranked[1].percentile == 50.0
    assert {r.candidate.email for r in ranked} == {"ada@acme.test", "bob@acme.test"}
    assert all(r.candidate.name for r in ranked)
    best = ranked[0]
    assert [r.application_id for r in service.applicants(staff, job, ApplicantFilters(min_score=best.score))] == [
        best.application_id
    ]
    assert service.applicants(staff, job, ApplicantFilters(grade=best.grade))[0].application_id == best.application_id
    years = max(r.years_experience or 0 for r in ranked)
    assert all(
        (r.years_experience or 0) >= years for r in service.applicants(staff, job, ApplicantFilters(min_years=years))
    )
    service.change_status(staff, str(best.application_id), "screening", None)
    screening = service.applicants(staff, job, ApplicantFilters(status="screening"))
    assert [r.application_id for r in screening] == [best.application_id] and screening[0].percentile == 100.0
    if best.matched_skills:
        skill = best.matched_skills[0]
        wanted = [r for r in ranked if skill in r.matched_skills]
        assert len(service.applicants(staff, job, ApplicantFilters(skills=[skill.upper()]))) == len(wanted)


def test_the_funnel_counts_stages_conversions_and_median_time_in_stage(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff, job = world["service"], world["staff"], world["job"]
    a = service.apply(world["ada"], job, world["ada_resume"]).id
    b = service.apply(world["bob"], job, world["bob_resume"]).id
    service.change_status(staff, a, "screening", None)
    service.change_status(staff, b, "screening", None)
    service.change_status(staff, a, "interview", None)
    service.change_status(staff, b, "rejected", "not now")
    with container.db.connect() as conn:  # the stays in "applied": 2 and 4 days; in "screening": 1 and 3 days
        for app_id, applied_days, screening_days in ((a, 2, 1), (b, 4, 3)):
            conn.execute(
                "UPDATE application_events SET created_at = CASE to_status"
                " WHEN 'applied' THEN timestamptz '2026-01-01'"
                " WHEN 'screening' THEN timestamptz '2026-01-01' + make_interval(days => %s)"
                " ELSE timestamptz '2026-01-01' + make_interval(days => %s) END WHERE application_id = %s",
                (applied_days, applied_days + screening_days, app_id),
            )

    funnel = service.funnel(staff, job)

    stages = {s.status: s for s in funnel.stages}
    assert funnel.total == 2 and funnel.sources == {"applied": 2}
    assert (stages["applied"].reached, stages["screening"].reached, stages["interview"].reached) == (2, 2, 1)
    assert (stages["interview"].current, stages["rejected"].current) == (1, 1)
    assert stages["applied"].conversion_to_next == 1.0 and stages["screening"].conversion_to_next == 0.5
    assert stages["applied"].median_days_in_stage == 3.0 and stages["screening"].median_days_in_stage == 2.0
    assert stages["interview"].median_days_in_stage is None  # still in it
    assert service.funnel(staff).total == 2
    other = container.identity.create_tenant("globex", "Globex")
    outsider = _user(container, other, "rec@globex.test", Role.RECRUITER)
    assert service.funnel(outsider).total == 0
    with pytest.raises(NotFound):
        service.get(outsider, a)


def test_who_refused_automated_ranking_is_listed_unranked_for_manual_review(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff, job, bob = world["service"], world["staff"], world["job"], world["bob"]
    a = service.apply(world["ada"], job, world["ada_resume"])
    b = service.apply(bob, job, world["bob_resume"])
    with container.db.connect() as conn:  # what PUT /api/me/privacy {automated_ranking: false} stores
        conn.execute(
            "INSERT INTO privacy_settings (user_id, tenant_id, automated_ranking) VALUES (%s, %s, false)",
            (bob.user_id, bob.tenant_id),
        )

    listed = service.applicants(staff, job, ApplicantFilters())

    assert [str(r.application_id) for r in listed] == [a.id, b.id]
    assert (listed[0].manual_review, listed[0].score, listed[0].percentile) == (False, a.score, 100.0)
    assert (listed[1].manual_review, listed[1].score, listed[1].grade, listed[1].percentile) == (True, None, None, None)
    assert listed[1].candidate.email == "bob@acme.test"
    assert [str(r.application_id) for r in service.applicants(staff, job, ApplicantFilters(min_score=0))] == [a.id]


def test_applying_and_every_move_are_audited_without_the_reason(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff = world["service"], world["staff"]
    app_id = service.apply(world["ada"], world["job"], world["ada_resume"]).id
    service.change_status(staff, app_id, "rejected", "Private words about Ada")
    service.change_status(staff, app_id, "rejected", "again")  # no change: nothing audited

    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT actor, kind, detail FROM audit_log WHERE subject_kind = 'application' AND subject_id = %s"
            " ORDER BY id",
            (app_id,),
        ).fetchall()

    assert [(r["actor"], r["kind"]) for r in rows] == [
        (world["ada"].user_id, "application_created"), (staff.user_id, "application_status"),
    ]  # fmt: skip
    assert rows[0]["detail"]["weights_version"] and rows[1]["detail"] == {"from": "applied", "to": "rejected",
                                                                          "role": "recruiter"}  # fmt: skip
    assert "Private" not in str(rows)


# --- staff-created applications (issue 12: sources) -----------------------------------------------------------


def test_staff_add_a_sourced_person_who_becomes_the_applicant_with_the_snapshot(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff, ada, job = world["service"], world["staff"], world["ada"], world["job"]
    fit = container.matching.fit(ada, world["ada_resume"], job)

    added = service.add_applicant(staff, job, world["ada_resume"], "sourced", "Met at PyCon")

    assert (added.status, added.source, added.candidate_user_id) == ("applied", "sourced", ada.user_id)
    assert (added.score, added.grade, added.weights_version) == (fit.score, fit.grade, fit.weights_version)
    mine = service.get(ada, added.id)  # the person sees it among their own, without staff's note
    assert mine.breakdown == fit.breakdown and mine.source == "sourced" and mine.note is None
    assert service.get(staff, added.id).note == "Met at PyCon"
    assert [(h.actor_role, str(h.actor_user_id), h.to_status) for h in mine.history] == [
        ("recruiter", staff.user_id, "applied")
    ]
    with pytest.raises(Conflict) as again:  # the person applying themselves now finds the staff-made one
        service.apply(ada, job, world["ada_resume"])
    assert again.value.detail["application_id"] == added.id
    with pytest.raises(Conflict) as twice:
        service.add_applicant(staff, job, world["ada_resume"], "matched")
    assert twice.value.detail["application_id"] == added.id and "this person" in twice.value.message
    with container.db.connect() as conn:
        audit = conn.execute(
            "SELECT actor, detail FROM audit_log WHERE kind = 'application_created' AND subject_id = %s", (added.id,)
        ).fetchone()
    assert audit["actor"] == staff.user_id and audit["detail"]["source"] == "sourced"
    assert "PyCon" not in str(audit)


def test_staff_add_an_imported_resume_without_an_account_and_sources_are_counted(container, world) -> None:  # type: ignore[no-untyped-def]
    service, staff, job = world["service"], world["staff"], world["job"]
    imported = _resume(container, staff, "hendriks")  # staff's import: no candidate account behind it
    with container.db.connect() as conn:
        owner = conn.execute("SELECT owner_user_id FROM resumes WHERE id = %s", (imported,)).fetchone()
    assert owner["owner_user_id"] is None
    service.apply(world["ada"], job, world["ada_resume"])
    service.add_applicant(staff, job, world["bob_resume"], "matched")

    added = service.add_applicant(staff, job, imported, "imported")

    assert added.candidate_user_id is None and added.source == "imported"
    with pytest.raises(Conflict) as twice:
        service.add_applicant(staff, job, imported, "sourced")
    assert twice.value.detail["application_id"] == added.id
    ranked = {str(r.application_id): r for r in service.applicants(staff, job, ApplicantFilters())}
    assert ranked[added.id].source == "imported" and ranked[added.id].candidate.name
    assert sorted(r.source for r in ranked.values()) == ["applied", "imported", "matched"]
    assert service.funnel(staff, job).sources == {"applied": 1, "matched": 1, "imported": 1}
    assert service.get(staff, added.id).status == "applied"


def test_staff_adding_refuses_other_tenants_unparsed_resumes_and_unknown_sources(container, world) -> None:  # type: ignore[no-untyped-def]
    from tests.pdfs import RESUME_TEXT, text_pdf

    service, staff, job = world["service"], world["staff"], world["job"]
    other = container.identity.create_tenant("globex", "Globex")
    outsider = _user(container, other, "rec@globex.test", Role.RECRUITER)
    theirs = _resume(container, outsider, "hendriks")
    with pytest.raises(NotFound, match="job"):
        service.add_applicant(outsider, job, theirs, "sourced")  # acme's job, from globex
    with pytest.raises(NotFound, match="resume"):
        service.add_applicant(staff, job, theirs, "sourced")  # globex's resume, to acme's job
    pending = container.resumes.upload(world["ada"], "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    with pytest.raises(Conflict, match="not parsed"):
        service.add_applicant(staff, job, str(pending.id), "sourced")
    with pytest.raises(InvalidInput):
        service.add_applicant(staff, job, world["ada_resume"], "applied")  # only the candidate applies
    with container.db.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM applications").fetchone()["n"] == 0


def test_a_superseded_resume_version_is_refused_naming_the_active_one(container, world) -> None:  # type: ignore[no-untyped-def]
    service, ada, staff, job = world["service"], world["ada"], world["staff"], world["job"]
    old = world["ada_resume"]
    newer = _resume(container, ada, "okafor")  # ada's second upload: the new active version
    with container.db.connect() as conn:
        assert conn.execute("SELECT superseded_by FROM resumes WHERE id = %s", (old,)).fetchone()["superseded_by"]

    for attempt in (lambda: service.apply(ada, job, old), lambda: service.add_applicant(staff, job, old, "matched")):
        with pytest.raises(Conflict) as replaced:
            attempt()
        assert replaced.value.message == f"this resume was replaced by a newer version; apply with {newer}"
        assert replaced.value.detail["active_resume_id"] == newer
    assert service.apply(ada, job, newer).status == "applied"


def test_erasing_an_imported_resume_leaves_its_application_counted_without_the_words_about_the_person(
    container, world
) -> None:  # type: ignore[no-untyped-def]
    from hiring.api.deps import privacy_service

    service, staff, job = world["service"], world["staff"], world["job"]
    imported = _resume(container, staff, "hendriks")
    added = service.add_applicant(staff, job, imported, "imported", "Hendriks asked us not to call before noon")
    service.change_status(staff, added.id, "rejected", "Hendriks lacks Haskell")

    privacy_service().erase_resume(staff, imported)

    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT resume_id, note, rejection_reason, feedback_rephrasing, source FROM applications WHERE id = %s",
            (added.id,),
        ).fetchone()
        reasons = conn.execute(
            "SELECT reason FROM application_events WHERE application_id = %s", (added.id,)
        ).fetchall()
    assert row == {"resume_id": None, "note": None, "rejection_reason": None, "feedback_rephrasing": None,
                   "source": "imported"}  # fmt: skip
    assert [r["reason"] for r in reasons] == [None, None]
    assert service.funnel(staff, job).sources == {"imported": 1}


def test_creating_moving_and_hiring_are_counted_as_emf_metrics(container, world) -> None:  # type: ignore[no-untyped-def]
    from hiring.observability import metrics

    service, staff, job = world["service"], world["staff"], world["job"]
    metrics.clear_metrics()
    a = service.apply(world["ada"], job, world["ada_resume"]).id
    b = service.add_applicant(staff, job, world["bob_resume"], "sourced").id
    with pytest.raises(Conflict):
        service.apply(world["ada"], job, world["ada_resume"])  # refused: not counted
    for stage in ("screening", "interview", "offer", "hired"):
        service.change_status(staff, a, stage, None)
    service.change_status(staff, a, "hired", None)  # unchanged: not counted
    service.bulk_status(staff, [b, a], "screening", None)  # b moves, a is closed

    counted = {name: sum(entry["Value"]) for name, entry in metrics.metric_set.items()}
    metrics.clear_metrics()
    assert {k: counted.get(k) for k in ("ApplicationsCreated", "ApplicationMoves", "ApplicationsHired")} == {
        "ApplicationsCreated": 2.0, "ApplicationMoves": 5.0, "ApplicationsHired": 1.0,
    }  # fmt: skip
