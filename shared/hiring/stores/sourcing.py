"""SQL of the sourcing aggregate: runs (issue 14). Every query filters tenant_id."""

from __future__ import annotations

from typing import Any

from hiring.adapters.postgres import Connection, Json

Row = dict[str, Any]

_RUN_COLUMNS = (
    "id::text AS id, job_id::text AS job_id, created_by::text AS created_by, status, locations, result_limit,"
    " keywords, boolean_strings, created_at"
)


def insert_run(
    conn: Connection,
    tenant_id: str,
    job_id: str,
    created_by: str,
    locations: list[str],
    result_limit: int,
    keywords: dict[str, Any],
    boolean_strings: dict[str, Any],
) -> Row:
    row = conn.execute(
        "INSERT INTO sourcing_runs (tenant_id, job_id, created_by, locations, result_limit, keywords, boolean_strings)"
        f" VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {_RUN_COLUMNS}",
        (tenant_id, job_id, created_by, Json(locations), result_limit, Json(keywords), Json(boolean_strings)),
    ).fetchone()
    assert row is not None
    return dict(row)


def get_run(conn: Connection, tenant_id: str, run_id: str) -> Row | None:
    row = conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM sourcing_runs WHERE tenant_id = %s AND id::text = %s", (tenant_id, run_id)
    ).fetchone()
    return None if row is None else dict(row)


def list_runs(conn: Connection, tenant_id: str, job_id: str | None, limit: int) -> list[Row]:
    where, params = "tenant_id = %s", [tenant_id]
    if job_id:
        where += " AND job_id::text = %s"
        params.append(job_id)
    rows = conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM sourcing_runs WHERE {where} ORDER BY created_at DESC, id LIMIT %s",
        (*params, limit),
    ).fetchall()
    return [dict(r) for r in rows]


# --- tasks (bots) -----------------------------------------------------------------------------------------------

_TASK_COLUMNS = (
    "t.id::text AS id, t.run_id::text AS run_id, r.job_id::text AS job_id, t.location, t.query, t.status,"
    " t.attempts, t.last_error, t.profiles_received, r.result_limit, r.keywords, t.created_at"
)


def insert_tasks(conn: Connection, tenant_id: str, run_id: str, queries: list[tuple[str | None, str]]) -> None:
    for location, query in queries:
        conn.execute(
            # clock_timestamp, not the transaction's now(): the tasks keep the locations' order
            "INSERT INTO sourcing_tasks (tenant_id, run_id, location, query, created_at)"
            " VALUES (%s, %s, %s, %s, clock_timestamp())",
            (tenant_id, run_id, location, query),
        )


def claim_next_task(conn: Connection, tenant_id: str, lease_s: int, key_id: str) -> Row | None:
    """The task that waited longest (or whose claim outlived the lease), now claimed by this key."""
    row = conn.execute(
        "WITH picked AS ("
        "  SELECT id FROM sourcing_tasks WHERE tenant_id = %(tenant)s AND ("
        "    (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))"
        "    OR (status = 'claimed' AND claimed_at < now() - make_interval(secs => %(lease)s)))"
        "  ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " UPDATE sourcing_tasks t SET status = 'claimed', claimed_at = now(), claimed_by = %(key)s,"
        "   updated_at = now() FROM picked WHERE t.id = picked.id RETURNING t.id::text AS id",
        {"tenant": tenant_id, "lease": lease_s, "key": key_id},
    ).fetchone()
    return None if row is None else get_task(conn, tenant_id, row["id"])


def get_task(conn: Connection, tenant_id: str, task_id: str, lock: bool = False) -> Row | None:
    row = conn.execute(
        f"SELECT {_TASK_COLUMNS} FROM sourcing_tasks t JOIN sourcing_runs r ON r.id = t.run_id"
        " WHERE t.tenant_id = %s AND t.id::text = %s" + (" FOR UPDATE OF t" if lock else ""),
        (tenant_id, task_id),
    ).fetchone()
    return None if row is None else dict(row)


def run_tasks(conn: Connection, tenant_id: str, run_id: str) -> list[Row]:
    rows = conn.execute(
        f"SELECT {_TASK_COLUMNS} FROM sourcing_tasks t JOIN sourcing_runs r ON r.id = t.run_id"
        " WHERE t.tenant_id = %s AND t.run_id::text = %s ORDER BY t.created_at, t.id",
        (tenant_id, run_id),
    ).fetchall()
    return [dict(r) for r in rows]


