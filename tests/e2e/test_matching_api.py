"""The matching APIs over HTTP: a match's breakdown, the lifecycle by role, exclusions, weights, the rank CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, text_pdf


def _candidate_with_matches(http: httpx.Client, runtime: Any) -> tuple[dict[str, str], str, list[dict[str, Any]]]:
    headers = login(http, DEMO_USERS[Role.CANDIDATE])
    resume = http.post("/api/resumes", headers=headers, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT))}).json()["id"]
    runtime.drain()
    return headers, resume, http.get(f"/api/resumes/{resume}/matches", headers=headers).json()


def test_a_match_shows_its_full_breakdown_and_explanation(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers, resume, matches = _candidate_with_matches(http, runtime)
    best = matches[0]

    detail = http.get(f"/api/resumes/{resume}/matches/{best['job_id']}", headers=headers).json()

    assert detail["score"] == best["score"] and detail["grade"] == best["grade"]
    components = detail["breakdown"]["components"]
    assert {"required_skills", "experience", "location", "salary", "semantic", "title", "recency"} <= components.keys()
    assert all("weight" in c and "score" in c for c in components.values())
    assert detail["explanation"]["summary"] == best["summary"]
    for strength in detail["explanation"]["strengths"]:
        if strength["kind"] == "required_skill":
            assert strength["evidence"], "a matched skill is shown with where it was found"
    assert detail["retrieval"]["direction"] in {"candidate", "job"}


def test_the_lifecycle_by_role_with_feedback_and_percentiles(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, resume, matches = _candidate_with_matches(http, runtime)
    job = matches[0]["job_id"]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    path = f"/api/resumes/{resume}/matches/{job}/status"

    applied = http.post(path, headers=candidate, json={"status": "applied", "reason": "looks right", "rating": 4})
    refused = http.post(path, headers=candidate, json={"status": "shortlisted"})
    shortlisted = http.post(path, headers=recruiter, json={"status": "shortlisted"})

    assert applied.json() == {"resume_id": resume, "job_id": job, "status": "applied", "previous": "suggested"}
    assert refused.status_code == 422
    assert shortlisted.json()["previous"] == "applied"
    detail = http.get(f"/api/resumes/{resume}/matches/{job}", headers=recruiter).json()
    assert detail["status"] == "shortlisted"
    assert [(f["role"], f["to_status"]) for f in detail["feedback"]] == [("candidate", "applied"),
                                                                        ("recruiter", "shortlisted")]  # fmt: skip
    ranked = http.get(f"/api/jobs/{job}/matches", headers=recruiter).json()
    assert ranked[0]["resume_id"] == resume and ranked[0]["percentile"] == 100.0


def test_another_candidate_cannot_read_or_change_the_match(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    _, resume, matches = _candidate_with_matches(http, runtime)
    http.post("/api/auth/register", json={"tenant": "demo", "email": "eve@cand.test", "password": "a long password"})
    eve = login(http, "eve@cand.test", "a long password")
    path = f"/api/resumes/{resume}/matches/{matches[0]['job_id']}"

    assert http.get(path, headers=eve).status_code == 404
    assert http.post(f"{path}/status", headers=eve, json={"status": "rejected"}).status_code == 404


def test_remote_only_preferences_exclude_on_site_jobs_and_say_why(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers, resume, before = _candidate_with_matches(http, runtime)
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    onsite = http.post("/api/jobs", headers=recruiter, json={
        "title": "Senior Software Engineer", "description": "Python and Azure, in the office every day.",
        "location": "Redmond, WA", "work_arrangement": "on-site"}).json()["id"]  # fmt: skip
    runtime.drain()

    saved = http.put(f"/api/resumes/{resume}/preferences", headers=headers, json={"arrangement": "remote"})
    runtime.drain()

    assert saved.json()["rematch"] == "queued"
    excluded = http.get(f"/api/resumes/{resume}/exclusions", headers=headers).json()
    reasons = {e["job_id"]: e["reasons"] for e in excluded}
    assert reasons[onsite] == [
        {"filter": "location", "reason": "the job is on-site and the candidate wants remote work"}
    ]
    after = http.get(f"/api/resumes/{resume}/matches", headers=headers).json()
    assert onsite not in {m["job_id"] for m in after}

    fit = http.get(f"/api/resumes/{resume}/jobs/{onsite}/fit", headers=headers).json()  # why it is not listed
    assert fit["excluded_by"] == reasons[onsite] and fit["score"] is None and fit["stored_match"] is None
    listed = after[0]
    fit = http.get(f"/api/resumes/{resume}/jobs/{listed['job_id']}/fit", headers=headers).json()
    assert fit["excluded_by"] == [] and fit["score"] == listed["score"]  # scored now as it was stored
    assert fit["stored_match"]["score"] == listed["score"] and fit["explanation"]["summary"] == listed["summary"]
    staff = login(http, DEMO_USERS[Role.RECRUITER])  # the tenant's staff may ask too; an unknown job is a 404
    assert http.get(f"/api/resumes/{resume}/jobs/{listed['job_id']}/fit", headers=staff).status_code == 200
    missing = "00000000-0000-0000-0000-000000000000"
    assert http.get(f"/api/resumes/{resume}/jobs/{missing}/fit", headers=headers).status_code == 404


def test_a_tenant_weight_profile_is_versioned_and_stored_with_new_scores(http, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    headers, resume, _ = _candidate_with_matches(http, runtime)
    admin = login(http, DEMO_USERS[Role.ADMIN])
    for level in ("entry", "mid", "senior"):
        created = http.post("/api/admin/match-weights", headers=admin, json={"level": level, "weights": {"title": 0}})
        assert created.status_code == 201 and created.json()["version"] == f"tenant-{level}-v1"
    bad = http.post("/api/admin/match-weights", headers=admin, json={"level": "mid", "weights": {"luck": 3}})
    assert bad.status_code == 422

    http.put(f"/api/resumes/{resume}/preferences", headers=headers, json={})  # any change re-matches
    runtime.drain()

    matches = http.get(f"/api/resumes/{resume}/matches", headers=headers).json()
    assert {m["weights_version"] for m in matches} <= {"tenant-entry-v1", "tenant-mid-v1", "tenant-senior-v1"}
    detail = http.get(f"/api/resumes/{resume}/matches/{matches[0]['job_id']}", headers=headers).json()
    assert detail["breakdown"]["components"]["title"]["weight"] == 0


def test_match_rank_cli_ranks_postings_best_first_without_a_server(tmp_path: Path) -> None:
    resume = tmp_path / "cv.pdf"
    resume.write_bytes(text_pdf(RESUME_TEXT))
    jobs = tmp_path / "jobs.jsonl"
    postings = [
        {"id": "nurse", "title": "Registered Nurse", "description": "Requirements:\n• Patient care\n• Nursing"},
        {"id": "platform", "title": "Platform Engineer", "location": "Remote",
         "description": "We run Kubernetes on Azure and write Python. Experience with Rust is a plus."},
        {"id": "structured", "title": "Data Engineer", "description": "Pipelines.", "required_skills": ["Python", "Go"],
         "experience_min": 30},
    ]  # fmt: skip
    jobs.write_text("\n".join(json.dumps(p) for p in postings))
    hiring = Path(sys.executable).with_name("hiring")
    command = [str(hiring), "match", "rank", "--resume", str(resume), "--jobs", str(jobs), "--json",
               "--embedder", "hashing", "--today", "2025-06-01"]  # fmt: skip

    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=REPO_ROOT)
    shown = subprocess.run([*command, "--show-excluded"], capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    ranked = json.loads(result.stdout)
    assert [r["id"] for r in ranked] == ["platform", "nurse"]  # "structured" asks for 30 years: filtered out
    assert {"id", "score", "grade", "breakdown", "matched_skills", "missing_skills", "explanation"} <= ranked[0].keys()
    assert ranked[0]["score"] > ranked[1]["score"]
    assert sorted(ranked[0]["matched_skills"]) == ["Azure", "Kubernetes", "Python"]
    assert ranked[0]["breakdown"]["components"]["semantic"]["model"] == "feature-hashing-384"
    excluded = json.loads(shown.stdout)[-1]
    assert excluded["id"] == "structured" and excluded["score"] is None
    assert excluded["breakdown"]["excluded_by"][0]["filter"] == "experience"


def test_match_rank_cli_says_which_input_is_unreadable(tmp_path: Path) -> None:
    hiring = Path(sys.executable).with_name("hiring")
    (tmp_path / "jobs.json").write_text('[{"id": "x", "title": "T"}]')
    (tmp_path / "cv.txt").write_text(RESUME_TEXT)
    result = subprocess.run(
        [str(hiring), "match", "rank", "--resume", str(tmp_path / "cv.txt"), "--jobs", str(tmp_path / "jobs.json")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "posting 1 has no description" in result.stderr
