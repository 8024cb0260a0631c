"""Upload rate limits over real HTTP (issue 12): per user and per client address, 429 rate_limited with
Retry-After, nothing stored for a refused request, X-Forwarded-For believed only when trusted."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import text_pdf

CANDIDATE, RECRUITER, ADMIN = DEMO_USERS[Role.CANDIDATE], DEMO_USERS[Role.RECRUITER], DEMO_USERS[Role.ADMIN]


@pytest.fixture
def tight(container) -> Any:  # type: ignore[no-untyped-def]
    """A slow refill (one a minute): no refusal below depends on how fast the machine is."""
    config = container.settings
    config.upload_rate_per_user_per_minute = 1.0
    config.upload_rate_per_client_per_minute = 1.0
    config.upload_burst_per_user = 2
    config.upload_burst_per_client = 100
    return config


def _upload(http: httpx.Client, headers: dict[str, str], n: int, **extra: str) -> httpx.Response:
    files = {
        "file": (f"cv{n}.pdf", text_pdf(f"Jane Doe {n}\nPython developer\nExperience 2019-2024"), "application/pdf")
    }
    return http.post("/api/resumes", headers={**headers, **extra}, files=files)


def _count(container: Any, table: str) -> int:
    with container.db.connect() as conn:
        return int(conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"])


def _refusal(answer: httpx.Response, scope: str) -> None:
    assert answer.status_code == 429, answer.text
    retry_after = int(answer.headers["Retry-After"])
    assert retry_after >= 1
    error = answer.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["detail"] == {"scope": scope, "retry_after_s": retry_after}


def test_resume_uploads_are_limited_per_user_and_a_refusal_stores_nothing(http, demo, container, tight) -> None:  # type: ignore[no-untyped-def]
    candidate = login(http, CANDIDATE)
    assert [_upload(http, candidate, n).status_code for n in range(2)] == [202, 202]
    resumes, blobs = _count(container, "resumes"), sorted(p.name for p in container.settings.data_dir.rglob("*"))
    _refusal(_upload(http, candidate, 2), "user")
    imported = http.post("/api/resumes/jsonresume", headers=candidate, json={"basics": {"name": "Jane Doe"}})
    _refusal(imported, "user")  # the JSON Resume import is an upload too
    assert _count(container, "resumes") == resumes
    assert sorted(p.name for p in container.settings.data_dir.rglob("*")) == blobs
    # Another user from the same address is not affected.
    recruiter = login(http, RECRUITER)
    assert _upload(http, recruiter, 3).status_code == 202


def test_job_creation_and_feed_imports_are_limited(http, demo, container, tight) -> None:  # type: ignore[no-untyped-def]
    recruiter, admin = login(http, RECRUITER), login(http, ADMIN)
    posting = {"title": "Data Engineer", "description": "Python and SQL pipelines"}
    assert [http.post("/api/jobs", headers=recruiter, json=posting).status_code for _ in range(2)] == [202, 202]
    jobs = _count(container, "jobs")
    _refusal(http.post("/api/jobs", headers=recruiter, json=posting), "user")
    assert _count(container, "jobs") == jobs

    feed = b'{"id": "f1", "title": "Analyst", "description": "SQL"}'
    for _ in range(2):
        assert http.post("/api/admin/imports", headers=admin, content=feed).status_code == 201
    batches = _count(container, "import_batches")
    _refusal(http.post("/api/admin/imports", headers=admin, content=feed), "user")
    assert _count(container, "import_batches") == batches


def test_the_client_address_is_limited_across_users(http, demo, container, tight) -> None:  # type: ignore[no-untyped-def]
    tight.upload_burst_per_user = 100
    tight.upload_burst_per_client = 3
    candidate, recruiter = login(http, CANDIDATE), login(http, RECRUITER)
    assert [_upload(http, h, n).status_code for n, h in enumerate([candidate, recruiter, candidate])] == [202] * 3
    # X-Forwarded-For is not believed by default: another "address" in it is still this client.
    _refusal(_upload(http, recruiter, 4, **{"X-Forwarded-For": "203.0.113.50"}), "client")


def test_x_forwarded_for_names_the_client_only_when_trusted(http, demo, container, tight) -> None:  # type: ignore[no-untyped-def]
    tight.upload_burst_per_user = 100
    tight.upload_burst_per_client = 1
    tight.trust_forwarded_for = True
    candidate = login(http, CANDIDATE)
    assert _upload(http, candidate, 0, **{"X-Forwarded-For": "203.0.113.50"}).status_code == 202
    _refusal(_upload(http, candidate, 1, **{"X-Forwarded-For": "203.0.113.50"}), "client")
    assert _upload(http, candidate, 2, **{"X-Forwarded-For": "203.0.113.51"}).status_code == 202
