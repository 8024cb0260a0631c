"""The effective profile over real HTTP (issue 13): GET /api/resumes/{id}/text (the text the evidence offsets
index; its owner and the tenant's staff only) and the corrections (PUT by the owner, read by staff): the parser's
output stays as it was, the effective profile and the matches carry the corrections after the queue drains, bad
corrections get 422 naming the field, the export holds them and erasing the resume erases them."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import login
from tests.e2e.test_hiring_journey import POSTING, RESUME_PDF, _ok

PASSWORD = "violet-harbour-lantern-42"
OWNER = "lena.schmidt@example.de"


@dataclass
class Setup:
    owner: dict[str, str]
    recruiter: dict[str, str]
    resume_id: str
    job_id: str


def _candidate(http: httpx.Client, email: str, tenant: str = "demo") -> dict[str, str]:
    body = {"tenant": tenant, "email": email, "password": PASSWORD, "full_name": "Lena Schmidt"}
    _ok(http.post("/api/auth/register", json=body), 201)
    response = http.post("/api/auth/login", json={"email": email, "password": PASSWORD, "tenant": tenant})
    return {"Authorization": f"Bearer {_ok(response)['access_token']}"}


@pytest.fixture
def setup(http: httpx.Client, demo: Any, runtime: Any) -> Setup:
    recruiter = login(http, "recruiter@example.com")
    job_id = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING), 202)["id"]
    owner = _candidate(http, OWNER)
    files = {"file": ("Lena Schmidt CV.pdf", RESUME_PDF.read_bytes(), "application/pdf")}
    resume_id = _ok(http.post("/api/resumes", headers=owner, files=files), 202)["id"]
    runtime.drain()
    assert _ok(http.get(f"/api/resumes/{resume_id}", headers=owner))["status"] == "parsed"
    return Setup(owner, recruiter, resume_id, job_id)


def test_the_text_is_what_the_evidence_offsets_index_for_the_owner_and_staff_only(
    http: httpx.Client, setup: Setup
) -> None:
    path = f"/api/resumes/{setup.resume_id}/text"
    answer = _ok(http.get(path, headers=setup.owner))
    text = answer["text"]
    profile = _ok(http.get(f"/api/resumes/{setup.resume_id}/profile", headers=setup.owner))["profile"]

    assert answer["status"] == "parsed" and answer["chars"] == len(text) > 500
    spans = [(s["name"], e) for s in profile["skills"] for e in s["evidence"]]
    assert spans, "the parser found skills with evidence"
    for name, evidence in spans:
        found = text[evidence["start"] : evidence["end"]]
        assert found and found.strip() in evidence["text"], (name, found, evidence)
    assert _ok(http.get(path, headers=setup.recruiter))["text"] == text
    assert _ok(http.get(path, headers=login(http, "admin@example.com")))["text"] == text
    other = _candidate(http, "someone.else@example.org")
    refused = http.get(path, headers=other)
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    assert http.get(path).status_code == 401


def test_another_tenant_cannot_read_the_text_or_the_corrections(http: httpx.Client, setup: Setup) -> None:
    tenant = {"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": PASSWORD}
    _ok(http.post("/api/tenants", json=tenant), 201)
    outsider_admin = login(http, "boss@globex.test", PASSWORD)
    outsider = _candidate(http, "otto@globex.test", "globex")

    for headers in (outsider_admin, outsider):
        for suffix in ("text", "corrections"):
            response = http.get(f"/api/resumes/{setup.resume_id}/{suffix}", headers=headers)
            assert response.status_code == 404, (suffix, response.text)
        put = http.put(f"/api/resumes/{setup.resume_id}/corrections", headers=outsider, json={"name": "Mallory"})
        assert put.status_code == 404
    assert _ok(http.get(f"/api/resumes/{setup.resume_id}/corrections", headers=setup.owner))["updated_at"] is None


def test_corrections_keep_the_parse_change_the_effective_profile_and_the_matches(
    http: httpx.Client, setup: Setup, runtime: Any, container: Any
) -> None:
    path = f"/api/resumes/{setup.resume_id}/corrections"
    parsed = _ok(http.get(f"/api/resumes/{setup.resume_id}/profile", headers=setup.owner))["profile"]
    before = _ok(http.get(path, headers=setup.owner))
    assert before["corrections"]["skills_added"] == [] and before["updated_by"] is None
    assert before["profile"] == parsed
    match_before = _ok(http.get(f"/api/resumes/{setup.resume_id}/matches/{setup.job_id}", headers=setup.owner))
    gained = [s for s in match_before["missing_skills"]]
    assert gained, "the job asks for skills the parse did not find"
    dropped = parsed["skills"][1]["name"]
    second = parsed["experience"][1]

    body = {
        "name": "Lena M. Schmidt",
        "location": "Berlin, Germany",
        "skills_added": [s.lower() for s in gained] + ["GraphQL"],
        "skills_removed": [dropped],
        "experience": [{"index": 1, "title": "Werkstudentin Webentwicklung", "company": "N26", "start": "2021-09"}],
    }
    saved = _ok(http.put(path, headers=setup.owner, json=body))

    me = _ok(http.get("/api/me", headers=setup.owner))
    effective = saved["profile"]
    names = [s["name"] for s in effective["skills"]]
    assert saved["rematch"] == "queued" and saved["updated_by"] == me["user_id"]
    assert saved["corrections"]["skills_added"] == [*gained, "GraphQL"], "added skills take their taxonomy names"
    assert set(gained) <= set(names) and "GraphQL" in names and dropped not in names
    assert (effective["name"], effective["location"]) == ("Lena M. Schmidt", "Berlin, Germany")
    job = effective["experience"][1]
    assert (job["title"], job["company"], job["start"], job["end"]) == (
        "Werkstudentin Webentwicklung", "N26", "2021-09", second["end"])  # fmt: skip
    assert job["months"] == second["months"] + 1, "a month earlier start adds a month"
    assert effective["total_experience_months"] >= parsed["total_experience_months"]
    # The parser's output is kept as it was; the read answers the same corrections to the tenant's staff.
    assert _ok(http.get(f"/api/resumes/{setup.resume_id}/profile", headers=setup.owner))["profile"] == parsed
    assert _ok(http.get(path, headers=setup.recruiter))["profile"] == effective

    runtime.drain()  # the re-match the correction queued
    match_after = _ok(http.get(f"/api/resumes/{setup.resume_id}/matches/{setup.job_id}", headers=setup.owner))
    assert set(gained) <= set(match_after["matched_skills"]) and match_after["missing_skills"] == []
    assert match_after["score"] > match_before["score"]
    trail = _ok(http.get("/api/admin/audit", headers=login(http, "admin@example.com"),
                         params={"kind": "resume_corrected", "subject": setup.resume_id}))  # fmt: skip
    assert len(trail) == 1 and trail[0]["actor"] == me["user_id"]
    assert trail[0]["detail"] == {"skills_added": len(gained) + 1, "skills_removed": 1, "experience": 1, "contact": 2}
    assert "Lena" not in json.dumps(trail) and "N26" not in json.dumps(trail), "no personal data in the audit log"
    person = next(m["candidate"] for m in _ok(http.get(f"/api/jobs/{setup.job_id}/matches", headers=setup.recruiter))
                  if m["resume_id"] == setup.resume_id)  # fmt: skip
    assert (person["name"], person["location"]) == ("Lena M. Schmidt", "Berlin, Germany"), "staff see the corrections"

    # An empty body undoes every correction: the effective profile is the parse again.
    assert _ok(http.put(path, headers=setup.owner, json={}))["profile"] == parsed


def test_only_the_owner_corrects(http: httpx.Client, setup: Setup) -> None:
    path = f"/api/resumes/{setup.resume_id}/corrections"
    for staff in (setup.recruiter, login(http, "admin@example.com")):
        refused = http.put(path, headers=staff, json={"name": "Someone"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    other = _candidate(http, "someone.else@example.org")
    assert http.put(path, headers=other, json={"name": "Someone"}).status_code == 404
    assert http.get(path, headers=other).status_code == 404
    assert _ok(http.get(path, headers=setup.owner))["corrections"]["name"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"experience": [{"index": 7, "title": "CTO"}]}, "experience.0.index"),
        ({"skills_removed": ["Fortran"]}, "skills_removed.0"),
        ({"experience": [{"index": 0, "start": "2023-05", "end": "2022-01"}]}, "experience.0"),
        ({"experience": [{"index": 0, "start": "March 2023"}]}, "experience.0.start"),
        ({"email": "not an email"}, "email"),
        ({"skills_added": ["Go"], "skills_removed": ["go"]}, ""),
        ({"salary": 1}, "salary"),
    ],
)
def test_a_correction_that_does_not_fit_is_refused_naming_the_field(
    http: httpx.Client, setup: Setup, body: dict[str, Any], field: str
) -> None:
    response = http.put(f"/api/resumes/{setup.resume_id}/corrections", headers=setup.owner, json=body)

    assert response.status_code == 422, response.text
    error = response.json()["error"]
    fields = [p.get("field", "") for p in (error.get("details") or {}).get("problems", [])]
    assert any(f.removeprefix("body.").startswith(field) for f in fields), (fields, error)
    assert _ok(http.get(f"/api/resumes/{setup.resume_id}/corrections", headers=setup.owner))["updated_at"] is None


def test_the_export_holds_the_corrections_and_erasing_the_resume_erases_them(
    http: httpx.Client, setup: Setup, container: Any
) -> None:
    path = f"/api/resumes/{setup.resume_id}/corrections"
    _ok(http.put(path, headers=setup.owner, json={"phone": "+49 30 7654321", "skills_added": ["GraphQL"]}))

    exported = http.get("/api/me/export", headers=setup.owner)
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        record = json.loads(archive.read(f"resumes/{setup.resume_id}/resume.json"))
    assert record["corrections"]["corrections"]["phone"] == "+49 30 7654321"
    assert record["corrections"]["corrections"]["skills_added"] == ["GraphQL"]

    assert http.delete(f"/api/resumes/{setup.resume_id}", headers=setup.owner).status_code == 204
    with container.db.connect() as conn:
        left = conn.execute("SELECT count(*) AS n FROM resume_corrections WHERE resume_id = %s", (setup.resume_id,))
        assert left.fetchone()["n"] == 0
    assert http.get(path, headers=setup.owner).status_code == 404


def test_the_feeds_gap_analysis_reads_the_corrected_skills(http: httpx.Client, setup: Setup) -> None:
    _ok(http.put("/api/me/roles", headers=setup.owner, json={"titles": ["Software Engineer"]}))
    before = _ok(http.get("/api/me/feed", headers=setup.owner))
    lacking = [g["skill"] for g in before["missing_skills"][:2]]
    held = [h["skill"] for h in before["held_skills"]]
    assert lacking and held, "the roles' jobs ask for skills the resume has and lacks"

    body = {"skills_added": lacking, "skills_removed": [held[0]]}
    _ok(http.put(f"/api/resumes/{setup.resume_id}/corrections", headers=setup.owner, json=body))
    after = _ok(http.get("/api/me/feed", headers=setup.owner))

    now_missing = {g["skill"] for g in after["missing_skills"]}
    now_held = {h["skill"]: h for h in after["held_skills"]}
    assert not set(lacking) & now_missing and set(lacking) <= set(now_held)
    assert all(now_held[s]["evidence"] == [] for s in lacking), "an added skill has no line of the resume behind it"
    assert held[0] not in now_held, "a removed skill is no longer shown as held"
