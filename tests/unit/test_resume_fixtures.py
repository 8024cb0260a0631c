"""Resumes rendered from JSON Resume data (single column, two columns, sidebar, DOCX) parse back to their data."""

from __future__ import annotations

from functools import cache

import pytest

from hiring.resume import ParsedResume, parse_document
from hiring.resume.skills import find_mentions
from tests.fixtures.resumes.generate import LAYOUTS, fixture_names, load, render, truth

CASES = [(name, layout) for name in fixture_names() for layout in LAYOUTS]


@cache
def _parsed(name: str, layout: str) -> ParsedResume:
    filename = "resume.docx" if layout == "docx" else "resume.pdf"
    return parse_document(render(name, layout), filename, 5_000_000, 10)[1]


def test_there_are_four_resumes_in_four_layouts() -> None:
    assert len(fixture_names()) >= 4 and len(CASES) == len(fixture_names()) * 4


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_contact_comes_back(name: str, layout: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout)
    assert (parsed.name, parsed.email, parsed.phone) == (expected.name, expected.email, expected.phone)


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_each_job_comes_back_with_its_dates(name: str, layout: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout)
    got = [
        {"company": j.company, "title": j.title, "start": j.start, "end": j.end, "current": j.current}
        for j in parsed.experience
    ]
    assert got == expected.jobs


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_each_school_comes_back(name: str, layout: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout)
    got = [{"institution": e.institution, "degree": e.degree, "field": e.field} for e in parsed.education]
    assert got == expected.schools
    assert all(e.level is not None for e in parsed.education)


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_listed_skills_come_back(name: str, layout: str) -> None:
    """Every listed keyword the skill extractor knows on its own is found in the rendered resume."""
    expected, parsed = truth(load(name)), _parsed(name, layout)
    known = {m.canonical for keyword in expected.skill_keywords for m in find_mentions(keyword) if m.known}
    assert len(known) >= len(expected.skill_keywords) // 2, "the extractor should know most listed keywords"
    assert known <= {s.name for s in parsed.skills}


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_spoken_languages_come_back(name: str, layout: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout)
    assert [lang.split(" (")[0] for lang in parsed.languages] == expected.languages


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_total_experience_matches_the_union_of_jobs(name: str, layout: str) -> None:
    parsed = _parsed(name, layout)
    assert parsed.total_experience_months > 0
    assert parsed.total_experience_months <= sum(j.months or 0 for j in parsed.experience)
    assert parsed.confidence >= 0.8, parsed.warnings
