"""The identity store: all SQL on tenants, users, refresh tokens (sessions), the login throttle and security events.

Every function takes the caller's connection; hiring.identity.IdentityService opens the transactions and holds
the rules (passwords, tokens, throttling). Only the database and the principal's Role are imported here, so any
function can find a tenant whatever its layers hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Connection
from hiring.principal import Role

Row = dict[str, Any]

# --- tenants ---------------------------------------------------------------------------------------


def find_tenant_id(conn: Connection, slug_or_id: str) -> str | None:
    """The tenant's id, or None when no tenant has that slug or id."""
    row = conn.execute("SELECT id FROM tenants WHERE slug = %s OR id::text = %s", (slug_or_id, slug_or_id)).fetchone()
    return str(row["id"]) if row else None


def tenant(conn: Connection, tenant_id: str) -> Row | None:
    """The tenant's slug and name, or None."""
    return conn.execute("SELECT slug, name FROM tenants WHERE id = %s", (tenant_id,)).fetchone()


def insert_tenant(conn: Connection, slug: str, name: str) -> str | None:
    """The new tenant's id, or None when the slug is taken."""
    row = conn.execute(
        "INSERT INTO tenants (slug, name) VALUES (%s, %s) ON CONFLICT (slug) DO NOTHING RETURNING id", (slug, name)
    ).fetchone()
    return str(row["id"]) if row else None


# --- users -----------------------------------------------------------------------------------------


def insert_user(
    conn: Connection, tenant_id: str, email: str, password_hash: str, role: Role, full_name: str | None
) -> str | None:
    """The new user's id, or None when the tenant already has an account with this email (any case)."""
    row = conn.execute(
        "INSERT INTO users (tenant_id, email, password_hash, role, full_name) VALUES (%s, %s, %s, %s, %s)"
        " ON CONFLICT (tenant_id, lower(email)) DO NOTHING RETURNING id",
        (tenant_id, email, password_hash, role.value, full_name),
    ).fetchone()
    return str(row["id"]) if row else None


def upsert_user(conn: Connection, tenant_id: str, email: str, password_hash: str, role: Role) -> str:
    """Create the user, or reset its password and role and enable it; its id."""
    row = conn.execute(
        "INSERT INTO users (tenant_id, email, password_hash, role) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (tenant_id, lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash,"
        " role = EXCLUDED.role, disabled_at = NULL RETURNING id",
        (tenant_id, email, password_hash, role.value),
    ).fetchone()
    assert row is not None
    return str(row["id"])


def set_disabled(conn: Connection, tenant_id: str, user_id: str, disabled: bool) -> Row | None:
    """Disable (keeping the first time) or enable the tenant's user: its id, email, role, disabled_at; or None."""
    return conn.execute(
        "UPDATE users SET disabled_at = CASE WHEN %s THEN coalesce(disabled_at, now()) END"
        " WHERE id = %s AND tenant_id = %s RETURNING id, email, role, disabled_at",
        (disabled, user_id, tenant_id),
    ).fetchone()


def delete_user(conn: Connection, tenant_id: str, user_id: str) -> bool:
    deleted = conn.execute(
        "DELETE FROM users WHERE id = %s AND tenant_id = %s RETURNING id", (user_id, tenant_id)
    ).fetchone()
    return deleted is not None


def accounts_by_email(conn: Connection, email: str, tenant: str | None) -> list[Row]:
    """Every account with this (normalised) email, in the tenant of that slug or id when given, oldest first."""
    return conn.execute(
        "SELECT u.id, u.tenant_id, u.email, u.role, u.password_hash, u.disabled_at FROM users u"
        " JOIN tenants t ON t.id = u.tenant_id WHERE lower(u.email) = %s"
        " AND (%s::text IS NULL OR t.slug = %s OR t.id::text = %s) ORDER BY u.created_at",
        (email, tenant, tenant, tenant),
    ).fetchall()


def record_login(conn: Connection, user_id: str, new_password_hash: str | None = None) -> None:
    """Stamp the login; store the password's new hash when the hasher's parameters changed."""
    if new_password_hash is not None:
        conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (new_password_hash, user_id))
    conn.execute("UPDATE users SET last_login_at = now() WHERE id = %s", (user_id,))


def live_user(conn: Connection, user_id: str, tenant_id: str, family_id: str) -> Row | None:
    """The role and email of an enabled user whose session (refresh-token family) is live, or None."""
    return conn.execute(
        "SELECT u.role, u.email FROM users u WHERE u.id = %s AND u.tenant_id = %s AND u.disabled_at IS NULL"
        " AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = %s AND t.user_id = u.id"
        " AND t.revoked_at IS NULL)",
        (user_id, tenant_id, family_id),
    ).fetchone()


# --- refresh tokens (sessions) ---------------------------------------------------------------------


def insert_refresh_token(
    conn: Connection, tenant_id: str, user_id: str, family_id: str, token_hash: str, expires_at: dt.datetime
) -> None:
    conn.execute(
        "INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at)"
        " VALUES (%s, %s, %s, %s, %s)",
        (tenant_id, user_id, family_id, token_hash, expires_at),
    )


def refresh_token_for_update(conn: Connection, token_hash: str) -> Row | None:
    """The token with its user (locked until the transaction ends), or None."""
    return conn.execute(
        "SELECT t.id, t.family_id, t.expires_at, t.revoked_at, u.id AS user_id, u.tenant_id, u.role, u.email,"
        " u.disabled_at FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = %s"
        " FOR UPDATE OF t",
        (token_hash,),
    ).fetchone()


