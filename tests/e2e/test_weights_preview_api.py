"""POST /api/admin/match-weights/preview over real HTTP: a job's current top candidates re-ranked under proposed
weights. The weights in force give back the stored scores; a proposal's scores are the weighted mean of each
pair's stored component scores (the formula of hiring.matching.score.weighted_total, recomputed here from the
breakdowns the API shows), its ranks are the order of those scores, and nothing is stored."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, text_pdf

COMPONENTS = ("required_skills", "preferred_skills", "experience", "education", "location", "salary", "semantic",
              "title", "recency")  # fmt: skip
PEOPLE = ("hendriks", "lindqvist", "okafor", "raman")
POSTING = {
    "title": "Software Engineer",
    "location": "Remote",
    "description": "A fully remote role on our data platform.\n\nRequirements:\n- Python\n- SQL\n- Git\n\n"
    "Nice to have:\n- Docker\n- AWS\n- Machine learning",
}


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


@pytest.fixture
def ranked_job(http: httpx.Client, demo: Any, runtime: Any) -> tuple[dict[str, str], str, list[dict[str, Any]]]:
    """Four imported people and a candidate's PDF matched against a remote posting open to anyone."""
    admin, recruiter = login(http, DEMO_USERS[Role.ADMIN]), login(http, DEMO_USERS[Role.RECRUITER])
    for name in PEOPLE:
        person = json.loads((REPO_ROOT / f"tests/fixtures/resumes/{name}.resume.json").read_text())
        _ok(http.post("/api/resumes/jsonresume", headers=admin, json=person))
    pdf = text_pdf(RESUME_TEXT)
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    _ok(http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")}))
    job = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING))
    runtime.drain()
    stored = _ok(http.get(f"/api/jobs/{job['id']}/matches", headers=admin))
    assert len(stored) >= 3, "several candidates to re-rank"
    return admin, str(job["id"]), stored


def _formula(components: dict[str, Any], weights: dict[str, float]) -> float:
    """weighted_total: the weighted mean of the components that apply, rounded half up to 2 decimals."""
    applying = [(weights[n], components[n]["score"]) for n in COMPONENTS if components[n]["applies"]]
    total = sum(w for w, _ in applying)
    return math.floor(sum(w * v for w, v in applying) / total * 100 + 0.5) / 100 if total > 0 else 0.0


def test_the_weights_in_force_give_back_the_stored_ranking(
    http: httpx.Client, ranked_job: tuple[dict[str, str], str, list[dict[str, Any]]]
) -> None:
    admin, job_id, stored = ranked_job
    preview = _ok(http.post("/api/admin/match-weights/preview", headers=admin, json={"job_id": job_id}))

    assert preview["current_weights"] == preview["proposed_weights"]
    assert [c["resume_id"] for c in preview["candidates"]] == [m["resume_id"] for m in stored]
    assert [c["score_before"] for c in preview["candidates"]] == [m["score"] for m in stored]
    assert [c["rank_before"] for c in preview["candidates"]] == list(range(1, len(stored) + 1))
    assert all(c["moved"] == 0 and c["score_after"] == c["score_before"] for c in preview["candidates"])


def test_a_proposal_reorders_as_the_formula_gives_and_stores_nothing(
    http: httpx.Client, ranked_job: tuple[dict[str, str], str, list[dict[str, Any]]]
) -> None:
    admin, job_id, stored = ranked_job
    parts = {
        m["resume_id"]: _ok(http.get(f"/api/resumes/{m['resume_id']}/matches/{job_id}", headers=admin))["breakdown"][
            "components"
        ]
        for m in stored
    }
    current = [m["resume_id"] for m in stored]

    # A proposal that reorders: every weight on the one component whose order differs most from the current one.
    def order(weights: dict[str, float]) -> list[str]:
        return sorted(current, key=lambda ref: (-_formula(parts[ref], weights), ref))

    def moved_by(name: str) -> int:
        return sum(a != b for a, b in zip(order({n: float(n == name) for n in COMPONENTS}), current, strict=True))

    chosen = max(COMPONENTS, key=moved_by)
    assert moved_by(chosen) > 0, "some component orders these candidates differently"
    weights = {n: (60.0 if n == chosen else 1.0) for n in COMPONENTS}
    versions = _ok(http.get("/api/admin/match-weights", headers=admin))

    preview = _ok(
        http.post("/api/admin/match-weights/preview", headers=admin, json={"job_id": job_id, "weights": weights})
    )

    assert preview["proposed_weights"] == weights
    after = {c["resume_id"]: c for c in preview["candidates"]}
    for ref in current:
        assert abs(after[ref]["score_after"] - _formula(parts[ref], weights)) <= 0.011, ref
    expected = order(weights)
    near_ties = {
        ref for a, b in zip(expected, expected[1:], strict=False)
        if abs(_formula(parts[a], weights) - _formula(parts[b], weights)) <= 0.02 for ref in (a, b)
    }  # fmt: skip
    got = [c["resume_id"] for c in preview["candidates"]]
    assert [r for r in got if r not in near_ties] == [r for r in expected if r not in near_ties]
    assert [c["rank_after"] for c in preview["candidates"]] == list(range(1, len(current) + 1))
    assert any(c["moved"] != 0 for c in preview["candidates"])
    for c in preview["candidates"]:
        assert c["moved"] == c["rank_before"] - c["rank_after"]
        assert c["rank_before"] == current.index(c["resume_id"]) + 1

    assert _ok(http.get("/api/admin/match-weights", headers=admin)) == versions
    assert _ok(http.get(f"/api/jobs/{job_id}/matches", headers=admin)) == stored


def test_bad_proposals_are_refused_by_name(
    http: httpx.Client, ranked_job: tuple[dict[str, str], str, list[dict[str, Any]]]
) -> None:
    admin, job_id, _ = ranked_job
    url = "/api/admin/match-weights/preview"

    unknown = http.post(url, headers=admin, json={"job_id": job_id, "weights": {"charisma": 5}})
    assert unknown.status_code == 422 and unknown.json()["error"]["details"]["field"] == "weights"
    assert "charisma" in unknown.json()["error"]["message"]
    zero = http.post(url, headers=admin, json={"job_id": job_id, "weights": dict.fromkeys(COMPONENTS, 0)})
    assert zero.status_code == 422 and "positive" in zero.json()["error"]["message"]
    missing = http.post(url, headers=admin, json={"job_id": "00000000-0000-0000-0000-000000000000"})
    assert missing.status_code == 404
    assert http.post(url, headers=admin, json={"job_id": job_id, "limit": 0}).status_code == 422
    for role in (Role.RECRUITER, Role.CANDIDATE):
        refused = http.post(url, headers=login(http, DEMO_USERS[role]), json={"job_id": job_id})
        assert refused.status_code == 403
