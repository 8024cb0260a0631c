"""The whole job analysis on complete postings from several countries and formats (tests/fixtures/postings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hiring.analysis.job_analysis import JobAnalysis, analyze_job

POSTINGS = Path(__file__).resolve().parents[1] / "fixtures" / "postings"
EXPECTED: dict[str, dict[str, Any]] = json.loads((POSTINGS / "expected.json").read_text())


def _analyse(name: str) -> JobAnalysis:
    """As `hiring jobs analyze FILE` reads a file: a text file's first line is the title; HTML comes whole."""
    text = (POSTINGS / name).read_text()
    if name.endswith(".html"):
        title, body = "", text
    else:
        first, _, rest = text.partition("\n")
        title, body = first.strip(), rest.strip()
    return analyze_job(title, body, location=EXPECTED[name]["location"])


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], JobAnalysis]:
    return EXPECTED[request.param], _analyse(request.param)


def test_every_fixture_has_its_expectations() -> None:
    files = {p.name for p in POSTINGS.iterdir() if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md"}
    assert files == set(EXPECTED)


def test_title_seniority_and_occupation(case: tuple[dict[str, Any], JobAnalysis]) -> None:
    expected, analysis = case
    assert (analysis.title, analysis.title_source, analysis.seniority) == (
        expected["title"],
        expected["title_source"],
        expected["seniority"],
    )
    assert analysis.occupation is not None and analysis.occupation["code"] in expected["occupations"]


def test_required_preferred_and_context_skills(case: tuple[dict[str, Any], JobAnalysis]) -> None:
    expected, analysis = case
    assert set(expected["required_includes"]) <= set(analysis.required_skills)
    assert set(expected["preferred_includes"]) <= set(analysis.preferred_skills)
    assert set(expected["context_includes"]) <= set(analysis.context_skills)
    asked = set(analysis.required_skills) | set(analysis.preferred_skills)
    assert not set(expected["never_asked"]) & asked
    assert not set(analysis.required_skills) & set(analysis.preferred_skills)


def test_experience_and_salary(case: tuple[dict[str, Any], JobAnalysis]) -> None:
    expected, analysis = case
    assert [analysis.experience_min, analysis.experience_max] == expected["experience"]
    assert analysis.salary is not None
    salary = {key: analysis.salary[key] for key in ("min", "max", "currency", "period")}
    assert salary == expected["salary"]
    # a bare "$" in Australia is the Australian dollar, and the analysis says it inferred that
    assert analysis.salary["currency_inferred"] == expected.get("currency_inferred", False)


def test_arrangement_employment_and_education(case: tuple[dict[str, Any], JobAnalysis]) -> None:
    expected, analysis = case
    assert (analysis.work_arrangement, analysis.employment_type) == (
        expected["work_arrangement"],
        expected["employment_type"],
    )
    if "education_level" in expected:
        assert analysis.education_level == expected["education_level"]


# What a posting must not be credited with (the skill extractor's precision rules, hiring.skills).
def test_delighting_customers_is_not_the_skill_entertain_people() -> None:
    text = (
        "We build solutions that delight our customers.\n\nRequirements:\n- 3+ years of C# and SQL\n"
        "- Create beautiful UI that will delight users"
    )
    analysis = analyze_job("Software Engineer", text)
    assert "Entertain people" not in analysis.required_skills + analysis.preferred_skills + analysis.context_skills


def test_a_company_name_is_not_a_skill() -> None:
    analysis = _analyse("toronto-backend-engineer.txt")
    assert "ESRI Maplex" not in analysis.required_skills + analysis.preferred_skills + analysis.context_skills
