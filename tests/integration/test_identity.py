"""Passwords, tokens, rotation and lockout against the real database."""

from __future__ import annotations

import pytest

from hiring.errors import AccountLocked, Conflict, InvalidInput, Unauthenticated
from hiring.identity import Role


@pytest.fixture
def identity(container):  # type: ignore[no-untyped-def]
    return container.identity


@pytest.fixture
def tenant(identity) -> str:  # type: ignore[no-untyped-def]
    return identity.create_tenant("acme", "Acme Corp")


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
    assert wrong.value.message == unknown.value.message


def test_account_locks_after_repeated_failures(container, identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.RECRUITER)
    for _ in range(identity.max_failed_logins):
        with pytest.raises(Unauthenticated):
            identity.login("ann@acme.test", "wrong password!")
    with pytest.raises(AccountLocked):  # even the right password waits out the lock
        identity.login("ann@acme.test", "correct horse battery")
    with container.db.connect() as conn:
        kinds = [r["kind"] for r in conn.execute("SELECT kind FROM security_events ORDER BY id").fetchall()]
    assert "account_locked" in kinds and "login_while_locked" in kinds


def test_refresh_rotates_and_reuse_revokes_the_family(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    first = identity.login("ann@acme.test", "correct horse battery")
    second = identity.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    with pytest.raises(Unauthenticated, match="already used"):
        identity.refresh(first.refresh_token)  # a stolen, already-rotated token
    with pytest.raises(Unauthenticated):
        identity.refresh(second.refresh_token)  # the whole family is gone


def test_logout_revokes_the_refresh_token(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    pair = identity.login("ann@acme.test", "correct horse battery")
    identity.logout(pair.refresh_token)
    with pytest.raises(Unauthenticated):
        identity.refresh(pair.refresh_token)


def test_tampered_or_foreign_tokens_are_refused(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    token = identity.login("ann@acme.test", "correct horse battery").access_token
    header, payload, signature = token.split(".")
    with pytest.raises(Unauthenticated):
        identity.authenticate(f"{header}.{payload}.{signature[::-1]}")
    import jwt

    forged = jwt.encode({"sub": "x", "tid": tenant, "role": "admin", "iss": "hiring", "iat": 0, "exp": 9e9}, "k" * 40)
    with pytest.raises(Unauthenticated):
        identity.authenticate(forged)


def test_duplicate_email_and_weak_password_are_refused(identity, tenant) -> None:  # type: ignore[no-untyped-def]
    identity.create_user(tenant, "ann@acme.test", "correct horse battery", Role.CANDIDATE)
    with pytest.raises(Conflict):
        identity.create_user(tenant, "ANN@acme.test", "another long password", Role.CANDIDATE)
    with pytest.raises(InvalidInput, match="at least 10"):
        identity.create_user(tenant, "bob@acme.test", "short", Role.CANDIDATE)
    with pytest.raises(InvalidInput, match="email"):
        identity.create_user(tenant, "not-an-email", "correct horse battery", Role.CANDIDATE)
