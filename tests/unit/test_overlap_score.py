from __future__ import annotations

from hiring.services.matching import overlap_score


def test_score_is_the_share_of_job_skills_the_candidate_has() -> None:
    pair = overlap_score(["Python", "SQL", "Docker"], ["python", "SQL", "Kubernetes", "Azure"])
    assert pair.score == 50.0
    assert pair.matched == ["python", "SQL"]
    assert pair.missing == ["Kubernetes", "Azure"]


def test_a_job_without_skills_scores_zero() -> None:
    assert overlap_score(["Python"], []).score == 0.0


def test_full_coverage_is_100() -> None:
    assert overlap_score(["Go", "AWS"], ["AWS", "Go"]).score == 100.0
