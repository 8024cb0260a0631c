"""A posting's blocks as people head them, and the skills each block asks for."""

from __future__ import annotations

import pytest

from hiring.analysis.job_analysis import analyze_job
from hiring.analysis.posting_sections import heading_kind, posting_text, split_sections

BODY = "5+ years with Python and Go.\nDocker, Kubernetes, SQL and Redis in production.\n\n- PostgreSQL tuning"


@pytest.mark.parametrize(
    "heading",
    [
        "Requirements:",
        "REQUIREMENTS",
        "## Requirements",
        "**What you'll bring**",
        "What you’ll bring",
        "What we're looking for:",
        "Must have:",
        "You have:",
        "About you",
        "Skills & Experience",
        "### Minimum Qualifications",
        "Qualifications",
        "The ideal candidate will have:",
    ],
)
def test_every_line_under_a_requirements_heading_is_required(heading: str) -> None:
    text = f"We build payments software for small shops.\n\n{heading}\n{BODY}\n\nBenefits:\n- Free Excel courses"
    analysis = analyze_job("Backend Engineer", text)
    assert {"Python", "Go", "Docker", "Kubernetes", "SQL", "Redis", "PostgreSQL"} <= set(analysis.required_skills)
    assert "Excel" not in analysis.required_skills + analysis.preferred_skills


@pytest.mark.parametrize(
    "heading",
    ["Nice to have:", "Bonus points", "**Pluses**", "Preferred Qualifications", "## Nice-to-haves", "A plus:"],
)
def test_every_line_under_a_nice_to_have_heading_is_preferred(heading: str) -> None:
    text = f"Requirements:\n- Python\n- Django\n\n{heading}\n- Terraform\n\nRust and GraphQL would help too.\n"
    analysis = analyze_job("Backend Engineer", text)
    assert {"Python", "Django"} <= set(analysis.required_skills)
    assert {"Terraform", "Rust", "GraphQL"} <= set(analysis.preferred_skills)


def test_a_requirement_heading_with_content_on_its_line_covers_the_paragraph_after_it() -> None:
    text = (
        "Requirements: Python and Go.\nDocker, Kubernetes, SQL and Redis in production.\n\nWhat we offer: Excel courses"
    )
    analysis = analyze_job("Backend Engineer", text)
    assert {"Python", "Go", "Docker", "Kubernetes", "SQL", "Redis"} <= set(analysis.required_skills)
    assert "Excel" not in analysis.required_skills + analysis.preferred_skills


def test_inside_the_requirements_a_sentence_that_calls_a_skill_a_plus_keeps_it_preferred() -> None:
    text = "Requirements:\n- Python and SQL\n- Experience with Kafka is a plus\n- Airflow preferred\n"
    analysis = analyze_job("Data Engineer", text)
    assert {"Python", "SQL"} <= set(analysis.required_skills)
    assert {"Kafka", "Airflow"} <= set(analysis.preferred_skills)


def test_duties_and_company_text_are_neither_required_nor_preferred_when_requirements_are_listed() -> None:
    text = (
        "About us\nWe are a Java and Salesforce shop.\n\nWhat you'll do\n- Build Terraform modules\n\n"
        "Requirements\n- Python\n- Docker\n"
    )
    analysis = analyze_job("Platform Engineer", text)
    assert set(analysis.required_skills) == {"Python", "Docker"}
    assert "Terraform" in analysis.context_skills
    assert not {"Java", "Salesforce", "Terraform"} & set(analysis.required_skills + analysis.preferred_skills)


def test_a_sentence_that_asks_counts_wherever_it_stands() -> None:
    text = "The role\nYou have strong experience with Kafka.\nYou will build Spark jobs.\n\nRequirements\n- Python\n"
    analysis = analyze_job("Data Engineer", text)
    assert {"Kafka", "Python"} <= set(analysis.required_skills)
    assert "Spark" in analysis.context_skills


def test_a_posting_flattened_to_one_line_keeps_its_headings() -> None:
    text = (
        "We build developer tools on Azure. Responsibilities Design services in C#. Qualifications Basic "
        "Qualifications: 5+ years of Java development. Preferred Qualifications: Experience with Kubernetes."
        " Contoso is an equal opportunity employer and offers Excel training."
    )
    analysis = analyze_job("Software Engineer", text)
    assert analysis.required_skills == ["Java"]
    assert analysis.preferred_skills == ["Kubernetes"]
    assert "Excel" not in analysis.context_skills


def test_html_headings_open_blocks() -> None:
    html = (
        "<p>We make logistics software.</p><h3>What you'll bring</h3><ul><li>TypeScript and React</li>"
        "<li>PostgreSQL</li></ul><p><strong>Nice to have</strong></p><ul><li>GraphQL</li></ul>"
        "<h3>Benefits</h3><p>Excel courses</p>"
    )
    assert posting_text(html).splitlines()[1] == "## What you'll bring"
    analysis = analyze_job("Frontend Engineer", html)
    assert {"TypeScript", "React", "PostgreSQL"} <= set(analysis.required_skills)
    assert analysis.preferred_skills == ["GraphQL"]


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Requirements", "required"),
        ("What we’re looking for", "required"),
        ("Preferred Qualifications", "preferred"),
        ("Responsibilities", "duties"),
        ("About the role", "duties"),
        ("About Contoso", "other"),
        ("Why join us?", "other"),
        ("Tech stack", None),
    ],
)
def test_heading_kinds(label: str, kind: str | None) -> None:
    assert heading_kind(label) == kind


def test_the_blocks_cover_the_text_end_to_end_in_order() -> None:
    text = "Intro line\nRequirements:\n- Python\nNice to have:\n- Go\nBenefits:\n- Lunch\n"
    sections = split_sections(text)
    assert [s.kind for s in sections] == ["intro", "required", "preferred", "other"]
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:], strict=False))


def test_an_equal_opportunity_statement_glued_to_the_last_requirement_leaves_that_requirement_whole() -> None:
    text = (
        "Qualifications Required qualifications: a degree in Computer Science and at least 1 year of Java OR "
        "3+ years of industry experience with Kotlin Contoso Cloud is an equal opportunity employer."
    )
    analysis = analyze_job("Software Engineer", text)
    assert {"Java", "Kotlin"} <= set(analysis.required_skills)
    assert (analysis.experience_min, analysis.experience_max) == (3, None)
    assert split_sections(text)[-1].kind == "other"
    assert text[split_sections(text)[-1].start :].startswith("Contoso Cloud is an equal")


def test_a_sub_heading_inside_the_requirements_keeps_them_required() -> None:
    text = (
        "Requirements:\n- 3+ years of backend development\n\nLanguages:\n- Python, Go\n\nTools:\n- Docker\n\n"
        "Nice to have:\nDatabases:\n- Cassandra\n\nHow to apply:\nSend us your Excel sheet of projects."
    )
    analysis = analyze_job("Backend Engineer", text)
    assert {"Python", "Go", "Docker"} <= set(analysis.required_skills)
    assert analysis.preferred_skills == ["Cassandra"]
    assert "Excel" not in analysis.required_skills + analysis.preferred_skills + analysis.context_skills


def test_a_flattened_list_item_without_its_full_stop_does_not_lend_its_wording_to_the_item_before() -> None:
    text = (
        "Qualifications Required: 7+ years of development experience with C# and SQL "
        "To be the preferred candidate, you will have shipped React apps."
    )
    analysis = analyze_job("Software Engineer", text)
    assert {"C#", "SQL"} <= set(analysis.required_skills)
    assert "React" in analysis.preferred_skills
