"""The jobs store: ALL SQL on jobs, import batches and import errors (the jobs-and-imports aggregate), except the
job reads matching needs (those live with the matches store). Every function takes the caller's connection: the
job service opens the transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Json
from hiring.analysis.feeds import NeutralPosting

if TYPE_CHECKING:
    from hiring.analysis.job_analysis import JobAnalysis
    from hiring.services.jobs import ImportResult, JobSearch

Row = dict[str, Any]

# What GET /api/jobs/{id} shows, and what a search lists per job.
_DETAIL_COLUMNS = (
    "id, title, company, location, description, url, skills, required_skills, preferred_skills, status,"
    " analysis_status, analysis_error, analysis, platform, external_id, duplicate_of, quality_score, posted_at,"
    " created_at, updated_at"
)
_SUMMARY_COLUMNS = (
    "id, title, company, location, work_arrangement, employment_type, seniority, required_skills, preferred_skills,"
    " salary_min, salary_max, salary_currency, quality_score, platform, status, analysis_status, posted_at"
)
_SORT_COLUMNS = {
    "posted_at": "posted_at",
    "salary": "coalesce(salary_max, salary_min)",
    "quality": "quality_score",
    "title": "lower(title)",
    "relevance": "ts_rank(search_tsv, websearch_to_tsquery('english', %s))",
}


# --- intake ----------------------------------------------------------------------------------------------------


def lock_source(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    """A job's platform and external id, locked for an edit; None when the tenant has no such job."""
    return conn.execute(
        "SELECT platform, external_id FROM jobs WHERE tenant_id = %s AND id::text = %s FOR UPDATE",
        (tenant_id, job_id),
    ).fetchone()


def lock_by_external_id(conn: Connection, tenant_id: str, platform: str, external_id: str) -> Row | None:
    """The job a feed row names (id and content hash), locked for a re-import."""
    return conn.execute(
        "SELECT id, content_hash FROM jobs WHERE tenant_id = %s AND platform = %s AND external_id = %s FOR UPDATE",
        (tenant_id, platform, external_id),
    ).fetchone()


def insert_job(
    conn: Connection,
    tenant_id: str,
    platform: str,
    posting: NeutralPosting,
    *,
    raw: dict[str, Any] | None,
    created_by: str | None,
    posted_at: dt.datetime,
    content_hash: str,
    dedup_key: str,
    duplicate_of: str | None,
    batch_id: str | None,
) -> str:
    """A new posting awaiting analysis (or a duplicate of an earlier one); its id."""
    row = conn.execute(
        "INSERT INTO jobs (tenant_id, created_by, external_id, platform, title, company, location, description,"
        " status, posted_at, url, raw, content_hash, dedup_key, duplicate_of, analysis_status, import_batch_id,"
        " salary_raw) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'pending', %s, %s)"
        " RETURNING id",
        (tenant_id, created_by, posting.external_id, platform, posting.title, posting.company, posting.location,
         posting.description, "duplicate" if duplicate_of else "active", posted_at, posting.url,
         Json(raw or posting.as_dict()), content_hash, dedup_key, duplicate_of, batch_id, posting.salary_text),
    ).fetchone()  # fmt: skip
    assert row is not None
    return str(row["id"])


def rewrite_job(
    conn: Connection,
    tenant_id: str,
    job_id: str,
    posting: NeutralPosting,
    *,
    raw: dict[str, Any] | None,
    content_hash: str,
    dedup_key: str,
) -> None:
    """New content for a stored posting; its analysis starts again."""
    conn.execute(
        "UPDATE jobs SET title = %s, company = %s, location = %s, description = %s, url = %s, raw = %s,"
        " salary_raw = %s, content_hash = %s, dedup_key = %s, analysis_status = 'pending', updated_at = now()"
        " WHERE tenant_id = %s AND id = %s",
        (posting.title, posting.company, posting.location, posting.description, posting.url,
         Json(raw or posting.as_dict()), posting.salary_text, content_hash, dedup_key, tenant_id, job_id),
    )  # fmt: skip


def duplicate_candidates(conn: Connection, tenant_id: str, dedup_key: str, limit: int = 20) -> list[Row]:
    """Earlier originals (id, description) with the same company, title and place, oldest first."""
    return conn.execute(
        "SELECT id, description FROM jobs WHERE tenant_id = %s AND dedup_key = %s AND duplicate_of IS NULL"
        " AND status <> 'duplicate' ORDER BY created_at LIMIT %s",
        (tenant_id, dedup_key, limit),
    ).fetchall()


