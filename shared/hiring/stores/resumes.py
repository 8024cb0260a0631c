"""The resumes aggregate's SQL: the resumes table (uploads, intake attempts, parsed profiles, reads) and the
llm_calls rows a parse leaves. Every function takes the caller's connection; the services own the transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Json
from hiring.hygiene import scrub_for_storage, strip_control_chars

if TYPE_CHECKING:
    from hiring.llm.ports import LlmCallRecord

Row = dict[str, Any]

# The person a resume (aliased r) and its owner's account (aliased u) name, as staff see them: name, headline (the
# latest job title), location and email, each as the candidate corrected it (resume_corrections) before the parser's
# reading. The one place these columns are chosen (applicants, a job's matches, an application).
_CORRECTED = "(SELECT c.corrections FROM resume_corrections c WHERE c.resume_id = r.id)"
PERSON_COLUMNS = (
    f"coalesce({_CORRECTED}->>'name', r.profile->>'name', u.full_name) AS name,"
    f" coalesce((SELECT e->>'title' FROM jsonb_array_elements({_CORRECTED}->'experience') e"
    "   WHERE (e->>'index')::int = 0), r.profile->'experience'->0->>'title') AS headline,"
    f" coalesce({_CORRECTED}->>'location', r.profile->>'location') AS location,"
    f" coalesce(u.email, {_CORRECTED}->>'email', r.profile->>'email') AS email"
)

# What a delivery needs to decide what to do with a resume (the intake's claim); `due`: its lease or back-off passed.
_CLAIM_COLUMNS = (
    "id, status, blob_key, attempts, sha256, owner_user_id, filename, next_attempt_at, next_attempt_at <= now() AS due"
)
_SUMMARY_COLUMNS = "id, filename, status, status_reason, error_code, skills, created_at, parsed_at"
_DETAIL_COLUMNS = (
    "id, tenant_id, owner_user_id, source, filename, content_type, size_bytes, status, status_reason, error_code,"
    " page_count, skills, confidence, created_at, updated_at, parsed_at"
)


# --- writes: uploads and imports -----------------------------------------------------------------------


def insert_upload(
    conn: Connection,
    resume_id: str,
    tenant_id: str,
    owner_user_id: str | None,
    filename: str,
    content_type: str | None,
    size_bytes: int | None,
    sha256: str | None,
    inbox_key: str,
) -> None:
    """A pending resume uploaded through the API (its bytes land in the inbox after this commits)."""
    conn.execute(
        "INSERT INTO resumes (id, tenant_id, owner_user_id, source, filename, content_type, size_bytes, sha256,"
        " inbox_key, status) VALUES (%s, %s, %s, 'api', %s, %s, %s, %s, %s, 'pending')",
        (resume_id, tenant_id, owner_user_id, filename, content_type, size_bytes, sha256, inbox_key),
    )


def insert_import(
    conn: Connection,
    resume_id: str,
    tenant_id: str,
    owner_user_id: str | None,
    size_bytes: int,
    sha256: str,
    blob_key: str,
) -> None:
    """A JSON Resume import: kept as its original, parsed in the same transaction (status parsing until then)."""
    conn.execute(
        "INSERT INTO resumes (id, tenant_id, owner_user_id, source, filename, content_type, size_bytes, sha256,"
        " inbox_key, blob_key, status, page_count) VALUES (%s, %s, %s, 'jsonresume', 'resume.json',"
        " 'application/json', %s, %s, %s, %s, 'parsing', 1)",
        (resume_id, tenant_id, owner_user_id, size_bytes, sha256, f"import/{resume_id}", blob_key),
    )


def set_blob_key(conn: Connection, resume_id: str, blob_key: str) -> None:
    conn.execute("UPDATE resumes SET blob_key = %s WHERE id = %s", (blob_key, resume_id))


def set_original(conn: Connection, resume_id: str, blob_key: str, size_bytes: int, sha256: str) -> None:
    """Where the original bytes are kept, their size and digest."""
    conn.execute(
        "UPDATE resumes SET blob_key = %s, size_bytes = %s, sha256 = %s, updated_at = now() WHERE id = %s",
        (blob_key, size_bytes, sha256, resume_id),
    )


def set_sha256(conn: Connection, resume_id: Any, sha256: str) -> None:
    conn.execute("UPDATE resumes SET sha256 = %s WHERE id = %s", (sha256, resume_id))


# --- writes: outcomes ----------------------------------------------------------------------------------


def store_profile(
    conn: Connection,
    resume_id: str,
    status: str,
    reason: str | None,
    text: str,
    skills: list[str],
    profile: dict[str, Any],
    confidence: float,
    warnings: list[str],
    parser: str,
) -> None:
    """The structured resume and its outcome (parsed, or needs_review with low_confidence and its reason)."""
    conn.execute(
        "UPDATE resumes SET status = %s, status_reason = %s, error_code = %s, text_content = %s, skills = %s,"
        " profile = %s, confidence = %s, warnings = %s, parser = %s, parsed_at = now(), updated_at = now()"
        " WHERE id = %s",
        (status, reason, None if reason is None else "low_confidence", strip_control_chars(text),
         Json(scrub_for_storage(skills)), Json(scrub_for_storage(profile)), confidence,
         Json(scrub_for_storage(warnings)), parser, resume_id),
    )  # fmt: skip


def set_document_facts(conn: Connection, resume_id: str, page_count: int | None, content_type: str | None) -> None:
    """What the extraction learned about the document; the intake is done with it (no attempt is due)."""
    conn.execute(
        "UPDATE resumes SET page_count = %s, content_type = %s, next_attempt_at = NULL WHERE id = %s",
        (page_count, content_type, resume_id),
    )


def set_outcome(conn: Connection, resume_id: str, status: str, reason: str, error_code: str) -> None:
    """A rejected document: failed (or needs_review) with the reason and its code."""
    conn.execute(
        "UPDATE resumes SET status = %s, status_reason = %s, error_code = %s, updated_at = now() WHERE id = %s",
        (status, reason, error_code, resume_id),
    )


def touch(conn: Connection, tenant_id: str, resume_id: str) -> None:
    """Move updated_at (warm matching caches key candidates by it)."""
    conn.execute("UPDATE resumes SET updated_at = now() WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id))


# --- intake attempts -----------------------------------------------------------------------------------


def lock_by_id(conn: Connection, tenant_id: str, resume_id: str) -> Row | None:
    return conn.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM resumes WHERE tenant_id = %s AND id = %s FOR UPDATE",  # noqa: S608
        (tenant_id, resume_id),
    ).fetchone()


def lock_by_inbox_key(conn: Connection, tenant_id: str, inbox_key: str) -> list[Row]:
    """Every resume taken in under this key, newest first, locked."""
    return conn.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM resumes WHERE tenant_id = %s AND inbox_key = %s"  # noqa: S608
        " ORDER BY created_at DESC FOR UPDATE",
        (tenant_id, inbox_key),
    ).fetchall()


def insert_version(
    conn: Connection,
    tenant_id: str,
    owner_user_id: Any,
    filename: str,
    inbox_key: str,
    sha256: str,
    previous_id: Any,
) -> str | None:
    """A new resume for new bytes under an inbox key; None when a concurrent delivery inserted it first."""
    row = conn.execute(
        "INSERT INTO resumes (tenant_id, owner_user_id, source, filename, inbox_key, sha256, status, previous_id)"
        " VALUES (%s, %s, 'inbox', %s, %s, %s, 'pending', %s)"
        " ON CONFLICT (tenant_id, inbox_key, sha256) DO NOTHING RETURNING id",
        (tenant_id, owner_user_id, filename, inbox_key, sha256, previous_id),
    ).fetchone()
    return None if row is None else str(row["id"])


def lock_version(conn: Connection, tenant_id: str, inbox_key: str, sha256: str) -> Row | None:
    return conn.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM resumes WHERE tenant_id = %s AND inbox_key = %s AND sha256 = %s"  # noqa: S608
        " FOR UPDATE",
        (tenant_id, inbox_key, sha256),
    ).fetchone()


def latest_for_key(conn: Connection, tenant_id: str, inbox_key: str, resume_id: str | None) -> Row | None:
    """The newest resume an inbox key (or the resume id it names) led to: its id and status."""
    return conn.execute(
        "SELECT id, status FROM resumes WHERE tenant_id = %s AND (inbox_key = %s OR id::text = %s)"
        " ORDER BY created_at DESC LIMIT 1",
        (tenant_id, inbox_key, resume_id or ""),
    ).fetchone()


def start_attempt(conn: Connection, resume_id: str, attempts: int, lease_s: float) -> None:
    """parsing, with the attempt counted and its lease (a delivery within it is a duplicate)."""
    conn.execute(
        "UPDATE resumes SET status = 'parsing', attempts = %s, updated_at = now(),"
        " next_attempt_at = now() + make_interval(secs => %s) WHERE id = %s",
        (attempts, lease_s, resume_id),
    )


def retry_later(conn: Connection, resume_id: str, reason: str, delay_s: float) -> None:
    """Back to pending after a failed attempt; the next is due after the back-off."""
    conn.execute(
        "UPDATE resumes SET status = 'pending', status_reason = %s, error_code = 'intake_error',"
        " next_attempt_at = now() + make_interval(secs => %s), updated_at = now() WHERE id = %s",
        (reason, delay_s, resume_id),
    )


def give_up(conn: Connection, resume_id: str, reason: str, error_code: str, kept_as: str | None) -> None:
    """Failed for good: no attempt is due; the quarantined object is the original unless one was kept."""
    conn.execute(
        "UPDATE resumes SET status = 'failed', status_reason = %s, error_code = %s, next_attempt_at = NULL,"
        " blob_key = coalesce(blob_key, %s), updated_at = now() WHERE id = %s",
        (reason, error_code, kept_as, resume_id),
    )


# --- versions: one candidate is one person --------------------------------------------------------------


def supersede_earlier(conn: Connection, tenant_id: str, resume_id: str) -> list[str]:
    """A newly parsed resume becomes its person's active version: the earlier versions (the same owner's older
    uploads, or the previous_id chain of an ownerless inbox re-drop) are marked superseded by it and kept as
    history; the new one is linked to the latest of them (previous_id). Returns the ids superseded now."""
    rows = conn.execute(
        "WITH RECURSIVE me AS (SELECT id, owner_user_id, previous_id, created_at FROM resumes"
        " WHERE tenant_id = %(tenant)s AND id = %(id)s),"
        " chain AS (SELECT r.id, r.previous_id FROM resumes r JOIN me ON r.id = me.previous_id"
        " WHERE r.tenant_id = %(tenant)s UNION SELECT r.id, r.previous_id FROM resumes r"
        " JOIN chain c ON r.id = c.previous_id WHERE r.tenant_id = %(tenant)s)"
        " UPDATE resumes r SET superseded_by = %(id)s, superseded_at = now(), updated_at = now() FROM me"
        " WHERE r.tenant_id = %(tenant)s AND r.id <> me.id AND r.superseded_by IS NULL"
        " AND r.created_at <= me.created_at AND ((me.owner_user_id IS NOT NULL"
        " AND r.owner_user_id = me.owner_user_id) OR r.id IN (SELECT id FROM chain))"
        " RETURNING r.id::text AS id, r.created_at",
        {"tenant": tenant_id, "id": resume_id},
    ).fetchall()
    if rows:
        latest = max(rows, key=lambda r: r["created_at"])["id"]
        conn.execute(
            "UPDATE resumes SET previous_id = coalesce(previous_id, %s) WHERE tenant_id = %s AND id = %s",
            (latest, tenant_id, resume_id),
        )
    return [r["id"] for r in rows]


def versions(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    """Every version of the person's resume this one belongs to, newest first (the same owner's uploads, or the
    previous_id / superseded_by links of ownerless ones); `active` marks the one matched and listed."""
    return conn.execute(
        "WITH RECURSIVE me AS (SELECT id, owner_user_id FROM resumes WHERE tenant_id = %(tenant)s AND id = %(id)s),"
        " linked AS (SELECT id, previous_id, superseded_by FROM resumes WHERE tenant_id = %(tenant)s"
        " AND id = %(id)s UNION SELECT r.id, r.previous_id, r.superseded_by FROM resumes r JOIN linked l"
        " ON r.id = l.previous_id OR r.id = l.superseded_by OR r.previous_id = l.id OR r.superseded_by = l.id"
        " WHERE r.tenant_id = %(tenant)s)"
        " SELECT r.id, r.filename, r.status, r.source, r.previous_id, r.superseded_by, r.superseded_at,"
        " r.created_at, r.parsed_at, (r.superseded_by IS NULL AND r.status = 'parsed') AS active"
        " FROM resumes r, me WHERE r.tenant_id = %(tenant)s AND ((me.owner_user_id IS NOT NULL"
        " AND r.owner_user_id = me.owner_user_id) OR r.id IN (SELECT id FROM linked))"
        " ORDER BY r.created_at DESC, r.id",
        {"tenant": tenant_id, "id": resume_id},
    ).fetchall()


def active_for_owner(conn: Connection, tenant_id: str, owner_user_id: str) -> Row | None:
    """The person's active resume: their newest parsed version no newer one superseded."""
    return conn.execute(
        "SELECT id::text AS id, skills, profile FROM resumes WHERE tenant_id = %s AND owner_user_id = %s"
        " AND status = 'parsed' AND superseded_by IS NULL ORDER BY created_at DESC LIMIT 1",
        (tenant_id, owner_user_id),
    ).fetchone()


