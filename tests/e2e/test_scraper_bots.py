"""Scraper bots over real HTTP: an admin issues a key, a bot works the queue with it, revoked keys stop working."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import httpx
import pytest

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from hiring.runtime.invoke import LocalLambdaContext
from tests.conftest import EVENTS, REPO_ROOT, login

KEY_HEADER = "X-Scraper-API-Key"


def _new_key(http: httpx.Client, admin: dict[str, str], per_minute: int = 600) -> dict[str, Any]:
    response = http.post(
        "/api/admin/api-keys", headers=admin, json={"name": "bot", "rate_limit_per_minute": per_minute}
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _events(http: httpx.Client, admin: dict[str, str]) -> list[dict[str, Any]]:
    return http.get("/api/admin/security-events", headers=admin).json()  # type: ignore[no-any-return]


@pytest.fixture
def admin(http: httpx.Client, demo) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return login(http, DEMO_USERS[Role.ADMIN])


def test_a_bot_takes_a_role_uploads_jobs_and_completes_the_cycle(
    http: httpx.Client, admin: dict[str, str], container: Any
) -> None:
    created = _new_key(http, admin)
    bot = {KEY_HEADER: created["key"]}
    role = http.post(
        "/api/admin/scrape-roles", headers=admin, json={"title": "Sr. Data Engineer", "location_hints": ["Remote"]}
    )
    assert role.status_code == 201 and role.json()["normalized_title"] == "data engineer"

    handed = http.get("/api/scrape-queue/next", headers=bot)
    assert handed.status_code == 200 and handed.json()["id"] == role.json()["id"]
    assert http.get("/api/scrape-queue/next", headers=bot).status_code == 204
    role_id = handed.json()["id"]
    upload = http.post(
        f"/api/scrape-queue/{role_id}/jobs",
        headers=bot,
        json={"platform": "indeed", "jobs": [{"title": "Data Engineer", "company": "Initech", "external_id": "9"}]},
    )
    assert upload.status_code == 202 and upload.json()["status"] == "queued"
    done = http.post(f"/api/scrape-queue/{role_id}/complete", headers=bot)
    assert done.status_code == 200 and done.json()["jobs_by_platform"] == {"indeed": 1}

    bodies = [m.body for m in container.queue.receive(max_messages=100)]
    mine = [b["type"] for b in bodies if b["type"] in {"import_scraped", "match_role_candidates"}]
    assert mine == ["import_scraped", "match_role_candidates"]
    status = http.get("/api/scrape-queue/status", headers=bot).json()
    assert status["uploads_today"]["jobs"] == 1 and status["roles"]["pending"] == 1
    assert http.get("/api/scrape-queue/status", headers=admin).json()["roles"] == status["roles"]
    [listed] = http.get("/api/admin/api-keys", headers=admin).json()
    assert listed["prefix"] == created["prefix"] and listed["last_used_at"] is not None
    assert created["key"] not in json.dumps(listed)


def test_a_failed_cycle_is_recorded_and_the_role_waits(http: httpx.Client, admin: dict[str, str]) -> None:
    bot = {KEY_HEADER: _new_key(http, admin)["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Welder"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]

    failed = http.post(f"/api/scrape-queue/{role_id}/fail", headers=bot, json={"error": "HTTP 403 from the board"})

    assert failed.status_code == 200 and failed.json()["retry_count"] == 1
    [role] = http.get("/api/admin/scrape-roles", headers=admin).json()
    assert role["last_error"] == "HTTP 403 from the board"
    assert http.get("/api/scrape-queue/next", headers=bot).status_code == 204
    assert http.post(f"/api/scrape-queue/{role_id}/complete", headers=bot).status_code == 409


def test_a_revoked_or_unknown_key_gets_401_and_a_security_event(http: httpx.Client, admin: dict[str, str]) -> None:
    created = _new_key(http, admin)
    assert http.post(f"/api/admin/api-keys/{created['id']}/revoke", headers=admin).status_code == 200

    revoked = http.get("/api/scrape-queue/next", headers={KEY_HEADER: created["key"]})
    unknown = http.get("/api/scrape-queue/next", headers={KEY_HEADER: "hk_00000000_" + "y" * 43})

    assert (revoked.status_code, unknown.status_code) == (401, 401)
    assert revoked.json()["error"]["code"] == "unauthenticated"
    kinds = [e["kind"] for e in _events(http, admin)]
    assert kinds[0] == "scraper_key_revoked_used"  # the unknown key's event belongs to no tenant
    assert created["key"] not in json.dumps(_events(http, admin))


def test_a_key_over_its_rate_limit_gets_429_with_retry_after(http: httpx.Client, admin: dict[str, str]) -> None:
    bot = {KEY_HEADER: _new_key(http, admin, per_minute=2)["key"]}

    codes = [http.get("/api/scrape-queue/status", headers=bot) for _ in range(3)]

    assert [r.status_code for r in codes] == [200, 200, 429]
    assert 1 <= int(codes[2].headers["Retry-After"]) <= 30
    assert codes[2].json()["error"]["code"] == "rate_limited"


def test_a_key_of_one_tenant_never_sees_another_tenants_roles(http: httpx.Client, admin: dict[str, str]) -> None:
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Pilot"})
    [role] = http.get("/api/admin/scrape-roles", headers=admin).json()
    http.post(
        "/api/tenants",
        json={"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": "globex pw 123"},
    )
    globex = login(http, "boss@globex.test", "globex pw 123")
    their_bot = {KEY_HEADER: _new_key(http, globex)["key"]}

    assert http.get("/api/scrape-queue/next", headers=their_bot).status_code == 204
    upload = {"platform": "indeed", "jobs": [{"title": "Pilot"}]}
    assert http.post(f"/api/scrape-queue/{role['id']}/jobs", headers=their_bot, json=upload).status_code == 404
    assert http.get("/api/admin/scrape-roles", headers=globex).json() == []
    assert http.get("/api/scrape-queue/status", headers=their_bot).json()["roles"]["pending"] == 0


def test_a_malformed_upload_is_refused_and_recorded(http: httpx.Client, admin: dict[str, str]) -> None:
    bot = {KEY_HEADER: _new_key(http, admin)["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Pilot"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]

    response = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot, json={"platform": "indeed", "jobs": ["x"]})

    assert response.status_code == 422
    [rejection] = http.get("/api/admin/rejections", headers=admin).json()
    assert rejection["kind"] == "scrape_upload" and rejection["source"].startswith("scraper:")


def test_the_watchdog_handler_raises_an_alert_an_admin_can_list(
    http: httpx.Client, admin: dict[str, str], container: Any
) -> None:
    bot = {KEY_HEADER: _new_key(http, admin)["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Lighthouse keeper"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]
    http.post(f"/api/scrape-queue/{role_id}/complete", headers=bot)  # a cycle with no uploads at all

    result = _watchdog_handler()(json.loads((EVENTS / "eventbridge_expire_jobs.json").read_text()), _context())

    assert result["by_kind"] == {"zero_jobs_scraped": 1}
    [alert] = http.get("/api/admin/alerts", headers=admin).json()
    assert alert["kind"] == "zero_jobs_scraped" and "Lighthouse keeper" in alert["message"]


def _watchdog_handler() -> Any:
    """functions/scrape_watchdog/handler.py loaded as Lambda loads it (from its file, not as a package module)."""
    path = REPO_ROOT / "functions" / "scrape_watchdog" / "handler.py"
    spec = importlib.util.spec_from_file_location("lambda_scrape_watchdog_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.handler


def _context() -> LocalLambdaContext:
    return LocalLambdaContext("scrape_watchdog", 256, 60, log_group_name="/aws/lambda/scrape_watchdog")
