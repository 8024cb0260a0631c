"""The work queue over time: the 15-minute schedule's sample (MetricsService.record_queue_sample) writes one row per
tenant with its Postgres queue depth, oldest message age and dead letters plus the port's overall depth; the
series (GET /api/admin/metrics/series) takes the largest sample in each bucket and is null where none was taken;
samples older than 30 days are deleted by the same step; another tenant's samples never show, not even to a query
that forgets its tenant filter (row-level security)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from hiring.adapters.postgres import current_tenant
from hiring.services.metrics import MetricsService

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _tenant(conn: Any, slug: str) -> str:
    row = conn.execute("INSERT INTO tenants (slug, name) VALUES (%s, %s) RETURNING id", (slug, slug)).fetchone()
    return str(row["id"])


def _two_tenants(container: Any) -> tuple[str, str]:
    with container.db.connect() as conn:
        return _tenant(conn, f"qa-{uuid.uuid4().hex[:6]}"), _tenant(conn, f"qb-{uuid.uuid4().hex[:6]}")


def _message(container: Any, tenant: str, at: dt.datetime, status: str = "ready") -> str:
    with container.db.connect() as conn:
        row = conn.execute(
            "INSERT INTO queue_messages (queue, body, status, created_at) VALUES ('match', %s, %s, %s) RETURNING id",
            (json.dumps({"kind": "match_resume", "tenant_id": tenant}), status, at),
        ).fetchone()
    return str(row["id"])


def _forget(container: Any, message_id: str) -> None:
    with container.db.connect() as conn:
        conn.execute("DELETE FROM queue_messages WHERE id = %s", (message_id,))


def _samples(container: Any, tenant: str) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return list(
            conn.execute(
                "SELECT sampled_at, depth, oldest_age_s, dead_letters, depth_all_tenants FROM queue_samples"
                " WHERE tenant_id = %s ORDER BY sampled_at",
                (tenant,),
            ).fetchall()
        )


def test_a_sample_lands_per_tenant_with_depth_oldest_age_and_dead_letters(container: Any) -> None:
    a, b = _two_tenants(container)
    _message(container, a, T0 - dt.timedelta(minutes=10))
    _message(container, a, T0 - dt.timedelta(minutes=2))
    _message(container, a, T0 - dt.timedelta(hours=5), status="dead")
    figures = MetricsService(container.db, container.queue)

    done = figures.record_queue_sample(T0)

    assert done.tenants >= 2 and done.depth_all_tenants == container.queue.depth() == 2
    [sample_a] = _samples(container, a)
    assert (sample_a["depth"], sample_a["oldest_age_s"], sample_a["dead_letters"]) == (2, 600.0, 1)
    assert sample_a["sampled_at"] == T0 and sample_a["depth_all_tenants"] == 2
    [sample_b] = _samples(container, b)
    assert (sample_b["depth"], sample_b["oldest_age_s"], sample_b["dead_letters"]) == (0, None, 0)


def test_each_bucket_takes_its_largest_sample_and_is_null_without_one(container: Any) -> None:
    a, b = _two_tenants(container)
    figures = MetricsService(container.db, container.queue)
    first = _message(container, a, T0)
    second = _message(container, a, T0 + dt.timedelta(minutes=1))
    _message(container, b, T0)
    figures.record_queue_sample(T0 + dt.timedelta(minutes=5))  # 09:05 depth 2, oldest 300 s
    _forget(container, first)
    figures.record_queue_sample(T0 + dt.timedelta(minutes=20))  # 09:20 depth 1, oldest 1,140 s
    _forget(container, second)
    _message(container, a, T0, status="dead")
    figures.record_queue_sample(T0 + dt.timedelta(minutes=70))  # 10:10 depth 0, 1 dead

    series = figures.series(a, T0, T0 + dt.timedelta(hours=3), "hour")

    nine, ten, eleven = series.points
    assert (nine.queue_depth, nine.queue_oldest_age_s, nine.dead_letters) == (2, 1140.0, 0)
    assert nine.queue_depth_all_tenants == 3  # a's two and b's one
    assert (ten.queue_depth, ten.queue_oldest_age_s, ten.dead_letters) == (0, None, 1)
    assert (eleven.queue_depth, eleven.queue_oldest_age_s, eleven.dead_letters) == (None, None, None)
    assert eleven.queue_depth_all_tenants is None
    [day] = figures.series(a, T0, T0 + dt.timedelta(hours=3), "day").points
    assert (day.queue_depth, day.queue_oldest_age_s, day.dead_letters) == (2, 1140.0, 1)


def test_samples_older_than_thirty_days_are_deleted_by_the_same_step(container: Any) -> None:
    a, _ = _two_tenants(container)
    figures = MetricsService(container.db, container.queue)
    figures.record_queue_sample(T0 - dt.timedelta(days=31))
    figures.record_queue_sample(T0 - dt.timedelta(days=29))
    assert len(_samples(container, a)) == 2

    done = figures.record_queue_sample(T0)

    assert done.deleted >= 1
    kept = [s["sampled_at"] for s in _samples(container, a)]
    assert kept == [T0 - dt.timedelta(days=29), T0]


def test_another_tenants_samples_are_invisible(container: Any) -> None:
    a, b = _two_tenants(container)
    for _ in range(4):
        _message(container, b, T0)
    figures = MetricsService(container.db, container.queue)
    figures.record_queue_sample(T0 + dt.timedelta(minutes=1))

    [point_a] = figures.series(a, T0, T0 + dt.timedelta(hours=1), "hour").points
    [point_b] = figures.series(b, T0, T0 + dt.timedelta(hours=1), "hour").points

    assert (point_a.queue_depth, point_b.queue_depth) == (0, 4)
    token = current_tenant.set(a)
    try:  # inside a's request, a query with no tenant filter still sees a's samples only
        with container.db.connect() as conn:
            seen = {str(r["tenant_id"]) for r in conn.execute("SELECT tenant_id FROM queue_samples").fetchall()}
    finally:
        current_tenant.reset(token)
    assert seen == {a}
