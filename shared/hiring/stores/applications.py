"""ALL the SQL on applications and their status events (every query filters tenant_id; row-level security too)."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from hiring.adapters.postgres import Connection
from hiring.stores.resumes import PERSON_COLUMNS

Row = dict[str, Any]

_SUMMARY = (
    "a.id, a.job_id, a.resume_id, a.candidate_user_id, a.source, a.status, a.score::float AS score, a.grade,"
    " a.matched_skills, a.missing_skills, a.years_experience::float AS years_experience, a.weights_version,"
    " a.scorer, a.scored_from, a.created_at AS applied_at, a.status_changed_at, j.title, j.company,"
    " j.status AS job_status"
)


def job_for_application(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    """The job's status and analysis state, for the checks before applying (None: not in the tenant)."""
    return conn.execute(
        "SELECT id, status, analysis_status FROM jobs WHERE tenant_id = %s AND id::text = %s", (tenant_id, job_id)
    ).fetchone()


def resume_for_application(conn: Connection, tenant_id: str, resume_id: str) -> Row | None:
    """The resume's status, owner (None: imported without an account) and the version that replaced it."""
    return conn.execute(
        "SELECT id, status, owner_user_id, superseded_by FROM resumes WHERE tenant_id = %s AND id::text = %s",
        (tenant_id, resume_id),
    ).fetchone()


def insert(conn: Connection, tenant_id: str, values: Row) -> str | None:
    """A new application; None when the person already applied to the job (either unique key)."""
    row = conn.execute(
        "INSERT INTO applications (tenant_id, job_id, resume_id, candidate_user_id, source, score, grade,"
        " matched_skills, missing_skills, years_experience, breakdown, explanation, weights_version, scorer,"
        " scored_from, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT DO NOTHING RETURNING id",  # the person's (account) or the ownerless resume's unique key
        (
            tenant_id,
            values["job_id"],
            values["resume_id"],
            values["candidate_user_id"],
            values["source"],
            values["score"],
            values["grade"],
            Jsonb(values["matched_skills"]),
            Jsonb(values["missing_skills"]),
            values["years_experience"],
            Jsonb(values["breakdown"]),
            Jsonb(values["explanation"]),
            values["weights_version"],
            values["scorer"],
            values["scored_from"],
            values.get("note"),
        ),  # fmt: skip
    ).fetchone()
    return None if row is None else str(row["id"])


def existing(conn: Connection, tenant_id: str, job_id: str, user_id: str) -> str | None:
    row = conn.execute(
        "SELECT id FROM applications WHERE tenant_id = %s AND job_id = %s AND candidate_user_id = %s",
        (tenant_id, job_id, user_id),
    ).fetchone()
    return None if row is None else str(row["id"])


def existing_for_resumes(conn: Connection, tenant_id: str, job_id: str, resume_ids: list[str]) -> str | None:
    """An application to the job without an account behind it, made with any of these resumes (one person's
    versions)."""
    row = conn.execute(
        "SELECT id FROM applications WHERE tenant_id = %s AND job_id = %s AND candidate_user_id IS NULL"
        " AND resume_id::text = ANY(%s) ORDER BY created_at LIMIT 1",
        (tenant_id, job_id, resume_ids),
    ).fetchone()
    return None if row is None else str(row["id"])


def add_event(
    conn: Connection,
    tenant_id: str,
    application_id: str,
    actor: tuple[str | None, str],
    from_status: str | None,
    to_status: str,
    reason: str | None,
) -> None:
    conn.execute(
        "INSERT INTO application_events (tenant_id, application_id, actor_user_id, actor_role, from_status,"
        " to_status, reason) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (tenant_id, application_id, actor[0], actor[1], from_status, to_status, reason),
    )


def lock(conn: Connection, tenant_id: str, application_id: str) -> Row | None:
    """The application's status and owner, locked for a transition (None: not in the tenant)."""
    return conn.execute(
        "SELECT id, status, candidate_user_id FROM applications WHERE tenant_id = %s AND id::text = %s FOR UPDATE",
        (tenant_id, application_id),
    ).fetchone()


def set_status(conn: Connection, tenant_id: str, application_id: str, status: str, reason: str | None) -> None:
    conn.execute(
        "UPDATE applications SET status = %s, status_changed_at = clock_timestamp(),"
        " rejection_reason = CASE WHEN %s = 'rejected' THEN %s ELSE rejection_reason END"
        " WHERE tenant_id = %s AND id = %s",
        (status, status, reason, tenant_id, application_id),
    )


