"""The admin's metrics per hour or day (GET /api/admin/metrics/series): rows placed at known times land in their
bucket, empty buckets are zeros, the buckets add up to the window's totals (GET /api/admin/metrics), other
tenants' rows never count, and a window of too many buckets is refused by name."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from hiring.errors import InvalidInput
from hiring.services.metrics import MAX_BUCKETS, MetricsService
from hiring.stores.metrics import QUEUE_SERIES_FIELDS

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday, 09:00 UTC


def _tenant(conn: Any, slug: str) -> str:
    row = conn.execute("INSERT INTO tenants (slug, name) VALUES (%s, %s) RETURNING id", (slug, slug)).fetchone()
    return str(row["id"])


def _resume(conn: Any, tenant: str, status: str, at: dt.datetime) -> None:
    conn.execute(
        "INSERT INTO resumes (tenant_id, source, filename, inbox_key, status, created_at)"
        " VALUES (%s, 'api', 'cv.pdf', %s, %s, %s)",
        (tenant, f"inbox/{uuid.uuid4()}/cv.pdf", status, at),
    )


def _llm_call(conn: Any, tenant: str, cost: float, tokens_in: int, at: dt.datetime) -> None:
    conn.execute(
        "INSERT INTO llm_calls (tenant_id, prompt_id, prompt_version, model, outcome, attempts, tokens_in,"
        " latency_ms, estimated_cost_usd, created_at) VALUES (%s, 'resume_enhance', 1, 'm', 'ok', 1, %s, 10, %s, %s)",
        (tenant, tokens_in, cost, at),
    )


def _batch(conn: Any, tenant: str, total: int, failed: int, at: dt.datetime) -> None:
    conn.execute(
        "INSERT INTO import_batches (tenant_id, platform, source, status, total, new, failed, created_at)"
        " VALUES (%s, 'generic', 'api', 'done', %s, %s, %s, %s)",
        (tenant, total, total - failed, failed, at),
    )


@pytest.fixture
def placed(container: Any) -> tuple[str, str]:
    """Tenant A: resumes at 09:10 (parsed, parsed, failed), 11:59 (needs_review) and 10:00 the next day (parsed);
    LLM calls at 09:30 and 11:00; a batch at 11:05. Tenant B: the same hours, never counted for A."""
    with container.db.connect() as conn:
        a, b = _tenant(conn, f"series-a-{uuid.uuid4().hex[:6]}"), _tenant(conn, f"series-b-{uuid.uuid4().hex[:6]}")
        for status in ("parsed", "parsed", "failed"):
            _resume(conn, a, status, T0 + dt.timedelta(minutes=10))
        _resume(conn, a, "needs_review", T0 + dt.timedelta(hours=2, minutes=59))
        _resume(conn, a, "parsed", T0 + dt.timedelta(days=1, hours=1))
        _llm_call(conn, a, 0.25, 1000, T0 + dt.timedelta(minutes=30))
        _llm_call(conn, a, 0.5, 3000, T0 + dt.timedelta(hours=2))
        _batch(conn, a, 7, 2, T0 + dt.timedelta(hours=2, minutes=5))
        for status in ("parsed", "failed"):
            _resume(conn, b, status, T0 + dt.timedelta(minutes=10))
        _llm_call(conn, b, 9.0, 5, T0 + dt.timedelta(minutes=30))
        _batch(conn, b, 50, 50, T0 + dt.timedelta(hours=2))
    return a, b


def test_rows_land_in_their_hour_and_empty_hours_are_zeros(container: Any, placed: tuple[str, str]) -> None:
    tenant, _ = placed
    figures = MetricsService(container.db, container.queue)

    series = figures.series(tenant, T0, T0 + dt.timedelta(hours=4), "hour")

    assert series.bucket == "hour" and [p.at for p in series.points] == [T0 + dt.timedelta(hours=n) for n in range(4)]
    nine, ten, eleven, twelve = series.points
    assert (nine.received, nine.parsed, nine.failed, nine.needs_review) == (3, 2, 1, 0)
    assert (nine.llm_calls, nine.llm_cost_usd, nine.llm_tokens_in) == (1, 0.25, 1000)
    counts = ten.model_dump(exclude={"at", *QUEUE_SERIES_FIELDS})  # the queue's samples: test_queue_history.py
    assert counts == dict.fromkeys(counts, 0)
    assert (eleven.needs_review, eleven.llm_calls, eleven.llm_cost_usd) == (1, 1, 0.5)
    assert (eleven.imports_batches, eleven.imports_rows, eleven.imports_failed) == (1, 7, 2)
    assert twelve.received == 0 and twelve.imports_rows == 0


def test_the_buckets_add_up_to_the_windows_totals(container: Any, placed: tuple[str, str]) -> None:
    tenant, _ = placed
    figures = MetricsService(container.db, container.queue)
    since, until = T0 - dt.timedelta(days=1), T0 + dt.timedelta(days=3)

    days = figures.series(tenant, since, until, "day").points
    totals = figures.collect(tenant, since, until)

    # 1 March 09:00 to 5 March 09:00: five days, the first and the last partial.
    assert [p.at.date() for p in days] == [(since + dt.timedelta(days=n)).date() for n in range(5)]
    assert [p.received for p in days] == [0, 4, 1, 0, 0]
    assert sum(p.received for p in days) == totals.parsing.received
    for status in ("parsed", "needs_review", "failed"):
        assert sum(getattr(p, status) for p in days) == totals.parsing.outcomes.get(status, 0)
    assert sum(p.llm_calls for p in days) == totals.llm.calls
    assert round(sum(p.llm_cost_usd for p in days), 6) == totals.llm.estimated_cost_usd
    assert sum(p.imports_rows for p in days) == totals.imports.rows
    assert sum(p.imports_failed for p in days) == totals.imports.failed


def test_a_window_edge_cuts_rows_out_of_a_partial_bucket(container: Any, placed: tuple[str, str]) -> None:
    tenant, _ = placed
    figures = MetricsService(container.db, container.queue)

    # 09:20 to 12:00: the first bucket is 09:00, but the resumes of 09:10 are before the window.
    series = figures.series(tenant, T0 + dt.timedelta(minutes=20), T0 + dt.timedelta(hours=3), "hour")

    assert [p.at for p in series.points] == [T0 + dt.timedelta(hours=n) for n in range(3)]
    assert (series.points[0].received, series.points[0].llm_calls) == (0, 1)


def test_too_many_buckets_and_a_wrong_bucket_are_refused_by_name(container: Any, placed: tuple[str, str]) -> None:
    tenant, _ = placed
    figures = MetricsService(container.db, container.queue)

    assert len(figures.series(tenant, T0, T0 + dt.timedelta(hours=MAX_BUCKETS), "hour").points) == MAX_BUCKETS
    with pytest.raises(InvalidInput) as too_many:
        figures.series(tenant, T0, T0 + dt.timedelta(hours=MAX_BUCKETS + 1), "hour")
    assert too_many.value.detail["field"] == "bucket" and "bucket=day" in str(too_many.value)
    assert len(figures.series(tenant, T0, T0 + dt.timedelta(hours=MAX_BUCKETS + 1), "day").points) == 18
    with pytest.raises(InvalidInput):
        figures.series(tenant, T0, T0 + dt.timedelta(hours=2), "week")
