"""Applications over HTTP: a candidate uploads and applies, a recruiter ranks and moves them to hired, a rejection
carries feedback, the funnel counts it all, another tenant sees none of it."""

from __future__ import annotations

import json
from typing import Any

import httpx

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, text_pdf


def _candidate(http: httpx.Client, runtime: Any, email: str | None = None) -> tuple[dict[str, str], str, list[Any]]:
    if email is None:
        headers = login(http, DEMO_USERS[Role.CANDIDATE])
    else:
        registered = http.post(
            "/api/auth/register", json={"tenant": "demo", "email": email, "password": "a long password"}
        )
        assert registered.status_code == 201, registered.text
        headers = login(http, email, "a long password")
    uploaded = http.post("/api/resumes", headers=headers, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT))})
    assert uploaded.status_code == 202, uploaded.text
    runtime.drain()
    resume = uploaded.json()["id"]
    return headers, resume, http.get(f"/api/resumes/{resume}/matches", headers=headers).json()


def test_a_candidate_applies_and_a_recruiter_hires_them(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate(http, runtime)
    job = matches[0]["job_id"]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])

    applied = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": resume})
    again = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": resume})

    assert applied.status_code == 201, applied.text
    app_id = applied.json()["id"]
    assert applied.json()["status"] == "applied"
    assert applied.json()["score"] == matches[0]["score"] and applied.json()["grade"] == matches[0]["grade"]
    assert again.status_code == 409 and again.json()["error"]["detail"]["application_id"] == app_id
    mine = http.get("/api/applications", headers=candidate).json()
    assert [a["id"] for a in mine] == [app_id] and mine[0]["scored_from"] == "stored_match"
    listed = {m["job_id"]: m["status"] for m in http.get(f"/api/resumes/{resume}/matches", headers=candidate).json()}
    assert listed[job] == "applied"  # the candidate's match list agrees

    ranked = http.get(f"/api/jobs/{job}/applicants", headers=recruiter).json()
    assert ranked[0]["application_id"] == app_id and ranked[0]["percentile"] == 100.0
    assert ranked[0]["candidate"]["email"] == DEMO_USERS[Role.CANDIDATE]
    assert ranked[0]["matched_skills"] == matches[0]["matched_skills"]

    skipped = http.post(f"/api/applications/{app_id}/status", headers=recruiter, json={"status": "offer"})
    assert skipped.status_code == 422 and skipped.json()["error"]["detail"]["allowed"] == ["screening", "rejected"]
    for stage in ("screening", "interview", "offer", "hired"):
        moved = http.post(f"/api/applications/{app_id}/status", headers=recruiter, json={"status": stage})
        assert moved.status_code == 200 and moved.json()["changed"] is True, moved.text

    detail = http.get(f"/api/applications/{app_id}", headers=candidate).json()
    assert detail["status"] == "hired" and detail["allowed_next"] == []
    assert [(h["from_status"], h["to_status"], h["actor_role"]) for h in detail["history"]] == [
        (None, "applied", "candidate"), ("applied", "screening", "recruiter"), ("screening", "interview", "recruiter"),
        ("interview", "offer", "recruiter"), ("offer", "hired", "recruiter"),
    ]  # fmt: skip
    funnel = http.get(f"/api/jobs/{job}/funnel", headers=recruiter).json()
    stages = {s["status"]: s for s in funnel["stages"]}
    assert funnel["total"] == 1 and stages["hired"]["current"] == 1 and stages["applied"]["reached"] == 1
    assert stages["offer"]["conversion_to_next"] == 1.0 and funnel["sources"] == {"applied": 1}
    tenant = http.get("/api/admin/funnel", headers=login(http, DEMO_USERS[Role.ADMIN])).json()
    assert tenant["total"] >= 1 and tenant["job_id"] is None


