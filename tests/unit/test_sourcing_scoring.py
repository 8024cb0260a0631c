"""The six-factor prospect score (issue 14): each factor's score follows its evidence, weights move the total,
tiers cut at 9/8/7/6, company relevance reads the work (occupation, skills), never the company's name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hiring.analysis.job_analysis import analyze_job
from hiring.sourcing.profiles import ProspectProfile
from hiring.sourcing.scoring import DEFAULT_WEIGHTS, FACTORS, score_prospect, tier_of

TODAY = dt.date(2026, 12, 1)
JOB = analyze_job(
    "Senior Software Engineer",
    "Requirements:\n• 5+ years of experience\n• Python\n• PostgreSQL\n"
    "• Bachelor's degree in Computer Science or a related field",
    "Berlin, Germany",
).as_dict()


def _profile(**fields: Any) -> ProspectProfile:
    base: dict[str, Any] = {"name": "Pat Example", "profile_url": "https://example.org/p", "source": "bot"}
    return ProspectProfile.model_validate({**base, **fields})


STRONG = _profile(
    location="Berlin, Germany",
    skills=["Python", "PostgreSQL"],
    education=[{"degree": "BSc", "field": "Computer Science", "institution": "Any University"}],
    experience=[
        {"title": "Software Engineer", "company": "Small Shop", "start": "2016-01", "end": "2019-12"},
        {
            "title": "Senior Software Engineer",
            "company": "Tiny Co",
            "start": "2020-01",
            "current": True,
            "description": "Python services on PostgreSQL",
        },
    ],  # fmt: skip
)


def _factor(result: Any, name: str) -> Any:
    return next(f for f in result.factors if f.factor == name)


def test_a_fitting_prospect_scores_high_on_every_factor_with_evidence() -> None:
    result = score_prospect(STRONG, JOB, ["Berlin"], today=TODAY)
    assert [f.factor for f in result.factors] == list(FACTORS)
    assert all(f.evidence for f in result.factors)
    assert result.score >= 9 and result.tier == "STRONG_MATCH", result
    assert "Python" in " ".join(_factor(result, "experience").evidence)
    assert "2 of 2 roles" in _factor(result, "company_relevance").evidence[0]


def test_a_weak_profile_scores_lower_and_says_why() -> None:
    weak = _profile(
        location="Lima, Peru",
        experience=[
            {"title": "Senior Chef", "company": "Bistro", "start": "2025-06", "current": True},
            {"title": "Line Cook", "company": "Diner", "start": "2024-01", "end": "2025-05"},
        ],
    )
    result = score_prospect(weak, JOB, ["Berlin"], today=TODAY)
    assert result.score < 6 and result.tier == "REJECT"
    assert _factor(result, "location").score < 5 and "Lima" in _factor(result, "location").evidence[0]
    assert _factor(result, "education").score < 5 and "none is listed" in _factor(result, "education").evidence[0]
    assert _factor(result, "company_relevance").score == 0


def test_company_relevance_ignores_the_company_name() -> None:
    famous = STRONG.model_copy(deep=True)
    for item in famous.experience:
        item.company = "A Very Famous Company"
    renamed, plain = (score_prospect(p, JOB, ["Berlin"], today=TODAY) for p in (famous, STRONG))
    assert [f.score for f in renamed.factors] == [f.score for f in plain.factors] and renamed.score == plain.score


def test_weights_move_the_total() -> None:
    far = STRONG.model_copy(update={"location": "Lima, Peru"})
    default = score_prospect(far, JOB, ["Berlin"], today=TODAY).score
    heavy = {**DEFAULT_WEIGHTS, "location": 50, "experience": 5, "education": 5, "career_trajectory": 10}
    assert score_prospect(far, JOB, ["Berlin"], heavy, today=TODAY).score < default


@pytest.mark.parametrize(
    ("score", "tier"),
    [(9.0, "STRONG_MATCH"), (8.99, "GOOD_MATCH"), (8.0, "GOOD_MATCH"), (7.5, "CONSIDER"), (6.0, "WEAK_MATCH"),
     (5.99, "REJECT")],
)  # fmt: skip
def test_tiers_cut_at_nine_eight_seven_six(score: float, tier: str) -> None:
    assert tier_of(score) == tier