def pending_active_ids(conn: Connection, tenant_id: str) -> list[str]:
    """Active jobs whose analysis was accepted but never finished (to queue again)."""
    rows = conn.execute(
        "SELECT id FROM jobs WHERE tenant_id = %s AND analysis_status = 'pending' AND status = 'active'", (tenant_id,)
    ).fetchall()
    return [str(r["id"]) for r in rows]


def external_ids(conn: Connection, tenant_id: str, platform: str) -> set[str]:
    """The external ids a tenant already holds from one platform."""
    rows = conn.execute(
        "SELECT external_id FROM jobs WHERE tenant_id = %s AND platform = %s", (tenant_id, platform)
    ).fetchall()
    return {r["external_id"] for r in rows}


# --- import batches --------------------------------------------------------------------------------------------


def create_batch(
    conn: Connection, tenant_id: str, platform: str, source: str, created_by: str | None, status: str = "running"
) -> str:
    """A new batch: 'running' for an import that starts now, 'queued' for one a worker will run (scraper uploads)."""
    row = conn.execute(
        "INSERT INTO import_batches (tenant_id, platform, source, created_by, status) VALUES (%s, %s, %s, %s, %s)"
        " RETURNING id",
        (tenant_id, platform, source, created_by, status),
    ).fetchone()
    assert row is not None
    return str(row["id"])


def start_batch(conn: Connection, tenant_id: str, batch_id: str) -> bool:
    """A queued batch starts running; False when the tenant has no such queued batch."""
    row = conn.execute(
        "UPDATE import_batches SET status = 'running' WHERE tenant_id = %s AND id = %s AND status = 'queued'"
        " RETURNING id",
        (tenant_id, batch_id),
    ).fetchone()
    return row is not None


def finish_batch(conn: Connection, result: ImportResult) -> None:
    conn.execute(
        "UPDATE import_batches SET status = 'done', total = %s, new = %s, updated = %s, unchanged = %s,"
        " duplicate = %s, failed = %s, finished_at = now() WHERE id = %s",
        (result.total, result.new, result.updated, result.unchanged, result.duplicate, result.failed,
         result.batch_id),
    )  # fmt: skip


def record_row_error(conn: Connection, batch_id: str, row_number: int, reason: str, raw: str) -> None:
    """A refused feed row (already scrubbed), under its batch's tenant; a repeat of the same row is ignored."""
    conn.execute(
        "INSERT INTO import_errors (batch_id, tenant_id, row_number, reason, raw) VALUES"
        " (%s, (SELECT tenant_id FROM import_batches WHERE id = %s), %s, %s, %s) ON CONFLICT DO NOTHING",
        (batch_id, batch_id, row_number, reason, raw),
    )


def get_batch(conn: Connection, tenant_id: str, batch_id: str, error_limit: int = 1000) -> Row | None:
    """A batch record with its failed rows (row number and reason), or None."""
    row = conn.execute(
        "SELECT * FROM import_batches WHERE tenant_id = %s AND id::text = %s", (tenant_id, batch_id)
    ).fetchone()
    if row is not None:
        row["errors"] = conn.execute(
            "SELECT row_number, reason FROM import_errors WHERE batch_id = %s ORDER BY row_number LIMIT %s",
            (row["id"], error_limit),
        ).fetchall()
    return row


# --- analysis --------------------------------------------------------------------------------------------------


