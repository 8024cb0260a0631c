"""Sourcing runs over real HTTP (issue 14): a recruiter starts a run for an analysed job and reads it back; a
candidate may not; another tenant sees 404s; bad bodies get the error envelope."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.integration.test_sourcing_github import FakeGitHub

POSTING = "Requirements:\n• Python\n• Kubernetes\n• PostgreSQL\n3+ years of experience."


@pytest.fixture
def recruiter(http: httpx.Client, demo: Any) -> dict[str, str]:
    return login(http, DEMO_USERS[Role.RECRUITER])


def _analysed_job(http: httpx.Client, recruiter: dict[str, str], runtime: Any) -> str:
    created = http.post(
        "/api/jobs",
        headers=recruiter,
        json={"title": "Platform Engineer", "description": POSTING, "location": "Remote"},
    )
    assert created.status_code == 202, created.text
    runtime.drain()
    return str(created.json()["id"])


def _other_tenant(http: httpx.Client) -> dict[str, str]:
    body = {"slug": "initech", "name": "Initech", "admin_email": "boss@initech.test",
            "admin_password": "initech password 1"}  # fmt: skip
    assert http.post("/api/tenants", json=body).status_code == 201
    return login(http, "boss@initech.test", "initech password 1")


def test_a_recruiter_starts_a_run_and_reads_it_back(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any
) -> None:
    job = _analysed_job(http, recruiter, runtime)
    started = http.post(
        "/api/sourcing/runs", headers=recruiter, json={"job_id": job, "locations": ["Remote", "Berlin"], "limit": 40}
    )
    assert started.status_code == 201, started.text
    run = started.json()
    assert run["job_id"] == job and run["limit"] == 40 and run["locations"] == ["Remote", "Berlin"]
    assert run["keywords"]["titles"][0] == "Platform Engineer"
    assert {s["skill"] for s in run["keywords"]["skills"]} >= {"Python", "Kubernetes"}
    assert run["boolean_strings"]["strict"].endswith('("Remote" OR "Berlin")')

    assert http.get(f"/api/sourcing/runs/{run['id']}", headers=recruiter).json() == run
    listed = http.get("/api/sourcing/runs", headers=recruiter, params={"job_id": job}).json()
    assert [r["id"] for r in listed] == [run["id"]]
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    refused = http.post("/api/sourcing/runs", headers=candidate, json={"job_id": job})
    assert refused.status_code == 403 and refused.json()["error"]["code"]


def test_another_tenant_gets_404_and_bad_bodies_the_envelope(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any
) -> None:
    job = _analysed_job(http, recruiter, runtime)
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": job}).json()
    other = _other_tenant(http)

    assert http.get(f"/api/sourcing/runs/{run['id']}", headers=other).status_code == 404
    assert http.post("/api/sourcing/runs", headers=other, json={"job_id": job}).status_code == 404
    assert http.get("/api/sourcing/runs", headers=other).json() == []
    for body in ({"job_id": job, "limit": 0}, {"job_id": job, "extra": 1}, {"locations": ["x"]}):
        bad = http.post("/api/sourcing/runs", headers=recruiter, json=body)
        assert bad.status_code == 422 and "code" in bad.json()["error"], body


KEY_HEADER = "X-Scraper-API-Key"


def test_a_bot_with_an_api_key_takes_a_task_uploads_profiles_and_completes_it(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    key = http.post("/api/admin/api-keys", headers=admin, json={"name": "sourcer", "rate_limit_per_minute": 600})
    bot = {KEY_HEADER: key.json()["key"]}
    job = _analysed_job(http, recruiter, runtime)
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": job, "locations": ["Lisbon"]}).json()

    assert http.get("/api/sourcing/tasks/next").status_code == 401
    assert http.get("/api/sourcing/tasks/next", headers=recruiter).status_code == 401
    task = http.get("/api/sourcing/tasks/next", headers=bot)
    assert task.status_code == 200 and task.json()["run_id"] == run["id"] and task.json()["location"] == "Lisbon"
    assert http.get("/api/sourcing/tasks/next", headers=bot).status_code == 204
    task_id = task.json()["id"]
    profiles = [
        {"name": "Linus Example", "profile_url": "https://example.org/p/linus", "source": "bot", "skills": ["Python"]},
        {"name": "Linus Example", "profile_url": "https://example.org/p/linus/", "source": "bot"},
        {"name": "No Source", "profile_url": "https://example.org/p/none"},
    ]
    uploaded = http.post(f"/api/sourcing/tasks/{task_id}/profiles", headers=bot, json={"profiles": profiles})
    assert uploaded.status_code == 200, uploaded.text
    body = uploaded.json()
    assert (body["kept"], body["duplicates"], [r["row"] for r in body["refused"]]) == (1, 1, [3])
    rejections = http.get("/api/admin/rejections", headers=admin).json()
    assert any(r["kind"] == "sourcing_upload" for r in rejections)

    done = http.post(f"/api/sourcing/tasks/{task_id}/complete", headers=bot)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert http.get(f"/api/sourcing/runs/{run['id']}", headers=recruiter).json()["status"] == "done"
    [prospect] = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter).json()
    assert prospect["name"] == "Linus Example" and prospect["profile"]["skills"] == ["Python"]
    assert prospect["rank"] == 1 and prospect["tier"] in {"STRONG_MATCH", "GOOD_MATCH", "CONSIDER", "WEAK_MATCH",
                                                          "REJECT"}  # fmt: skip
    assert [f["factor"] for f in prospect["factors"]][:2] == ["experience", "education"]
    kept = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter, params={"min_score": 10.0})
    assert kept.status_code == 200 and all(p["score"] >= 10 for p in kept.json())
    assert http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter,
                    params={"tier": "FAMOUS"}).status_code == 422  # fmt: skip
    assert http.get(f"/api/sourcing/runs/{run['id']}/tasks", headers=recruiter).json()[0]["profiles_received"] == 2
    bad = http.post(f"/api/sourcing/tasks/{task_id}/profiles", headers=bot, content=b'{"profiles": 3}')
    assert bad.status_code == 422 and bad.json()["error"]["code"]
    failed = http.post(f"/api/sourcing/tasks/{task_id}/fail", headers=bot, json={"error": "late"})
    assert failed.status_code == 409  # done already


def test_a_recruiter_enriches_a_run_from_a_local_github(
    http: httpx.Client, recruiter: dict[str, str], runtime: Any, container: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeGitHub()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setattr(container.settings, "github_api_url", f"http://127.0.0.1:{server.server_address[1]}")
        admin = login(http, DEMO_USERS[Role.ADMIN])
        bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "gh"}).json()["key"]}
        job = _analysed_job(http, recruiter, runtime)
        run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": job}).json()
        task_id = http.get("/api/sourcing/tasks/next", headers=bot).json()["id"]
        octo = {"name": "Octo Cat", "profile_url": "https://example.org/octo", "source": "bot", "github_login": "octo"}
        assert (
            http.post(f"/api/sourcing/tasks/{task_id}/profiles", headers=bot, json={"profiles": [octo]}).json()["kept"]
            == 1
        )

        enriched = http.post(f"/api/sourcing/runs/{run['id']}/enrich", headers=recruiter)
        assert enriched.status_code == 200, enriched.text
        assert (enriched.json()["enriched"], enriched.json()["rate_limited"]) == (1, False)
        [prospect] = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter).json()
        assert "Python" in prospect["enrichment"]["skills"] and prospect["enrichment"]["repos"] == ["api", "old"]
        assert [p.split("?")[0] for p, _ in server.requests][:2] == ["/users/octo", "/users/octo/repos"]
    finally:
        server.shutdown()
        server.server_close()