def listing(
    conn: Connection, tenant_id: str, user_id: str | None, job_id: str | None, limit: int, offset: int
) -> list[Row]:
    """Applications newest first: a candidate's own (user_id), or the tenant's, optionally for one job."""
    where, params = ["a.tenant_id = %s"], [tenant_id]
    if user_id is not None:
        where.append("a.candidate_user_id = %s")
        params.append(user_id)
    if job_id is not None:
        where.append("a.job_id::text = %s")
        params.append(job_id)
    return conn.execute(
        f"SELECT {_SUMMARY} FROM applications a JOIN jobs j ON j.id = a.job_id WHERE {' AND '.join(where)}"
        " ORDER BY a.created_at DESC, a.id LIMIT %s OFFSET %s",
        (*params, limit, offset),
    ).fetchall()


def detail(conn: Connection, tenant_id: str, application_id: str) -> Row | None:
    row = conn.execute(
        f"SELECT {_SUMMARY}, a.breakdown, a.explanation, a.rejection_reason, a.note, {PERSON_COLUMNS}"
        " FROM applications a JOIN jobs j ON j.id = a.job_id LEFT JOIN resumes r ON r.id = a.resume_id"
        " LEFT JOIN users u ON u.id = a.candidate_user_id WHERE a.tenant_id = %s AND a.id::text = %s",
        (tenant_id, application_id),
    ).fetchone()
    if row is not None:
        row["history"] = conn.execute(
            "SELECT e.actor_user_id, e.actor_role, u.email AS actor_email, e.from_status, e.to_status, e.reason,"
            " e.created_at FROM application_events e LEFT JOIN users u ON u.id = e.actor_user_id"
            " WHERE e.tenant_id = %s AND e.application_id = %s ORDER BY e.id",
            (tenant_id, row["id"]),
        ).fetchall()
    return row


def applicants(conn: Connection, tenant_id: str, job_id: str, filters: Row) -> list[Row]:
    """The job's applicants best first, each with the percentile of its score among the job's ranked applicants
    (100: the best) and the person's name, headline, location and email from the resume and the account.

    A person who refused automated ranking (privacy_settings.automated_ranking false, GDPR Art. 22) comes after the
    ranked ones, by date, with no score, grade or percentile and manual_review true: score filters never match them.
    """
    where, params = [], []
    if filters.get("status"):
        where.append("status = %s")
        params.append(filters["status"])
    if filters.get("min_score") is not None:
        where.append("score >= %s")
        params.append(filters["min_score"])
    if filters.get("min_years") is not None:
        where.append("coalesce(years_experience, 0) >= %s")
        params.append(filters["min_years"])
    if filters.get("grade"):
        where.append("grade = %s")
        params.append(filters["grade"])
    for skill in filters.get("skills") or []:
        where.append("EXISTS (SELECT 1 FROM jsonb_array_elements_text(matched_skills) s WHERE lower(s) = lower(%s))")
        params.append(skill)
    outer = f"WHERE {' AND '.join(where)}" if where else ""
    return conn.execute(
        "SELECT * FROM (SELECT a.id AS application_id, a.status, NOT ranked AS manual_review,"
        " CASE WHEN ranked THEN a.score::float END AS score, CASE WHEN ranked THEN a.grade END AS grade,"
        " CASE WHEN ranked THEN round((cume_dist() OVER (PARTITION BY ranked ORDER BY a.score) * 100)::numeric, 1)"
        "   ::float END AS percentile,"
        " a.matched_skills, a.missing_skills, a.years_experience::float AS years_experience,"
        " a.created_at AS applied_at, a.source,"
        f" {PERSON_COLUMNS}"
        " FROM applications a LEFT JOIN resumes r ON r.id = a.resume_id"
        " LEFT JOIN users u ON u.id = a.candidate_user_id"
        " LEFT JOIN privacy_settings p ON p.user_id = a.candidate_user_id AND p.tenant_id = a.tenant_id,"
        " LATERAL (SELECT coalesce(p.automated_ranking, true) AS ranked) k"
        " WHERE a.tenant_id = %s AND a.job_id::text = %s) listed"
        f" {outer} ORDER BY manual_review, score DESC, applied_at, application_id LIMIT %s OFFSET %s",
        (tenant_id, job_id, *params, filters["limit"], filters["offset"]),
    ).fetchall()


