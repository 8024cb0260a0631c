"""Login and accounts over real HTTP (issue 10): throttling instead of a lock, sign-up in one transaction,
per-tenant accounts, the password policy, sessions that end at logout, disabled and deleted users."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import jwt
import pytest

from hiring.identity import ThrottlePolicy
from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login

STRONG = "correct horse battery"


@pytest.fixture
def strict(container) -> ThrottlePolicy:  # type: ignore[no-untyped-def]
    """The configured free counts, with a long first delay so that no refusal depends on how fast the machine is."""
    base = container.identity.throttle
    policy = ThrottlePolicy(
        free_per_account=base.free_per_account,
        free_per_client=base.free_per_client,
        free_signups_per_client=base.free_signups_per_client,
        base_delay_s=60,
        max_delay_s=600,
        window_s=3600,
    )
    container.identity.throttle = policy
    return policy


def _sign_up(http: httpx.Client, slug: str, email: str, password: str = STRONG) -> httpx.Response:
    return http.post(
        "/api/tenants", json={"slug": slug, "name": slug.title(), "admin_email": email, "admin_password": password}
    )


def _events(container: Any, kind: str) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT tenant_id, user_id, detail FROM security_events WHERE kind = %s ORDER BY id", (kind,)
        ).fetchall()


def test_a_recruiter_or_admin_cannot_overwrite_a_candidates_preferences(http: httpx.Client, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    from tests.pdfs import RESUME_TEXT, text_pdf

    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    resume = http.post(
        "/api/resumes", headers=candidate, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    own = http.put(f"/api/resumes/{resume}/preferences", headers=candidate, json={"arrangement": "remote"})
    assert own.status_code == 200
    for role in (Role.RECRUITER, Role.ADMIN):
        staff = login(http, DEMO_USERS[role])
        refused = http.put(
            f"/api/resumes/{resume}/preferences", headers=staff, json={"arrangement": "on-site", "salary_min": 1}
        )
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        assert http.get(f"/api/resumes/{resume}/preferences", headers=staff).json()["arrangement"] == "remote"


def test_a_refused_admin_leaves_no_tenant_and_the_slug_free(http: httpx.Client, container) -> None:  # type: ignore[no-untyped-def]
    bad_email = _sign_up(http, "initech", "not-an-email")
    assert bad_email.status_code == 422 and bad_email.json()["error"]["code"] == "invalid_input"
    weak = _sign_up(http, "initech", "boss@initech.test", "password12")
    assert weak.status_code == 422 and weak.json()["error"]["code"] == "weak_password"
    with container.db.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM tenants WHERE slug = 'initech'").fetchone()["n"] == 0
    created = _sign_up(http, "initech", "boss@initech.test")
    assert created.status_code == 201, created.text
    assert http.get("/api/me", headers=login(http, "boss@initech.test", STRONG)).json()["role"] == "admin"


def test_sign_up_is_throttled_per_client(http: httpx.Client, container, strict: ThrottlePolicy) -> None:  # type: ignore[no-untyped-def]
    answers = [_sign_up(http, f"org-{n}", "not-an-email").status_code for n in range(strict.free_signups_per_client)]
    assert answers == [422] * strict.free_signups_per_client
    throttled = _sign_up(http, "org-late", "boss@org-late.test")
    assert throttled.status_code == 429 and throttled.json()["error"]["code"] == "rate_limited"
    assert int(throttled.headers["Retry-After"]) == 60
    assert _events(container, "signup_throttled")


def test_registration_is_throttled_per_client(http: httpx.Client, demo, strict: ThrottlePolicy) -> None:  # type: ignore[no-untyped-def]
    answers = [
        http.post(
            "/api/auth/register", json={"tenant": "demo", "email": f"c{n}@cand.test", "password": STRONG}
        ).status_code
        for n in range(strict.free_signups_per_client + 1)
    ]
    assert answers == [201] * strict.free_signups_per_client + [429]


def test_many_failed_logins_from_one_client_are_throttled(http: httpx.Client, demo, strict: ThrottlePolicy) -> None:  # type: ignore[no-untyped-def]
    """40 failed logins across 40 emails used to answer 401 every time."""
    answers = [
        http.post("/api/auth/login", json={"email": f"guess{n}@example.com", "password": "wrong password"})
        for n in range(40)
    ]
    codes = [a.status_code for a in answers]
    assert codes == [401] * strict.free_per_client + [429] * (40 - strict.free_per_client)
    assert all(int(a.headers["Retry-After"]) >= 1 for a in answers if a.status_code == 429)


def test_x_forwarded_for_is_not_believed_by_default(http: httpx.Client, demo, strict: ThrottlePolicy) -> None:  # type: ignore[no-untyped-def]
    codes = [
        http.post(
            "/api/auth/login",
            json={"email": f"guess{n}@example.com", "password": "wrong password"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        ).status_code
        for n in range(strict.free_per_client + 1)
    ]
    assert codes[-1] == 429


def test_a_throttled_account_answers_like_an_unknown_one(  # type: ignore[no-untyped-def]
    http: httpx.Client, container, demo, strict: ThrottlePolicy
) -> None:
    """A known account used to answer 429 account_locked where an unknown email answered 401."""
    container.settings.trust_forwarded_for = True  # one client per attempt: only the account key counts here
    answers = {}
    for email in (DEMO_USERS[Role.RECRUITER], "nobody@example.com"):
        for n in range(strict.free_per_account):
            wrong = http.post(
                "/api/auth/login",
                json={"email": email.upper(), "password": "wrong password"},
                headers={"X-Forwarded-For": f"198.51.100.{n}"},
            )
            assert wrong.status_code == 401 and wrong.json()["error"]["message"] == "email or password is wrong"
        refused = http.post(
            "/api/auth/login",
            json={"email": email, "password": "demo-password-123"},
            headers={"X-Forwarded-For": "192.0.2.200"},
        )
        error = refused.json()["error"]
        wait = int(refused.headers["Retry-After"])
        assert error["detail"] == {"retry_after_s": wait} and 1 <= wait <= strict.base_delay_s
        answers[email] = (refused.status_code, error["code"], error["message"].replace(str(wait), "N"))
    assert (
        answers[DEMO_USERS[Role.RECRUITER]]
        == answers["nobody@example.com"]
        == (
            429,
            "rate_limited",
            "too many attempts; try again in N s",
        )
    )
    failed = _events(container, "login_failed")
    assert failed and all(str(e["tenant_id"]) == demo.tenant_id for e in failed)
    assert _events(container, "login_throttled")
    # Another account from the same clients is not held back: the account key is the account's alone.
    assert http.post(
        "/api/auth/login",
        json={"email": DEMO_USERS[Role.ADMIN], "password": "demo-password-123"},
        headers={"X-Forwarded-For": "198.51.100.0"},
    ).status_code == (200)


def test_five_wrong_passwords_do_not_lock_the_owner_out(http: httpx.Client, container, demo) -> None:  # type: ignore[no-untyped-def]
    """Five requests used to lock a known account for 15 minutes; now they buy a delay of base seconds."""
    email = DEMO_USERS[Role.CANDIDATE]
    for _ in range(5):
        http.post("/api/auth/login", json={"email": email, "password": "wrong password"})
    with container.db.connect() as conn:
        waits = [
            (r["next_allowed_at"] - r["updated_at"]).total_seconds()
            for r in conn.execute("SELECT next_allowed_at, updated_at FROM login_throttle").fetchall()
        ]
    assert max(waits) <= container.identity.throttle.base_delay_s
    with container.db.connect() as conn:  # the delay has run out (as it does a second later)
        conn.execute("UPDATE login_throttle SET next_allowed_at = now() - interval '1 second'")
    assert http.post("/api/auth/login", json={"email": email, "password": "demo-password-123"}).status_code == 200


def test_registration_does_not_reveal_other_tenants_users(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    assert _sign_up(http, "globex", "boss@globex.test").status_code == 201
    # The demo candidate's address is free in globex: registering there tells nothing about demo.
    joined = http.post(
        "/api/auth/register",
        json={"tenant": "globex", "email": DEMO_USERS[Role.CANDIDATE], "password": "staple lantern quiz"},
    )
    assert joined.status_code == 201, joined.text
    again = http.post(
        "/api/auth/register",
        json={"tenant": "globex", "email": DEMO_USERS[Role.CANDIDATE], "password": "staple lantern quiz"},
    )
    assert again.status_code == 409  # within one organisation an address is one account
    # The documented login body still works: the password picks the account.
    demo_me = http.get("/api/me", headers=login(http, DEMO_USERS[Role.CANDIDATE])).json()
    globex_me = http.get("/api/me", headers=login(http, DEMO_USERS[Role.CANDIDATE], "staple lantern quiz")).json()
    assert demo_me["tenant_id"] == demo.tenant_id and globex_me["tenant_id"] == joined.json()["tenant_id"]
    by_slug = http.post(
        "/api/auth/login",
        json={"email": DEMO_USERS[Role.CANDIDATE], "password": "staple lantern quiz", "tenant": "demo"},
    )
    assert by_slug.status_code == 401


def test_the_same_password_in_two_tenants_asks_for_the_tenant(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    assert _sign_up(http, "globex", "boss@globex.test").status_code == 201
    email = DEMO_USERS[Role.CANDIDATE]
    assert (
        http.post(
            "/api/auth/register", json={"tenant": "globex", "email": email, "password": "demo-password-123"}
        ).status_code
        == 201
    )
    ambiguous = http.post("/api/auth/login", json={"email": email, "password": "demo-password-123"})
    assert ambiguous.status_code == 401 and ambiguous.json()["error"]["detail"] == {"field": "tenant"}
    chosen = http.post("/api/auth/login", json={"email": email, "password": "demo-password-123", "tenant": "globex"})
    assert chosen.status_code == 200


@pytest.mark.parametrize("weak", ["aaaaaaaaaa", "password12"])
def test_weak_passwords_are_refused_with_zxcvbns_feedback(http: httpx.Client, demo, weak: str) -> None:  # type: ignore[no-untyped-def]
    from zxcvbn import zxcvbn

    warning = zxcvbn(weak)["feedback"]["warning"]
    admin = login(http, DEMO_USERS[Role.ADMIN])
    for response in (
        http.post("/api/auth/register", json={"tenant": "demo", "email": "new@cand.test", "password": weak}),
        http.post("/api/users", headers=admin, json={"email": "new@rec.test", "password": weak, "role": "recruiter"}),
        _sign_up(http, "weakling", "boss@weakling.test", weak),
    ):
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "weak_password" and error["message"].startswith(warning)


def test_logout_ends_the_access_tokens_session(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    email = DEMO_USERS[Role.RECRUITER]
    for how in ("bearer", "refresh", "both"):
        tokens = http.post("/api/auth/login", json={"email": email, "password": "demo-password-123"}).json()
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert http.get("/api/me", headers=bearer).status_code == 200
        out = http.post(
            "/api/auth/logout",
            headers=bearer if how != "refresh" else {},
            json={"refresh_token": tokens["refresh_token"]} if how != "bearer" else None,
        )
        assert out.status_code == 204, (how, out.text)
        assert http.get("/api/me", headers=bearer).status_code == 401, how
        assert http.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert http.post("/api/auth/logout").status_code == 401  # nothing to end
    assert http.post("/api/auth/logout", headers={"Authorization": "Bearer not.a.token"}).status_code == 401
    tokens = http.post("/api/auth/login", json={"email": email, "password": "demo-password-123"}).json()
    out = http.post(  # a refresh token with a garbled bearer still ends its session
        "/api/auth/logout",
        headers={"Authorization": "Bearer not.a.token"},
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert out.status_code == 204
    assert http.get("/api/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code == 401


def test_tokens_of_disabled_and_deleted_users_are_refused(http: httpx.Client, container, demo) -> None:  # type: ignore[no-untyped-def]
    admin = login(http, DEMO_USERS[Role.ADMIN])
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    user_id = demo.users[Role.RECRUITER]
    disabled = http.post(f"/api/users/{user_id}/disable", headers=admin)
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert http.get("/api/me", headers=recruiter).status_code == 401
    refused = http.post("/api/auth/login", json={"email": DEMO_USERS[Role.RECRUITER], "password": "demo-password-123"})
    assert refused.status_code == 401
    assert http.post(f"/api/users/{user_id}/enable", headers=admin).json()["disabled"] is False
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    assert http.get("/api/me", headers=recruiter).status_code == 200
    assert http.delete(f"/api/users/{user_id}", headers=admin).status_code == 204
    assert http.get("/api/me", headers=recruiter).status_code == 401
    assert http.delete(f"/api/users/{user_id}", headers=admin).status_code == 404
    own = http.post(f"/api/users/{demo.users[Role.ADMIN]}/disable", headers=admin)
    assert own.status_code == 422  # an admin cannot lock themselves out
    kinds = {k: _events(container, k) for k in ("user_disabled", "user_enabled", "user_deleted")}
    assert all(events and str(events[0]["tenant_id"]) == demo.tenant_id for events in kinds.values())


def test_a_well_signed_token_for_a_user_that_does_not_exist_is_refused(http: httpx.Client, container, demo) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime.now(dt.UTC)
    claims = {
        "sub": "00000000-0000-4000-8000-000000000000",
        "tid": demo.tenant_id,
        "sid": "00000000-0000-4000-8000-000000000001",
        "role": "admin",
        "email": "ghost@example.com",
        "iss": "hiring",
        "iat": now,
        "exp": now + dt.timedelta(minutes=5),
    }
    forged = jwt.encode(claims, container.jwt_secret(), algorithm="HS256")
    assert http.get("/api/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert http.get("/api/admin/security-events", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_in_lambda_the_client_is_api_gateways_source_ip(container, demo, strict: ThrottlePolicy) -> None:  # type: ignore[no-untyped-def]
    """Through Mangum, as the API Lambda runs: the throttle keys on requestContext.http.sourceIp, and a
    client-chosen X-Forwarded-For changes nothing."""
    import base64
    import json
    from types import SimpleNamespace

    from mangum import Mangum

    from hiring.api.app import create_app
    from tests.conftest import EVENTS

    asgi = Mangum(create_app(), lifespan="off")
    sample = json.loads((EVENTS / "apigw_http_health.json").read_text())

    def attempt(source_ip: str, n: int) -> int:
        body = json.dumps({"email": f"guess{n}@example.com", "password": "wrong password"}).encode()
        event = json.loads(json.dumps(sample))
        event["rawPath"] = event["requestContext"]["http"]["path"] = "/api/auth/login"
        event["requestContext"]["http"]["method"] = "POST"
        event["requestContext"]["http"]["sourceIp"] = source_ip
        event["headers"].update({"content-type": "application/json", "x-forwarded-for": f"198.51.100.{n % 250}"})
        event["body"], event["isBase64Encoded"] = base64.b64encode(body).decode(), True
        return int(asgi(event, SimpleNamespace())["statusCode"])  # type: ignore[arg-type]

    codes = [attempt("203.0.113.7", n) for n in range(strict.free_per_client + 1)]
    assert codes == [401] * strict.free_per_client + [429]
    assert attempt("203.0.113.8", 999) == 401  # another source address is another client


def test_concurrent_guesses_get_no_more_than_the_free_attempts(  # type: ignore[no-untyped-def]
    api_base_url: str, container, demo, strict: ThrottlePolicy
) -> None:
    """The attempt is counted before the password is checked, under the counter's row lock: 16 guesses sent at
    once get exactly the free number of password checks."""
    from concurrent.futures import ThreadPoolExecutor

    def guess(n: int) -> int:
        with httpx.Client(base_url=api_base_url, timeout=60) as client:
            body = {"email": DEMO_USERS[Role.ADMIN], "password": f"wrong password {n}"}
            return client.post("/api/auth/login", json=body).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        codes = sorted(pool.map(guess, range(16)))
    assert codes == [401] * strict.free_per_account + [429] * (16 - strict.free_per_account)
