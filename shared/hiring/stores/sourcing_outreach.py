"""SQL of sourcing outreach and the suppression list (issue 14). Every query filters tenant_id."""

from __future__ import annotations

from typing import Any

from hiring.adapters.postgres import Connection, Json

Row = dict[str, Any]

_OUTREACH = (
    "prospect_id::text AS prospect_id, status, subject, body, citations, history, rephrased, created_at, updated_at"
)


def get_prospect(conn: Connection, tenant_id: str, prospect_id: str, lock: bool = False) -> Row | None:
    """A prospect with its run's job and locations."""
    row = conn.execute(
        "SELECT p.id::text AS id, p.run_id::text AS run_id, p.name, p.profile, p.enrichment,"
        " r.job_id::text AS job_id, r.locations FROM prospects p JOIN sourcing_runs r ON r.id = p.run_id"
        " WHERE p.tenant_id = %s AND p.id::text = %s" + (" FOR UPDATE OF p" if lock else ""),
        (tenant_id, prospect_id),
    ).fetchone()
    return None if row is None else dict(row)


def get_outreach(conn: Connection, tenant_id: str, prospect_id: str, lock: bool = False) -> Row | None:
    row = conn.execute(
        f"SELECT {_OUTREACH} FROM prospect_outreach WHERE tenant_id = %s AND prospect_id::text = %s"
        + (" FOR UPDATE" if lock else ""),
        (tenant_id, prospect_id),
    ).fetchone()
    return None if row is None else dict(row)


def save_draft(
    conn: Connection,
    tenant_id: str,
    prospect_id: str,
    subject: str,
    body: str,
    citations: list[Row],
    event: Row,
    rephrased: Row | None = None,
) -> Row:
    """A new draft, or the draft replaced while still drafted (its history grows by the event)."""
    row = conn.execute(
        "INSERT INTO prospect_outreach (prospect_id, tenant_id, subject, body, citations, history, rephrased)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (prospect_id) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body,"
        " rephrased = EXCLUDED.rephrased,"
        " citations = EXCLUDED.citations, history = prospect_outreach.history || EXCLUDED.history,"
        " updated_at = now() WHERE prospect_outreach.tenant_id = EXCLUDED.tenant_id"
        f" RETURNING {_OUTREACH}",
        (
            prospect_id,
            tenant_id,
            subject,
            body,
            Json(citations),
            Json([event]),
            None if rephrased is None else Json(rephrased),
        ),  # fmt: skip
    ).fetchone()
    assert row is not None
    return dict(row)


def set_status(conn: Connection, tenant_id: str, prospect_id: str, status: str, event: Row) -> Row:
    row = conn.execute(
        "UPDATE prospect_outreach SET status = %s, history = history || %s, updated_at = now()"
        f" WHERE tenant_id = %s AND prospect_id::text = %s RETURNING {_OUTREACH}",
        (status, Json([event]), tenant_id, prospect_id),
    ).fetchone()
    assert row is not None
    return dict(row)


def erase_old_prospects(conn: Connection, before: Any) -> dict[str, int]:
    """Delete every tenant's prospects created before `before` whose outreach is not converted (their outreach goes
    with them); how many per tenant. The scheduled housekeeping, so across tenants."""
    rows = conn.execute(
        "DELETE FROM prospects p WHERE p.created_at < %s AND NOT EXISTS (SELECT 1 FROM prospect_outreach o"
        "   WHERE o.prospect_id = p.id AND o.status = 'converted') RETURNING p.tenant_id::text AS tenant_id",
        (before,),
    ).fetchall()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["tenant_id"]] = counts.get(row["tenant_id"], 0) + 1
    return counts


def candidate_by_email(conn: Connection, tenant_id: str, email: str) -> str | None:
    """The tenant's candidate account with this address, if any (staff accounts are never linked)."""
    row = conn.execute(
        "SELECT id::text AS id FROM users WHERE tenant_id = %s AND lower(email) = lower(%s) AND role = 'candidate'",
        (tenant_id, email),
    ).fetchone()
    return None if row is None else str(row["id"])


def get_conversion(conn: Connection, tenant_id: str, prospect_id: str) -> Row | None:
    """The prospect's conversion (the consent given, the address and the account linked or invited), if any."""
    row = conn.execute(
        "SELECT email, user_id::text AS user_id, status, consent_at FROM prospect_conversions"
        " WHERE tenant_id = %s AND prospect_id::text = %s",
        (tenant_id, prospect_id),
    ).fetchone()
    return None if row is None else dict(row)


def insert_conversion(
    conn: Connection, tenant_id: str, prospect_id: str, email: str, user_id: str | None, recorded_by: str
) -> Row:
    row = conn.execute(
        "INSERT INTO prospect_conversions (prospect_id, tenant_id, email, user_id, status, consent_at, recorded_by)"
        " VALUES (%s, %s, %s, %s, %s, now(), %s) RETURNING prospect_id::text AS prospect_id, email,"
        " user_id::text AS user_id, status, consent_at",
        (prospect_id, tenant_id, email, user_id, "linked" if user_id else "invited", recorded_by),
    ).fetchone()
    assert row is not None
    return dict(row)


def link_invitations(conn: Connection, tenant_id: str, email: str, user_id: str) -> list[str]:
    """Link the tenant's invited conversions for this address to the candidate account just made with it: the
    prospect ids linked (a person who consented and then registered becomes that candidate)."""
    rows = conn.execute(
        "UPDATE prospect_conversions SET user_id = %s, status = 'linked'"
        " WHERE tenant_id = %s AND status = 'invited' AND lower(email) = lower(%s) RETURNING prospect_id::text AS id",
        (user_id, tenant_id, email),
    ).fetchall()
    return [str(row["id"]) for row in rows]


# --- suppression list -------------------------------------------------------------------------------------------


def add_suppressions(
    conn: Connection, tenant_id: str, digests: list[tuple[str, str]], reason: str, created_by: str | None
) -> int:
    added = 0
    for kind, digest in digests:
        cur = conn.execute(
            "INSERT INTO sourcing_suppressions (tenant_id, kind, digest, reason, created_by)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            (tenant_id, kind, digest, reason, created_by),
        )
        added += cur.rowcount
    return added


def suppressed_digests(conn: Connection, tenant_id: str) -> set[str]:
    rows = conn.execute("SELECT digest FROM sourcing_suppressions WHERE tenant_id = %s", (tenant_id,)).fetchall()
    return {r["digest"] for r in rows}


def list_suppressions(conn: Connection, tenant_id: str, limit: int) -> list[Row]:
    rows = conn.execute(
        "SELECT kind, digest, reason, created_by, created_at FROM sourcing_suppressions WHERE tenant_id = %s"
        " ORDER BY created_at DESC, digest LIMIT %s",
        (tenant_id, limit),
    ).fetchall()
    return [dict(r) for r in rows]
