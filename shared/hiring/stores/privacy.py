"""The privacy store: a user's processing choices (privacy_settings), erasure tombstones (erasures), and the SQL that
finds and removes everything held about a person or one of their resumes (migration 0013). Callers pass the
connection of the transaction the change belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Connection

Row = dict[str, Any]

# --- choices -------------------------------------------------------------------------------------------------


def choices(conn: Connection, tenant_id: str, user_id: str) -> Row:
    """The user's choices: {ai_processing, automated_ranking, updated_at}; both allowed when never set."""
    row = conn.execute(
        "SELECT ai_processing, automated_ranking, updated_at FROM privacy_settings"
        " WHERE tenant_id = %s AND user_id = %s",
        (tenant_id, user_id),
    ).fetchone()
    return dict(row) if row else {"ai_processing": True, "automated_ranking": True, "updated_at": None}


def set_choices(conn: Connection, tenant_id: str, user_id: str, ai_processing: bool, automated_ranking: bool) -> Row:
    row = conn.execute(
        "INSERT INTO privacy_settings (user_id, tenant_id, ai_processing, automated_ranking) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (user_id) DO UPDATE SET ai_processing = EXCLUDED.ai_processing,"
        " automated_ranking = EXCLUDED.automated_ranking, updated_at = now()"
        " RETURNING ai_processing, automated_ranking, updated_at",
        (user_id, tenant_id, ai_processing, automated_ranking),
    ).fetchone()
    assert row is not None
    return dict(row)


def ai_allowed_for_resume(conn: Connection, tenant_id: str, resume_id: str) -> bool:
    """Whether the resume's owner lets an LLM see it (a resume without an owner, or an owner without a choice: yes)."""
    row = conn.execute(
        "SELECT p.ai_processing FROM resumes r JOIN privacy_settings p ON p.user_id = r.owner_user_id"
        " WHERE r.tenant_id = %s AND r.id = %s",
        (tenant_id, resume_id),
    ).fetchone()
    return row is None or bool(row["ai_processing"])


def unranked_resumes(conn: Connection, tenant_id: str, resume_ids: Sequence[str]) -> set[str]:
    """Those of these resumes whose owner refused automated ranking."""
    if not resume_ids:
        return set()
    rows = conn.execute(
        "SELECT r.id FROM resumes r JOIN privacy_settings p ON p.user_id = r.owner_user_id"
        " WHERE r.tenant_id = %s AND r.id = ANY(%s::uuid[]) AND NOT p.automated_ranking",
        (tenant_id, list(resume_ids)),
    ).fetchall()
    return {str(r["id"]) for r in rows}


# --- erasure -------------------------------------------------------------------------------------------------


def lock_resume(conn: Connection, tenant_id: str, resume_id: str, owner: str | None) -> Row | None:
    """The resume to erase (a candidate's own only, when owner is given), locked."""
    return conn.execute(
        "SELECT id, owner_user_id, blob_key, inbox_key, superseded_by FROM resumes WHERE tenant_id = %s AND id = %s"
        " AND (%s::uuid IS NULL OR owner_user_id = %s::uuid) FOR UPDATE",
        (tenant_id, resume_id, owner, owner),
    ).fetchone()


def owned_resumes(conn: Connection, tenant_id: str, user_id: str) -> list[Row]:
    return conn.execute(
        "SELECT id, owner_user_id, blob_key, inbox_key, superseded_by FROM resumes"
        " WHERE tenant_id = %s AND owner_user_id = %s"
        " ORDER BY created_at FOR UPDATE",
        (tenant_id, user_id),
    ).fetchall()


def _count(conn: Connection, sql: str, params: Sequence[Any]) -> int:
    return int(conn.execute(sql, params).rowcount or 0)


def pass_on_versions(conn: Connection, tenant_id: str, resume_id: str, successor: str | None) -> str | None:
    """Before a version of a person's resume is erased, the versions it superseded stay one line of history: they
    pass to the newer version that superseded it or, when it was the active one, the newest parsed of them is
    active again and the others its history. Returns the id of the version made active (None: none)."""
    if successor is not None:
        conn.execute(
            "UPDATE resumes SET superseded_by = %s WHERE tenant_id = %s AND superseded_by = %s",
            (successor, tenant_id, resume_id),
        )
        return None
    heir = conn.execute(
        "SELECT id::text AS id FROM resumes WHERE tenant_id = %s AND superseded_by = %s AND status = 'parsed'"
        " ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE",
        (tenant_id, resume_id),
    ).fetchone()
    if heir is None:
        return None
    conn.execute(
        "UPDATE resumes SET superseded_by = NULL, superseded_at = NULL, updated_at = now()"
        " WHERE tenant_id = %s AND id = %s",
        (tenant_id, heir["id"]),
    )
    conn.execute(
        "UPDATE resumes SET superseded_by = %s WHERE tenant_id = %s AND superseded_by = %s",
        (heir["id"], tenant_id, resume_id),
    )
    return str(heir["id"])


