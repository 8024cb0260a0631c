"""Passwords, tokens, sessions, rotation, throttling and per-tenant accounts against the real database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
import pytest

from hiring.errors import Conflict, InvalidInput, RateLimited, Unauthenticated
from hiring.identity import IdentityService, Role, ThrottlePolicy, WeakPassword


@pytest.fixture
def identity(container):  # type: ignore[no-untyped-def]
    return container.identity


@pytest.fixture
def tenant(identity) -> str:  # type: ignore[no-untyped-def]
    return identity.create_tenant("acme", "Acme Corp")


class Clock:
    """A clock the test moves by hand, so throttling is checked without waiting."""

    def __init__(self) -> None:
        self.now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttled(container, clock: Clock) -> IdentityService:  # type: ignore[no-untyped-def]
    """The service as the container builds it, on a hand-moved clock (2 free per account, 4 per client)."""
    policy = ThrottlePolicy(free_per_account=2, free_per_client=4, base_delay_s=10, max_delay_s=40, window_s=600)
    return IdentityService(container.db, container.jwt_secret(), throttle=policy, clock=clock)


def _events(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT tenant_id, user_id, kind, detail FROM security_events ORDER BY id").fetchall()


def test_passwords_are_stored_as_argon2id(container, identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "Ann@Acme.test", "correct horse battery", Role.RECRUITER)
    with container.db.connect() as conn:
        row = conn.execute("SELECT email, password_hash FROM users").fetchone()
    assert row["email"] == "ann@acme.test"
    assert row["password_hash"].startswith("$argon2id$")
    assert "correct horse" not in row["password_hash"]


def test_login_issues_tokens_that_authenticate(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    user_id = identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    pair = identity.login("ANN@acme.test", "correct horse battery")
    principal = identity.authenticate(pair.access_token)
    assert (principal.user_id, principal.tenant_id, principal.role) == (user_id, tenant, Role.RECRUITER)


def test_wrong_password_and_unknown_email_get_the_same_answer(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    with pytest.raises(Unauthenticated) as wrong:
        identity.login("ann@acme.test", "wrong password!")
    with pytest.raises(Unauthenticated) as unknown:
        identity.login("nobody@acme.test", "wrong password!")
    assert (wrong.value.message, wrong.value.detail) == (unknown.value.message, unknown.value.detail)


def test_five_failures_do_not_lock_an_account(container, identity, tenant, clock) -> None:  # type: ignore[no-untyped-def]
    """Anyone could lock any known account for 15 minutes with 5 requests; now they buy it a one-second wait."""
    service = IdentityService(container.db, container.jwt_secret(), throttle=identity.throttle, clock=clock)
    service.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            service.login("ann@acme.test", "wrong password!", client="198.51.100.7")
    with pytest.raises(RateLimited) as refused:
        service.login("ann@acme.test", "correct horse battery", client="203.0.113.9")
    assert refused.value.detail == {"retry_after_s": 1}
    clock.advance(1)
    assert service.login("ann@acme.test", "correct horse battery", client="203.0.113.9").access_token


def test_throttled_attempts_get_the_same_answer_for_known_and_unknown_accounts(  # type: ignore[no-untyped-def]
    container, throttled, tenant, clock
) -> None:
    throttled.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    answers = {}
    for email in ("ann@acme.test", "nobody@acme.test"):
        for attempt in range(2):  # the free ones, each from another client
            with pytest.raises(Unauthenticated):
                throttled.login(email, "wrong password!", client=f"198.51.100.{attempt}")
        with pytest.raises(RateLimited) as refused:
            throttled.login(email, "correct horse battery", client="203.0.113.1")  # even the right password
        answers[email] = (refused.value.code, refused.value.message, refused.value.detail)
    assert answers["ann@acme.test"] == answers["nobody@acme.test"]
    assert answers["ann@acme.test"][2] == {"retry_after_s": 10}
    kinds = [(e["kind"], e["tenant_id"] is not None) for e in _events(container)]
    assert ("login_failed", True) in kinds and ("login_unknown_email", False) in kinds
    assert ("login_throttled", False) in kinds


def test_delays_grow_exponentially_up_to_the_cap_and_counters_decay(throttled, tenant, clock) -> None:  # type: ignore[no-untyped-def]
    throttled.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    outcomes: list[int | str] = []
    for _ in range(9):
        try:
            throttled.login("ann@acme.test", "wrong password!")
            outcomes.append(200)
        except Unauthenticated:
            outcomes.append(401)
        except RateLimited as refused:  # wait exactly as long as told, then try again
            outcomes.append(f"429 after {refused.detail['retry_after_s']} s")
            clock.advance(refused.detail["retry_after_s"])
    # two free, then base x 2^n, capped at 40 s
    assert outcomes == [401, 401, "429 after 10 s", 401, "429 after 20 s", 401, "429 after 40 s", 401, "429 after 40 s"]
    with pytest.raises(Unauthenticated):
        throttled.login("ann@acme.test", "wrong password!")
    with pytest.raises(RateLimited):  # the right password waits too: no attempt passes before its time
        throttled.login("ann@acme.test", "correct horse battery")
    clock.advance(600)  # a quiet window: the count starts again
    assert throttled.login("ann@acme.test", "correct horse battery").access_token


def test_a_success_starts_the_account_count_again(throttled, tenant, clock) -> None:  # type: ignore[no-untyped-def]
    throttled.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    with pytest.raises(Unauthenticated):
        throttled.login("ann@acme.test", "wrong password!")
    throttled.login("ann@acme.test", "correct horse battery")
    with pytest.raises(Unauthenticated):  # one free failure left again, not refused
        throttled.login("ann@acme.test", "wrong password!")


def test_a_client_is_throttled_across_many_emails(throttled, tenant) -> None:  # type: ignore[no-untyped-def]
    outcomes = []
    for n in range(8):
        try:
            throttled.login(f"user{n}@acme.test", "wrong password!", client="192.0.2.50")
        except Unauthenticated:
            outcomes.append(401)
        except RateLimited:
            outcomes.append(429)
    assert outcomes == [401] * 4 + [429] * 4
    with pytest.raises(Unauthenticated):  # another client is not held back
        throttled.login("user9@acme.test", "wrong password!", client="192.0.2.51")


def test_throttle_keys_hold_no_email_or_address_in_clear(container, throttled, tenant) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Unauthenticated):
        throttled.login("ann@acme.test", "wrong password!", client="192.0.2.50")
    with container.db.connect() as conn:
        rows = conn.execute("SELECT * FROM login_throttle").fetchall()
    assert len(rows) == 2
    stored = repr(rows)
    assert "ann@acme.test" not in stored and "192.0.2.50" not in stored and "ann" not in stored


def test_refresh_rotates_and_reuse_revokes_the_family(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    first = identity.login("ann@acme.test", "correct horse battery")
    second = identity.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    with pytest.raises(Unauthenticated, match="already used"):
        identity.refresh(first.refresh_token)  # a stolen, already-rotated token
    with pytest.raises(Unauthenticated):
        identity.refresh(second.refresh_token)  # the whole family is gone
    with pytest.raises(Unauthenticated):
        identity.authenticate(second.access_token)  # and its access tokens with it


def test_logout_revokes_the_refresh_token_and_the_access_tokens_of_its_session(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    pair = identity.login("ann@acme.test", "correct horse battery")
    other = identity.login("ann@acme.test", "correct horse battery")  # another device
    rotated = identity.refresh(pair.refresh_token)
    identity.logout(pair.refresh_token)  # an already-rotated token still names its session
    with pytest.raises(Unauthenticated):
        identity.refresh(rotated.refresh_token)
    for token in (pair.access_token, rotated.access_token):
        with pytest.raises(Unauthenticated):
            identity.authenticate(token)
    assert identity.authenticate(other.access_token).email == "ann@acme.test"  # the other session lives
    identity.logout(access_token=other.access_token)
    with pytest.raises(Unauthenticated):
        identity.authenticate(other.access_token)
    with pytest.raises(Unauthenticated):
        identity.refresh(other.refresh_token)


def test_tampered_or_foreign_tokens_are_refused(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    token = identity.login("ann@acme.test", "correct horse battery").access_token
    header, payload, signature = token.split(".")
    with pytest.raises(Unauthenticated):
        identity.authenticate(f"{header}.{payload}.{signature[::-1]}")

    forged = jwt.encode({"sub": "x", "tid": tenant, "role": "admin", "iss": "hiring", "iat": 0, "exp": 9e9}, "k" * 40)
    with pytest.raises(Unauthenticated):
        identity.authenticate(forged)


def test_a_well_signed_token_for_a_user_that_does_not_exist_is_refused(container, identity, tenant) -> None:  # type: ignore[no-untyped-def]
    user_id = identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.ADMIN)
    pair = identity.login("ann@acme.test", "correct horse battery")
    claims = jwt.decode(pair.access_token, container.jwt_secret(), algorithms=["HS256"], issuer="hiring")
    ghost = jwt.encode(
        {**claims, "sub": "00000000-0000-4000-8000-000000000000"}, container.jwt_secret(), algorithm="HS256"
    )
    with pytest.raises(Unauthenticated):
        identity.authenticate(ghost)
    with container.db.connect() as conn:
        conn.execute("DELETE FROM users WHERE id = %s", (user_id,))
    with pytest.raises(Unauthenticated):
        identity.authenticate(pair.access_token)


def test_a_disabled_user_is_refused_at_once_and_enabled_again(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    admin_id = identity.create_user(tenant, "boss@acme.test", "correct horse battery", Role.ADMIN)
    ann = identity.create_user(tenant, "ann@acme.test", "staple lantern quiz", Role.RECRUITER)
    admin = identity.authenticate(identity.login("boss@acme.test", "correct horse battery").access_token)
    assert admin.user_id == admin_id
    pair = identity.login("ann@acme.test", "staple lantern quiz")
    assert identity.set_disabled(admin, ann, disabled=True).disabled is True
    with pytest.raises(Unauthenticated):
        identity.authenticate(pair.access_token)
    with pytest.raises(Unauthenticated):
        identity.refresh(pair.refresh_token)
    with pytest.raises(Unauthenticated, match="email or password is wrong"):
        identity.login("ann@acme.test", "staple lantern quiz")
    identity.set_disabled(admin, ann, disabled=False)
    assert identity.authenticate(identity.login("ann@acme.test", "staple lantern quiz").access_token).user_id == ann
    with pytest.raises(InvalidInput, match="own account"):
        identity.delete_user(admin, admin_id)


def test_the_same_email_has_an_account_in_each_tenant(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    other = identity.create_tenant("globex", "Globex")
    in_acme = identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    in_globex = identity.create_user(other, "ANN@acme.test", "staple lantern quiz", Role.CANDIDATE)
    assert in_acme != in_globex
    with pytest.raises(Conflict):  # within one tenant an address is still one account
        identity.create_user(other, "ann@acme.test", "another long password", Role.CANDIDATE)
    # Without a tenant, the password says which account: each is checked.
    assert identity.authenticate(identity.login("ann@acme.test", "correct horse battery").access_token).tenant_id == (
        tenant
    )
    assert identity.authenticate(identity.login("ann@acme.test", "staple lantern quiz").access_token).tenant_id == other
    assert identity.authenticate(
        identity.login("ann@acme.test", "correct horse battery", tenant="acme").access_token
    ).user_id == (in_acme)
    with pytest.raises(Unauthenticated, match="email or password is wrong"):
        identity.login("ann@acme.test", "correct horse battery", tenant="globex")


def test_the_same_password_in_two_tenants_asks_for_the_tenant(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    other = identity.create_tenant("globex", "Globex")
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    in_globex = identity.create_user(other, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    with pytest.raises(Unauthenticated, match="tenant") as ambiguous:
        identity.login("ann@acme.test", "correct horse battery")
    assert ambiguous.value.detail == {"field": "tenant"}
    assert identity.authenticate(
        identity.login("ann@acme.test", "correct horse battery", tenant="globex").access_token
    ).user_id == (in_globex)


def test_demo_seeding_updates_the_account_of_its_own_tenant(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    other = identity.create_tenant("globex", "Globex")
    theirs = identity.create_user(other, "ann@acme.test", "staple lantern quiz", Role.CANDIDATE)
    ours = identity.ensure_user(tenant, "ann@acme.test", "correct horse battery", Role.ADMIN)
    assert ours != theirs
    assert identity.ensure_user(tenant, "ANN@acme.test", "correct horse battery", Role.RECRUITER) == ours
    assert identity.authenticate(identity.login("ann@acme.test", "staple lantern quiz").access_token).user_id == theirs
    with pytest.raises(WeakPassword):
        identity.ensure_user(tenant, "bob@acme.test", "password12", Role.ADMIN)


@pytest.mark.parametrize("weak", ["aaaaaaaaaa", "password12", "qwertyuiop", "Password123!"])
def test_common_and_guessable_passwords_are_refused(identity, tenant, weak: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WeakPassword) as refused:
        identity.create_user(tenant, "bob@acme.test", weak, Role.CANDIDATE)
    assert refused.value.code == "weak_password"
    from zxcvbn import zxcvbn

    feedback = zxcvbn(weak)["feedback"]
    assert refused.value.message.startswith(feedback["warning"] or "This password is too easy to guess.")
    assert all(s in refused.value.message for s in feedback["suggestions"]) and weak not in refused.value.message


def test_a_password_made_of_the_accounts_own_words_is_refused(identity) -> None:  # type: ignore[no-untyped-def]
    """'globex industries' scores 3 for zxcvbn alone, 0 once it knows the organisation's name."""
    with pytest.raises(WeakPassword):
        identity.sign_up("globex", "Globex Industries", "boss@globex.test", "globex industries")
    with pytest.raises(WeakPassword):
        identity.sign_up("globex", "Globex Industries", "boss@globex.test", "boss@globex.test")