# --- reads ---------------------------------------------------------------------------------------------


def visible(conn: Connection, tenant_id: str, resume_id: str, owner_user_id: str | None) -> Row | None:
    """The resume's detail row in the tenant; with owner_user_id (a candidate), only if it is theirs."""
    row = conn.execute(
        f"SELECT {_DETAIL_COLUMNS} FROM resumes WHERE tenant_id = %s AND id = %s",  # noqa: S608
        (tenant_id, resume_id),
    ).fetchone()
    if row is None or (owner_user_id is not None and str(row["owner_user_id"]) != owner_user_id):
        return None
    return row


def list_visible(conn: Connection, tenant_id: str, owner_user_id: str | None, limit: int, offset: int) -> list[Row]:
    """The tenant's resumes newest first; with owner_user_id (a candidate), only theirs."""
    # Staff see one row per person: versions a newer one superseded are history (GET /api/resumes/{id}/versions).
    return conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM resumes WHERE tenant_id = %s"  # noqa: S608
        " AND (%s::uuid IS NULL OR owner_user_id = %s::uuid) AND (%s::uuid IS NOT NULL OR superseded_by IS NULL)"
        " ORDER BY created_at DESC LIMIT %s OFFSET %s",
        (tenant_id, owner_user_id, owner_user_id, owner_user_id, limit, offset),
    ).fetchall()