def lock_for_analysis(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    return conn.execute(
        "SELECT id, title, description, location, salary_raw, raw, status, analysis_status FROM jobs"
        " WHERE tenant_id = %s AND id = %s FOR UPDATE",
        (tenant_id, job_id),
    ).fetchone()


def mark_analysis_failed(conn: Connection, job_id: str, error: str) -> None:
    conn.execute("UPDATE jobs SET analysis_status = 'failed', analysis_error = %s WHERE id = %s", (error[:500], job_id))


def store_analysis(conn: Connection, job_id: str, analysis: JobAnalysis) -> None:
    salary = analysis.salary or {}
    location = analysis.location or {}
    conn.execute(
        "UPDATE jobs SET analysis_status = 'analyzed', analysis_error = NULL, analysis = %s,"
        " occupation_code = %s, seniority = %s, skills = %s, required_skills = %s, preferred_skills = %s,"
        " experience_min = %s, experience_max = %s, education_level = %s, work_arrangement = %s,"
        " employment_type = %s, salary_min = %s, salary_max = %s, salary_currency = %s, salary_period = %s,"
        " quality_score = %s, location_city = %s, location_region = %s, location_country = %s,"
        " updated_at = now() WHERE id = %s",
        (Json(analysis.as_dict()), (analysis.occupation or {}).get("code"), analysis.seniority,
         Json(analysis.required_skills + analysis.preferred_skills), Json(analysis.required_skills),
         Json(analysis.preferred_skills), analysis.experience_min, analysis.experience_max,
         analysis.education_level, analysis.work_arrangement, analysis.employment_type, salary.get("min"),
         salary.get("max"), salary.get("currency"), salary.get("period"), analysis.quality_score,
         location.get("city"), location.get("region"), location.get("country"), job_id),
    )  # fmt: skip


# --- reads -----------------------------------------------------------------------------------------------------


def get_job(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    return conn.execute(
        f"SELECT {_DETAIL_COLUMNS} FROM jobs WHERE tenant_id = %s AND id::text = %s", (tenant_id, job_id)
    ).fetchone()


def search_filters(query: JobSearch) -> tuple[list[str], list[Any]]:
    """The conditions (to AND) and their parameters of the query's filters: keywords, skills, place, ..."""
    where: list[str] = []
    params: list[Any] = []
    if query.q:  # Postgres full text over title, company and description (jobs_search_gin)
        where.append("search_tsv @@ websearch_to_tsquery('english', %s)")
        params.append(query.q)
    for skill in query.skills:
        where.append("(required_skills ? %s OR preferred_skills ? %s OR skills ? %s)")
        params += [skill, skill, skill]
    if query.location:
        where.append("(location ILIKE %s OR location_city ILIKE %s OR location_region ILIKE %s"
                     " OR location_country ILIKE %s)")  # fmt: skip
        params += [f"%{query.location}%", query.location, query.location, query.location]
    if query.remote is True:
        where.append("work_arrangement = 'remote'")
    elif query.remote is False:
        where.append("work_arrangement IS DISTINCT FROM 'remote'")
    for column, value in (
        ("seniority = %s", query.experience_level),
        ("employment_type = %s", query.employment_type),
        ("coalesce(salary_max, salary_min) >= %s", query.salary_floor),
        ("posted_at >= %s", query.posted_since),
        ("platform = %s", query.platform),
    ):
        if value is not None and value != "":
            where.append(column)
            params.append(value)
    if query.blocked_companies:
        where.append("NOT (lower(coalesce(company, '')) = ANY(%s))")
        params.append([c.lower() for c in query.blocked_companies])
    return where, params


def search_jobs(conn: Connection, tenant_id: str, query: JobSearch) -> list[Row]:
    """One page of the tenant's jobs matching every filter of the query, in its order."""
    filters, filter_params = search_filters(query)
    where = ["tenant_id = %s", "status = %s", *filters]
    params: list[Any] = [tenant_id, query.status, *filter_params]
    direction = "ASC" if query.order == "asc" else "DESC"
    sort = query.sort or ("relevance" if query.q else "posted_at")
    if sort == "relevance":
        if not query.q:  # nothing to rank by: the newest first
            sort = "posted_at"
        else:
            params.append(query.q)
    then = ", posted_at DESC" if sort == "relevance" else ""
    sql = (
        f"SELECT {_SUMMARY_COLUMNS} FROM jobs WHERE {' AND '.join(where)}"
        f" ORDER BY {_SORT_COLUMNS[sort]} {direction} NULLS LAST{then}, id LIMIT %s OFFSET %s"
    )
    return conn.execute(sql.encode(), (*params, query.limit, query.offset)).fetchall()


# --- lifecycle -------------------------------------------------------------------------------------------------


def close_job(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    """Close a job (id, status), or None when the tenant has no such job."""
    return conn.execute(
        "UPDATE jobs SET status = 'closed', updated_at = now() WHERE tenant_id = %s AND id::text = %s"
        " RETURNING id, status",
        (tenant_id, job_id),
    ).fetchone()


def expire_stale(conn: Connection, ttl_days: int) -> list[Row]:
    """Expire active jobs older than ttl_days (the earlier of posted and imported); (id, tenant_id) of each."""
    return conn.execute(
        "UPDATE jobs SET status = 'expired', updated_at = now()"
        " WHERE status = 'active' AND least(posted_at, created_at) < now() - make_interval(days => %s)"
        " RETURNING id, tenant_id",
        (ttl_days,),
    ).fetchall()


def list_batches(conn: Connection, tenant_id: str, limit: int, offset: int) -> list[Row]:
    """The tenant's import batches with their counts, newest first (the admin's list; W4, issue 12)."""
    return conn.execute(
        "SELECT id, platform, source, status, total, new, updated, unchanged, duplicate, failed, created_by,"
        " created_at, finished_at FROM import_batches WHERE tenant_id = %s"
        " ORDER BY created_at DESC, id LIMIT %s OFFSET %s",
        (tenant_id, limit, offset),
    ).fetchall()