def erase_resume_rows(conn: Connection, tenant_id: str, resume_id: str, inbox_key: str) -> dict[str, int]:
    """Delete the resume and every row about it: matches, feedback, exclusions and preferences go with it (foreign
    keys); its LLM call records, status history, refused-input evidence and queued work are deleted here."""
    counts = {
        "llm_calls": _count(
            conn, "DELETE FROM llm_calls WHERE tenant_id = %s AND resume_id = %s", (tenant_id, resume_id)
        ),
        "status_events": _count(
            conn,
            "DELETE FROM status_events WHERE tenant_id = %s AND entity = 'resume' AND entity_id = %s",
            (tenant_id, resume_id),
        ),
        "rejected_inputs": _count(
            conn,
            "DELETE FROM rejected_inputs WHERE tenant_id = %s AND (detail->>'resume_id' = %s OR detail->>'key' = %s)",
            (tenant_id, resume_id, inbox_key),
        ),
        "queued_work": _count(conn, "DELETE FROM queue_messages WHERE body->>'resume_id' = %s", (resume_id,)),
        "matches": _count(conn, "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s", (tenant_id, resume_id)),
        # Applications made with it keep only the funnel's counts: staff's note and the rephrased feedback go, and
        # for a person without an account (an imported resume) the recruiter's reasons too (A5, issue 12).
        "application_texts": _count(
            conn,
            "UPDATE application_events SET reason = NULL WHERE tenant_id = %s AND reason IS NOT NULL AND application_id"
            " IN (SELECT id FROM applications WHERE tenant_id = %s AND resume_id = %s AND candidate_user_id IS NULL)",
            (tenant_id, tenant_id, resume_id),
        )
        + _count(
            conn,
            "UPDATE applications SET note = NULL, feedback_rephrasing = NULL, rejection_reason = CASE WHEN"
            " candidate_user_id IS NULL THEN NULL ELSE rejection_reason END WHERE tenant_id = %s AND resume_id = %s"
            " AND (note IS NOT NULL OR feedback_rephrasing IS NOT NULL"
            " OR (candidate_user_id IS NULL AND rejection_reason IS NOT NULL))",
            (tenant_id, resume_id),
        ),
        # The snapshot quotes the resume (evidence lines, employers, skills): only score, grade and the stages stay.
        "application_snapshots": _count(
            conn,
            "UPDATE applications SET breakdown = '{\"erased\": true}', explanation = '{\"erased\": true}',"
            " matched_skills = '[]', missing_skills = '[]', years_experience = NULL"
            " WHERE tenant_id = %s AND resume_id = %s",
            (tenant_id, resume_id),
        ),
    }
    conn.execute(
        "UPDATE resumes SET previous_id = NULL WHERE tenant_id = %s AND previous_id = %s", (tenant_id, resume_id)
    )
    counts["resumes"] = _count(conn, "DELETE FROM resumes WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id))
    return counts


def erase_account_rows(conn: Connection, tenant_id: str, user_id: str, throttle_key: str) -> dict[str, int]:
    """Delete the account and the rows about it (its resumes are erased first, one by one): security events about
    it, its login throttle row; its sessions and choices go with the user row (foreign keys). Rows it authored
    about others (jobs, feedback, keys) stay without an author (ON DELETE SET NULL)."""
    counts = {
        # Applications stay for the funnel counts, anonymised: free text about the person goes; the links are
        # cleared by the foreign keys (ON DELETE SET NULL) when the user row is deleted below.
        "application_notes": _count(
            conn,
            "UPDATE application_events SET reason = NULL WHERE tenant_id = %s AND reason IS NOT NULL"
            " AND application_id IN (SELECT id FROM applications WHERE tenant_id = %s AND candidate_user_id = %s)",
            (tenant_id, tenant_id, user_id),
        )
        + _count(
            conn,
            "UPDATE applications SET rejection_reason = NULL WHERE tenant_id = %s AND candidate_user_id = %s"
            " AND rejection_reason IS NOT NULL",
            (tenant_id, user_id),
        ),
        "security_events": _count(
            conn,
            "DELETE FROM security_events WHERE tenant_id = %s AND (user_id = %s OR detail->>'user_id' = %s)",
            (tenant_id, user_id, user_id),
        ),
        "throttle": _count(conn, "DELETE FROM login_throttle WHERE key_hash = %s", (throttle_key,)),
    }
    conn.execute(
        "UPDATE security_events SET detail = detail - 'by' WHERE tenant_id = %s AND detail->>'by' = %s",
        (tenant_id, user_id),
    )
    counts["users"] = _count(conn, "DELETE FROM users WHERE tenant_id = %s AND id = %s", (tenant_id, user_id))
    return counts


def active_admins(conn: Connection, tenant_id: str) -> int:
    row = conn.execute(
        "SELECT count(*) AS n FROM users WHERE tenant_id = %s AND role = 'admin' AND disabled_at IS NULL", (tenant_id,)
    ).fetchone()
    return int(row["n"]) if row else 0


def record_erasure(
    conn: Connection, tenant_id: str, subject: str, subject_id: str, trigger: str, actor_role: str | None,
    counts: dict[str, int],
) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO erasures (tenant_id, subject, subject_id, trigger, actor_role, counts)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (tenant_id, subject, subject_id, trigger, actor_role, counts),
    )


