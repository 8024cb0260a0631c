"""One hiring from upload to hire over real HTTP, walked by the three kinds of people the platform serves.

The admin creates a recruiter's account; the recruiter posts a job that the analysis reads; a candidate registers,
uploads a real resume (a PDF rendered from the Jake's Resume LaTeX template), sees the job among their matches and
applies; the recruiter finds them with the applicant filters, reads the snapshot's evidence and moves them through
the pipeline to hired; the candidate follows it; the admin reads it back in the audit log, the metrics, the funnel
and the users; the candidate's export holds the application. Every step goes through the local runtime the way
`make dev` runs it (the queue drained by runtime.drain()).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import httpx

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login

RESUME_PDF = Path(__file__).parents[1] / "fixtures" / "corpus" / "rendered" / "latex-jake" / "software-schmidt.pdf"
PASSWORD = "violet-harbour-lantern-42"
POSTING = {
    "title": "Frontend Engineer",
    "company": "Brightlane Mobility",
    "location": "Berlin, Germany",
    "salary": "EUR 65,000 - 80,000 per year",
    "description": (
        "Brightlane Mobility builds the booking app thousands of commuters use every morning. We are hiring a "
        "Frontend Engineer to build and test the web app with our product team.\n\n"
        "Requirements:\n"
        "- 2+ years of professional experience building web applications\n"
        "- Strong JavaScript and TypeScript\n"
        "- React in production\n"
        "- Automated testing with Jest\n\n"
        "Nice to have:\n"
        "- Next.js\n"
        "- Cypress end-to-end tests\n"
    ),
}


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json() if response.content else None


def test_a_candidate_a_recruiter_and_an_admin_take_one_hiring_from_upload_to_hire(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    admin = login(http, DEMO_USERS[Role.ADMIN])

    # The admin gives a new recruiter an account.
    recruiter_email = "rosa.lindgren@demo.example"
    created = _ok(http.post("/api/users", headers=admin, json={
        "email": recruiter_email, "password": PASSWORD, "role": "recruiter", "full_name": "Rosa Lindgren",
    }), 201)  # fmt: skip
    recruiter_id = created["id"]
    recruiter = login(http, recruiter_email, PASSWORD)
    assert _ok(http.get("/api/me", headers=recruiter))["role"] == "recruiter"

    # The recruiter posts a job; the analysis reads it.
    job_id = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING), 202)["id"]
    runtime.drain()
    job = _ok(http.get(f"/api/jobs/{job_id}", headers=recruiter))
    assert job["analysis_status"] == "analyzed" and job["status"] == "active"
    assert {"JavaScript", "TypeScript", "React", "Jest"} <= set(job["required_skills"]), job["required_skills"]
    assert {"Next.js", "Cypress"} <= set(job["preferred_skills"]), job["preferred_skills"]

    # A candidate registers and uploads a real resume; it is parsed and matched.
    candidate_email = "lena.schmidt@example.de"
    _ok(http.post("/api/auth/register", json={
        "tenant": "demo", "email": candidate_email, "password": PASSWORD, "full_name": "Lena Schmidt",
    }), 201)  # fmt: skip
    candidate = login(http, candidate_email, PASSWORD)
    uploaded = http.post(
        "/api/resumes", headers=candidate, files={"file": ("Lena Schmidt CV.pdf", RESUME_PDF.read_bytes())}
    )
    resume_id = _ok(uploaded, 202)["id"]
    runtime.drain()
    resume = _ok(http.get(f"/api/resumes/{resume_id}", headers=candidate))
    assert resume["status"] == "parsed", resume
    assert {"JavaScript", "TypeScript", "React", "Jest"} <= set(resume["skills"]), resume["skills"]
    matches = _ok(http.get(f"/api/resumes/{resume_id}/matches", headers=candidate))
    mine = next((m for m in matches if m["job_id"] == job_id), None)
    assert mine is not None, "the new job is among the candidate's matches"
    assert {"JavaScript", "TypeScript", "React", "Jest"} <= set(mine["matched_skills"]), mine

    # They apply; the snapshot keeps the match as it was.
    applied = _ok(http.post("/api/applications", headers=candidate, json={"job_id": job_id, "resume_id": resume_id}),
                  201)  # fmt: skip
    application_id = applied["id"]
    assert (applied["status"], applied["score"], applied["grade"]) == ("applied", mine["score"], mine["grade"])

    # The recruiter finds them with the filters and reads the evidence.
    def applicants(**query: Any) -> list[dict[str, Any]]:
        return _ok(http.get(f"/api/jobs/{job_id}/applicants", headers=recruiter, params=query))  # type: ignore[no-any-return]

    found = applicants(skills="React,TypeScript", min_years=1, status="applied")
    assert [a["application_id"] for a in found] == [application_id]
    assert found[0]["candidate"]["name"] == "Lena Schmidt" and found[0]["candidate"]["email"] == candidate_email
    assert found[0]["years_experience"] is not None and found[0]["years_experience"] >= 3
    assert applicants(skills="React,COBOL") == [] and applicants(min_years=30) == []
    ranked = _ok(http.get(f"/api/jobs/{job_id}/matches", headers=recruiter))
    person = next(m["candidate"] for m in ranked if m["resume_id"] == resume_id)
    assert person["name"] == "Lena Schmidt" and person["email"] == candidate_email, "a person, not a file name"
    detail = _ok(http.get(f"/api/applications/{application_id}", headers=recruiter))
    assert detail["candidate"] == found[0]["candidate"]
    required = detail["breakdown"]["components"]["required_skills"]
    assert {m["skill"] for m in required["matched"]} >= {"React", "TypeScript"}
    assert all(m.get("evidence") for m in required["matched"]), "each matched skill shows the resume line it came from"
    assert detail["allowed_next"] == ["screening", "rejected"]

    # Through the pipeline to hired.
    for stage in ("screening", "interview", "offer", "hired"):
        moved = _ok(http.post(f"/api/applications/{application_id}/status", headers=recruiter, json={"status": stage}))
        assert moved["changed"] is True and moved["status"] == stage

    # The candidate follows it.
    followed = _ok(http.get(f"/api/applications/{application_id}", headers=candidate))
    assert followed["status"] == "hired" and followed["allowed_next"] == []
    assert [(h["from_status"], h["to_status"], h["actor_role"]) for h in followed["history"]] == [
        (None, "applied", "candidate"), ("applied", "screening", "recruiter"), ("screening", "interview", "recruiter"),
        ("interview", "offer", "recruiter"), ("offer", "hired", "recruiter"),
    ]  # fmt: skip

    # The admin reads it back: audit, metrics, funnel, users.
    trail = _ok(http.get("/api/admin/audit", headers=admin, params={"subject": application_id}))
    assert sorted(e["kind"] for e in trail) == ["application_created"] + ["application_status"] * 4
    assert {e["actor"] for e in trail if e["kind"] == "application_status"} == {recruiter_id}
    assert not any(candidate_email in json.dumps(e) or "Lena" in json.dumps(e) for e in trail), "no personal data"
    made = _ok(http.get("/api/admin/audit", headers=admin, params={"kind": "user_created", "subject": recruiter_id}))
    assert len(made) == 1
    scores = _ok(http.get("/api/admin/audit", headers=admin, params={"kind": "score", "subject": resume_id}))
    assert any(e["detail"].get("job_id") == job_id for e in scores), "the stored score is on the audit log"
    figures = _ok(http.get("/api/admin/metrics", headers=admin))
    assert figures["funnel"]["hired"] >= 1 and figures["parsing"]["outcomes"].get("parsed", 0) >= 1
    funnel = _ok(http.get(f"/api/jobs/{job_id}/funnel", headers=admin))
    stages = {s["status"]: s for s in funnel["stages"]}
    assert funnel["total"] == 1 and stages["hired"]["current"] == 1 and funnel["sources"] == {"applied": 1}
    assert all(stages[s]["reached"] == 1 for s in ("applied", "screening", "interview", "offer", "hired"))
    people = {u["email"]: u["role"] for u in _ok(http.get("/api/users", headers=admin))}
    assert people[recruiter_email] == "recruiter" and people[candidate_email] == "candidate"

    # The candidate's export holds the application.
    exported = http.get("/api/me/export", headers=candidate)
    assert exported.status_code == 200
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        held = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".json"))
    assert application_id in held and job_id in held
