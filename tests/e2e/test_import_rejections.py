"""Feed-row failures appear among the admin's rejections (issue 12): a row refused by a feed import and a scraped
job refused by the import worker are listed by GET /api/admin/rejections with the batch id, row number and reason,
keeping no more of the row than other refusals keep (its first 500 characters)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login

KEY_HEADER = "X-Scraper-API-Key"
LONG = "Python, SQL and data pipelines. " * 40  # past the 500 characters a rejection keeps


def _feed_rows(rejections: list[dict[str, Any]], batch_id: str) -> list[dict[str, Any]]:
    return [r for r in rejections if r["kind"] == "feed_row" and r["detail"]["batch_id"] == batch_id]


def test_a_refused_feed_row_is_listed_among_the_rejections(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    admin = login(http, DEMO_USERS[Role.ADMIN])
    rows = [
        {"id": "ok-1", "title": "Analyst", "description": "SQL"},
        {"id": "bad-2", "description": "a posting without a title " + LONG},
        "not an object",
    ]
    feed = "\n".join(json.dumps(r) for r in rows).encode()
    imported = http.post("/api/admin/imports", headers=admin, content=feed)
    assert imported.status_code == 201
    outcome = imported.json()
    assert (outcome["new"], outcome["failed"]) == (1, 2)

    listed = http.get("/api/admin/rejections", headers=admin)
    assert listed.status_code == 200
    found = _feed_rows(listed.json(), outcome["batch_id"])
    reasons = {e["row"]: e["reason"] for e in outcome["errors"]}
    assert sorted((r["detail"]["row"], r["reason"]) for r in found) == sorted(reasons.items())
    assert all((r["source"], r["detail"]["platform"]) == ("api", "generic") for r in found)
    [long_row] = [r for r in found if r["detail"]["row"] == 2]
    assert len(long_row["detail"]["row_prefix"]) == 500 and long_row["detail"]["row_prefix"].startswith(
        '{"id": "bad-2"'
    )


def test_a_scraped_job_refused_by_the_import_worker_is_listed_among_the_rejections(  # type: ignore[no-untyped-def]
    http: httpx.Client, demo, runtime
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "bot"}).json()["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Data Engineer"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]
    jobs = [{"id": "s-1", "title": "Data Engineer", "description": "Python"}, {"title": "no description"}]
    uploaded = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot, json={"platform": "dice", "jobs": jobs})
    assert uploaded.status_code == 202
    batch_id = uploaded.json()["batch_id"]
    assert _feed_rows(http.get("/api/admin/rejections", headers=admin).json(), batch_id) == []

    runtime.drain()

    [found] = _feed_rows(http.get("/api/admin/rejections", headers=admin).json(), batch_id)
    [error] = http.get(f"/api/admin/imports/{batch_id}", headers=admin).json()["errors"]
    assert (found["detail"]["row"], found["reason"]) == (error["row_number"], error["reason"]) == (2, error["reason"])
    assert (found["source"], found["detail"]["platform"]) == (f"scraper:{uploaded.json()['id']}", "dice")
