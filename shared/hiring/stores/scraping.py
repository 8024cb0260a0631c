"""The scraping store: ALL SQL on scrape roles and their candidates, scrape uploads, scraper API keys and alerts.
Every function takes the caller's connection: the scrape queue, the key service, the watchdog and the upload
import open the transaction. (Board validators stay behind their port, in adapters/pg_board_validators.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Connection

Row = dict[str, Any]

_ROLE_FIELDS = (
    "title", "normalized_title", "location_hints", "candidate_count", "source", "active", "status",
    "started_at", "last_completed_at", "next_attempt_at", "retry_count", "last_error", "cycle_jobs",
)  # fmt: skip
_ROLE_COLUMNS = "id::text AS id, " + ", ".join(_ROLE_FIELDS)  # ids as text: callers compare and send them
# Never-scraped roles first, then the least recently completed: completing a role sends it to the back.
_ROTATION_ORDER = "last_completed_at NULLS FIRST, created_at, id"


def db_now(conn: Connection, now: dt.datetime | None) -> dt.datetime:
    """The given time, else the database's: one clock for every Lambda instance."""
    row = conn.execute("SELECT coalesce(%s::timestamptz, now()) AS at", (now,)).fetchone()
    assert row is not None
    at: dt.datetime = row["at"]
    return at


# --- roles -----------------------------------------------------------------------------------------------------


def upsert_admin_role(conn: Connection, tenant_id: str, title: str, normalized: str, hints: list[str]) -> Row:
    """Add a role, or merge the hints into the role with the same normalized title: (created, id)."""
    row = conn.execute(
        "INSERT INTO scrape_roles (tenant_id, title, normalized_title, location_hints, source)"
        " VALUES (%s, %s, %s, %s, 'admin') ON CONFLICT (tenant_id, normalized_title) DO UPDATE SET"
        " location_hints = scrape_roles.location_hints || EXCLUDED.location_hints, active = true,"
        " updated_at = now() RETURNING (xmax = 0) AS created, id",
        (tenant_id, title[:200], normalized[:200], hints),
    ).fetchone()
    assert row is not None
    return row


def set_role_hints(conn: Connection, role_id: str, hints: list[str]) -> None:
    conn.execute("UPDATE scrape_roles SET location_hints = %s WHERE id = %s", (hints, role_id))


def role(conn: Connection, tenant_id: str, role_id: str, lock: bool) -> Row | None:
    return conn.execute(
        f"SELECT {_ROLE_COLUMNS} FROM scrape_roles WHERE tenant_id = %s AND id::text = %s"
        + (" FOR UPDATE" if lock else ""),
        (tenant_id, str(role_id)),
    ).fetchone()


def list_roles(conn: Connection, tenant_id: str, limit: int) -> list[Row]:
    return conn.execute(
        f"SELECT {_ROLE_COLUMNS} FROM scrape_roles WHERE tenant_id = %s"
        f" ORDER BY active DESC, {_ROTATION_ORDER} LIMIT %s",
        (tenant_id, limit),
    ).fetchall()


def claim_next_role(conn: Connection, tenant_id: str, lease_s: int, key_id: str) -> Row | None:
    """The role that waited longest (or whose claim outlived the lease), now marked scraping by this key."""
    return conn.execute(
        "WITH picked AS ("
        "  SELECT id FROM scrape_roles WHERE tenant_id = %(tenant)s AND active AND ("
        "    (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))"
        "    OR (status = 'scraping' AND started_at < now() - make_interval(secs => %(lease)s)))"
        f"  ORDER BY {_ROTATION_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " UPDATE scrape_roles r SET status = 'scraping', started_at = now(), claimed_by = %(key)s,"
        "   updated_at = now() FROM picked WHERE r.id = picked.id"
        f" RETURNING r.id::text AS id, {', '.join(f'r.{name}' for name in _ROLE_FIELDS)}",
        {"tenant": tenant_id, "lease": lease_s, "key": key_id},
    ).fetchone()


def jobs_per_platform_since(conn: Connection, tenant_id: str, role_id: str, since: dt.datetime) -> dict[str, int]:
    """Jobs uploaded for a role since a time, per platform."""
    rows = conn.execute(
        "SELECT platform, sum(job_count) AS jobs FROM scrape_uploads"
        " WHERE tenant_id = %s AND role_id = %s AND created_at >= %s GROUP BY platform ORDER BY platform",
        (tenant_id, role_id, since),
    ).fetchall()
    return {r["platform"]: int(r["jobs"]) for r in rows}


