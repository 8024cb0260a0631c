"""The candidate settings store: a candidate's desired roles and saved search preferences (candidate_settings),
and the reads the feed needs (the current jobs of their roles). Every function takes the caller's connection:
the candidate service opens the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Json
from hiring.hygiene import scrub_for_storage
from hiring.stores import jobs as jobs_store

if TYPE_CHECKING:
    from hiring.services.jobs import JobSearch

Row = dict[str, Any]


def settings(conn: Connection, tenant_id: str, user_id: str) -> Row | None:
    return conn.execute(
        "SELECT desired_roles, blocked_companies, search, updated_at FROM candidate_settings"
        " WHERE tenant_id = %s AND user_id = %s",
        (tenant_id, user_id),
    ).fetchone()


def set_roles(conn: Connection, tenant_id: str, user_id: str, roles: list[dict[str, Any]]) -> Row:
    row = conn.execute(
        "INSERT INTO candidate_settings (user_id, tenant_id, desired_roles) VALUES (%s, %s, %s)"
        " ON CONFLICT (user_id) DO UPDATE SET desired_roles = EXCLUDED.desired_roles, updated_at = now()"
        " WHERE candidate_settings.tenant_id = EXCLUDED.tenant_id RETURNING updated_at",
        (user_id, tenant_id, Json(scrub_for_storage(roles))),
    ).fetchone()
    assert row is not None
    return row


def set_search(conn: Connection, tenant_id: str, user_id: str, blocked: list[str], search: dict[str, Any]) -> Row:
    row = conn.execute(
        "INSERT INTO candidate_settings (user_id, tenant_id, blocked_companies, search) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (user_id) DO UPDATE SET blocked_companies = EXCLUDED.blocked_companies,"
        " search = EXCLUDED.search, updated_at = now() WHERE candidate_settings.tenant_id = EXCLUDED.tenant_id"
        " RETURNING updated_at",
        (user_id, tenant_id, Json(scrub_for_storage(blocked)), Json(scrub_for_storage(search))),
    ).fetchone()
    assert row is not None
    return row


def blocked_companies(conn: Connection, tenant_id: str, user_id: str | None) -> list[str]:
    """The user's blocked companies, lower-cased (none for a user without settings or no user)."""
    if user_id is None:
        return []
    row = settings(conn, tenant_id, user_id)
    return [str(c).lower() for c in (row["blocked_companies"] if row else [])]


def blocked_for_resume(conn: Connection, tenant_id: str, resume_id: str) -> list[str]:
    """The blocked companies of the person owning this resume, lower-cased."""
    row = conn.execute(
        "SELECT s.blocked_companies FROM resumes r JOIN candidate_settings s ON s.user_id = r.owner_user_id"
        " WHERE r.tenant_id = %s AND r.id = %s AND s.tenant_id = %s",
        (tenant_id, resume_id, tenant_id),
    ).fetchone()
    return [str(c).lower() for c in (row["blocked_companies"] if row else [])]


def desired_titles(conn: Connection, tenant_id: str) -> list[Row]:
    """Every desired title of the tenant's candidates with the user and their active resume (None: none yet)."""
    return conn.execute(
        "SELECT s.user_id::text AS user_id, role->>'title' AS title,"
        " (SELECT r.id::text FROM resumes r WHERE r.tenant_id = s.tenant_id AND r.owner_user_id = s.user_id"
        "  AND r.status = 'parsed' AND r.superseded_by IS NULL ORDER BY r.created_at DESC LIMIT 1) AS resume_id,"
        " (SELECT r.profile->>'location' FROM resumes r WHERE r.tenant_id = s.tenant_id"
        "  AND r.owner_user_id = s.user_id AND r.status = 'parsed' AND r.superseded_by IS NULL"
        "  ORDER BY r.created_at DESC LIMIT 1) AS location"
        " FROM candidate_settings s, jsonb_array_elements(s.desired_roles) role WHERE s.tenant_id = %s"
        " ORDER BY s.user_id, role->>'title'",
        (tenant_id,),
    ).fetchall()


def role_jobs(
    conn: Connection,
    tenant_id: str,
    codes: Sequence[str],
    titles: Sequence[str],
    limit: int,
    all_of: JobSearch,
    any_of: Sequence[JobSearch] = (),
) -> list[Row]:
    """The tenant's current (active, analysed) jobs of these occupations, or whose title matches one of the
    titles' words, that pass every filter of all_of and those of at least one of any_of (the job search's
    filters: keywords in full text, skills, place, remote, blocked companies), newest first."""
    where, params = jobs_store.search_filters(all_of)
    alternatives = [jobs_store.search_filters(search) for search in any_of]
    if alternatives:
        where.append("(" + " OR ".join(f"({' AND '.join(w) or 'true'})" for w, _ in alternatives) + ")")
        params += [p for _, ps in alternatives for p in ps]
    extra = "".join(f" AND {condition}" for condition in where)
    sql = (
        "SELECT id::text AS id, title, company, location, occupation_code, required_skills FROM jobs"
        " WHERE tenant_id = %s AND status = 'active' AND analysis_status = 'analyzed'"
        " AND (occupation_code = ANY(%s) OR to_tsvector('english', title)"
        "  @@ ANY(SELECT plainto_tsquery('english', t) FROM unnest(%s::text[]) t))"
        f"{extra} ORDER BY posted_at DESC, id LIMIT %s"
    )
    return conn.execute(sql.encode(), (tenant_id, list(codes), list(titles), *params, limit)).fetchall()
