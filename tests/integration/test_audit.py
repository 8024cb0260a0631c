"""The audit log (issue 12): append-only for the application and for the tables' owner, behind the tenant wall,
and written by every admin action, stored score and LLM call in the transaction of the change."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from hiring.adapters.postgres import current_tenant
from hiring.stores.audit import record_audit


def _entries(container: Any, tenant_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT * FROM audit_log WHERE tenant_id = %s AND (%s::text IS NULL OR kind = %s) ORDER BY id",
            (tenant_id, kind, kind),
        ).fetchall()


@pytest.fixture
def tenant(container: Any) -> str:
    return str(container.identity.create_tenant("audited", "Audited"))


def test_an_entry_is_appended_with_its_transaction(container: Any, tenant: str) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {"job_id": "j1", "text": "nul\x00here"})
    with pytest.raises(RuntimeError), container.db.connect() as conn:  # rolled back with the change it records
        record_audit(conn, tenant, "system", "score", "resume", "r2", {})
        raise RuntimeError("the change failed")
    rows = _entries(container, tenant)
    assert [(r["actor"], r["kind"], r["subject_kind"], r["subject_id"]) for r in rows] == [
        ("system", "score", "resume", "r1")
    ]
    assert rows[0]["detail"] == {"job_id": "j1", "text": "nul\ufffdhere"}


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
)
def test_the_application_cannot_change_or_remove_an_entry(container: Any, tenant: str, statement: str) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {})
    with pytest.raises(psycopg.errors.InsufficientPrivilege), container.db.connect() as conn:
        conn.execute(statement)
    assert len(_entries(container, tenant)) == 1


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
)
def test_even_the_owner_cannot_change_or_remove_an_entry(
    container: Any, settings: Any, tenant: str, statement: str
) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {})
    with psycopg.connect(settings.database_url) as owner:  # the login role, not hiring_app: only the trigger stops it
        assert owner.execute("SELECT current_user <> 'hiring_app'").fetchone() == (True,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            owner.execute(statement)
    assert len(_entries(container, tenant)) == 1


def test_a_tenant_sees_only_its_own_entries(container: Any, tenant: str) -> None:
    other = str(container.identity.create_tenant("other-org", "Other"))
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "mine", {})
        record_audit(conn, other, "system", "score", "resume", "theirs", {})
    token = current_tenant.set(tenant)
    try:
        with container.db.connect() as conn:
            seen = [r["subject_id"] for r in conn.execute("SELECT subject_id FROM audit_log").fetchall()]
        with pytest.raises(psycopg.errors.InsufficientPrivilege), container.db.connect() as conn:
            record_audit(conn, other, "system", "score", "resume", "forged", {})
    finally:
        current_tenant.reset(token)
    assert seen == ["mine"]
