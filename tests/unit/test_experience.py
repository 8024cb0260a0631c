"""Experience requirements as postings phrase them, in prose as in lists."""

from __future__ import annotations

import pytest

from hiring.analysis.experience import required_experience

# A single figure is a floor ("3 years of experience" does not turn away someone with 6); a ceiling needs a range
# or "up to".
CASES = [
    ("3-5 years of experience with Python", 3, 5),
    ("5+ years of professional software development", 5, None),
    ("At least 3 years of experience in data engineering", 3, None),
    ("A minimum of two years' experience in customer service", 2, None),
    ("3 to 5 years experience", 3, 5),
    ("Three or more years of experience building APIs", 3, None),
    ("2+ yrs hands-on experience with AWS", 2, None),
    ("10 years of experience in enterprise sales", 10, None),
    ("Experience: 4-6 years", 4, 6),
    ("6 months of experience in a call centre", 0.5, None),
    ("BS in CS and 7+ years of industry experience; 3+ years in Go", 7, None),
    ("Minimum 8 years experience", 8, None),
    ("Up to 2 years of experience", None, 2),
    ("You have 4+ years of experience shipping production Go services.", 4, None),
    ("You have 4+ years building distributed systems.", 4, None),
    ("We'd love someone with at least four years of experience in B2B marketing.", 4, None),
    ("3-5 yrs experience in field sales", 3, 5),
    ("A minimum of 5 years in a similar role", 5, None),
    ("Five or more years of experience in a hospital setting", 5, None),
    ("2 to 4 years of hands-on experience with Kubernetes", 2, 4),
    ("10+ yrs in backend development", 10, None),
    ("Over 3 years of experience as a bookkeeper", 3, None),
    ("More than 8 years of experience leading engineering teams", 8, None),
    ("At least a year of experience in retail.", 1, None),
    ("A year of experience with point-of-sale systems is required.", 1, None),
    ("18 months of experience in a warehouse", 1.5, None),
    ("12 months' experience in customer support", 1, None),
    ("3 years' experience in accounting", 3, None),
    ("- 4+ years of Python or Go", 4, None),  # years with a named technical skill are an ask
    ("3-5 yrs with React and TypeScript", 3, 5),
    ("2 years using Excel and SQL", 2, None),
    ("at least 2 years’ experience in a commercial kitchen", 2, None),
    ("Minimum 3 yrs exp. in logistics", 3, None),
    ("7 years+ experience in construction management", 7, None),
    ("3–5 years of relevant experience", 3, 5),
    ("6+ years as a product manager", 6, None),
    ("Two (2) years of experience in a laboratory", 2, None),
    ("2 years minimum experience in teaching", 2, None),
    ("Ten plus years of experience in litigation", 10, None),
    ("4 years or more of experience in payroll", 4, None),
    ("Experience of 4-6 years in FMCG sales", 4, 6),
    ("5+ years of professional experience; 2+ years leading teams", 5, None),
    ("Bachelor's degree in Engineering3 years of experience as a frontend developer", 3, None),  # a flattened feed
    ("Strong Java OR 3+ years of Kotlin experience", 3, None),  # "Java OR 3" is not "a or 3"
    ("Bachelor's degree in computer science.1-2 years of experience in software", 1, 2),  # no space after "."
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
        "We match your 401(k) contributions up to 4%.",
        "Within 2 years you will lead a team of five engineers.",
        "In 3 years you will have grown into a staff role.",
        "For the past 10 years we have built tools for nurses.",
        "We have been in business for over 20 years.",
        "A year of growth: revenue doubled in 2023.",
    ],
)
def test_no_requirement_is_found_where_none_is_stated(text: str) -> None:
    assert required_experience(text) == (None, None)
