"""The effective profile: a parsed resume with the candidate's corrections applied (hiring.resume.corrections)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from hiring.resume.corrections import Corrections, apply_corrections, problems
from hiring.resume.model import Evidence, Experience, ParsedResume, Skill

TODAY = dt.date(2026, 12, 7)


def _parsed() -> ParsedResume:
    return ParsedResume(
        name="Lena Schmidt",
        email="lena@example.de",
        experience=[
            Experience(company="Zalando", title="Frontend Engineer", start="2023-03", current=True, months=46),
            Experience(company="Werkstudentin Webentwicklung", start="2021-10", end="2023-02", months=17),
        ],
        skills=[
            Skill(name="React", months=46, evidence=[Evidence(section="skills", text="React", start=5, end=10)]),
            Skill(name="Amazon EC2", months=46),
        ],
        total_experience_months=63,
        seniority="mid",
    )


def test_no_corrections_is_the_parse_itself() -> None:
    parsed = _parsed()

    assert apply_corrections(parsed, Corrections(), TODAY) is parsed


def test_each_correction_applies_and_the_parse_is_left_as_it_was() -> None:
    parsed = _parsed()
    kept = parsed.model_dump()
    corrections = Corrections(
        name="Lena M. Schmidt",
        skills_added=["GraphQL", "react"],
        skills_removed=["amazon ec2"],
        experience=[{"index": 1, "title": "Werkstudentin", "company": "N26", "start": "2021-01"}],  # type: ignore[list-item]
    )

    effective = apply_corrections(parsed, corrections, TODAY)

    assert parsed.model_dump() == kept
    assert effective.name == "Lena M. Schmidt" and effective.email == "lena@example.de"
    assert [s.name for s in effective.skills] == ["React", "GraphQL"], "a skill already held is not added twice"
    assert effective.skills[0].evidence == parsed.skills[0].evidence and effective.skills[1].evidence == []
    job = effective.experience[1]
    assert (job.title, job.company, job.start, job.end) == ("Werkstudentin", "N26", "2021-01", "2023-02")
    assert job.months == 26
    # 2021-01..2023-02 (26 months) and 2023-03..2026-12 (46 months) do not overlap.
    assert effective.total_experience_months == 26 + 46


def test_a_job_marked_current_loses_its_end_and_counts_to_today() -> None:
    corrections = Corrections(experience=[{"index": 1, "current": True}])  # type: ignore[list-item]

    job = apply_corrections(_parsed(), corrections, TODAY).experience[1]

    assert (job.current, job.end, job.months) == (True, None, (2026 * 12 + 11) - (2021 * 12 + 9) + 1)


def test_a_corrected_date_is_checked_against_the_parsed_one_it_keeps() -> None:
    late_start = Corrections(experience=[{"index": 1, "start": "2024-01"}])  # type: ignore[list-item]
    early_end = Corrections(experience=[{"index": 1, "end": "2020-01"}])  # type: ignore[list-item]
    now_current = Corrections(experience=[{"index": 1, "start": "2024-01", "current": True}])  # type: ignore[list-item]

    assert problems(_parsed(), late_start) == [
        {"field": "experience.0.start", "message": "end is before start (2023-02 < 2024-01)"}
    ]
    assert problems(_parsed(), early_end) == [
        {"field": "experience.0.end", "message": "end is before start (2020-01 < 2021-10)"}
    ]
    assert problems(_parsed(), now_current) == []


def test_problems_name_an_entry_or_a_skill_the_parse_does_not_have() -> None:
    corrections = Corrections(skills_removed=["Fortran"], experience=[{"index": 2, "title": "CTO"}])  # type: ignore[list-item]

    assert problems(_parsed(), corrections) == [
        {"field": "experience.0.index", "message": "the resume has 2 experience entries (0 to 1)"},
        {"field": "skills_removed.0", "message": "'Fortran' is not among the parsed skills"},
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"experience": [{"index": 0, "start": "2023-05", "end": "2022-01"}]},
        {"experience": [{"index": 0, "current": True, "end": "2022-01"}]},
        {"experience": [{"index": 0, "title": "A"}, {"index": 0, "company": "B"}]},
        {"skills_added": ["Go"], "skills_removed": ["GO"]},
        {"skills_added": [" "]},
        {"unknown": 1},
    ],
)
def test_corrections_that_contradict_themselves_are_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Corrections.model_validate(body)
