"""The candidate side over HTTP: resume versions (recruiters see one person once), keyword and skill job search,
desired roles, the feed, saved search preferences with a blocklist, and a match's score history."""

from __future__ import annotations

from typing import Any

import httpx

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf


def _upload(http: httpx.Client, headers: dict[str, str], *pages: str) -> str:
    response = http.post("/api/resumes", headers=headers, files={"file": ("cv.pdf", text_pdf(*pages))})
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def test_recruiters_see_one_row_per_person_and_the_versions_are_kept(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, recruiter = login(http, DEMO_USERS[Role.CANDIDATE]), login(http, DEMO_USERS[Role.RECRUITER])
    first = _upload(http, candidate, RESUME_TEXT)
    runtime.drain()
    job = http.get(f"/api/resumes/{first}/matches", headers=candidate).json()[0]["job_id"]
    second = _upload(http, candidate, RESUME_TEXT, "Projects: Kubernetes operators")
    runtime.drain()

    listed = [m["resume_id"] for m in http.get(f"/api/jobs/{job}/matches", headers=recruiter).json()]
    assert first not in listed and listed.count(second) == 1
    staff = [r["id"] for r in http.get("/api/resumes", headers=recruiter).json()]
    assert second in staff and first not in staff
    versions = http.get(f"/api/resumes/{second}/versions", headers=candidate).json()
    assert [(v["id"], v["active"]) for v in versions] == [(second, True), (first, False)]
    assert versions[0]["previous_id"] == first and versions[1]["superseded_by"] == second
    other = http.get(f"/api/resumes/{first}/versions", headers=login(http, DEMO_USERS[Role.ADMIN]))
    assert [v["id"] for v in other.json()] == [second, first]

    history = http.get(f"/api/resumes/{second}/matches/{job}/history", headers=candidate)
    assert history.status_code == 200, history.text
    assert history.json()["history"] and all(0 <= h["score"] <= 100 for h in history.json()["history"])


def test_job_search_by_keywords_and_comma_separated_skills(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    created = http.post(
        "/api/jobs",
        headers=recruiter,
        json={"title": "Quokkaflow Engineer", "company": "Globex", "description": "Python and PostgreSQL daily."},
    ).json()["id"]
    runtime.drain()
    found = http.get("/api/jobs", params={"q": "quokkaflow"}, headers=recruiter).json()
    assert [j["id"] for j in found] == [created]
    both = http.get("/api/jobs", params={"skills": "Python,PostgreSQL"}, headers=recruiter).json()
    assert created in [j["id"] for j in both]
    for job in both:
        asked = set(job["required_skills"]) | set(job["preferred_skills"])
        detail = http.get(f"/api/jobs/{job['id']}", headers=recruiter).json()
        asked |= set(detail["skills"])
        assert {"Python", "PostgreSQL"} <= asked, job["title"]
    one = http.get("/api/jobs", params={"skills": "Python"}, headers=recruiter).json()
    assert len(one) >= len(both)
    bad = http.get("/api/jobs", params={"q": "x" * 201}, headers=recruiter)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"


def _feed_setup(http: httpx.Client, runtime: Any) -> tuple[dict[str, str], str, dict[str, Any]]:
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    resume = _upload(http, candidate, RESUME_TEXT)
    runtime.drain()
    best = http.get(f"/api/resumes/{resume}/matches", headers=candidate).json()[0]
    return candidate, resume, best


def test_desired_roles_drive_the_feed_and_the_blocklist_hides_companies(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, best = _feed_setup(http, runtime)
    assert http.get("/api/me/feed", headers=candidate).json()["error"]["code"] == "invalid_input"  # no roles yet

    saved = http.put("/api/me/roles", headers=candidate, json={"titles": [best["title"]]})
    assert saved.status_code == 200, saved.text
    assert http.get("/api/me/roles", headers=candidate).json()["roles"] == saved.json()["roles"]
    feed = http.get("/api/me/feed", headers=candidate).json()
    assert feed["resume_id"] == resume and best["job_id"] in [j["job_id"] for j in feed["jobs"]]
    scores = [j["score"] for j in feed["jobs"]]
    assert scores == sorted(scores, reverse=True)
    assert all(g["jobs"] >= 1 for g in feed["missing_skills"] + feed["held_skills"])
    assert feed["preferences"]["applied"] == []

    last = feed["jobs"][-1]  # saved keywords: the job search's full text (q=) applied to the feed
    assert http.put("/api/me/search-preferences", headers=candidate, json={"q": last["title"]}).status_code == 200
    keyed = http.get("/api/me/feed", params={"limit": 100}, headers=candidate).json()
    searched = http.get("/api/jobs", params={"q": last["title"], "limit": 200}, headers=candidate).json()
    assert keyed["preferences"]["applied"] == ["q"] and last["job_id"] in [j["job_id"] for j in keyed["jobs"]]
    assert {j["job_id"] for j in keyed["jobs"]} <= {j["id"] for j in searched}

    prefs = {"blocked_companies": [best["company"]], "q": "engineer", "min_score": 0}
    put = http.put("/api/me/search-preferences", headers=candidate, json=prefs)
    assert put.status_code == 200, put.text
    assert http.get("/api/me/search-preferences", headers=candidate).json()["blocked_companies"] == [best["company"]]
    after = http.get("/api/me/feed", headers=candidate).json()
    assert best["company"] not in {j["company"] for j in after["jobs"]}
    assert after["preferences"]["applied"] == ["q", "blocked_companies", "min_score"]
    listed = http.get(f"/api/resumes/{resume}/matches", headers=candidate).json()
    assert best["company"] not in {m["company"] for m in listed}

    too_many = http.put("/api/me/roles", headers=candidate, json={"titles": [f"Role {i}" for i in range(11)]})
    assert too_many.status_code == 422 and too_many.json()["error"]["code"] == "invalid_input"
    control = http.put("/api/me/search-preferences", headers=candidate, json={"blocked_companies": ["A\x00B"]})
    assert control.status_code == 422
    staff = http.get("/api/me/feed", headers=login(http, DEMO_USERS[Role.RECRUITER]))
    assert staff.status_code == 403
