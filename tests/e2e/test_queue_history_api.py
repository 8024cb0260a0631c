"""The queue over time over real HTTP: the scrape_watchdog schedule, fired as the local runtime fires it, records
the work queue's sample, and GET /api/admin/metrics/series shows it in the current hour (the largest sample of the
bucket); buckets before the first sample are null, never a made-up zero."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


def test_the_schedule_records_the_queue_and_the_series_shows_its_largest_sample(
    http: httpx.Client, demo: Any, runtime: Any
) -> None:
    admin, candidate = login(http, DEMO_USERS[Role.ADMIN]), login(http, DEMO_USERS[Role.CANDIDATE])
    pdf = text_pdf(RESUME_TEXT)
    _ok(http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")}))
    runtime.scan_inbox()  # parsed: its match work waits in the queue
    waiting = _ok(http.get("/api/admin/metrics", headers=admin))["queue"]
    assert waiting["depth"] >= 1

    fired = runtime.fire_schedule("scrape_watchdog")
    runtime.drain()
    runtime.fire_schedule("scrape_watchdog")  # an empty queue now: the hour keeps the larger sample

    assert fired["queue_samples"] >= 1
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    window = {"since": (until - dt.timedelta(hours=6)).isoformat(), "until": until.isoformat(), "bucket": "hour"}
    points = _ok(http.get("/api/admin/metrics/series", headers=admin, params=window))["points"]
    sampled = [p for p in points if p["queue_depth"] is not None]
    assert len(sampled) in (1, 2)  # two when an hour turned between the samples
    assert max(p["queue_depth"] for p in sampled) == waiting["depth"]
    assert max(p["queue_depth_all_tenants"] for p in sampled) >= waiting["depth"]
    assert all(p["dead_letters"] == 0 for p in sampled)
    assert all(p["queue_oldest_age_s"] is not None for p in sampled[:1])
    assert points[0]["queue_depth"] is None and points[0]["queue_oldest_age_s"] is None
