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
