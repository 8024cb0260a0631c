"""The rate-limit store: all SQL on rate_limit_buckets (token buckets shared by every API instance).

One store for every limited caller: users and client addresses on uploads (hiring.services.rate_limits, keys
HMAC'd) and scraper API keys (hiring.scraping.api_keys, "scraper-key:<key id>"). Here each check is one statement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hiring.adapters.postgres import Connection

Row = dict[str, Any]

# The check's time: the one given (tests inject a clock), else the database's, the same for every instance.
_NOW = "coalesce(%(now)s::timestamptz, statement_timestamp())"
# The bucket's tokens at that time: what it held, plus the refill since, up to the burst. Never a negative
# interval: a request that waited on the row's lock may carry an older clock than the one before it.
_REFILLED = (
    "least(%(burst)s::float8, rate_limit_buckets.tokens + %(per_second)s::float8"
    f" * greatest(0, extract(epoch FROM ({_NOW} - rate_limit_buckets.updated_at))::float8))"
)


def take(
    conn: Connection,
    tenant_id: str,
    key_hash: str,
    burst: float,
    per_second: float,
    now: dt.datetime | None,
) -> Row:
    """Spend one token of the bucket if it has one, in one atomic statement (the row stays locked until the
    transaction ends). {granted, tokens (left after this check), now}; a new bucket starts full."""
    now_sql, refilled = _NOW, _REFILLED
    row = conn.execute(
        "INSERT INTO rate_limit_buckets AS rate_limit_buckets (key_hash, tenant_id, tokens, granted, updated_at)"
        f" VALUES (%(key)s, %(tenant)s, greatest(%(burst)s::float8 - 1, 0), %(burst)s::float8 >= 1, {now_sql})"
        " ON CONFLICT (key_hash) DO UPDATE SET"
        f" tokens = CASE WHEN {refilled} >= 1 THEN {refilled} - 1 ELSE {refilled} END,"
        f" granted = {refilled} >= 1,"
        f" updated_at = greatest(rate_limit_buckets.updated_at, {now_sql})"
        f" RETURNING granted, tokens, {now_sql} AS now",
        {"key": key_hash, "tenant": tenant_id, "burst": burst, "per_second": per_second, "now": now},
    ).fetchone()
    assert row is not None
    return row


def forget_full(conn: Connection, idle_since: dt.datetime, batch: int = 100) -> int:
    """Delete a few buckets untouched since `idle_since` (by then full again: a missing bucket starts full)."""
    cursor = conn.execute(
        "DELETE FROM rate_limit_buckets WHERE key_hash IN (SELECT key_hash FROM rate_limit_buckets"
        " WHERE updated_at < %s ORDER BY updated_at LIMIT %s)",
        (idle_since, batch),
    )
    return cursor.rowcount or 0


def bucket(conn: Connection, key_hash: str) -> Row | None:
    """A bucket's stored state (tests and operators)."""
    return conn.execute(
        "SELECT tenant_id, tokens, granted, updated_at FROM rate_limit_buckets WHERE key_hash = %s", (key_hash,)
    ).fetchone()