def mark_rotated(conn: Connection, token_id: Any, replaced_by_hash: str) -> None:
    conn.execute(
        "UPDATE refresh_tokens SET revoked_at = now(),"
        " replaced_by = (SELECT id FROM refresh_tokens WHERE token_hash = %s) WHERE id = %s",
        (replaced_by_hash, token_id),
    )


def revoke_family(conn: Connection, family_id: Any) -> None:
    conn.execute(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = %s AND revoked_at IS NULL", (family_id,)
    )


def revoke_user_sessions(conn: Connection, user_id: str) -> None:
    conn.execute("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = %s AND revoked_at IS NULL", (user_id,))


def revoke_family_of_token(conn: Connection, token_hash: str) -> list[Row]:
    """End the session of a refresh token: the (tenant_id, user_id) rows of the tokens revoked now."""
    return conn.execute(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id ="
        " (SELECT family_id FROM refresh_tokens WHERE token_hash = %s) AND revoked_at IS NULL"
        " RETURNING tenant_id, user_id",
        (token_hash,),
    ).fetchall()


def revoke_session(conn: Connection, family_id: str, user_id: str) -> list[Row]:
    """End a user's session by its family: the (tenant_id, user_id) rows of the tokens revoked now."""
    return conn.execute(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = %s AND user_id = %s"
        " AND revoked_at IS NULL RETURNING tenant_id, user_id",
        (family_id, user_id),
    ).fetchall()


# --- the login throttle ----------------------------------------------------------------------------


def lock_throttle_keys(conn: Connection, key_hashes: Sequence[str], now: dt.datetime) -> dict[str, Row]:
    """The counters of these keys (created at zero when new), locked in key order so that two attempts lock the
    same rows in the same order."""
    ordered = sorted(key_hashes)
    for key_hash in ordered:
        conn.execute(
            "INSERT INTO login_throttle (key_hash, failures, next_allowed_at, updated_at)"
            " VALUES (%s, 0, %s, %s) ON CONFLICT (key_hash) DO NOTHING",
            (key_hash, now, now),
        )
    rows = conn.execute(
        "SELECT key_hash, failures, next_allowed_at, updated_at FROM login_throttle"
        " WHERE key_hash = ANY(%s) ORDER BY key_hash FOR UPDATE",
        (ordered,),
    ).fetchall()
    return {r["key_hash"]: r for r in rows}


def set_throttle(
    conn: Connection, key_hash: str, failures: int, next_allowed_at: dt.datetime, now: dt.datetime
) -> None:
    conn.execute(
        "UPDATE login_throttle SET failures = %s, next_allowed_at = %s, updated_at = %s WHERE key_hash = %s",
        (failures, next_allowed_at, now, key_hash),
    )


def forget_quiet_throttles(conn: Connection, quiet_since: dt.datetime, batch: int = 100) -> None:
    """Drop a few counters untouched since `quiet_since` (by the updated_at index)."""
    conn.execute(
        "DELETE FROM login_throttle WHERE key_hash IN (SELECT key_hash FROM login_throttle"
        " WHERE updated_at < %s LIMIT %s)",
        (quiet_since, batch),
    )


def delete_throttle(conn: Connection, key_hash: str) -> None:
    conn.execute("DELETE FROM login_throttle WHERE key_hash = %s", (key_hash,))


def throttle_for_update(conn: Connection, key_hash: str) -> Row | None:
    return conn.execute(
        "SELECT failures, updated_at FROM login_throttle WHERE key_hash = %s FOR UPDATE", (key_hash,)
    ).fetchone()


def lower_throttle(conn: Connection, key_hash: str, failures: int, next_allowed_at_most: dt.datetime) -> None:
    conn.execute(
        "UPDATE login_throttle SET failures = %s, next_allowed_at = least(next_allowed_at, %s) WHERE key_hash = %s",
        (failures, next_allowed_at_most, key_hash),
    )


# --- security events -------------------------------------------------------------------------------


def insert_security_event(
    conn: Connection, tenant_id: str | None, user_id: str | None, kind: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO security_events (tenant_id, user_id, kind, detail) VALUES (%s, %s, %s, %s)",
        (tenant_id, user_id, kind, detail),
    )


def security_events(conn: Connection, tenant_id: str, limit: int = 200) -> list[Row]:
    """The tenant's security events, newest first."""
    return conn.execute(
        "SELECT id, user_id, kind, detail, created_at FROM security_events"
        " WHERE tenant_id = %s ORDER BY id DESC LIMIT %s",
        (tenant_id, limit),
    ).fetchall()


def list_users(conn: Connection, tenant_id: str, limit: int, offset: int) -> list[Row]:
    """The tenant's accounts as an admin sees them (no password hash), oldest first (W4, issue 12)."""
    return conn.execute(
        "SELECT id::text AS id, email, full_name, role, disabled_at IS NOT NULL AS disabled, disabled_at,"
        " last_login_at, created_at FROM users WHERE tenant_id = %s ORDER BY created_at, id LIMIT %s OFFSET %s",
        (tenant_id, limit, offset),
    ).fetchall()


def set_role(conn: Connection, tenant_id: str, user_id: str, role: str) -> Row | None:
    """Change the tenant's user's role; (id, email, role, previous role, disabled_at) or None."""
    return conn.execute(
        "UPDATE users u SET role = %s FROM (SELECT id, role FROM users WHERE id = %s AND tenant_id = %s FOR UPDATE)"
        " old WHERE u.id = old.id RETURNING u.id::text AS id, u.email, u.role, old.role AS previous_role,"
        " u.disabled_at",
        (role, user_id, tenant_id),
    ).fetchone()
