"""The rule-based parser on resume texts of many shapes: contact, entries, evidence, confidence."""

from __future__ import annotations

from datetime import date

import pytest

from hiring.resume.jsonresume import from_json_resume, to_json_resume
from hiring.resume.parser import parse_resume_text, review_reason

TODAY = date(2025, 6, 15)

RESUME = """JOHN A. SMITH
San Francisco, CA | (415) 555-0134 | john.smith@example.com | linkedin.com/in/johnsmith | github.com/jsmith

PROFESSIONAL SUMMARY
Backend engineer building distributed systems.

WORK HISTORY
Senior Software Engineer    Jan 2020 - Present
Stripe, Inc., San Francisco, CA
• Built payment APIs in Python and PostgreSQL on AWS.
• Led the migration to Kubernetes.

Software Engineer | Dropbox | 03/2016 – 12/2019
- Wrote sync services in Python.

Intern, Google
Summer 2015
- Worked on Java tooling.

EDUCATION
Stanford University
M.S. in Computer Science, 2014 - 2016
University of California, Berkeley — B.S. Electrical Engineering, GPA 3.8/4.0, 2010-2014

SKILLS
Python, Java, PostgreSQL, AWS, Kubernetes, Docker

LANGUAGES
English (Native), Spanish (Professional)
"""


@pytest.fixture(scope="module")
def parsed():  # type: ignore[no-untyped-def]
    return parse_resume_text(RESUME, today=TODAY)


def test_contact(parsed) -> None:  # type: ignore[no-untyped-def]
    assert (parsed.name, parsed.email, parsed.phone) == ("JOHN A. SMITH", "john.smith@example.com", "(415) 555-0134")
    assert parsed.location == "San Francisco, CA"
    assert parsed.links.linkedin == "linkedin.com/in/johnsmith"
    assert parsed.links.github == "github.com/jsmith"


def test_jobs_in_three_header_shapes(parsed) -> None:  # type: ignore[no-untyped-def]
    got = [(j.company, j.title, j.start, j.end, j.current) for j in parsed.experience]
    assert got == [
        ("Stripe, Inc.", "Senior Software Engineer", "2020-01", None, True),
        ("Dropbox", "Software Engineer", "2016-03", "2019-12", False),
        ("Google", "Intern", "2015-06", "2015-08", False),
    ]
    assert parsed.experience[0].location == "San Francisco, CA"
    assert parsed.experience[1].months == 46
    assert "Kubernetes" in parsed.experience[0].description


def test_total_experience_and_seniority(parsed) -> None:  # type: ignore[no-untyped-def]
    assert parsed.total_experience_months == 66 + 46 + 3
    assert parsed.seniority == "senior"


def test_education_with_level_field_and_gpa(parsed) -> None:  # type: ignore[no-untyped-def]
    got = [(e.institution, e.degree, e.level, e.field, e.gpa) for e in parsed.education]
    assert got == [
        ("Stanford University", "M.S.", "master", "Computer Science", None),
        ("University of California, Berkeley", "B.S.", "bachelor", "Electrical Engineering", 3.8),
    ]


def test_skills_carry_evidence_with_offsets_and_months(parsed) -> None:  # type: ignore[no-untyped-def]
    skills = {s.name: s for s in parsed.skills}
    python = skills["Python"]
    assert {e.section for e in python.evidence} == {"experience", "skills"}
    for evidence in python.evidence:
        assert RESUME[evidence.start : evidence.end].lower() == "python"
        assert RESUME[evidence.start : evidence.end] in evidence.text
    assert python.months == 66 + 46  # the Stripe and Dropbox jobs mention it
    assert skills["Java"].months == 3
    assert skills["Docker"].months == 0  # listed, never used in a dated job


def test_languages_are_spoken_languages(parsed) -> None:  # type: ignore[no-untyped-def]
    assert parsed.languages == ["English (Native)", "Spanish (Professional)"]


def test_a_confident_parse_needs_no_review(parsed) -> None:  # type: ignore[no-untyped-def]
    assert parsed.confidence >= 0.8
    assert review_reason(parsed) is None


def test_text_with_no_name_and_no_sections_is_low_confidence() -> None:
    parsed = parse_resume_text("please find attached my documents for the role, thank you very much", today=TODAY)
    assert parsed.name is None and parsed.experience == []
    assert parsed.confidence < 0.5
    reason = review_reason(parsed)
    assert reason is not None and "no name found" in reason


def test_a_junior_title_keeps_seniority_entry() -> None:
    parsed = parse_resume_text(
        "Ana Li\nana@example.org\nEXPERIENCE\nJunior Developer | Acme Corp | Jan 2024 - Dec 2024\n", today=TODAY
    )
    assert parsed.seniority == "entry"
    assert parsed.experience[0].months == 12


def test_dates_on_the_line_after_a_dash_across_lines() -> None:
    text = "Mia Wong\nmia@example.org\nEXPERIENCE\nData Analyst\nNorthwind Traders\n2017 –\nPresent\n• SQL reports\n"
    (job,) = parse_resume_text(text, today=TODAY).experience
    assert (job.title, job.company, job.start, job.current) == ("Data Analyst", "Northwind Traders", "2017-01", True)


def test_employer_names_are_not_skills() -> None:
    text = "Ann Bell\nann@example.org\nEXPERIENCE\nEngineer | Docker | 2019 - 2021\n• Built images\n"
    parsed = parse_resume_text(text, today=TODAY)
    assert parsed.experience[0].company == "Docker"
    assert "Docker" not in {s.name for s in parsed.skills}


def test_json_resume_round_trip_keeps_the_fields(parsed) -> None:  # type: ignore[no-untyped-def]
    exported = to_json_resume(parsed)
    assert exported["basics"]["email"] == "john.smith@example.com"
    assert [w["startDate"] for w in exported["work"]] == ["2020-01", "2016-03", "2015-06"]
    assert "endDate" not in exported["work"][0]  # current
    text, imported = from_json_resume(exported, today=TODAY)
    assert [(j.company, j.title, j.start, j.end) for j in imported.experience] == [
        (j.company, j.title, j.start, j.end) for j in parsed.experience
    ]
    assert imported.total_experience_months == parsed.total_experience_months
    python = next(s for s in imported.skills if s.name == "Python")
    assert all(text[e.start : e.end].lower() == "python" for e in python.evidence)
    assert python.months > 0


def test_a_json_resume_without_a_name_is_refused() -> None:
    with pytest.raises(ValueError, match="basics.name"):
        from_json_resume({"basics": {"email": "x@example.org"}})


def test_a_technologies_line_inside_a_job_lists_skills_the_taxonomy_does_not_know() -> None:
    text = (
        "Dana Whitfield\ndana@example.org\n\nExperience\n"
        "Integration Engineer, Harbour Freight Systems\nJan 2020 - Present\n"
        "Built message flows between warehouse systems.\nTechnologies: Zorbflow, Kafka\n\n"
        "Education\nBSc Computer Science, 2015\n"
    )
    parsed = parse_resume_text(text, today=date(2025, 6, 1))
    skills = {s.name: s for s in parsed.skills}
    assert "Zorbflow" in skills and "Kafka" in skills  # an unknown term on the label line counts, as in a skills list
    assert skills["Zorbflow"].evidence[0].section == "experience" and skills["Zorbflow"].months > 0
    assert [job.title for job in parsed.experience] == ["Integration Engineer"]  # the label line did not end the job
