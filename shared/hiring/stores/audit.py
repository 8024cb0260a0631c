"""The audit store: all SQL on status_events (every step of a resume or job) and rejected_inputs (refused input
kept as evidence). Callers pass the connection of the transaction the change belongs to."""

from __future__ import annotations

from typing import Any

from hiring.adapters.postgres import Connection
from hiring.hygiene import scrub_for_storage


def record_status(
    conn: Connection, tenant_id: str, entity: str, entity_id: str, status: str, reason: str | None = None
) -> None:
    conn.execute(
        "INSERT INTO status_events (tenant_id, entity, entity_id, status, reason) VALUES (%s, %s, %s, %s, %s)",
        (tenant_id, entity, entity_id, status, scrub_for_storage(reason)),
    )


def status_history(conn: Connection, tenant_id: str, entity: str, entity_id: str) -> list[dict[str, Any]]:
    return conn.execute(
        "SELECT status, reason, created_at AS at FROM status_events"
        " WHERE tenant_id = %s AND entity = %s AND entity_id = %s ORDER BY id",
        (tenant_id, entity, entity_id),
    ).fetchall()


def record_rejection(
    conn: Connection, tenant_id: str | None, kind: str, source: str, reason: str, detail: dict[str, Any]
) -> int:
    """Store a refused input as evidence; its text is scrubbed (scrub_for_storage), so a NUL cannot refuse it."""
    row = conn.execute(
        "INSERT INTO rejected_inputs (tenant_id, kind, source, reason, detail) VALUES (%s, %s, %s, %s, %s)"
        " RETURNING id",
        (tenant_id, kind, source, scrub_for_storage(reason), scrub_for_storage(detail)),
    ).fetchone()
    assert row is not None
    return int(row["id"])


def message_rejected(conn: Connection, message_id: str) -> bool:
    """Whether a dead-lettered work message was already recorded (the queue and the worker both may record it)."""
    row = conn.execute(
        "SELECT 1 FROM rejected_inputs WHERE kind = 'work_message' AND detail->>'message_id' = %s", (message_id,)
    ).fetchone()
    return row is not None


def recent_rejections(conn: Connection, tenant_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """The tenant's refused inputs, newest first (what an admin reviews)."""
    return conn.execute(
        "SELECT id, kind, source, reason, detail, created_at FROM rejected_inputs"
        " WHERE tenant_id = %s ORDER BY id DESC LIMIT %s",
        (tenant_id, limit),
    ).fetchall()


# --- the audit log (migration 0014): append-only, one row per decision or admin action ----------------------------

SYSTEM_ACTOR = "system"  # workers, schedules and other work no person started


def bot_actor(key_id: str) -> str:
    """The actor of work a scraper bot did with its API key."""
    return f"key:{key_id}"


def record_audit(
    conn: Connection,
    tenant_id: str | None,
    actor: str | None,
    kind: str,
    subject_kind: str | None = None,
    subject_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the audit log inside the caller's transaction (it commits or rolls back with the change).

    actor: a user id, SYSTEM_ACTOR, or bot_actor(key id); None means SYSTEM_ACTOR. kind: what happened
    ("api_key_created", "user_disabled", "score", "llm_call", "application_status" ...). detail: ids, versions,
    digests and counts only, never personal data (names, emails, resume text).
    """
    record_audits(conn, [(tenant_id, actor, kind, subject_kind, subject_id, detail)])


AuditEntry = tuple[str | None, str | None, str, str | None, str | None, dict[str, Any] | None]


def record_audits(conn: Connection, entries: list[AuditEntry]) -> None:
    """Append many entries in one statement (a batch of stored scores): (tenant_id, actor, kind, subject_kind,
    subject_id, detail) each."""
    if not entries:
        return
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(entries))
    params: list[Any] = []
    for tenant_id, actor, kind, subject_kind, subject_id, detail in entries:
        params += [
            tenant_id,
            actor or SYSTEM_ACTOR,
            kind,
            subject_kind,
            None if subject_id is None else str(subject_id),
            scrub_for_storage(detail or {}),
        ]
    conn.execute(
        "INSERT INTO audit_log (tenant_id, actor, kind, subject_kind, subject_id, detail) VALUES " + placeholders,
        params,
    )


def audit_entries(
    conn: Connection,
    tenant_id: str,
    *,
    kind: str | None = None,
    actor: str | None = None,
    subject_kind: str | None = None,
    subject_id: str | None = None,
    since: Any = None,
    until: Any = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The tenant's audit entries matching every filter given, newest first; until is exclusive."""
    return conn.execute(
        "SELECT id, actor, kind, subject_kind, subject_id, detail, created_at FROM audit_log WHERE tenant_id = %s"
        " AND (%s::text IS NULL OR kind = %s) AND (%s::text IS NULL OR actor = %s)"
        " AND (%s::text IS NULL OR subject_kind = %s) AND (%s::text IS NULL OR subject_id = %s)"
        " AND (%s::timestamptz IS NULL OR created_at >= %s) AND (%s::timestamptz IS NULL OR created_at < %s)"
        " ORDER BY id DESC LIMIT %s OFFSET %s",
        (tenant_id, kind, kind, actor, actor, subject_kind, subject_kind, subject_id, subject_id,
         since, since, until, until, limit, offset),
    ).fetchall()  # fmt: skip
