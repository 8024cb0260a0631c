"""Sourcing outreach over real HTTP (issue 14): a recruiter drafts to a prospect a bot uploaded, moves the status
on (a wrong move is a 422 naming the allowed ones), an opt-out suppresses the person (the next upload of them is
refused "suppressed"); admins list and add suppression entries; another tenant gets 404s; bad bodies the envelope."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.e2e.test_sourcing_api import KEY_HEADER, _analysed_job, _other_tenant

ADA = {"name": "Ada Example", "profile_url": "https://example.org/p/ada", "email": "ada@example.org",
       "source": "bot", "skills": ["Python"]}  # fmt: skip


@pytest.fixture
def recruiter(http: httpx.Client, demo: Any) -> dict[str, str]:
    return login(http, DEMO_USERS[Role.RECRUITER])


def _upload(http: httpx.Client, recruiter: dict[str, str], bot: dict[str, str], job: str, *profiles: Any) -> Any:
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": job}).json()
    task = http.get("/api/sourcing/tasks/next", headers=bot).json()
    assert task["run_id"] == run["id"]
    uploaded = http.post(f"/api/sourcing/tasks/{task['id']}/profiles", headers=bot, json={"profiles": profiles})
    assert uploaded.status_code == 200, uploaded.text
    return run["id"], uploaded.json()


def test_outreach_from_draft_to_opt_out_suppresses_the_person(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "out"}).json()["key"]}
    job = _analysed_job(http, recruiter, runtime)
    run_id, _ = _upload(http, recruiter, bot, job, ADA)
    [prospect] = http.get(f"/api/sourcing/runs/{run_id}/prospects", headers=recruiter).json()
    base = f"/api/sourcing/prospects/{prospect['id']}/outreach"

    drafted = http.post(base, headers=recruiter)
    assert drafted.status_code == 201, drafted.text
    assert drafted.json()["status"] == "drafted" and "Platform Engineer" in drafted.json()["body"]
    assert "Python" in drafted.json()["body"]
    assert http.get(base, headers=recruiter).json() == drafted.json()
    wrong = http.post(f"{base}/status", headers=recruiter, json={"status": "replied"})
    assert wrong.status_code == 422 and "sent, opted_out" in wrong.json()["error"]["message"]
    assert http.post(f"{base}/status", headers=recruiter, json={"status": "sent"}).json()["status"] == "sent"
    bad = http.post(f"{base}/status", headers=recruiter, json={"status": "famous"})
    assert bad.status_code == 422 and bad.json()["error"]["code"]

    other = _other_tenant(http)
    assert http.get(base, headers=other).status_code == 404
    assert http.post(base, headers=other).status_code == 404
    assert http.post(f"{base}/status", headers=other, json={"status": "opted_out"}).status_code == 404
    assert http.get("/api/admin/sourcing-suppressions", headers=other).json() == []

    out = http.post(f"{base}/status", headers=recruiter, json={"status": "opted_out"})
    assert out.status_code == 200 and out.json()["allowed"] == []
    listed = http.get("/api/admin/sourcing-suppressions", headers=admin).json()
    assert sorted(e["kind"] for e in listed) == ["email", "profile_url"]
    assert http.get("/api/admin/sourcing-suppressions", headers=recruiter).status_code == 403
    _, again = _upload(http, recruiter, bot, job, ADA)
    assert again["kept"] == 0 and again["refused"] == [{"row": 1, "reason": "suppressed"}]


def test_an_admin_adds_a_suppression_entry(http: httpx.Client, recruiter: dict[str, str], runtime: Any) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "sup"}).json()["key"]}
    added = http.post("/api/admin/sourcing-suppressions", headers=admin,
                      json={"kind": "profile_url", "value": "https://www.example.org/p/ada/"})  # fmt: skip
    assert added.status_code == 201 and added.json()["added"] is True
    for body in ({"kind": "phone", "value": "1"}, {"kind": "email", "value": ""}, {"kind": "email"}):
        bad = http.post("/api/admin/sourcing-suppressions", headers=admin, json=body)
        assert bad.status_code == 422 and bad.json()["error"]["code"], body
    refused = http.post("/api/admin/sourcing-suppressions", headers=recruiter, json={"kind": "email", "value": "a@b.c"})
    assert refused.status_code == 403
    job = _analysed_job(http, recruiter, runtime)
    _, uploaded = _upload(http, recruiter, bot, job, ADA)
    assert uploaded["refused"] == [{"row": 1, "reason": "suppressed"}]


def test_a_prospect_who_replied_converts_with_consent(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "conv"}).json()["key"]}
    job = _analysed_job(http, recruiter, runtime)
    run_id, _ = _upload(http, recruiter, bot, job, ADA)
    [prospect] = http.get(f"/api/sourcing/runs/{run_id}/prospects", headers=recruiter).json()
    assert prospect["outreach_status"] is None  # no draft yet
    base = f"/api/sourcing/prospects/{prospect['id']}"
    assert http.post(f"{base}/outreach", headers=recruiter).status_code == 201
    for status in ("sent", "replied"):
        assert http.post(f"{base}/outreach/status", headers=recruiter, json={"status": status}).status_code == 200
    assert http.post(f"{base}/outreach/status", headers=recruiter, json={"status": "converted"}).status_code == 422

    no = http.post(f"{base}/convert", headers=recruiter, json={"consent": False, "email": "ada@example.org"})
    assert no.status_code == 422 and no.json()["error"]["detail"]["field"] == "consent"
    missing = http.post(f"{base}/convert", headers=recruiter, json={"email": "ada@example.org"})
    assert missing.status_code == 422 and missing.json()["error"]["code"]
    other = _other_tenant(http)
    assert http.post(f"{base}/convert", headers=other, json={"consent": True, "email": "a@b.co"}).status_code == 404
    done = http.post(f"{base}/convert", headers=recruiter, json={"consent": True, "email": "ada@example.org"})
    assert done.status_code == 201, done.text
    assert done.json()["status"] == "invited" and done.json()["outreach"]["status"] == "converted"
    # Read back later: the list says converted, and the outreach carries the conversion (invited, then linked
    # once the person registers with the address they gave).
    [listed] = http.get(f"/api/sourcing/runs/{run_id}/prospects", headers=recruiter).json()
    assert listed["outreach_status"] == "converted"
    read = http.get(f"{base}/outreach", headers=recruiter).json()["conversion"]
    assert (read["status"], read["email"], read["user_id"]) == ("invited", "ada@example.org", None)
    body = {"tenant": "demo", "email": "ada@example.org", "password": "ada's long password 1"}
    assert http.post("/api/auth/register", json=body).status_code == 201
    assert http.get(f"{base}/outreach", headers=recruiter).json()["conversion"]["status"] == "linked"
