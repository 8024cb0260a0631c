"""Scraper API keys: shown once, stored as a SHA-256 hash with a visible prefix, rate-limited per key."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any, NoReturn

from hiring.adapters.postgres import Connection, Database
from hiring.errors import InvalidInput, NotFound, RateLimited, Unauthenticated
from hiring.identity import IdentityService
from hiring.observability import logger, metrics
from hiring.principal import Principal
from hiring.scraping.bots import ScraperPrincipal
from hiring.scraping.models import ApiKey, ApiKeyCreated, ApiKeyRevoked
from hiring.services.rate_limits import Bucket
from hiring.stores import rate_limits as rate_limits_store
from hiring.stores import scraping as store
from hiring.stores.audit import record_audit

_KEY = re.compile(r"^hk_([0-9a-f]{8})_([A-Za-z0-9_-]{40,64})$")
_MAX_KEY_LENGTH = 200  # longer input is refused before it is hashed or looked at


def new_api_key() -> tuple[str, str]:
    """A fresh key and its visible prefix: hk_<8 hex>_<43 url-safe characters>."""
    prefix = secrets.token_hex(4)
    return f"hk_{prefix}_{secrets.token_urlsafe(32)}", prefix


def key_hash(key: str) -> str:
    """SHA-256 hex of the key: keys are long random secrets, so a fast hash is enough (unlike passwords)."""
    return hashlib.sha256(key.encode()).hexdigest()


def visible_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, the only part of a presented key that may be logged."""
    match = _KEY.match(key)
    return match.group(1) if match else None


class ApiKeyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, admin: Principal, name: str, rate_limit_per_minute: int) -> ApiKeyCreated:
        """A new key of the admin's tenant: `key` is the only time the secret is ever shown."""
        name = name.strip()
        if not 1 <= len(name) <= 100:
            raise InvalidInput("name must be 1-100 characters", field="name")
        if not 1 <= rate_limit_per_minute <= 6000:
            raise InvalidInput("rate_limit_per_minute must be between 1 and 6000", field="rate_limit_per_minute")
        key, prefix = new_api_key()
        with self.db.connect() as conn:
            row = store.insert_key(
                conn, admin.tenant_id, name, prefix, key_hash(key), rate_limit_per_minute, admin.user_id
            )
            key_id = str(row["id"])
            IdentityService._security_event(
                conn, admin.tenant_id, admin.user_id, "scraper_key_created", {"key_id": key_id, "prefix": prefix}
            )
            record_audit(conn, admin.tenant_id, admin.user_id, "api_key_created", "api_key", key_id, {"prefix": prefix})
        return ApiKeyCreated(
            id=row["id"],
            name=name,
            prefix=prefix,
            key=key,
            rate_limit_per_minute=rate_limit_per_minute,
            created_at=row["created_at"],
        )

    def list(self, admin: Principal) -> list[ApiKey]:
        with self.db.connect() as conn:
            rows = store.list_keys(conn, admin.tenant_id)
        return [ApiKey.model_validate(row) for row in rows]

    def revoke(self, admin: Principal, key_id: str) -> ApiKeyRevoked:
        """Revoke a key of the admin's tenant; revoking again keeps the first revocation time."""
        with self.db.connect() as conn:
            row = store.revoke_key(conn, admin.tenant_id, key_id, admin.user_id)
            if row is None:
                raise NotFound("API key not found")
            IdentityService._security_event(
                conn, admin.tenant_id, admin.user_id, "scraper_key_revoked", {"key_id": key_id, "prefix": row["prefix"]}
            )
            record_audit(conn, admin.tenant_id, admin.user_id, "api_key_revoked", "api_key", key_id, {})
        return ApiKeyRevoked.model_validate(row)

    def authenticate(self, presented: str, now: dt.datetime | None = None) -> ScraperPrincipal:
        """The bot behind a key; records last use and spends one token, or raises Unauthenticated / RateLimited."""
        presented = presented.strip()[:_MAX_KEY_LENGTH]
        with self.db.connect() as conn:
            row = store.key_by_hash_for_update(conn, key_hash(presented))
            if row is None or row["revoked_at"] is not None:
                self._refuse(conn, row, presented)
            principal = ScraperPrincipal(str(row["id"]), str(row["tenant_id"]), row["name"], row["prefix"])
            retry_after_s = _spend_token(conn, principal, now)
            if retry_after_s is not None:
                conn.commit()  # the refused use is recorded (last use, the bucket's refill time), no token spent
                logger.info("scraper key rate limited", extra={"prefix": principal.prefix})
                metrics.add_metric(name="RateLimited", unit="Count", value=1)
                raise RateLimited("this API key is over its rate limit", scope="key", retry_after_s=retry_after_s)
            return principal

    @staticmethod
    def _refuse(conn: Connection, row: dict[str, Any] | None, presented: str) -> NoReturn:
        """Record the refused key (by prefix only) and raise; the event must outlive the rolled-back request."""
        if row is None:
            IdentityService._security_event(
                conn, None, None, "scraper_key_unknown", {"prefix": visible_prefix(presented)}
            )
            conn.commit()
            raise Unauthenticated("the API key is not valid")
        IdentityService._security_event(
            conn, str(row["tenant_id"]), None, "scraper_key_revoked_used", {"key_id": str(row["id"]),
                                                                            "prefix": row["prefix"]}
        )  # fmt: skip
        conn.commit()
        raise Unauthenticated("the API key has been revoked")


def _spend_token(conn: Connection, key: ScraperPrincipal, now: dt.datetime | None) -> int | None:
    """Take one token from the key's bucket (the shared token-bucket store, hiring.stores.rate_limits: a bucket of
    the key's rate per minute, holding at most a minute's worth); None if taken, else seconds until one is there.
    The bucket is named by the key's id (no personal data), apart from the HMAC-named buckets of users and
    addresses."""
    per_minute = store.key_rate(conn, key.key_id)
    bucket = Bucket(per_minute=per_minute, burst=per_minute)
    row = rate_limits_store.take(conn, key.tenant_id, f"scraper-key:{key.key_id}", bucket.burst, bucket.per_second, now)
    store.touch_key(conn, key.key_id, row["now"])
    return None if row["granted"] else bucket.retry_after_s(row["tokens"])