def complete_role(conn: Connection, role_id: str, per_platform: dict[str, int]) -> dt.datetime:
    """Rotate a role to the back of the queue with its cycle's counts; when it completed."""
    row = conn.execute(
        "UPDATE scrape_roles SET status = 'pending', last_completed_at = now(), cycle_jobs = %s,"
        " retry_count = 0, next_attempt_at = NULL, claimed_by = NULL, updated_at = now()"
        " WHERE id = %s RETURNING last_completed_at",
        (per_platform, role_id),
    ).fetchone()
    assert row is not None
    completed: dt.datetime = row["last_completed_at"]
    return completed


def fail_role(conn: Connection, role_id: str, retry: int, error: str, delay_s: int) -> dt.datetime:
    """Put a role back after a backoff, with its error and retry count; when it is next due."""
    row = conn.execute(
        "UPDATE scrape_roles SET status = 'pending', retry_count = %s, last_error = %s,"
        " last_failed_at = now(), next_attempt_at = now() + make_interval(secs => %s), claimed_by = NULL,"
        " updated_at = now() WHERE id = %s RETURNING next_attempt_at",
        (retry, error[:2000], delay_s, role_id),
    ).fetchone()
    assert row is not None
    due: dt.datetime = row["next_attempt_at"]
    return due


def queue_status(conn: Connection, tenant_id: str, at: dt.datetime, stuck_before: dt.datetime) -> Row:
    """Role counts by state, the role that goes out next, stuck roles and the uploads of the day of `at`."""
    counts = conn.execute(
        "SELECT count(*) FILTER (WHERE active AND status = 'pending'"
        "   AND (next_attempt_at IS NULL OR next_attempt_at <= %(at)s)) AS pending,"
        " count(*) FILTER (WHERE active AND status = 'pending' AND next_attempt_at > %(at)s) AS waiting_retry,"
        " count(*) FILTER (WHERE status = 'scraping') AS scraping,"
        " count(*) FILTER (WHERE status = 'scraping' AND started_at < %(stuck)s) AS stuck,"
        " count(*) FILTER (WHERE NOT active) AS retired"
        " FROM scrape_roles WHERE tenant_id = %(tenant)s",
        {"at": at, "stuck": stuck_before, "tenant": tenant_id},
    ).fetchone()
    oldest = conn.execute(
        "SELECT id::text AS id, title, normalized_title, last_completed_at, created_at FROM scrape_roles"
        " WHERE tenant_id = %s AND active AND status = 'pending'"
        f" AND (next_attempt_at IS NULL OR next_attempt_at <= %s) ORDER BY {_ROTATION_ORDER} LIMIT 1",
        (tenant_id, at),
    ).fetchone()
    stuck = conn.execute(
        "SELECT id::text AS id, title, started_at FROM scrape_roles"
        " WHERE tenant_id = %s AND status = 'scraping' AND started_at < %s ORDER BY started_at LIMIT 50",
        (tenant_id, stuck_before),
    ).fetchall()
    today = conn.execute(
        "SELECT count(*) AS uploads, coalesce(sum(job_count), 0) AS jobs,"
        " count(*) FILTER (WHERE status = 'queued') AS queued,"
        " count(*) FILTER (WHERE status = 'empty') AS empty,"
        " count(*) FILTER (WHERE status = 'failed') AS failed"
        " FROM scrape_uploads WHERE tenant_id = %s AND created_at >= date_trunc('day', %s AT TIME ZONE 'UTC')"
        " AT TIME ZONE 'UTC'",
        (tenant_id, at),
    ).fetchone()
    return {"at": at, "roles": counts, "oldest_pending": oldest, "stuck": stuck, "uploads_today": today}


# --- roles derived from resumes --------------------------------------------------------------------------------


def resumes_have_profiles(conn: Connection) -> bool:
    """Whether resumes carry a structured profile column yet."""
    return (
        conn.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'resumes' AND column_name = 'profile'"
        ).fetchone()
        is not None
    )


def forget_role_candidates(conn: Connection, tenant_id: str) -> None:
    conn.execute("DELETE FROM scrape_role_candidates WHERE tenant_id = %s", (tenant_id,))


