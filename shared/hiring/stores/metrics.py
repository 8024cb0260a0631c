"""The metrics store: aggregates over a tenant's rows in a time window [since, until) for the admin's health view,
and the queue samples the schedule writes (the queue's only history). Each function reads one aggregate's tables;
the window bounds are timestamptz."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hiring.adapters.postgres import Connection

Window = tuple[dt.datetime, dt.datetime]


def parse_outcomes(conn: Connection, tenant_id: str, window: Window) -> dict[str, int]:
    """Resumes received in the window, by their status now (pending, parsing, parsed, needs_review, failed)."""
    rows = conn.execute(
        "SELECT status, count(*) AS n FROM resumes WHERE tenant_id = %s AND created_at >= %s AND created_at < %s"
        " GROUP BY status",
        (tenant_id, *window),
    ).fetchall()
    return {r["status"]: int(r["n"]) for r in rows}


def parse_latency_ms(conn: Connection, tenant_id: str, window: Window) -> dict[str, Any]:
    """Percentiles of the time from a resume's first 'pending' to its first finished status (parsed or
    needs_review), for resumes that finished in the window; from the status history."""
    row = conn.execute(
        "WITH finished AS (SELECT entity_id, min(created_at) AS at FROM status_events"
        "  WHERE tenant_id = %s AND entity = 'resume' AND status IN ('parsed', 'needs_review') GROUP BY entity_id),"
        " started AS (SELECT entity_id, min(created_at) AS at FROM status_events"
        "  WHERE tenant_id = %s AND entity = 'resume' AND status = 'pending' GROUP BY entity_id),"
        " spans AS (SELECT extract(epoch FROM f.at - s.at) * 1000 AS ms FROM finished f JOIN started s"
        "  USING (entity_id) WHERE f.at >= %s AND f.at < %s AND f.at >= s.at)"
        " SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,"
        " percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90,"
        " percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max FROM spans",
        (tenant_id, tenant_id, *window),
    ).fetchone()
    assert row is not None
    return {k: (None if v is None else round(float(v), 1)) if k != "n" else int(v) for k, v in row.items()}


def queue_backlog(conn: Connection, tenant_id: str) -> dict[str, Any]:
    """The tenant's messages waiting in the Postgres work queue (depth, age of the oldest in seconds) and those
    dead-lettered there."""
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE status <> 'dead') AS depth,"
        " extract(epoch FROM now() - min(created_at) FILTER (WHERE status <> 'dead')) AS oldest_age_s,"
        " count(*) FILTER (WHERE status = 'dead') AS dead"
        " FROM queue_messages WHERE body->>'tenant_id' = %s",
        (tenant_id,),
    ).fetchone()
    assert row is not None
    age = row["oldest_age_s"]
    return {"depth": int(row["depth"]), "oldest_age_s": None if age is None else round(float(age), 1),
            "dead": int(row["dead"])}  # fmt: skip


def dead_letters_recorded(conn: Connection, tenant_id: str, window: Window) -> int:
    """Work messages given up on (recorded as refused input, whichever queue carried them) in the window."""
    row = conn.execute(
        "SELECT count(*) AS n FROM rejected_inputs WHERE tenant_id = %s AND kind = 'work_message'"
        " AND created_at >= %s AND created_at < %s",
        (tenant_id, *window),
    ).fetchone()
    return int(row["n"]) if row else 0


def imports(conn: Connection, tenant_id: str, window: Window) -> dict[str, int]:
    """Import batches started in the window: how many, how many rows, and how those rows ended."""
    row = conn.execute(
        "SELECT count(*) AS batches, count(*) FILTER (WHERE failed > 0 OR status = 'failed') AS batches_with_failures,"
        " coalesce(sum(total), 0) AS rows, coalesce(sum(new), 0) AS new, coalesce(sum(updated), 0) AS updated,"
        " coalesce(sum(unchanged), 0) AS unchanged, coalesce(sum(duplicate), 0) AS duplicate,"
        " coalesce(sum(failed), 0) AS failed FROM import_batches"
        " WHERE tenant_id = %s AND created_at >= %s AND created_at < %s",
        (tenant_id, *window),
    ).fetchone()
    assert row is not None
    return {k: int(v) for k, v in row.items()}


def matches_stored(conn: Connection, tenant_id: str, window: Window) -> dict[str, int]:
    """Scores written in the window (each audited), and the matches whose latest score falls in it."""
    scores = conn.execute(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s AND kind = 'score'"
        " AND created_at >= %s AND created_at < %s",
        (tenant_id, *window),
    ).fetchone()
    current = conn.execute(
        "SELECT count(*) AS n FROM matches WHERE tenant_id = %s AND scored_at >= %s AND scored_at < %s",
        (tenant_id, *window),
    ).fetchone()
    return {"scores_written": int(scores["n"]) if scores else 0, "matches_scored": int(current["n"]) if current else 0}


def llm_usage(conn: Connection, tenant_id: str, window: Window) -> dict[str, Any]:
    """LLM calls in the window: count, by outcome, tokens and estimated cost."""
    rows = conn.execute(
        "SELECT outcome, count(*) AS n, coalesce(sum(tokens_in), 0) AS tokens_in,"
        " coalesce(sum(tokens_out), 0) AS tokens_out, coalesce(sum(estimated_cost_usd), 0) AS cost"
        " FROM llm_calls WHERE tenant_id = %s AND created_at >= %s AND created_at < %s GROUP BY outcome",
        (tenant_id, *window),
    ).fetchall()
    return {
        "calls": sum(int(r["n"]) for r in rows),
        "by_outcome": {r["outcome"]: int(r["n"]) for r in rows},
        "tokens_in": sum(int(r["tokens_in"]) for r in rows),
        "tokens_out": sum(int(r["tokens_out"]) for r in rows),
        "estimated_cost_usd": round(sum(float(r["cost"]) for r in rows), 6),
    }


def funnel(conn: Connection, tenant_id: str, window: Window) -> dict[str, int] | None:
    """Applications made in the window, by their stage now; None before the applications table exists."""
    exists = conn.execute("SELECT to_regclass('public.applications') IS NOT NULL AS yes").fetchone()
    if not exists or not exists["yes"]:
        return None
    rows = conn.execute(
        "SELECT status, count(*) AS n FROM applications WHERE tenant_id = %s AND created_at >= %s AND created_at < %s"
        " GROUP BY status",
        (tenant_id, *window),
    ).fetchall()
    return {r["status"]: int(r["n"]) for r in rows}


# --- series: the same rows counted per bucket (hour or day, UTC) -------------------------------------------

# One grouped query per aggregate: (table, time column, extra condition, {point field: SQL aggregate}).
_SERIES: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("resumes", "created_at", "", {
        "received": "count(*)",
        "parsed": "count(*) FILTER (WHERE status = 'parsed')",
        "needs_review": "count(*) FILTER (WHERE status = 'needs_review')",
        "failed": "count(*) FILTER (WHERE status = 'failed')",
    }),
    ("import_batches", "created_at", "", {
        "imports_batches": "count(*)",
        "imports_rows": "coalesce(sum(total), 0)",
        "imports_failed": "coalesce(sum(failed), 0)",
    }),
    ("llm_calls", "created_at", "", {
        "llm_calls": "count(*)",
        "llm_tokens_in": "coalesce(sum(tokens_in), 0)",
        "llm_tokens_out": "coalesce(sum(tokens_out), 0)",
        "llm_cost_usd": "coalesce(sum(estimated_cost_usd), 0)",
    }),
    ("audit_log", "created_at", " AND kind = 'score'", {"scores_written": "count(*)"}),
    ("rejected_inputs", "created_at", " AND kind = 'work_message'", {"dead_letters_recorded": "count(*)"}),
    ("applications", "created_at", "", {"applications": "count(*)"}),
    ("application_events", "created_at", " AND to_status IN ('hired', 'rejected')", {
        "hired": "count(*) FILTER (WHERE to_status = 'hired')",
        "rejected": "count(*) FILTER (WHERE to_status = 'rejected')",
    }),
)  # fmt: skip
SERIES_FIELDS = tuple(name for *_, columns in _SERIES for name in columns)


def series(conn: Connection, tenant_id: str, window: Window, bucket: str) -> dict[dt.datetime, dict[str, float]]:
    """Per bucket start (UTC, truncated to the hour or day) the counts of rows created in [since, until): resumes
    received and by status now, import batches/rows/failed rows, LLM calls/tokens/cost, scores written, work
    messages given up on, applications made, and moves to hired/rejected. Buckets without rows are absent."""
    if bucket not in ("hour", "day"):
        raise ValueError(f"unknown bucket {bucket!r}")
    found: dict[dt.datetime, dict[str, float]] = {}
    for table, column, condition, columns in _SERIES:
        selected = ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
        rows = conn.execute(
            f"SELECT date_trunc('{bucket}', {column} AT TIME ZONE 'UTC') AS at, {selected} FROM {table}"
            f" WHERE tenant_id = %s AND {column} >= %s AND {column} < %s{condition} GROUP BY 1",
            (tenant_id, *window),
        ).fetchall()
        for row in rows:
            at = row["at"].replace(tzinfo=dt.UTC)
            point = found.setdefault(at, {})
            for name in columns:
                point[name] = float(row[name])
    return found


# --- queue samples: the work queue over time (written by the 15-minute schedule) -----------------------------

QUEUE_SERIES_FIELDS = ("queue_depth", "queue_oldest_age_s", "dead_letters", "queue_depth_all_tenants")


def record_queue_samples(conn: Connection, at: dt.datetime, depth_all_tenants: int) -> int:
    """One sample per tenant at `at`: its messages waiting in the Postgres work queue, the oldest one's age in
    seconds (null when none waits) and its dead letters, with the port's overall depth. Returns the rows written."""
    cur = conn.execute(
        "INSERT INTO queue_samples (tenant_id, sampled_at, depth, oldest_age_s, dead_letters, depth_all_tenants)"
        " SELECT t.id, %s, count(q.id) FILTER (WHERE q.status <> 'dead'),"
        " CASE WHEN count(q.id) FILTER (WHERE q.status <> 'dead') > 0 THEN"
        "  greatest(0, extract(epoch FROM %s - min(q.created_at) FILTER (WHERE q.status <> 'dead'))) END,"
        " count(q.id) FILTER (WHERE q.status = 'dead'), %s"
        " FROM tenants t LEFT JOIN queue_messages q ON q.body->>'tenant_id' = t.id::text GROUP BY t.id",
        (at, at, depth_all_tenants),
    )
    return int(cur.rowcount)