def test_a_rejection_needs_a_reason_and_shows_the_candidate_feedback(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate(http, runtime)
    with_gaps = next(m for m in matches if m["missing_skills"])
    job = with_gaps["job_id"]
    app_id = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": resume}).json()["id"]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    path = f"/api/applications/{app_id}/status"

    no_reason = http.post(path, headers=recruiter, json={"status": "rejected"})
    not_theirs = http.post(path, headers=candidate, json={"status": "screening"})
    rejected = http.post(path, headers=recruiter, json={"status": "rejected", "reason": "We hired internally."})
    withdraw_late = http.post(path, headers=candidate, json={"status": "withdrawn"})

    assert no_reason.status_code == 422 and no_reason.json()["error"]["detail"]["field"] == "reason"
    assert not_theirs.status_code == 422 and not_theirs.json()["error"]["detail"]["allowed"] == ["withdrawn"]
    assert rejected.status_code == 200 and rejected.json()["previous"] == "applied"
    assert withdraw_late.status_code == 422
    feedback = http.get(f"/api/applications/{app_id}", headers=candidate).json()["feedback"]
    assert feedback["reason"] == "We hired internally."
    missing = [g["skill"] for g in feedback["gaps"] if g["kind"] == "missing_skill"]
    assert missing == with_gaps["missing_skills"]
    assert all(g["to_close"] for g in feedback["gaps"])


def test_a_candidate_withdraws_and_bulk_moves_report_each_item(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate(http, runtime)
    first = http.post("/api/applications", headers=candidate,
                      json={"job_id": matches[0]["job_id"], "resume_id": resume}).json()["id"]  # fmt: skip
    second = http.post("/api/applications", headers=candidate,
                       json={"job_id": matches[1]["job_id"], "resume_id": resume}).json()["id"]  # fmt: skip
    withdrawn = http.post(f"/api/applications/{first}/status", headers=candidate, json={"status": "withdrawn"})
    assert withdrawn.status_code == 200

    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    missing = "00000000-0000-0000-0000-000000000000"
    bulk = http.post("/api/applications/bulk-status", headers=recruiter,
                     json={"application_ids": [first, second, missing], "status": "screening"})  # fmt: skip

    assert bulk.status_code == 200, bulk.text
    outcomes = {r["application_id"]: r["outcome"] for r in bulk.json()["results"]}
    assert outcomes == {first: "invalid", second: "changed", missing: "not_found"} and bulk.json()["changed"] == 1
    screening = http.get(f"/api/jobs/{matches[1]['job_id']}/applicants?status=screening", headers=recruiter).json()
    assert [a["application_id"] for a in screening] == [second]


def test_applicant_filters_rank_and_narrow(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    first, resume, matches = _candidate(http, runtime)
    job = matches[0]["job_id"]
    http.post("/api/applications", headers=first, json={"job_id": job, "resume_id": resume})
    other, other_resume, _ = _candidate(http, runtime, "second@cand.test")
    http.post("/api/applications", headers=other, json={"job_id": job, "resume_id": other_resume})
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])

    everyone = http.get(f"/api/jobs/{job}/applicants", headers=recruiter).json()
    skill = everyone[0]["matched_skills"][0]
    assert len(everyone) == 2
    assert [a["score"] for a in everyone] == sorted((a["score"] for a in everyone), reverse=True)
    top = everyone[0]["score"]
    assert len(http.get(f"/api/jobs/{job}/applicants?min_score={top + 0.01}", headers=recruiter).json()) == 0
    assert len(http.get(f"/api/jobs/{job}/applicants?skills={skill}", headers=recruiter).json()) == 2
    nobody = http.get(f"/api/jobs/{job}/applicants?skills={skill},Cobol-Fortran-77", headers=recruiter).json()
    assert nobody == []
    assert len(http.get(f"/api/jobs/{job}/applicants?limit=1", headers=recruiter).json()) == 1
    bad = http.get(f"/api/jobs/{job}/applicants?grade=Z", headers=recruiter)
    assert bad.status_code == 422
    assert http.get(f"/api/jobs/{job}/applicants", headers=first).status_code == 403


def test_another_tenant_and_another_candidate_see_nothing(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate(http, runtime)
    job = matches[0]["job_id"]
    app_id = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": resume}).json()["id"]
    http.post("/api/tenants", json={"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test",
                                    "admin_password": "globex password 1"})  # fmt: skip
    globex = login(http, "boss@globex.test", "globex password 1")
    eve, _, _ = _candidate(http, runtime, "eve@cand.test")

    for headers in (globex, eve):
        assert http.get(f"/api/applications/{app_id}", headers=headers).status_code == 404
        assert http.get("/api/applications", headers=headers).json() == []
    assert (
        http.post(f"/api/applications/{app_id}/status", headers=globex, json={"status": "screening"}).status_code == 404
    )
    assert http.post(f"/api/applications/{app_id}/status", headers=eve, json={"status": "withdrawn"}).status_code == 404
    assert http.get(f"/api/jobs/{job}/applicants", headers=globex).status_code == 404
    assert http.get(f"/api/jobs/{job}/funnel", headers=globex).status_code == 404
    assert http.get("/api/admin/funnel", headers=globex).json()["total"] == 0
    # eve cannot apply with someone else's resume
    stolen = http.post("/api/applications", headers=eve, json={"job_id": job, "resume_id": resume})
    assert stolen.status_code == 404


def test_staff_add_sourced_and_imported_people_and_the_funnel_shows_the_sources(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate(http, runtime)
    job = matches[0]["job_id"]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    path = f"/api/jobs/{job}/applicants"
    document = {"basics": {"name": "Grace Hopper", "email": "grace@example.org"},
                "skills": [{"name": "Python"}, {"name": "PostgreSQL"}]}  # fmt: skip
    imported = http.post("/api/resumes/jsonresume", headers=recruiter, json=document)
    assert imported.status_code == 201, imported.text

    sourced = http.post(path, headers=recruiter, json={"resume_id": resume, "source": "sourced", "note": "Referral"})
    ownerless = http.post(path, headers=recruiter, json={"resume_id": imported.json()["id"], "source": "imported"})
    again = http.post(path, headers=recruiter, json={"resume_id": resume, "source": "matched"})
    applied_too = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": resume})

    assert sourced.status_code == 201, sourced.text
    assert sourced.json()["source"] == "sourced" and sourced.json()["score"] == matches[0]["score"]
    assert ownerless.status_code == 201 and ownerless.json()["candidate_user_id"] is None, ownerless.text
    for refused in (again, applied_too):
        assert (
            refused.status_code == 409 and refused.json()["error"]["detail"]["application_id"] == sourced.json()["id"]
        )
    mine = http.get("/api/applications", headers=candidate).json()
    assert [(a["id"], a["source"]) for a in mine] == [(sourced.json()["id"], "sourced")]
    detail = http.get(f"/api/applications/{sourced.json()['id']}", headers=candidate).json()
    assert detail["note"] is None and detail["history"][0]["actor_role"] == "recruiter"
    ranked = http.get(path, headers=recruiter).json()
    assert {a["application_id"]: a["source"] for a in ranked} == {
        sourced.json()["id"]: "sourced",
        ownerless.json()["id"]: "imported",
    }
    funnel = http.get(f"/api/jobs/{job}/funnel", headers=recruiter).json()
    assert funnel["sources"] == {"sourced": 1, "imported": 1} and funnel["total"] == 2

    bad = http.post(path, headers=recruiter, json={"resume_id": resume, "source": "applied"})
    assert bad.status_code == 422
    assert http.post(path, headers=candidate, json={"resume_id": resume, "source": "sourced"}).status_code == 403
    http.post("/api/tenants", json={"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test",
                                    "admin_password": "globex password 1"})  # fmt: skip
    globex = login(http, "boss@globex.test", "globex password 1")
    theirs = http.post("/api/resumes/jsonresume", headers=globex, json=document).json()["id"]
    across = http.post(path, headers=globex, json={"resume_id": theirs, "source": "sourced"})
    assert across.status_code == 404 and across.json()["error"]["code"] == "not_found"
    foreign_resume = http.post(path, headers=recruiter, json={"resume_id": theirs, "source": "sourced"})
    assert foreign_resume.status_code == 404


def test_applying_with_a_replaced_resume_version_names_the_active_one(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, old, matches = _candidate(http, runtime)
    job = matches[0]["job_id"]
    document = json.loads((REPO_ROOT / "tests" / "fixtures" / "resumes" / "okafor.resume.json").read_text())
    newer = http.post("/api/resumes/jsonresume", headers=candidate, json=document)  # their second upload
    assert newer.status_code == 201 and newer.json()["status"] == "parsed", newer.text
    active = newer.json()["id"]

    refused = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": old})
    by_staff = http.post(f"/api/jobs/{job}/applicants", headers=login(http, DEMO_USERS[Role.RECRUITER]),
                         json={"resume_id": old, "source": "matched"})  # fmt: skip

    for answer in (refused, by_staff):
        assert answer.status_code == 409, answer.text
        error = answer.json()["error"]
        assert error["code"] == "conflict" and error["detail"]["active_resume_id"] == active
        assert error["message"] == f"this resume was replaced by a newer version; apply with {active}"
    applied = http.post("/api/applications", headers=candidate, json={"job_id": job, "resume_id": active})
    assert applied.status_code == 201, applied.text
