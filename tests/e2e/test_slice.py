"""The slice end to end over real HTTP: resume in, job in, matches out, through the local runtime."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import EVENTS, REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, image_only_pdf, text_pdf

CANDIDATE = DEMO_USERS[Role.CANDIDATE]
RECRUITER = DEMO_USERS[Role.RECRUITER]
ADMIN = DEMO_USERS[Role.ADMIN]


def _upload(http: httpx.Client, headers: dict[str, str], name: str, data: bytes) -> httpx.Response:
    return http.post("/api/resumes", headers=headers, files={"file": (name, data, "application/pdf")})


def test_uploaded_resume_is_parsed_and_matched_best_first(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers = login(http, CANDIDATE)
    response = _upload(http, headers, "jane.pdf", text_pdf(RESUME_TEXT))
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending"
    assert http.get(f"/api/resumes/{body['id']}", headers=headers).json()["status"] == "pending"

    runtime.drain()

    resume = http.get(f"/api/resumes/{body['id']}", headers=headers).json()
    assert resume["status"] == "parsed"
    assert [h["status"] for h in resume["history"]] == ["pending", "parsing", "parsed"]
    assert {"Python", "Azure", "Machine Learning"} <= set(resume["skills"])
    matches = http.get(f"/api/resumes/{body['id']}/matches", headers=headers).json()
    assert matches, "the demo jobs mention Python and Azure; some must match"
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all({"job_id", "score", "grade", "matched_skills", "missing_skills", "summary"} <= m.keys() for m in matches)
    assert set(matches[0]["matched_skills"]) <= set(resume["skills"])


def test_a_pdf_dropped_in_the_inbox_folder_is_parsed(http, demo, runtime, settings) -> None:  # type: ignore[no-untyped-def]
    drop = settings.inbox_dir / "demo"
    drop.mkdir(parents=True)
    (drop / "Jane Doe resume.pdf").write_bytes(text_pdf(RESUME_TEXT))

    runtime.drain()

    listed = http.get("/api/resumes", headers=login(http, RECRUITER)).json()
    assert [(r["filename"], r["status"]) for r in listed] == [("Jane_Doe_resume.pdf", "parsed")]
    assert not list(drop.iterdir()), "the inbox copy is removed once the original is kept"
    kept = list((settings.blob_dir / "resumes").rglob("*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"%PDF-")


def test_a_new_job_is_matched_against_existing_candidates(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    resume_id = _upload(http, login(http, CANDIDATE), "jane.pdf", text_pdf(RESUME_TEXT)).json()["id"]
    runtime.drain()
    recruiter = login(http, RECRUITER)
    posting = {
        "title": "Platform Engineer",
        "description": "We run Kubernetes on Azure and write Python. Experience with Rust is a plus.",
        "location": "Remote",
    }
    created = http.post("/api/jobs", headers=recruiter, json=posting)
    assert created.status_code == 202
    job = created.json()
    assert job["status"] == "pending"

    runtime.drain()

    ranked = http.get(f"/api/jobs/{job['id']}/matches", headers=recruiter).json()
    assert [m["resume_id"] for m in ranked] == [resume_id]
    # "Rust is a plus" makes Rust preferred: every required skill is covered, Rust is the one preferred gap.
    assert sorted(ranked[0]["matched_skills"]) == ["Azure", "Kubernetes", "Python"]
    assert ranked[0]["missing_skills"] == []
    assert ranked[0]["percentile"] == 100.0
    detail = http.get(f"/api/resumes/{resume_id}/matches/{job['id']}", headers=recruiter).json()
    assert detail["breakdown"]["components"]["preferred_skills"]["missing"] == ["Rust"]
    assert detail["score"] == ranked[0]["score"] == detail["breakdown"]["score"]
    assert detail["grade"] == ranked[0]["grade"] and detail["weights_version"] == "default-v1"


def test_bad_files_in_one_batch_each_get_their_own_status(http, demo, runtime, settings) -> None:  # type: ignore[no-untyped-def]
    drop = settings.inbox_dir / "demo"
    drop.mkdir(parents=True)
    files = {
        "good.pdf": text_pdf(RESUME_TEXT),
        "letter.pdf": b"Dear hiring manager, this is a Word file renamed",
        "empty.pdf": b"",
        "huge.pdf": text_pdf(RESUME_TEXT)[:-10] + b"%" + b"x" * settings.max_upload_bytes + b"\n%%EOF",
        "scan.pdf": image_only_pdf(),
    }
    for name, data in files.items():
        (drop / name).write_bytes(data)

    runtime.drain()

    listed = http.get("/api/resumes", headers=login(http, ADMIN)).json()
    outcome = {r["filename"]: (r["status"], r["error_code"]) for r in listed}
    assert outcome == {
        "good.pdf": ("parsed", None),
        "letter.pdf": ("failed", "not_a_pdf"),
        "empty.pdf": ("failed", "empty_file"),
        "huge.pdf": ("failed", "too_large"),
        "scan.pdf": ("needs_review", "no_text_layer"),
    }
    assert all(r["status_reason"] for r in listed if r["status"] != "parsed")


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("letter.pdf", b"not a pdf at all", 422, "not_a_pdf"),
        ("empty.pdf", b"", 422, "empty_file"),
        ("huge.pdf", b"%PDF-1.7\n" + b"0" * 300_000, 413, "too_large"),
    ],
)
def test_bad_uploads_get_a_specific_error_and_a_stored_status(  # type: ignore[no-untyped-def]
    http, demo, name: str, data: bytes, status: int, code: str
) -> None:
    headers = login(http, CANDIDATE)
    response = _upload(http, headers, name, data)
    assert response.status_code == status
    body = response.json()
    assert body["error"]["code"] == code
    stored = http.get(f"/api/resumes/{body['id']}", headers=headers).json()
    assert (stored["status"], stored["error_code"]) == ("failed", code)
    assert stored["status_reason"] == body["error"]["message"]


def test_malformed_job_json_is_refused_and_recorded(http, demo) -> None:  # type: ignore[no-untyped-def]
    recruiter = login(http, RECRUITER)
    broken = http.post(
        "/api/jobs", headers={**recruiter, "Content-Type": "application/json"}, content=b'{"title": "Engineer",'
    )
    assert broken.status_code == 422
    assert "not valid JSON" in broken.json()["error"]["message"]
    missing = http.post("/api/jobs", headers=recruiter, json={"description": "no title"})
    assert missing.status_code == 422
    assert {p["field"] for p in missing.json()["error"]["detail"]["problems"]} == {"title"}

    rejections = http.get("/api/admin/rejections", headers=login(http, ADMIN)).json()
    assert [r["kind"] for r in rejections] == ["job", "job"]
    assert "not valid JSON" in rejections[1]["reason"]


def test_health_checks_database_and_queue(http, container) -> None:  # type: ignore[no-untyped-def]
    response = http.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}


def test_openapi_docs_are_served(http, container) -> None:  # type: ignore[no-untyped-def]
    spec = http.get("/openapi.json").json()
    assert {"/api/auth/login", "/api/resumes", "/api/jobs", "/api/resumes/{resume_id}/matches"} <= set(spec["paths"])
    assert http.get("/docs").status_code == 200


def test_cli_invoke_runs_a_handler_with_a_sample_event(database_url, settings, container) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "DATABASE_URL": database_url, "HIRING_DATA_DIR": str(settings.data_dir)}
    hiring = Path(sys.executable).with_name("hiring")
    result = subprocess.run(
        [str(hiring), "invoke", "api", "--event", str(EVENTS / "apigw_http_health.json")],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout[result.stdout.index("{\n") :])
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["checks"] == {"database": "ok", "queue": "ok"}

    bad = subprocess.run(
        [str(hiring), "invoke", "api", "--event", "no-such-file.json"],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and "no-such-file.json" in bad.stderr