def test_duplicate_email_short_password_and_bad_email_are_refused(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    with pytest.raises(Conflict):
        identity.create_user(tenant, "ANN@acme.test", "another long password", Role.CANDIDATE)
    with pytest.raises(InvalidInput, match="at least 10"):
        identity.create_user(tenant, "bob@acme.test", "short", Role.CANDIDATE)
    with pytest.raises(WeakPassword, match="at most 256"):
        identity.create_user(tenant, "bob@acme.test", "x" * 257, Role.CANDIDATE)
    with pytest.raises(InvalidInput, match="email"):
        identity.create_user(tenant, "not-an-email", "correct horse battery", Role.CANDIDATE)


def test_sign_up_is_one_transaction(container, identity) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="email"):
        identity.sign_up("globex", "Globex", "not-an-email", "correct horse battery")
    with pytest.raises(WeakPassword):
        identity.sign_up("globex", "Globex", "boss@globex.test", "password12")
    with container.db.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM tenants").fetchone()["n"] == 0
    tenant_id, admin_id = identity.sign_up("globex", "Globex", "boss@globex.test", "correct horse battery")
    principal = identity.authenticate(identity.login("boss@globex.test", "correct horse battery").access_token)
    assert (principal.tenant_id, principal.user_id, principal.role) == (tenant_id, admin_id, Role.ADMIN)
    with pytest.raises(Conflict):
        identity.sign_up("globex", "Globex", "other@globex.test", "correct horse battery")
    kinds = [(e["kind"], str(e["tenant_id"])) for e in _events(container)]
    assert ("tenant_created", tenant_id) in kinds and ("user_created", tenant_id) in kinds


def test_sign_ups_and_registrations_are_throttled_per_client(throttled, clock) -> None:  # type: ignore[no-untyped-def]
    free = throttled.throttle.free_signups_per_client
    for n in range(free):
        with pytest.raises(InvalidInput):
            throttled.sign_up(f"org-{n}", "Org", "not-an-email", "correct horse battery", client="192.0.2.9")
    with pytest.raises(RateLimited):
        throttled.sign_up("org-x", "Org", "boss@org.test", "correct horse battery", client="192.0.2.9")
    throttled.sign_up("org-y", "Org", "boss@org.test", "correct horse battery", client="192.0.2.10")
    for _ in range(free):
        with pytest.raises(Conflict):
            throttled.register("org-y", "boss@org.test", "correct horse battery", client="192.0.2.11")
    with pytest.raises(RateLimited):
        throttled.register("org-y", "new@org.test", "correct horse battery", client="192.0.2.11")
