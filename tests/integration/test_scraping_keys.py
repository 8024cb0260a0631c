"""Scraper API keys on real Postgres: shown once, stored hashed, refused with a security event, rate-limited."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest

from hiring.errors import NotFound, Unauthenticated
from hiring.principal import Principal, Role
from hiring.scraping.api_keys import ApiKeyService, RateLimited


def _admin(container: Any, slug: str) -> Principal:
    tenant_id = container.identity.create_tenant(slug, slug.title())
    email = f"admin@{slug}.test"
    user_id = container.identity.create_user(tenant_id, email, "a long admin password", Role.ADMIN)
    return Principal(user_id, tenant_id, Role.ADMIN, email)


def _rows(container: Any, sql: str, *params: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def keys(container: Any) -> ApiKeyService:
    return ApiKeyService(container.db)


@pytest.fixture
def acme(container: Any) -> Principal:
    return _admin(container, "acme")


def test_a_new_key_is_shown_once_and_the_database_holds_only_its_hash(
    container: Any, keys: ApiKeyService, acme: Principal
) -> None:
    created = keys.create(acme, "laptop bot", 60)

    assert created.key.startswith(f"hk_{created.prefix}_") and len(created.key) > 40
    [row] = _rows(container, "SELECT * FROM scraper_api_keys")
    assert row["key_hash"] == hashlib.sha256(created.key.encode()).hexdigest()
    assert row["prefix"] == created.prefix
    secret = created.key.split("_", 2)[2]
    everything = " ".join(str(v) for v in row.values())
    events = " ".join(str(r) for r in _rows(container, "SELECT * FROM security_events"))
    assert secret not in everything and created.key not in everything
    assert secret not in events
    [listed] = keys.list(acme)
    assert listed.prefix == created.prefix and listed.id == created.id
    assert "key" not in listed.model_dump() and "key_hash" not in listed.model_dump()


def test_a_key_resolves_to_a_bot_of_its_tenant_and_records_its_use(keys: ApiKeyService, acme: Principal) -> None:
    created = keys.create(acme, "bot", 60)

    bot = keys.authenticate(created.key)

    assert (bot.tenant_id, bot.key_id, bot.role) == (acme.tenant_id, str(created.id), "scraper")
    assert keys.list(acme)[0].last_used_at is not None


def test_an_unknown_key_is_refused_and_recorded_without_a_tenant_or_the_key(
    container: Any, keys: ApiKeyService
) -> None:
    guess = "hk_0123abcd_" + "x" * 43

    with pytest.raises(Unauthenticated):
        keys.authenticate(guess)

    [event] = _rows(container, "SELECT tenant_id, kind, detail FROM security_events")
    assert event == {"tenant_id": None, "kind": "scraper_key_unknown", "detail": {"prefix": "0123abcd"}}


def test_a_revoked_key_is_refused_and_recorded_in_its_tenant(
    container: Any, keys: ApiKeyService, acme: Principal
) -> None:
    created = keys.create(acme, "bot", 60)
    keys.revoke(acme, str(created.id))

    with pytest.raises(Unauthenticated, match="revoked"):
        keys.authenticate(created.key)

    kinds = _rows(container, "SELECT kind FROM security_events WHERE tenant_id = %s ORDER BY id", acme.tenant_id)
    assert [k["kind"] for k in kinds] == [
        "user_created", "scraper_key_created", "scraper_key_revoked", "scraper_key_revoked_used"
    ]  # fmt: skip


def test_revoking_twice_keeps_the_first_time_and_another_tenant_cannot_revoke(
    container: Any, keys: ApiKeyService, acme: Principal
) -> None:
    created = keys.create(acme, "bot", 60)
    globex = _admin(container, "globex")

    with pytest.raises(NotFound):
        keys.revoke(globex, str(created.id))
    first = keys.revoke(acme, str(created.id))
    second = keys.revoke(acme, str(created.id))

    assert (first.id, first.prefix) == (created.id, created.prefix) and first.revoked_at == second.revoked_at
    assert keys.list(globex) == []


def test_the_rate_limit_refuses_the_request_past_the_limit_and_says_when_to_retry(
    container: Any, keys: ApiKeyService, acme: Principal
) -> None:
    created = keys.create(acme, "bot", 2)
    start = dt.datetime.now(dt.UTC)

    keys.authenticate(created.key, now=start)
    keys.authenticate(created.key, now=start)
    with pytest.raises(RateLimited) as refused:
        keys.authenticate(created.key, now=start)

    assert refused.value.detail["retry_after_s"] == 30  # 2 a minute: one token every 30 s
    assert keys.authenticate(created.key, now=start + dt.timedelta(seconds=30)).key_id == str(created.id)


def test_each_key_has_its_own_bucket(keys: ApiKeyService, acme: Principal) -> None:
    first = keys.create(acme, "one", 1)
    second = keys.create(acme, "two", 1)

    keys.authenticate(first.key)
    with pytest.raises(RateLimited):
        keys.authenticate(first.key)

    assert keys.authenticate(second.key).key_id == str(second.id)
