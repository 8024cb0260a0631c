"""Feed imports as batch records, de-duplication across platforms, asynchronous analysis, search, expiry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from hiring.analysis.feeds import read_feed
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting, JobSearch

DESCRIPTION = (
    "Requirements:\n- 5+ years of experience with Python and PostgreSQL\n- AWS\nNice to have: Kubernetes\n"
    "Salary: $140,000 - $160,000 per year. Full-time, remote."
)


def _rows(*rows: dict[str, Any] | str) -> list[tuple[int, dict[str, Any] | str]]:
    return list(enumerate(rows, start=1))


@pytest.fixture
def tenant(container: Any) -> str:
    return str(container.identity.create_tenant("acme", "Acme"))


@pytest.fixture
def recruiter(container: Any, tenant: str) -> Principal:
    user = container.identity.create_user(tenant, "rec@acme.test", "a long password", Role.RECRUITER)
    return Principal(user, tenant, Role.RECRUITER, "rec@acme.test")


def _job(i: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"j{i}", "title": f"Engineer {i}", "company": "Acme", "location": "Austin, TX",
            "description": f"Role number {i}. " + DESCRIPTION, **extra}  # fmt: skip


def test_a_bad_row_never_sinks_the_batch_and_gets_a_reason(container: Any, tenant: str) -> None:
    result = container.jobs.import_rows(
        tenant, "generic", _rows(_job(1), {"title": "no description"}, "not valid JSON (Expecting value)", _job(2)),
        "feed.jsonl",
    )  # fmt: skip
    assert (result.total, result.new, result.failed) == (4, 2, 2)
    assert [e["row"] for e in result.errors] == [2, 3]
    assert "missing description" in result.errors[0]["reason"]
    batch = container.jobs.batch(Principal("u", tenant, Role.ADMIN, "a"), result.batch_id)
    assert (batch.status, batch.new, batch.failed) == ("done", 2, 2)
    assert [e.row_number for e in batch.errors] == [2, 3]


def test_reimporting_the_same_feed_changes_nothing(container: Any, tenant: str) -> None:
    rows = _rows(_job(1), _job(2), _job(3))
    container.jobs.import_rows(tenant, "dice", rows, "feed.json")
    with container.db.connect() as conn:
        before = conn.execute("SELECT id, updated_at FROM jobs ORDER BY id").fetchall()
    again = container.jobs.import_rows(tenant, "dice", rows, "feed.json")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    with container.db.connect() as conn:
        assert conn.execute("SELECT id, updated_at FROM jobs ORDER BY id").fetchall() == before


def test_a_changed_row_is_updated_by_platform_and_external_id(container: Any, tenant: str) -> None:
    container.jobs.import_rows(tenant, "dice", _rows(_job(1)), "a")
    changed = container.jobs.import_rows(tenant, "dice", _rows(_job(1, title="Staff Engineer")), "b")
    assert (changed.new, changed.updated) == (0, 1)
    with container.db.connect() as conn:
        assert [r["title"] for r in conn.execute("SELECT title FROM jobs").fetchall()] == ["Staff Engineer"]


def test_the_same_posting_from_two_platforms_is_a_duplicate(container: Any, tenant: str) -> None:
    container.jobs.import_rows(tenant, "dice", _rows(_job(1)), "dice.json")
    lightly_edited = _job(1, id="LI-555", description=_job(1)["description"] + " Apply today!")
    other = container.jobs.import_rows(tenant, "linkedin", _rows(lightly_edited, _job(9)), "li.json")
    assert (other.new, other.duplicate) == (1, 1)
    with container.db.connect() as conn:
        dup = conn.execute(
            "SELECT status, duplicate_of FROM jobs WHERE platform = 'linkedin' AND external_id = 'LI-555'"
        ).fetchone()
        original = conn.execute("SELECT id FROM jobs WHERE platform = 'dice'").fetchone()
    assert dup["status"] == "duplicate" and dup["duplicate_of"] == original["id"]


def test_analysis_runs_from_the_queue_and_fills_the_job(container: Any, recruiter: Principal, runtime: Any) -> None:
    created = container.jobs.create(recruiter, JobPosting(title="Senior Backend Engineer", description=DESCRIPTION,
                                                          location="Austin, TX"))  # fmt: skip
    assert created.status == "pending"
    assert container.jobs.get(recruiter, str(created.id)).analysis_status == "pending"

    runtime.drain()

    job = container.jobs.get(recruiter, str(created.id))
    assert job.analysis_status == "analyzed"
    assert {"Python", "PostgreSQL", "AWS"} <= set(job.required_skills)
    assert job.preferred_skills == ["Kubernetes"]
    assert [h.status for h in job.history] == ["pending", "analyzed"]
    assert job.analysis is not None and job.analysis["salary"]["min"] == 140_000


def test_search_filters(container: Any, recruiter: Principal, runtime: Any, tenant: str) -> None:
    container.jobs.import_rows(tenant, "dice", _rows(
        _job(1),
        _job(2, company="Globex", location="Boston, MA", description="Requirements: Java. On-site. Part-time."),
        _job(3, company="Initech", description="Requirements: Python. Salary: $60,000 per year. Remote."),
    ), "feed")  # fmt: skip
    runtime.drain()

    def titles(**query: Any) -> list[str]:
        return sorted(r.title for r in container.jobs.search(recruiter, JobSearch(**query)))

    assert titles(skills=["Python"]) == ["Engineer 1", "Engineer 3"]
    assert titles(location="Boston") == ["Engineer 2"]
    assert titles(remote=True) == ["Engineer 1", "Engineer 3"]
    assert titles(salary_floor=100_000) == ["Engineer 1"]
    assert titles(employment_type="part-time") == ["Engineer 2"]
    assert titles(blocked_companies=["acme", "GLOBEX"]) == ["Engineer 3"]
    assert titles(platform="indeed") == []
    assert [r.title for r in container.jobs.search(recruiter, JobSearch(sort="salary", order="desc"))][:2] == [
        "Engineer 1", "Engineer 3"]  # fmt: skip
    assert len(container.jobs.search(recruiter, JobSearch(limit=2, offset=2))) == 1


def test_expiry_counts_from_the_earlier_of_posted_and_imported(container: Any, tenant: str) -> None:
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=45)).isoformat()
    container.jobs.import_rows(tenant, "dice", _rows(_job(1, date_posted=old), _job(2)), "feed")
    assert container.jobs.expire_stale(30) == 1
    with container.db.connect() as conn:
        rows = conn.execute("SELECT external_id, status FROM jobs ORDER BY external_id").fetchall()
    assert [(r["external_id"], r["status"]) for r in rows] == [("j1", "expired"), ("j2", "active")]


def test_feed_files_import_through_read_feed(container: Any, tenant: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(_job(i)) for i in range(5)) + "\n{oops\n")
    result = container.jobs.import_rows(tenant, "generic", read_feed(feed), feed.name)
    assert (result.total, result.new, result.failed) == (6, 5, 1)


def test_rows_with_a_bad_date_url_length_or_text_fail_alone_with_their_reasons(container: Any, tenant: str) -> None:
    """Never fixed silently: no import time for a bad date, no cut description, no javascript: link, no NUL."""
    rows = _rows(
        _job(1, posted_at="not a date"),
        _job(2, description="x" * 100_001),
        _job(3, url="javascript:alert(1)"),
        _job(4, title="Engineer\x00"),
        _job(5, posted_at="2026-11-01", url="https://jobs.example.com/5"),
    )
    result = container.jobs.import_rows(tenant, "generic", rows, "feed.json")
    assert (result.total, result.new, result.failed) == (5, 1, 4)
    reasons = {e["row"]: e["reason"] for e in result.errors}
    assert reasons[1] == "posted_at 'not a date' is not a date (ISO 8601, RFC 2822, epoch seconds or MM/DD/YYYY)"
    assert reasons[2] == "description is 100,001 characters; a posting's description may have at most 100,000"
    assert reasons[3] == "url must be an http(s) address, not 'javascript'"
    assert reasons[4] == "title holds a NUL or control character"
    with container.db.connect() as conn:
        stored = conn.execute("SELECT external_id, posted_at, url FROM jobs").fetchall()
        kept = conn.execute("SELECT row_number, raw FROM import_errors ORDER BY row_number").fetchall()
    assert [(r["external_id"], r["posted_at"].date().isoformat(), r["url"]) for r in stored] == [
        ("j5", "2026-11-01", "https://jobs.example.com/5")
    ]
    assert [r["row_number"] for r in kept] == [1, 2, 3, 4]
    assert '"title": "Engineer\\u0000"' in kept[3]["raw"]  # the refused row is kept as evidence, as JSON


def test_a_posting_link_must_be_http(container: Any, recruiter: Principal) -> None:
    with pytest.raises(ValidationError, match="absolute http"):
        JobPosting(title="Engineer", description="Python", url="javascript:alert(1)")
    created = container.jobs.create(
        recruiter, JobPosting(title="Engineer", description="Python", url="https://example.org/1")
    )
    assert created.outcome == "new"
