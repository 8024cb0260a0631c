"""What a bot uploads reaches the job store through the work queue, and its role's candidates are re-matched."""

from __future__ import annotations

from typing import Any

import httpx

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf

KEY_HEADER = "X-Scraper-API-Key"
JOB_TEXT = "Requirements: 3+ years of Python, Azure and machine learning. Full-time, remote."


def _posting(i: int, pad: str = "") -> dict[str, Any]:
    return {"id": f"sc-{i}", "title": f"ML Engineer {i}", "company": f"Company {i}", "location": "Remote",
            "description": f"Team {i}. {JOB_TEXT}{pad}"}  # fmt: skip


def test_uploads_are_imported_and_the_roles_candidates_rematched(  # type: ignore[no-untyped-def]
    http: httpx.Client, demo, runtime, container: Any
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    resume = http.post(
        "/api/resumes", headers=candidate, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    runtime.drain()
    key = http.post("/api/admin/api-keys", headers=admin, json={"name": "bot", "rate_limit_per_minute": 600}).json()
    bot = {KEY_HEADER: key["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Machine Learning Engineer"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]

    small = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot,
                      json={"platform": "indeed", "jobs": [_posting(1), {"title": "no description"}]})  # fmt: skip
    large = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot,
                      json={"platform": "dice", "jobs": [_posting(i, " x" * 2000) for i in range(2, 40)]})  # fmt: skip
    assert small.status_code == large.status_code == 202
    assert http.post(f"/api/scrape-queue/{role_id}/complete", headers=bot).status_code == 200

    runtime.drain()

    with container.db.connect() as conn:
        uploads = conn.execute(
            "SELECT platform, status, new_count, failed_count, blob_key IS NOT NULL AS via_blob FROM scrape_uploads"
            " ORDER BY platform"
        ).fetchall()
        analysed = conn.execute(
            "SELECT count(*) AS n FROM jobs WHERE platform IN ('indeed', 'dice') AND analysis_status = 'analyzed'"
        ).fetchone()["n"]
    assert [(u["platform"], u["status"], u["new_count"], u["failed_count"]) for u in uploads] == [
        ("dice", "imported", 38, 0),
        ("indeed", "imported", 1, 1),
    ]
    assert [u["via_blob"] for u in uploads] == [True, False]
    assert analysed == 39
    matched = {m["title"] for m in http.get(f"/api/resumes/{resume}/matches", headers=candidate).json()}
    assert "ML Engineer 1" in matched


def test_an_upload_answers_with_the_batch_its_jobs_are_recorded_under(  # type: ignore[no-untyped-def]
    http: httpx.Client, demo, runtime, container: Any
) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "bot"}).json()["key"]}
    http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Machine Learning Engineer"})
    role_id = http.get("/api/scrape-queue/next", headers=bot).json()["id"]
    runtime.drain()  # the demo's own analysis work: only the upload's import is left below

    jobs = [_posting(1), _posting(2), {"title": "no description"}]
    answer = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot, json={"platform": "indeed", "jobs": jobs})
    assert answer.status_code == 202
    uploaded = answer.json()
    assert uploaded["batch_id"] and uploaded["batch_id"] != uploaded["id"]
    queued = http.get(f"/api/admin/imports/{uploaded['batch_id']}", headers=admin)
    assert queued.status_code == 200
    assert (queued.json()["status"], queued.json()["total"], queued.json()["platform"]) == ("queued", 0, "indeed")

    runtime.drain()

    done = http.get(f"/api/admin/imports/{uploaded['batch_id']}", headers=admin).json()
    assert (done["status"], done["total"], done["new"], done["failed"]) == ("done", 3, 2, 1)
    assert [e["row_number"] for e in done["errors"]] == [3]
    listed = [b["id"] for b in http.get("/api/admin/imports", headers=admin).json()]
    assert listed.count(uploaded["batch_id"]) == 1  # the worker used the upload's batch, not a second one
    with container.db.connect() as conn:
        sources = conn.execute("SELECT source FROM import_batches WHERE source LIKE 'scraper:%'").fetchall()
    assert [s["source"] for s in sources] == [f"scraper:{uploaded['id']}"]
    empty = http.post(f"/api/scrape-queue/{role_id}/jobs", headers=bot, json={"platform": "dice", "jobs": []})
    assert (empty.status_code, empty.json()["batch_id"]) == (202, None)
