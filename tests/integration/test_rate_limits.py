"""Request rate limits (issue 12): token buckets in Postgres, refilled by the clock, refused with nothing spent.

The clock is injected, so every refill is exact arithmetic and no test sleeps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hiring.errors import RateLimited
from hiring.services.rate_limits import Bucket, Charge, RateLimiter
from tests.integration.test_identity import Clock  # a clock the test moves by hand

T0 = Clock().now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(container, clock: Clock) -> RateLimiter:  # type: ignore[no-untyped-def]
    return RateLimiter(container.db, container.identity._key, clock)


def _buckets(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT * FROM rate_limit_buckets ORDER BY key_hash").fetchall()


def _refused(limiter: RateLimiter, tenant: str, charges: list[Charge]) -> dict[str, Any]:
    with pytest.raises(RateLimited) as refused:
        limiter.charge(tenant, "upload", charges)
    return refused.value.detail


def test_a_burst_then_one_token_per_refill_interval(limiter: RateLimiter, clock: Clock, demo) -> None:  # type: ignore[no-untyped-def]
    per_user = Bucket(per_minute=6, burst=3)  # one token every 10 s
    charge = [Charge("user", "u-1", per_user)]
    for _ in range(3):
        limiter.charge(demo.tenant_id, "upload", charge)
    assert _refused(limiter, demo.tenant_id, charge) == {"scope": "user", "retry_after_s": 10}
    clock.advance(4)
    assert _refused(limiter, demo.tenant_id, charge)["retry_after_s"] == 6  # 0.4 of a token held: 6 s more
    clock.advance(6)
    limiter.charge(demo.tenant_id, "upload", charge)  # one whole token refilled, spent at once
    assert _refused(limiter, demo.tenant_id, charge)["retry_after_s"] == 10
    clock.advance(3600)  # refilled to the burst, never beyond it
    for _ in range(3):
        limiter.charge(demo.tenant_id, "upload", charge)
    assert _refused(limiter, demo.tenant_id, charge)["scope"] == "user"


def test_a_refused_request_spends_no_token_of_any_bucket(limiter: RateLimiter, demo, container) -> None:  # type: ignore[no-untyped-def]
    user = Charge("user", "u-1", Bucket(per_minute=60, burst=5))
    client = Charge("client", "198.51.100.7", Bucket(per_minute=60, burst=2))
    limiter.charge(demo.tenant_id, "upload", [user, client])
    limiter.charge(demo.tenant_id, "upload", [user, client])
    held = sorted(b["tokens"] for b in _buckets(container))
    assert held == [0.0, 3.0]
    for _ in range(5):  # the client is over; the user's bucket must not pay for the refusals
        assert _refused(limiter, demo.tenant_id, [user, client]) == {"scope": "client", "retry_after_s": 1}
    assert sorted(b["tokens"] for b in _buckets(container)) == held
    # The same user from another address still has its three tokens.
    other = Charge("client", "203.0.113.9", Bucket(per_minute=60, burst=10))
    for _ in range(3):
        limiter.charge(demo.tenant_id, "upload", [user, other])
    assert _refused(limiter, demo.tenant_id, [user, other])["scope"] == "user"


def test_users_and_tenants_have_their_own_buckets(limiter: RateLimiter, demo, container) -> None:  # type: ignore[no-untyped-def]
    tight = Bucket(per_minute=1, burst=1)
    limiter.charge(demo.tenant_id, "upload", [Charge("user", "u-1", tight)])
    assert _refused(limiter, demo.tenant_id, [Charge("user", "u-1", tight)])["scope"] == "user"
    limiter.charge(demo.tenant_id, "upload", [Charge("user", "u-2", tight)])
    other_tenant = container.identity.create_tenant("other-co", "Other Co")
    limiter.charge(other_tenant, "upload", [Charge("user", "u-1", tight)])
    assert len(_buckets(container)) == 3


def test_keys_are_hmacs_and_no_address_or_id_is_stored(limiter: RateLimiter, demo, container) -> None:  # type: ignore[no-untyped-def]
    limiter.charge(demo.tenant_id, "upload", [Charge("client", "198.51.100.23", Bucket(60, 5))])
    limiter.charge(demo.tenant_id, "upload", [Charge("user", demo.users[next(iter(demo.users))], Bucket(60, 5))])
    with container.db.connect() as conn:
        dump = str(conn.execute("SELECT * FROM rate_limit_buckets").fetchall())
    assert "198.51.100.23" not in dump and demo.users[next(iter(demo.users))] not in dump
    assert all(len(b["key_hash"]) == 64 for b in _buckets(container))


def test_a_bucket_is_shared_by_every_limiter_instance(container, clock: Clock, demo) -> None:  # type: ignore[no-untyped-def]
    """Two Lambda instances are two limiters over one database: the second sees what the first spent."""
    first = RateLimiter(container.db, container.identity._key, clock)
    second = RateLimiter(container.db, container.identity._key, clock)
    charge = [Charge("user", "u-1", Bucket(per_minute=2, burst=2))]
    first.charge(demo.tenant_id, "upload", charge)
    second.charge(demo.tenant_id, "upload", charge)
    assert _refused(first, demo.tenant_id, charge) == {"scope": "user", "retry_after_s": 30}
    assert _refused(second, demo.tenant_id, charge)["retry_after_s"] == 30


def test_quiet_buckets_are_forgotten(limiter: RateLimiter, clock: Clock, demo, container) -> None:  # type: ignore[no-untyped-def]
    limiter.charge(demo.tenant_id, "upload", [Charge("user", "u-1", Bucket(60, 5))])
    clock.advance(2 * 3600)
    limiter.charge(demo.tenant_id, "upload", [Charge("user", "u-2", Bucket(60, 5))])
    assert len(_buckets(container)) == 1


def test_the_database_clock_refills_when_none_is_given(container, demo) -> None:  # type: ignore[no-untyped-def]
    limiter = RateLimiter(container.db, container.identity._key)
    charge = [Charge("user", "u-1", Bucket(per_minute=1, burst=1))]
    limiter.charge(demo.tenant_id, "upload", charge)
    detail = _refused(limiter, demo.tenant_id, charge)
    assert detail["scope"] == "user" and 1 <= detail["retry_after_s"] <= 60


def test_a_refusal_goes_out_as_the_rate_limited_metric(limiter: RateLimiter, demo) -> None:  # type: ignore[no-untyped-def]
    from hiring.observability import metrics

    metrics.clear_metrics()
    charge = [Charge("user", "u-1", Bucket(per_minute=1, burst=1))]
    limiter.charge(demo.tenant_id, "upload", charge)
    assert "RateLimited" not in metrics.metric_set
    _refused(limiter, demo.tenant_id, charge)
    _refused(limiter, demo.tenant_id, charge)
    assert metrics.metric_set["RateLimited"]["Value"] == [1.0, 1.0]
    metrics.clear_metrics()


def test_scraper_keys_spend_from_the_same_bucket_store(container, demo) -> None:  # type: ignore[no-untyped-def]
    """One token-bucket store for users, addresses and bots: a key's bucket is a rate_limit_buckets row."""
    from hiring.principal import Principal, Role
    from hiring.scraping.api_keys import ApiKeyService

    admin = Principal(demo.users[Role.ADMIN], demo.tenant_id, Role.ADMIN, "admin@example.com")
    keys = ApiKeyService(container.db)
    created = keys.create(admin, "bot", 2)
    keys.authenticate(created.key, now=T0)
    keys.authenticate(created.key, now=T0)
    with pytest.raises(RateLimited) as refused:
        keys.authenticate(created.key, now=T0 + dt.timedelta(seconds=15))
    assert refused.value.detail == {"scope": "key", "retry_after_s": 15}  # half a token held, one per 30 s
    [bucket] = [b for b in _buckets(container) if b["key_hash"] == f"scraper-key:{created.id}"]
    assert (str(bucket["tenant_id"]), bucket["tokens"], bucket["granted"]) == (demo.tenant_id, 0.5, False)
