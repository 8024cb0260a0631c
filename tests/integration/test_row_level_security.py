"""Row-level security, the second wall: inside a tenant's request a query that forgets its tenant filter still
sees and writes only that tenant's rows."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from hiring.adapters.postgres import current_tenant
from hiring.principal import Role


@pytest.fixture
def two_tenants(container: Any) -> tuple[str, str]:
    identity = container.identity
    a, b = identity.create_tenant("alpha", "Alpha"), identity.create_tenant("beta", "Beta")
    identity.create_user(a, "a@alpha.test", "a long password", Role.RECRUITER)
    identity.create_user(b, "b@beta.test", "a long password", Role.RECRUITER)
    return a, b


def test_the_application_acts_as_the_restricted_role(container: Any) -> None:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su"
        ).fetchone()
    assert (row["who"], row["su"]) == ("hiring_app", False)


def test_a_query_without_a_tenant_filter_sees_only_the_request_tenant(
    container: Any, two_tenants: tuple[str, str]
) -> None:
    alpha, _ = two_tenants
    token = current_tenant.set(alpha)
    try:
        with container.db.connect() as conn:
            emails = [r["email"] for r in conn.execute("SELECT email FROM users ORDER BY email").fetchall()]
    finally:
        current_tenant.reset(token)
    assert emails == ["a@alpha.test"]
    with container.db.connect() as conn:  # system work (no request tenant) sees everyone
        assert conn.execute("SELECT count(*) AS n FROM users").fetchone()["n"] == 2


def test_a_write_into_another_tenant_is_refused(container: Any, two_tenants: tuple[str, str]) -> None:
    alpha, beta = two_tenants
    token = current_tenant.set(alpha)
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), container.db.connect() as conn:
            conn.execute(
                "INSERT INTO status_events (tenant_id, entity, entity_id, status) VALUES (%s, 'job', %s, 'x')",
                (beta, beta),
            )
        with container.db.connect() as conn:
            updated = conn.execute("UPDATE users SET full_name = 'hacked' WHERE email = 'b@beta.test'").rowcount
    finally:
        current_tenant.reset(token)
    assert updated == 0
