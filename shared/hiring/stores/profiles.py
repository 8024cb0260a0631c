"""The effective-profile aggregate's SQL: a resume's corrections (resume_corrections) and the text the parser read
(resumes.text_content, personal data: read for its owner and the tenant's staff, never logged). Every function
takes the caller's connection; hiring.services.profile owns the transaction."""

from __future__ import annotations

from typing import Any

from hiring.adapters.postgres import Connection, Json
from hiring.hygiene import scrub_for_storage

Row = dict[str, Any]


def resume_text(conn: Connection, tenant_id: str, resume_id: str) -> str | None:
    """The text extracted from the resume's file (None until it was read, or for a file that could not be)."""
    row = conn.execute(
        "SELECT text_content FROM resumes WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id)
    ).fetchone()
    return None if row is None else row["text_content"]


def parsed(conn: Connection, tenant_id: str, resume_id: str) -> Row | None:
    """The parser's profile of the resume (null until read) and its status."""
    return conn.execute(
        "SELECT status, profile FROM resumes WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id)
    ).fetchone()


def corrections(conn: Connection, tenant_id: str, resume_id: str) -> Row | None:
    """The resume's corrections with who made them and when, or None."""
    return conn.execute(
        "SELECT corrections, updated_by, created_at, updated_at FROM resume_corrections"
        " WHERE tenant_id = %s AND resume_id = %s",
        (tenant_id, resume_id),
    ).fetchone()


def save_corrections(conn: Connection, tenant_id: str, resume_id: str, values: dict[str, Any], user_id: str) -> Row:
    """Replace the resume's corrections (one row per resume) and mark the resume changed: updated_at is the stamp
    the warm matching caches key a candidate by, so the next match reads the corrected profile."""
    row = conn.execute(
        "INSERT INTO resume_corrections (resume_id, tenant_id, corrections, updated_by) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (resume_id) DO UPDATE SET corrections = EXCLUDED.corrections,"
        " updated_by = EXCLUDED.updated_by, updated_at = now()"
        " RETURNING corrections, updated_by, created_at, updated_at",
        (resume_id, tenant_id, Json(scrub_for_storage(values)), user_id),
    ).fetchone()
    conn.execute("UPDATE resumes SET updated_at = now() WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id))
    assert row is not None
    return row