def stored_profile(conn: Connection, resume_id: str) -> Row | None:
    return conn.execute(
        "SELECT profile, confidence, warnings, parser FROM resumes WHERE id = %s", (resume_id,)
    ).fetchone()


def parsed_text(conn: Connection, tenant_id: str, resume_id: str) -> str | None:
    """The text of a parsed resume (what is embedded); None when it is not parsed."""
    row = conn.execute(
        "SELECT text_content FROM resumes WHERE tenant_id = %s AND id = %s AND status = 'parsed'",
        (tenant_id, resume_id),
    ).fetchone()
    return None if row is None else row["text_content"]


# --- LLM calls made while parsing ----------------------------------------------------------------------


def insert_llm_call(conn: Connection, call: LlmCallRecord) -> str:
    """One llm_calls row: cost, outcome and what grounding dropped (no prompt text, resume text or key); its id."""
    row = conn.execute(
        "INSERT INTO llm_calls (tenant_id, resume_id, prompt_id, prompt_version, model, endpoint_host, outcome,"
        " attempts, tokens_in, tokens_out, latency_ms, estimated_cost_usd, hallucinations, dropped, error)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id::text AS id",
        (call.tenant_id, call.resume_id, call.prompt_id, call.prompt_version, call.model, call.endpoint_host,
         call.outcome, call.usage.attempts, call.usage.tokens_in, call.usage.tokens_out, call.usage.latency_ms,
         round(call.estimated_cost_usd, 6), len(call.hallucinations),
         Json([h.as_dict() for h in call.hallucinations]), call.error),
    ).fetchone()  # fmt: skip
    assert row is not None
    return str(row["id"])


def parsed_profiles(conn: Connection, tenant_id: str) -> list[Row]:
    """(id, owner_user_id, profile) of the tenant's active parsed resumes: what scrape roles are derived from."""
    return conn.execute(
        "SELECT id, owner_user_id, profile FROM resumes WHERE tenant_id = %s AND status = 'parsed'"
        " AND profile IS NOT NULL AND superseded_by IS NULL",
        (tenant_id,),
    ).fetchall()