def finish_task(conn: Connection, task_id: str, status: str, error: str | None, retry_in_s: int | None) -> None:
    conn.execute(
        "UPDATE sourcing_tasks SET status = %s, last_error = COALESCE(%s, last_error), updated_at = now(),"
        " attempts = attempts + CASE WHEN %s::text IS NULL THEN 0 ELSE 1 END,"
        " next_attempt_at = CASE WHEN %s::int IS NULL THEN NULL ELSE now() + make_interval(secs => %s::int) END"
        " WHERE id = %s",
        (status, error, error, retry_in_s, retry_in_s, task_id),
    )


def close_run_if_finished(conn: Connection, tenant_id: str, run_id: str) -> None:
    """A run whose tasks are all done or failed is done (failed when none succeeded)."""
    conn.execute(
        "UPDATE sourcing_runs r SET status = CASE WHEN EXISTS (SELECT 1 FROM sourcing_tasks t WHERE t.run_id = r.id"
        "   AND t.status = 'done') THEN 'done' ELSE 'failed' END"
        " WHERE r.tenant_id = %s AND r.id::text = %s AND NOT EXISTS (SELECT 1 FROM sourcing_tasks t"
        "   WHERE t.run_id = r.id AND t.status IN ('pending', 'claimed'))",
        (tenant_id, run_id),
    )


# --- prospects --------------------------------------------------------------------------------------------------


def add_prospect(
    conn: Connection, tenant_id: str, run_id: str, task_id: str, profile: dict[str, Any], keys: list[str]
) -> bool:
    """Store a prospect unless one of the run's prospects shares a dedupe key; True if stored."""
    same = conn.execute(
        "SELECT 1 FROM prospects WHERE tenant_id = %s AND run_id::text = %s AND dedupe_keys && %s::text[] LIMIT 1",
        (tenant_id, run_id, keys),
    ).fetchone()
    if same is not None:
        return False
    conn.execute(
        "INSERT INTO prospects (tenant_id, run_id, task_id, name, profile, source, dedupe_keys, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, clock_timestamp())",
        (tenant_id, run_id, task_id, profile["name"], Json(profile), profile["source"], keys),
    )
    return True


def count_received(conn: Connection, task_id: str, count: int) -> None:
    conn.execute(
        "UPDATE sourcing_tasks SET profiles_received = profiles_received + %s, updated_at = now() WHERE id = %s",
        (count, task_id),
    )


def list_prospects(conn: Connection, tenant_id: str, run_id: str) -> list[Row]:
    """The run's prospects with their outreach status (None before any draft)."""
    rows = conn.execute(
        "SELECT p.id::text AS id, p.run_id::text AS run_id, p.task_id::text AS task_id, p.name, p.profile, p.source,"
        " p.created_at, p.enrichment, o.status AS outreach_status"
        " FROM prospects p LEFT JOIN prospect_outreach o ON o.prospect_id = p.id AND o.tenant_id = p.tenant_id"
        " WHERE p.tenant_id = %s AND p.run_id::text = %s ORDER BY p.created_at, p.id",
        (tenant_id, run_id),
    ).fetchall()
    return [dict(r) for r in rows]


def lock_run(conn: Connection, run_id: str) -> None:
    """Serialise uploads into one run, so two at once cannot both keep the same person."""
    conn.execute("SELECT id FROM sourcing_runs WHERE id::text = %s FOR UPDATE", (run_id,))


# --- weights ----------------------------------------------------------------------------------------------------


def get_weights(conn: Connection, tenant_id: str) -> dict[str, float] | None:
    row = conn.execute("SELECT weights FROM sourcing_weights WHERE tenant_id = %s", (tenant_id,)).fetchone()
    return None if row is None else dict(row["weights"])


def set_weights(conn: Connection, tenant_id: str, weights: dict[str, float], user_id: str) -> None:
    conn.execute(
        "INSERT INTO sourcing_weights (tenant_id, weights, updated_by) VALUES (%s, %s, %s)"
        " ON CONFLICT (tenant_id) DO UPDATE SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by,"
        " updated_at = now()",
        (tenant_id, Json(weights), user_id),
    )


def set_enrichment(conn: Connection, tenant_id: str, prospect_id: str, evidence: dict[str, Any] | None) -> None:
    conn.execute(
        "UPDATE prospects SET enrichment = %s, enriched_at = now() WHERE tenant_id = %s AND id::text = %s",
        (Json(evidence) if evidence is not None else Json({"found": False}), tenant_id, prospect_id),
    )
