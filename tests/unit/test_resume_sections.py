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
