"""Experience requirements as postings phrase them."""

from __future__ import annotations

import pytest

from hiring.analysis.experience import required_experience

CASES = [
    ("3-5 years of experience with Python", 3, 5),
    ("5+ years of professional software development", 5, None),
    ("At least 3 years of experience in data engineering", 3, None),
    ("A minimum of two years' experience in customer service", 2, None),
    ("3 to 5 years experience", 3, 5),
    ("Three or more years of experience building APIs", 3, None),
    ("2+ yrs hands-on experience with AWS", 2, None),
    ("10 years of experience in enterprise sales", 10, 10),
    ("Experience: 4-6 years", 4, 6),
    ("6 months of experience in a call centre", 0.5, 0.5),
    ("BS in CS and 7+ years of industry experience; 3+ years in Go", 7, None),
    ("Minimum 8 years experience", 8, None),
    ("Up to 2 years of experience", None, 2),
]


@pytest.mark.parametrize(("text", "low", "high"), CASES)
def test_experience_phrases(text: str, low: float | None, high: float | None) -> None:
    assert required_experience(text) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "Founded 25 years ago, we are a leader in payments.",
        "Our company has a 30 year history of innovation.",
        "Candidates must be 18 years old or older.",
        "Two-year warranty on all devices.",
        "No experience required.",
    ],
)
def test_no_requirement_is_found_where_none_is_stated(text: str) -> None:
    assert required_experience(text) == (None, None)
