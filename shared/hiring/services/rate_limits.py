"""Request rate limits: token buckets per user and per client address, shared by every API instance.

A bucket holds up to `burst` requests and refills at `per_minute`; each request spends one token of every bucket
it is charged to, or is refused (RateLimited: 429 rate_limited with Retry-After and {scope, retry_after_s}) and
spends none. The state lives in Postgres (hiring.stores.rate_limits), one atomic statement per bucket; the keys
are HMACs of (scope, tenant, value) made by the identity service's keyed hash, never an address or id in clear.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hiring.adapters.postgres import Database
from hiring.errors import RateLimited
from hiring.observability import logger, metrics
from hiring.stores import rate_limits as store

# A bucket untouched this long is deleted (it would be full again; a missing bucket starts full).
_FORGET_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Bucket:
    """A rate: `per_minute` tokens a minute, at most `burst` held (the burst a caller may send at once)."""

    per_minute: float
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0

    def retry_after_s(self, tokens: float) -> int:
        """Whole seconds until a bucket holding `tokens` (< 1) holds one again; at least 1."""
        return max(1, math.ceil((1.0 - tokens) / self.per_second))


@dataclass(frozen=True)
class Charge:
    """One bucket to charge: its scope ("user", "client"), the value it counts (a user id, an address), its rate."""

    scope: str
    value: str
    bucket: Bucket


class RateLimiter:
    def __init__(
        self,
        db: Database,
        key: Callable[[str, str], str],
        clock: Callable[[], dt.datetime | None] = lambda: None,
    ) -> None:
        """`key(scope, value)` is the keyed hash (HMAC) of a bucket's name; `clock` None means the database's."""
        self.db = db
        self._key = key
        self._clock = clock

    def charge(self, tenant_id: str, action: str, charges: Sequence[Charge]) -> None:
        """Spend one token of each bucket, or raise RateLimited naming the first exhausted one (by scope) and
        spend nothing at all: the buckets are taken in one transaction, rolled back on a refusal."""
        if not charges:
            return
        now = self._clock()
        keyed = sorted(
            ((self._key(f"{action}-{c.scope}", f"{tenant_id}\x00{c.value}"), c) for c in charges), key=lambda p: p[0]
        )  # a fixed lock order: two requests charging the same buckets cannot deadlock
        refused: tuple[Charge, int] | None = None
        with self.db.connect() as conn:
            for key_hash, item in keyed:
                row = store.take(conn, tenant_id, key_hash, item.bucket.burst, item.bucket.per_second, now)
                if not row["granted"]:
                    retry = item.bucket.retry_after_s(row["tokens"])
                    if refused is None or retry > refused[1]:
                        refused = (item, retry)
            if refused is not None:
                conn.rollback()  # a refused request spends no token of any bucket
            else:
                store.forget_full(conn, row["now"] - _FORGET_AFTER)
        if refused is not None:
            item, retry = refused
            metrics.add_metric(name="RateLimited", unit="Count", value=1)
            logger.info("request rate limited", extra={"action": action, "scope": item.scope, "retry_after_s": retry})
            raise RateLimited(
                f"too many {action} requests for this {item.scope}; try again in {retry} s",
                scope=item.scope,
                retry_after_s=retry,
            )
