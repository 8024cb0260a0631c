"""GET /api/packs over real HTTP (issue 14, the candidate console's pack list): a candidate's own packs newest first,
each with its job and the coverage counts of the full pack, filtered by application, resume and job; another
candidate of the tenant sees none of them, the tenant's staff see them (they read any pack of the tenant), another
tenant sees nothing; bad filters get the one error envelope."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import login
from tests.e2e.test_hiring_journey import _ok
from tests.e2e.test_profile_api import PASSWORD, Setup, _candidate, setup  # noqa: F401 (the fixture)

COUNTS = ("required", "required_covered_before", "required_covered_after", "preferred", "preferred_covered_after")


def _built(http: httpx.Client, s: Setup) -> list[dict[str, Any]]:
    """Three packs: one before applying, two for the application (the second one newer)."""
    before = _ok(http.post("/api/packs", headers=s.owner, json={"resume_id": s.resume_id, "job_id": s.job_id}), 201)
    applied = _ok(
        http.post("/api/applications", headers=s.owner, json={"job_id": s.job_id, "resume_id": s.resume_id}), 201
    )
    first = _ok(http.post(f"/api/applications/{applied['id']}/pack", headers=s.owner), 201)
    second = _ok(http.post(f"/api/applications/{applied['id']}/pack", headers=s.owner), 201)
    return [second, first, before]  # newest first


def test_the_owner_lists_their_packs_newest_first_with_the_packs_own_figures(
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s = setup
    packs = _built(http, s)
    job = _ok(http.get(f"/api/jobs/{s.job_id}", headers=s.owner))
    listed = _ok(http.get("/api/packs", headers=s.owner))
    assert [p["id"] for p in listed] == [p["id"] for p in packs]
    for summary, pack in zip(listed, packs, strict=True):
        assert (summary["job_id"], summary["resume_id"], summary["application_id"]) == (
            pack["job_id"], pack["resume_id"], pack["application_id"])  # fmt: skip
        assert (summary["job_title"], summary["company"]) == (job["title"], job.get("company"))
        assert summary["lines"] == len(pack["lines"]) and summary["files"] == pack["files"]
        assert {k: summary[k] for k in COUNTS} == {k: pack["coverage"][k] for k in COUNTS}
        assert summary["created_at"] == pack["created_at"]

    application = packs[0]["application_id"]
    by_application = _ok(http.get("/api/packs", headers=s.owner, params={"application_id": application}))
    assert [p["id"] for p in by_application] == [packs[0]["id"], packs[1]["id"]]
    assert [p["id"] for p in _ok(http.get("/api/packs", headers=s.owner, params={"limit": 1}))] == [packs[0]["id"]]
    assert len(_ok(http.get("/api/packs", headers=s.owner, params={"job_id": s.job_id, "resume_id": s.resume_id}))) == 3
    other_job = "00000000-0000-4000-8000-000000000001"
    assert _ok(http.get("/api/packs", headers=s.owner, params={"job_id": other_job})) == []


def test_only_the_owner_and_the_tenants_staff_see_a_pack_in_the_list(
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s = setup
    packs = _built(http, s)
    neighbour = _candidate(http, "neighbour@example.org")
    assert _ok(http.get("/api/packs", headers=neighbour)) == []
    assert _ok(http.get("/api/packs", headers=neighbour, params={"application_id": packs[0]["application_id"]})) == []
    for staff in (s.recruiter, login(http, "admin@example.com")):
        assert [p["id"] for p in _ok(http.get("/api/packs", headers=staff))] == [p["id"] for p in packs]

    tenant = {"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": PASSWORD}
    _ok(http.post("/api/tenants", json=tenant), 201)
    for outsider in (login(http, "boss@globex.test", PASSWORD), _candidate(http, "otto@globex.test", "globex")):
        assert _ok(http.get("/api/packs", headers=outsider)) == []
        assert _ok(http.get("/api/packs", headers=outsider, params={"resume_id": s.resume_id})) == []
    assert [p["id"] for p in _ok(http.get("/api/packs", headers=s.owner))] == [p["id"] for p in packs]  # unchanged


def test_a_bad_filter_is_refused_with_the_error_envelope(
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    for params in ({"application_id": "not-a-uuid"}, {"limit": 0}, {"limit": 201}):
        answer = http.get("/api/packs", headers=setup.owner, params=params)
        assert answer.status_code == 422, (params, answer.text)
        error = answer.json()["error"]
        assert error["code"] and error["message"], answer.text
    assert http.get("/api/packs").status_code == 401