def upsert_derived_role(
    conn: Connection, tenant_id: str, title: str, normalized: str, hints: list[str], candidates: int
) -> str:
    """A role from resumes (an admin's hints are kept: they are curated); its id."""
    row = conn.execute(
        "INSERT INTO scrape_roles (tenant_id, title, normalized_title, location_hints, candidate_count, source)"
        " VALUES (%s, %s, %s, %s, %s, 'resumes') ON CONFLICT (tenant_id, normalized_title) DO UPDATE SET"
        " candidate_count = EXCLUDED.candidate_count, active = true, updated_at = now(),"
        " location_hints = CASE WHEN scrape_roles.source = 'admin' THEN scrape_roles.location_hints"
        "   ELSE EXCLUDED.location_hints END"
        " RETURNING id",
        (tenant_id, title[:200], normalized[:200], hints, candidates),
    ).fetchone()
    assert row is not None
    return str(row["id"])


def add_role_candidates(conn: Connection, tenant_id: str, role_id: str, resume_ids: Sequence[str]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO scrape_role_candidates (tenant_id, role_id, resume_id) VALUES (%s, %s, %s)",
            [(tenant_id, role_id, resume_id) for resume_id in resume_ids],
        )


def retire_roles_except(conn: Connection, tenant_id: str, kept: list[str]) -> int:
    """Retire derived roles no resume names any more, zero the count of such admin roles; how many retired."""
    retired = conn.execute(
        "UPDATE scrape_roles SET candidate_count = 0, active = false, updated_at = now()"
        " WHERE tenant_id = %s AND NOT (normalized_title = ANY(%s)) AND (candidate_count > 0 OR active)"
        " AND source = 'resumes' RETURNING id",
        (tenant_id, kept),
    ).fetchall()
    conn.execute(
        "UPDATE scrape_roles SET candidate_count = 0 WHERE tenant_id = %s AND source = 'admin'"
        " AND NOT (normalized_title = ANY(%s))",
        (tenant_id, kept),
    )
    return len(retired)


def role_candidates(conn: Connection, tenant_id: str, role_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT resume_id FROM scrape_role_candidates WHERE tenant_id = %s AND role_id::text = %s ORDER BY resume_id",
        (tenant_id, role_id),
    ).fetchall()
    return [str(r["resume_id"]) for r in rows]


# --- uploads ---------------------------------------------------------------------------------------------------


def insert_upload(
    conn: Connection,
    upload_id: str,
    tenant_id: str,
    role_id: str,
    key_id: str,
    platform: str,
    *,
    job_count: int,
    size_bytes: int,
    blob_key: str | None,
    status: str,
) -> None:
    conn.execute(
        "INSERT INTO scrape_uploads (id, tenant_id, role_id, key_id, platform, job_count, size_bytes, blob_key,"
        " status) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (upload_id, tenant_id, role_id, key_id, platform, job_count, size_bytes, blob_key, status),
    )


def claim_upload(conn: Connection, tenant_id: str, upload_id: str) -> bool:
    """Mark an upload processing; False when it was imported already (or is unknown)."""
    row = conn.execute(
        "UPDATE scrape_uploads SET status = 'processing' WHERE tenant_id = %s AND id = %s"
        " AND status IN ('queued', 'processing', 'failed') RETURNING id",
        (tenant_id, upload_id),
    ).fetchone()
    return row is not None


def finish_upload(conn: Connection, upload_id: str, new: int, updated: int, duplicate: int, failed: int) -> None:
    conn.execute(
        "UPDATE scrape_uploads SET status = 'imported', new_count = %s, updated_count = %s,"
        " duplicate_count = %s, failed_count = %s, processed_at = now() WHERE id = %s",
        (new, updated, duplicate, failed, upload_id),
    )


# --- API keys --------------------------------------------------------------------------------------------------


def insert_key(
    conn: Connection, tenant_id: str, name: str, prefix: str, key_hash: str, per_minute: int, created_by: str
) -> Row:
    """A new key (its bucket in rate_limit_buckets starts full at its first use): (id, created_at)."""
    row = conn.execute(
        "INSERT INTO scraper_api_keys (tenant_id, name, prefix, key_hash, rate_limit_per_minute, created_by)"
        " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id, created_at",
        (tenant_id, name, prefix, key_hash, per_minute, created_by),
    ).fetchone()
    assert row is not None
    return row


