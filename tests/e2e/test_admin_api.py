"""An admin's day over real HTTP (issue 12): the audit log with its filters, the metrics of a window, the users
of the tenant with their roles, and the import batches; every answer only about the caller's tenant."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf

PASSWORD = "long enough password"


@pytest.fixture
def admin(http: httpx.Client, demo: Any) -> dict[str, str]:
    return login(http, DEMO_USERS[Role.ADMIN])


def _audit(http: httpx.Client, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    response = http.get("/api/admin/audit", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return list(response.json())


def _new_user(http: httpx.Client, admin: dict[str, str], email: str, role: str = "recruiter") -> str:
    created = http.post("/api/users", headers=admin, json={"email": email, "password": PASSWORD, "role": role})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def test_admin_actions_appear_in_the_audit_log_with_every_filter(
    http: httpx.Client, admin: dict[str, str], demo: Any
) -> None:
    admin_id = demo.users[Role.ADMIN]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    user = _new_user(http, admin, "audited@example.com")
    assert http.post(f"/api/users/{user}/disable", headers=admin).status_code == 200
    assert http.patch(f"/api/users/{user}", headers=admin, json={"role": "candidate"}).status_code == 200
    key = http.post("/api/admin/api-keys", headers=admin, json={"name": "audited bot"}).json()["id"]

    newest = _audit(http, admin, actor=admin_id, since=start.isoformat())
    assert [(e["kind"], e["subject_id"]) for e in newest] == [
        ("api_key_created", key),
        ("user_role_changed", user),
        ("user_disabled", user),
        ("user_created", user),
    ]
    assert newest[1]["detail"] == {"from": "recruiter", "to": "candidate"}
    assert [e["kind"] for e in _audit(http, admin, subject=user, subject_kind="user")] == [
        "user_role_changed",
        "user_disabled",
        "user_created",
    ]
    assert [e["subject_id"] for e in _audit(http, admin, kind="user_disabled")] == [user]
    assert [e["kind"] for e in _audit(http, admin, actor=admin_id, limit=2, offset=1)] == [
        "user_role_changed",
        "user_disabled",
    ]
    assert _audit(http, admin, until=start.isoformat(), kind="user_disabled") == []
    assert "audited@example.com" not in json.dumps(_audit(http, admin))  # ids, never personal data


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2026-01-02T00:00:00Z", "until": "2026-01-01T00:00:00Z"}, "since"),
        ({"since": "2026-01-01T00:00:00"}, "since"),  # no time zone: which day would it be?
        ({"limit": 0}, "limit"),
    ],
)
def test_a_bad_audit_filter_is_refused_naming_the_field(
    http: httpx.Client, admin: dict[str, str], params: dict[str, Any], field: str
) -> None:
    response = http.get("/api/admin/audit", headers=admin, params=params)
    assert response.status_code == 422, response.text
    assert field in json.dumps(response.json()["error"])


def test_the_metrics_count_what_happened_in_the_window(http: httpx.Client, admin: dict[str, str], runtime: Any) -> None:
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    pdf = text_pdf(RESUME_TEXT)
    uploaded = http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")})
    assert uploaded.status_code in (201, 202), uploaded.text
    runtime.drain()
    [first, *_] = http.get(f"/api/resumes/{uploaded.json()['id']}/matches", headers=candidate).json()
    applied = http.post(
        "/api/applications", headers=candidate, json={"job_id": first["job_id"], "resume_id": uploaded.json()["id"]}
    )
    assert applied.status_code == 201, applied.text
    feed = b'{"id": "m1", "title": "Engineer", "description": "Python"}\nnot json\n'
    assert http.post("/api/admin/imports", headers=admin, content=feed).status_code == 201

    figures = http.get("/api/admin/metrics", headers=admin)
    assert figures.status_code == 200, figures.text
    body = figures.json()
    assert body["parsing"]["received"] == 1 and sum(body["parsing"]["outcomes"].values()) == 1
    finished = {k: v for k, v in body["parsing"]["outcomes"].items() if k in ("parsed", "needs_review")}
    assert sum(finished.values()) == 1
    assert body["parse_latency"]["count"] == 1 and body["parse_latency"]["p50_ms"] >= 0
    # The imported job waits for its analysis: the tenant's one queued message.
    assert body["queue"]["depth"] == 1 and body["queue"]["oldest_age_s"] >= 0
    assert body["queue"]["depth_all_tenants"] >= 1
    assert body["imports"]["rows"] == 2 and body["imports"]["new"] == 1 and body["imports"]["failed"] == 1
    assert body["imports"]["batches_with_failures"] >= 1
    assert body["matches"]["scores_written"] > 0
    assert body["matches"]["scores_written"] == len(_audit(http, admin, kind="score", limit=500))
    assert body["llm"]["calls"] == 0
    assert body["funnel"] == {"applied": 1}
    runtime.drain()
    drained = http.get("/api/admin/metrics", headers=admin).json()["queue"]
    assert (drained["depth"], drained["oldest_age_s"]) == (0, None)

    before = (dt.datetime.now(dt.UTC) - dt.timedelta(days=30)).isoformat()
    old = http.get(
        "/api/admin/metrics",
        headers=admin,
        params={"since": before, "until": (dt.datetime.now(dt.UTC) - dt.timedelta(days=29)).isoformat()},
    ).json()
    assert old["parsing"]["received"] == 0 and old["imports"]["batches"] == 0 and old["matches"]["scores_written"] == 0
    assert old["funnel"] == {} and old["parse_latency"]["p50_ms"] is None


def test_users_are_listed_and_an_admin_changes_another_ones_role(http: httpx.Client, admin: dict[str, str]) -> None:
    listed = http.get("/api/users", headers=admin)
    assert listed.status_code == 200, listed.text
    by_email = {u["email"]: u for u in listed.json()}
    assert {by_email[email]["role"] for email in DEMO_USERS.values()} == {"admin", "recruiter", "candidate"}
    me = by_email[DEMO_USERS[Role.ADMIN]]
    assert me["last_login_at"] is not None and me["disabled"] is False
    assert "password_hash" not in me

    user = _new_user(http, admin, "promoted@example.com")
    promoted = login(http, "promoted@example.com", PASSWORD)
    assert http.get("/api/users", headers=promoted).status_code == 403
    changed = http.patch(f"/api/users/{user}", headers=admin, json={"role": "admin"})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["role"], changed.json()["previous_role"]) == ("admin", "recruiter")
    assert http.get("/api/users", headers=promoted).status_code == 200  # the same token, at once

    own = http.patch(f"/api/users/{me['id']}", headers=admin, json={"role": "candidate"})
    assert own.status_code == 422 and own.json()["error"]["details"]["field"] == "user_id"
    assert http.patch(f"/api/users/{user}", headers=admin, json={"role": "owner"}).status_code == 422
    assert http.patch("/api/users/not-a-user", headers=admin, json={"role": "admin"}).status_code == 404


def test_import_batches_are_listed_newest_first_with_their_counts(http: httpx.Client, admin: dict[str, str]) -> None:
    first = http.post("/api/admin/imports", headers=admin, content=b'[{"id": "i1", "title": "A", "description": "x"}]')
    second = http.post("/api/admin/imports", headers=admin, content=b'[{"id": "i2", "title": "B"}, 5]')
    assert first.status_code == second.status_code == 201

    listed = http.get("/api/admin/imports", headers=admin)
    assert listed.status_code == 200, listed.text
    batches = listed.json()
    assert [b["id"] for b in batches[:2]] == [second.json()["batch_id"], first.json()["batch_id"]]
    assert (batches[0]["total"], batches[0]["failed"], batches[1]["new"]) == (2, 2, 1)
    assert (
        http.get("/api/admin/imports", headers=admin, params={"limit": 1, "offset": 1}).json()[0]["id"]
        == (first.json()["batch_id"])
    )


def test_another_tenants_admin_sees_none_of_it(http: httpx.Client, admin: dict[str, str]) -> None:
    user = _new_user(http, admin, "hidden@example.com")
    http.post("/api/admin/imports", headers=admin, content=b'[{"id": "h1", "title": "A", "description": "x"}]')
    created = http.post(
        "/api/tenants",
        json={"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": "globex pass 1"},
    )
    assert created.status_code == 201, created.text
    other = login(http, "boss@globex.test", "globex pass 1")

    assert {e["subject_id"] for e in _audit(http, other)} == {created.json()["admin_user_id"]}
    assert [u["email"] for u in http.get("/api/users", headers=other).json()] == ["boss@globex.test"]
    assert http.get("/api/admin/imports", headers=other).json() == []
    assert http.patch(f"/api/users/{user}", headers=other, json={"role": "admin"}).status_code == 404
    figures = http.get("/api/admin/metrics", headers=other).json()
    assert figures["imports"]["batches"] == 0 and figures["parsing"]["received"] == 0