# --- the funnel ------------------------------------------------------------------------------------------------


def funnel_rows(conn: Connection, tenant_id: str, job_id: str | None) -> Row:
    """Per stage: applications now in it, applications that ever reached it, the median seconds spent in it (over
    the stays that ended); and the applications per source."""
    scope, params = "tenant_id = %s", [tenant_id]
    if job_id is not None:
        scope += " AND job_id::text = %s"
        params.append(job_id)
    current = conn.execute(
        f"SELECT status, count(*) AS n FROM applications WHERE {scope} GROUP BY status", params
    ).fetchall()
    sources = conn.execute(
        f"SELECT source, count(*) AS n FROM applications WHERE {scope} GROUP BY source", params
    ).fetchall()
    stays = conn.execute(
        "SELECT to_status AS status, count(DISTINCT application_id) AS reached,"
        " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - created_at))"
        "   FILTER (WHERE left_at IS NOT NULL) AS median_s"
        " FROM (SELECT e.application_id, e.to_status, e.created_at,"
        "   lead(e.created_at) OVER (PARTITION BY e.application_id ORDER BY e.id) AS left_at"
        "   FROM application_events e JOIN applications a ON a.id = e.application_id"
        f"  WHERE e.tenant_id = %s{' AND a.job_id::text = %s' if job_id is not None else ''}"
        " ) s GROUP BY to_status",
        params,
    ).fetchall()
    return {"current": current, "sources": sources, "stays": stays}


# --- the LLM rephrasing of a rejection's feedback ----------------------------------------------------------------


def known_companies(conn: Connection, tenant_id: str, resume_id: str) -> list[str]:
    """Companies a rephrased feedback might name: the tenant's jobs' and the ones on the person's resume."""
    rows = conn.execute(
        "SELECT DISTINCT company FROM jobs WHERE tenant_id = %s AND company IS NOT NULL AND company <> ''"
        " UNION SELECT DISTINCT e->>'company' FROM resumes r, jsonb_array_elements(coalesce(r.profile->'experience',"
        " '[]'::jsonb)) e WHERE r.tenant_id = %s AND r.id = %s AND coalesce(e->>'company', '') <> ''",
        (tenant_id, tenant_id, resume_id),
    ).fetchall()
    return [str(r["company"]) for r in rows]


def feedback_rephrasing(conn: Connection, tenant_id: str, application_id: str) -> Row | None:
    row = conn.execute(
        "SELECT feedback_rephrasing FROM applications WHERE tenant_id = %s AND id = %s", (tenant_id, application_id)
    ).fetchone()
    return None if row is None else row["feedback_rephrasing"]


def claim_feedback_rephrasing(
    conn: Connection, tenant_id: str, application_id: str, source: str, claim_s: float
) -> bool:
    """Mark the feedback as being rephrased for this fingerprint, unless that is stored or under way (a claim older
    than claim_s is taken to be dead)."""
    row = conn.execute(
        "UPDATE applications SET feedback_rephrasing = jsonb_build_object('source_sha256', %s::text, 'outcome',"
        " 'pending', 'claimed_at', extract(epoch FROM clock_timestamp())) WHERE tenant_id = %s AND id = %s"
        " AND (feedback_rephrasing IS NULL OR feedback_rephrasing->>'source_sha256' IS DISTINCT FROM %s::text"
        " OR (feedback_rephrasing->>'outcome' = 'pending'"
        "     AND (feedback_rephrasing->>'claimed_at')::float < extract(epoch FROM clock_timestamp()) - %s))"
        " RETURNING id",
        (source, tenant_id, application_id, source, claim_s),
    ).fetchone()
    return row is not None


def store_feedback_rephrasing(conn: Connection, tenant_id: str, application_id: str, outcome: Row) -> None:
    """Replace our pending claim with the outcome (not another reader's claim for another fingerprint)."""
    conn.execute(
        "UPDATE applications SET feedback_rephrasing = %s WHERE tenant_id = %s AND id = %s"
        " AND feedback_rephrasing->>'source_sha256' = %s",
        (Jsonb(outcome), tenant_id, application_id, outcome["source_sha256"]),
    )