def delete_queue_samples_before(conn: Connection, before: dt.datetime) -> int:
    """Every tenant's samples taken before `before` (the schedule's retention); returns how many went."""
    return int(conn.execute("DELETE FROM queue_samples WHERE sampled_at < %s", (before,)).rowcount)


def queue_series(
    conn: Connection, tenant_id: str, window: Window, bucket: str
) -> dict[dt.datetime, dict[str, float | None]]:
    """Per bucket start (UTC) the largest of the tenant's queue samples taken in [since, until): depth, oldest
    age (None when nothing waited in any sample), dead letters and the overall depth. Buckets without samples are
    absent."""
    if bucket not in ("hour", "day"):
        raise ValueError(f"unknown bucket {bucket!r}")
    rows = conn.execute(
        f"SELECT date_trunc('{bucket}', sampled_at AT TIME ZONE 'UTC') AS at, max(depth) AS queue_depth,"
        " max(oldest_age_s) AS queue_oldest_age_s, max(dead_letters) AS dead_letters,"
        " max(depth_all_tenants) AS queue_depth_all_tenants FROM queue_samples"
        " WHERE tenant_id = %s AND sampled_at >= %s AND sampled_at < %s GROUP BY 1",
        (tenant_id, *window),
    ).fetchall()
    return {
        row["at"].replace(tzinfo=dt.UTC): {k: None if row[k] is None else float(row[k]) for k in QUEUE_SERIES_FIELDS}
        for row in rows
    }
