"""GET /api/admin/metrics/series over real HTTP: what a candidate, a recruiter and an admin just did appears in the
current hour's bucket, the buckets add up to GET /api/admin/metrics over the same window, and a window of too
many buckets or an unknown bucket is a 422 in the error envelope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from hiring.services.metrics import MAX_BUCKETS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


def test_the_current_hour_holds_the_journey_and_adds_up_to_the_windows_totals(
    http: httpx.Client, demo: Any, runtime: Any
) -> None:
    admin, recruiter = login(http, DEMO_USERS[Role.ADMIN]), login(http, DEMO_USERS[Role.RECRUITER])
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    pdf = text_pdf(RESUME_TEXT)
    resume = _ok(http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")}))
    runtime.drain()
    [first, *_] = _ok(http.get(f"/api/resumes/{resume['id']}/matches", headers=candidate))
    applied = _ok(
        http.post("/api/applications", headers=candidate, json={"job_id": first["job_id"], "resume_id": resume["id"]})
    )
    for stage in ("screening", "interview", "offer", "hired"):
        _ok(http.post(f"/api/applications/{applied['id']}/status", headers=recruiter, json={"status": stage}))
    feed = b'{"id": "s1", "title": "Engineer", "description": "Python"}\nnot json\n'
    _ok(http.post("/api/admin/imports", headers=admin, content=feed))

    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    window = {"since": (until - dt.timedelta(hours=6)).isoformat(), "until": until.isoformat()}
    series = _ok(http.get("/api/admin/metrics/series", headers=admin, params={**window, "bucket": "hour"}))
    totals = _ok(http.get("/api/admin/metrics", headers=admin, params=window))

    points = series["points"]
    assert series["bucket"] == "hour" and len(points) in (6, 7)

    def total(name: str) -> Any:
        return sum(p[name] for p in points)

    # Everything happened in the last minutes: only the newest bucket(s) (two when an hour turned meanwhile).
    busy = [n for n, p in enumerate(points) if p["received"] or p["applications"] or p["imports_rows"]]
    assert busy and busy[0] >= len(points) - 2
    assert total("received") == 1 and total("parsed") + total("needs_review") == 1
    assert (total("applications"), total("hired"), total("rejected")) == (1, 1, 0)
    assert (total("imports_batches"), total("imports_rows"), total("imports_failed")) == (1, 2, 1)
    assert total("scores_written") == totals["matches"]["scores_written"] > 0
    assert sum(p["received"] for p in points) == totals["parsing"]["received"]
    assert sum(p["applications"] for p in points) == sum(totals["funnel"].values())
    assert sum(p["imports_failed"] for p in points) == totals["imports"]["failed"]
    assert sum(p["llm_calls"] for p in points) == totals["llm"]["calls"]

    days = _ok(http.get("/api/admin/metrics/series", headers=admin, params={"bucket": "day"}))
    assert len(days["points"]) in (30, 31) and sum(p["received"] for p in days["points"]) == 1


def test_too_many_buckets_or_an_unknown_bucket_is_a_422_and_only_admins_read_it(http: httpx.Client, demo: Any) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    until = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    since = until - dt.timedelta(hours=MAX_BUCKETS + 1)
    params = {"since": since.isoformat(), "until": until.isoformat()}

    refused = http.get("/api/admin/metrics/series", headers=admin, params={**params, "bucket": "hour"})
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "invalid_input" and error["details"]["field"] == "bucket"
    assert f"at most {MAX_BUCKETS}" in error["message"]
    assert http.get("/api/admin/metrics/series", headers=admin, params={**params, "bucket": "day"}).status_code == 200
    week = http.get("/api/admin/metrics/series", headers=admin, params={"bucket": "week"})
    assert week.status_code == 422 and "error" in week.json()
    naive = http.get("/api/admin/metrics/series", headers=admin, params={"since": "2026-01-01T00:00:00"})
    assert naive.status_code == 422 and naive.json()["error"]["details"]["field"] == "since"
    for role in (Role.RECRUITER, Role.CANDIDATE):
        assert http.get("/api/admin/metrics/series", headers=login(http, DEMO_USERS[role])).status_code == 403
