"""Sections found by their headings in any common wording and order."""

from __future__ import annotations

import pytest

from hiring.resume.sections import heading_kind, split_sections


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History", "experience"),
        ("Employment", "experience"),
        ("Professional Experience:", "experience"),
        ("E X P E R I E N C E".replace(" ", ""), "experience"),
        ("Education & Training", "education"),
        ("Academic Background", "education"),
        ("Technical Skills", "skills"),
        ("Core Competencies", "skills"),
        ("Projects", "projects"),
        ("Licenses & Certifications", "certifications"),
        ("Career Objective", "summary"),
        ("Professional Summary", "summary"),
        ("Languages", "languages"),
        ("Honors and Awards", "awards"),
        ("## Skills ##", "skills"),
    ],
)
def test_headings_in_common_wordings(line: str, kind: str) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Built the education platform used by 2 million students.",
        "Experience with Python and SQL in production systems at scale",
        "Senior Software Engineer",
        "Jan 2020 - Present",
    ],
)
def test_sentences_and_headers_are_not_headings(line: str) -> None:
    assert heading_kind(line) is None


def test_sections_in_any_order_with_header_first() -> None:
    text = "Jane Roe\njane@example.org\nSKILLS\nPython\nEDUCATION\nMIT\nWORK HISTORY\nAcme 2019-2020"
    sections = split_sections(text)
    assert [s.name for s in sections] == ["header", "skills", "education", "experience"]
    assert text[sections[1].start : sections[1].end].strip() == "Python"


def test_an_inline_heading_keeps_its_content() -> None:
    sections = split_sections("Jane Roe\nSkills: Python, Go, SQL\nLanguages: English, French")
    skills = next(s for s in sections if s.name == "skills")
    assert (
        "Python, Go, SQL" in "Jane Roe\nSkills: Python, Go, SQL\nLanguages: English, French"[skills.start : skills.end]
    )
    assert [s.name for s in sections][-1] == "languages"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Career Experience / Job History", "experience"),
        ("Previous Employment", "experience"),
        ("PRIOR EXPERIENCE", "experience"),
        ("Employment Highlights", "experience"),
        ("Highlights of Employment", "experience"),
        ("History of Employment:", "experience"),
        ("Summary of Skills", "skills"),
        ("Academic Appointments", "experience"),
        ("Positions", "experience"),
    ],
)
def test_experience_headings_with_modifiers_inversions_and_slashes(line: str, kind: str) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("E X P E R I E N C E", "experience"),
        ("Edu c ati on", "education"),
        ("W ORK H ISTORY", "experience"),
        ("Ke y S ki ll s", "skills"),
    ],
)
def test_letter_spaced_headings_from_pdf_extraction(line: str, kind: str) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize("line", ["Bachelor of Science", "Head of Engineering", "J R Smith", "Previous employer"])
def test_modifier_and_inversion_rules_leave_other_lines_alone(line: str) -> None:
    assert heading_kind(line) is None


@pytest.mark.parametrize(
    "label_line",
    ["Tech stack: Go, Kafka, Postgres", "Technologies: React, TypeScript", "Tools:", "Environment: Linux, AWS"],
)
def test_a_stack_line_inside_a_job_stays_part_of_the_job(label_line: str) -> None:
    text = (
        "Ana Ortiz\nWork Experience\nBackend Engineer, Lumen Freight  2019 - 2022\n"
        f"{label_line}\nRebuilt the routing service.\nEducation\nBSc Physics"
    )
    sections = split_sections(text)
    experience = next(s for s in sections if s.name == "experience")
    assert [s.name for s in sections] == ["header", "experience", "education"]
    assert "Rebuilt the routing service." in text[experience.start : experience.end]


def test_a_programming_language_line_inside_a_project_stays_in_the_project() -> None:
    text = "Projects\nRoute planner\nLanguages: Rust, Python\nCut planning time by half."
    assert [s.name for s in split_sections(text)] == ["projects"]


def test_sections_after_the_jobs_still_open_with_an_inline_label() -> None:
    text = "Experience\nAnalyst, Corvid Bank 2018 - 2020\nSkills: Excel, SQL\nLanguages: English, Portuguese"
    assert [s.name for s in split_sections(text)] == ["experience", "skills", "languages"]