def erasures(conn: Connection, tenant_id: str, limit: int = 200) -> list[Row]:
    return conn.execute(
        "SELECT id, subject, subject_id, trigger, actor_role, counts, created_at FROM erasures"
        " WHERE tenant_id = %s ORDER BY id DESC LIMIT %s",
        (tenant_id, limit),
    ).fetchall()


def inactive_resumes(conn: Connection, before: dt.datetime, limit: int) -> list[Row]:
    """Resumes whose candidate has shown no sign of life since `before`: the resume not changed, and its owner
    (if any) neither logged in nor created since. Every tenant (the scheduled housekeeping)."""
    return conn.execute(
        "SELECT r.tenant_id, r.id, r.owner_user_id, r.blob_key, r.inbox_key, r.superseded_by FROM resumes r"
        " LEFT JOIN users u ON u.id = r.owner_user_id"
        " WHERE r.updated_at < %s AND (u.id IS NULL OR greatest(u.created_at, u.last_login_at) < %s)"
        " ORDER BY r.updated_at LIMIT %s",
        (before, before, limit),
    ).fetchall()


# --- export --------------------------------------------------------------------------------------------------


def account(conn: Connection, tenant_id: str, user_id: str) -> Row | None:
    return conn.execute(
        "SELECT u.id, u.email, u.full_name, u.role, u.created_at, u.last_login_at, t.slug AS tenant FROM users u"
        " JOIN tenants t ON t.id = u.tenant_id WHERE u.tenant_id = %s AND u.id = %s",
        (tenant_id, user_id),
    ).fetchone()


def resumes_for_export(conn: Connection, tenant_id: str, user_id: str) -> list[Row]:
    return conn.execute(
        "SELECT id, source, filename, content_type, size_bytes, sha256, blob_key, status, status_reason, error_code,"
        " text_content, page_count, skills, profile, confidence, warnings, parser, parsed_at, created_at, updated_at"
        " FROM resumes WHERE tenant_id = %s AND owner_user_id = %s ORDER BY created_at",
        (tenant_id, user_id),
    ).fetchall()


def matches_for_export(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    return conn.execute(
        "SELECT m.job_id, j.title, j.company, m.score, m.grade, m.status, m.matched_skills, m.missing_skills,"
        " m.breakdown, m.explanation, m.weights_version, m.scored_at FROM matches m JOIN jobs j ON j.id = m.job_id"
        " WHERE m.tenant_id = %s AND m.resume_id = %s ORDER BY m.score DESC",
        (tenant_id, resume_id),
    ).fetchall()


def feedback_for_export(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    return conn.execute(
        "SELECT job_id, role, from_status, to_status, reason, rating, score, created_at FROM match_feedback"
        " WHERE tenant_id = %s AND resume_id = %s ORDER BY id",
        (tenant_id, resume_id),
    ).fetchall()


def security_events_for_export(conn: Connection, tenant_id: str, user_id: str) -> list[Row]:
    return conn.execute(
        "SELECT kind, detail, created_at FROM security_events"
        " WHERE tenant_id = %s AND (user_id = %s OR detail->>'user_id' = %s) ORDER BY id",
        (tenant_id, user_id, user_id),
    ).fetchall()


def audit_for_export(conn: Connection, tenant_id: str, user_id: str) -> list[Row]:
    """Audit entries the person made or that are about them or their resumes."""
    return conn.execute(
        "SELECT actor, kind, subject_kind, subject_id, detail, created_at FROM audit_log WHERE tenant_id = %s"
        " AND (actor = %s OR subject_id = %s OR subject_id IN"
        " (SELECT id::text FROM resumes WHERE tenant_id = %s AND owner_user_id = %s)) ORDER BY id",
        (tenant_id, user_id, user_id, tenant_id, user_id),
    ).fetchall()


def applications_for_export(conn: Connection, tenant_id: str, user_id: str) -> list[Row]:
    """The person's applications with their status history (W1's applications, migration 0012)."""
    return conn.execute(
        "SELECT a.id, a.job_id, j.title, j.company, a.resume_id, a.source, a.status, a.score, a.grade,"
        " a.matched_skills, a.missing_skills, a.explanation, a.rejection_reason, a.created_at, a.status_changed_at,"
        " coalesce((SELECT jsonb_agg(jsonb_build_object('from', e.from_status, 'to', e.to_status, 'reason', e.reason,"
        " 'by', e.actor_role, 'at', e.created_at) ORDER BY e.id) FROM application_events e"
        " WHERE e.application_id = a.id), '[]'::jsonb) AS history"
        " FROM applications a JOIN jobs j ON j.id = a.job_id"
        " WHERE a.tenant_id = %s AND a.candidate_user_id = %s ORDER BY a.created_at",
        (tenant_id, user_id),
    ).fetchall()
