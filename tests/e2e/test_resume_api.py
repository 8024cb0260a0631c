"""Structured resumes over real HTTP and through the `hiring parse resume` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import REPO_ROOT, login
from tests.fixtures.resumes.generate import load, render, truth

CANDIDATE, RECRUITER = DEMO_USERS[Role.CANDIDATE], DEMO_USERS[Role.RECRUITER]
PROFILE_KEYS = {
    "name", "email", "phone", "location", "links", "summary", "experience", "education", "projects",
    "certifications", "languages", "skills", "total_experience_months", "seniority", "confidence", "confidences",
    "warnings",
}  # fmt: skip


def test_an_uploaded_two_column_pdf_has_a_profile_and_a_json_resume(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers = login(http, CANDIDATE)
    files = {"file": ("okafor.pdf", render("okafor", "two_column"), "application/pdf")}
    resume_id = http.post("/api/resumes", headers=headers, files=files).json()["id"]
    runtime.drain()

    body = http.get(f"/api/resumes/{resume_id}/profile", headers=headers).json()
    expected = truth(load("okafor"))
    assert body["status"] == "parsed"
    assert set(body["profile"]) == PROFILE_KEYS
    assert [(j["title"], j["start"]) for j in body["profile"]["experience"]] == [
        (j["title"], j["start"]) for j in expected.jobs
    ]
    exported = http.get(f"/api/resumes/{resume_id}/jsonresume", headers=login(http, RECRUITER)).json()
    assert exported["basics"]["name"] == expected.name
    assert [w["name"] for w in exported["work"]] == [j["company"] for j in expected.jobs]


def test_a_json_resume_import_round_trips_through_the_api(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers = login(http, CANDIDATE)
    created = http.post("/api/resumes/jsonresume", headers=headers, json=load("hendriks"))
    assert created.status_code == 201, created.text
    resume_id = created.json()["id"]

    exported = http.get(f"/api/resumes/{resume_id}/jsonresume", headers=headers).json()
    assert exported["work"][0]["name"] == "Pied Piper"
    assert exported["work"][0]["startDate"] == "2013-12"
    assert http.get(f"/api/resumes/{resume_id}", headers=headers).json()["status"] == "parsed"


def test_an_invalid_json_resume_is_refused_plainly(http, demo) -> None:  # type: ignore[no-untyped-def]
    headers = login(http, CANDIDATE)
    response = http.post("/api/resumes/jsonresume", headers=headers, json={"basics": {"email": "x@example.org"}})
    assert response.status_code == 422
    assert "basics.name" in response.text
    broken = http.post("/api/resumes/jsonresume", headers=headers, content=b"{not json")
    assert broken.status_code == 422


def test_another_candidate_cannot_read_the_profile(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    owner = login(http, CANDIDATE)
    resume_id = http.post("/api/resumes/jsonresume", headers=owner, json=load("raman")).json()["id"]
    http.post(
        "/api/auth/register",
        json={"tenant": "demo", "email": "other@example.com", "password": "another long password"},
    )
    other = login(http, "other@example.com", "another long password")
    assert http.get(f"/api/resumes/{resume_id}/profile", headers=other).status_code == 404
    assert http.get(f"/api/resumes/{resume_id}/jsonresume", headers=other).status_code == 404


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "shared")}
    return subprocess.run(
        [sys.executable, "-c", "from hiring.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_cli_prints_the_structured_resume_as_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lindqvist.pdf"
    path.write_bytes(render("lindqvist", "sidebar"))
    result = _cli("parse", "resume", str(path), "--json")
    assert result.returncode == 0, result.stderr
    resume = json.loads(result.stdout)
    assert set(resume) == PROFILE_KEYS
    assert resume["name"] == "Sofia Lindqvist"
    assert resume["experience"][0]["current"] is True


def test_the_cli_exits_non_zero_on_bad_input(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "cv.pdf"
    fake.write_bytes(b"not a pdf at all")
    result = _cli("parse", "resume", str(fake), "--json")
    assert result.returncode == 3
    assert "not_a_pdf" in result.stderr and result.stdout == ""
    assert _cli("parse", "resume", str(tmp_path / "missing.pdf")).returncode == 2