def list_keys(conn: Connection, tenant_id: str) -> list[Row]:
    return conn.execute(
        "SELECT id, name, prefix, rate_limit_per_minute, created_by, created_at, last_used_at, revoked_at"
        " FROM scraper_api_keys WHERE tenant_id = %s ORDER BY created_at DESC, id",
        (tenant_id,),
    ).fetchall()


def revoke_key(conn: Connection, tenant_id: str, key_id: str, by: str) -> Row | None:
    """Revoke a key (again: the first revocation stands): (id, prefix, revoked_at), or None."""
    return conn.execute(
        "UPDATE scraper_api_keys SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, %s)"
        " WHERE tenant_id = %s AND id::text = %s RETURNING id, prefix, revoked_at",
        (by, tenant_id, key_id),
    ).fetchone()


def key_by_hash_for_update(conn: Connection, key_hash: str) -> Row | None:
    return conn.execute(
        "SELECT id, tenant_id, name, prefix, revoked_at FROM scraper_api_keys WHERE key_hash = %s FOR UPDATE",
        (key_hash,),
    ).fetchone()


def key_rate(conn: Connection, key_id: str) -> int:
    """A key's rate limit per minute (its bucket lives in rate_limit_buckets, hiring.stores.rate_limits)."""
    row = conn.execute("SELECT rate_limit_per_minute FROM scraper_api_keys WHERE id = %s", (key_id,)).fetchone()
    assert row is not None
    return int(row["rate_limit_per_minute"])


def touch_key(conn: Connection, key_id: str, at: dt.datetime) -> None:
    """Record a key's use."""
    conn.execute("UPDATE scraper_api_keys SET last_used_at = %s WHERE id = %s", (at, key_id))


# --- alerts ----------------------------------------------------------------------------------------------------


def lock_alert(conn: Connection, kind: str, subject: str) -> None:
    """Serialise on an alert's key for this transaction: two watchdog runs at once must not both send."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"alert|{kind}|{subject}",))


def delivered_since(
    conn: Connection, tenant_id: str | None, kind: str, subject: str, since: dt.datetime | None
) -> bool:
    """Whether the same alert was delivered after `since` (None: ever)."""
    row = conn.execute(
        "SELECT 1 FROM alerts WHERE tenant_id IS NOT DISTINCT FROM %s AND kind = %s AND subject = %s"
        " AND delivered AND (%s::timestamptz IS NULL OR created_at > %s) LIMIT 1",
        (tenant_id, kind, subject, since, since),
    ).fetchone()
    return row is not None


def insert_alert(
    conn: Connection,
    tenant_id: str | None,
    kind: str,
    subject: str,
    message: str,
    detail: dict[str, Any],
    error: str | None,
    at: dt.datetime,
) -> None:
    conn.execute(
        "INSERT INTO alerts (tenant_id, kind, subject, message, detail, delivered, delivery_error, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (tenant_id, kind, subject, message, detail, error is None, error, at),
    )


def list_alerts(conn: Connection, tenant_id: str, limit: int) -> list[Row]:
    """The tenant's alerts, newest first, with the platform-wide ones (a backlog slows every tenant)."""
    return conn.execute(
        "SELECT id, tenant_id, kind, subject, message, detail, delivered, delivery_error, created_at FROM alerts"
        " WHERE tenant_id = %s OR tenant_id IS NULL ORDER BY created_at DESC, id DESC LIMIT %s",
        (tenant_id, limit),
    ).fetchall()


def roles_scraping_since_before(conn: Connection, before: dt.datetime) -> list[Row]:
    """Every tenant's roles claimed before a time and still scraping, oldest first."""
    return conn.execute(
        "SELECT id, tenant_id, title, started_at FROM scrape_roles"
        " WHERE status = 'scraping' AND started_at < %s ORDER BY started_at",
        (before,),
    ).fetchall()


def roles_completed_between(conn: Connection, after: dt.datetime, until: dt.datetime) -> list[Row]:
    """Every tenant's roles whose last cycle completed in (after, until], with its jobs per platform."""
    return conn.execute(
        "SELECT id, tenant_id, title, cycle_jobs, last_completed_at FROM scrape_roles"
        " WHERE last_completed_at > %s AND last_completed_at <= %s ORDER BY last_completed_at",
        (after, until),
    ).fetchall()
