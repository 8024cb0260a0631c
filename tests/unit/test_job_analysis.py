"""Job description analysis: required vs preferred, the facts of the posting, and its quality score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hiring.analysis.job_analysis import analyze_job
from hiring.cli import main as cli_main

POSTING = """We build the data platform behind our payments product and are hiring a data engineer.

Responsibilities:
- Design and run batch and streaming pipelines on AWS.
- Work with analysts on data models.

Requirements:
- 5+ years of experience with Python and SQL
- Hands-on Spark and Airflow
- Bachelor's degree in Computer Science or a related field

Nice to have: Kubernetes, Terraform
Experience with Scala is a plus.

Salary: $150K - $180K. Full-time, hybrid (2 days a week in our Seattle office).
"""


def test_required_and_preferred_skills_follow_the_postings_cues() -> None:
    analysis = analyze_job("Senior Data Engineer", POSTING, location="Seattle, WA")
    assert {"Python", "SQL", "Spark", "Airflow"} <= set(analysis.required_skills)
    assert {"Kubernetes", "Terraform", "Scala"} <= set(analysis.preferred_skills)
    assert not set(analysis.required_skills) & set(analysis.preferred_skills)
    # The duties say what the team runs (AWS), which is not asked of the candidate when requirements are listed.
    assert "AWS" in analysis.context_skills
    assert "AWS" not in analysis.required_skills + analysis.preferred_skills


def test_the_facts_of_the_posting() -> None:
    analysis = analyze_job("Senior Data Engineer", POSTING, location="Seattle, WA")
    assert (analysis.experience_min, analysis.experience_max) == (5, None)
    assert analysis.education_level == "bachelor"
    assert analysis.work_arrangement == "hybrid"
    assert analysis.employment_type == "full-time"
    assert analysis.seniority == "senior"
    assert analysis.salary is not None and (analysis.salary["min"], analysis.salary["max"]) == (150_000, 180_000)
    assert analysis.location is not None and analysis.location["city"] == "Seattle"
    assert analysis.occupation is not None


def test_a_complete_posting_scores_high_and_a_thin_one_low_with_reasons() -> None:
    good = analyze_job("Senior Data Engineer", POSTING, location="Seattle, WA")
    thin = analyze_job("Rockstar Ninja Developer", "Join our young team. Competitive pay.", salary_text="Competitive")
    assert good.quality_score >= 85
    assert thin.quality_score < 50
    flags = " | ".join(thin.red_flags)
    for expected in ("no salary range", "no location or work arrangement", "vague requirements", "exclusionary"):
        assert expected in flags
    assert thin.suggestions


def test_years_out_of_line_with_the_level_are_flagged() -> None:
    text = POSTING.replace("5+ years", "8+ years")
    analysis = analyze_job("Junior Data Engineer", text, location="Seattle, WA")
    assert analysis.seniority == "entry"
    assert any("8+ years asked for a entry-level title" in flag for flag in analysis.red_flags)


def test_benefits_and_eeo_text_add_no_requirements() -> None:
    text = "Requirements:\n- Python\n\nBenefits:\n- Free Excel training and a Kubernetes conference budget\n"
    analysis = analyze_job("Python Developer", text)
    assert analysis.required_skills == ["Python"]
    assert "Kubernetes" not in analysis.preferred_skills


def test_analysis_is_deterministic() -> None:
    first = analyze_job("Senior Data Engineer", POSTING, location="Seattle, WA").as_dict()
    assert analyze_job("Senior Data Engineer", POSTING, location="Seattle, WA").as_dict() == first


@pytest.mark.parametrize(
    ("first_line", "description", "title", "source"),
    [
        ("We are looking for a Senior Backend Engineer to join our platform team.", "", "Senior Backend Engineer",
         "sentence"),
        ("We're hiring a full-stack developer who loves TypeScript.", "", "Full-Stack Developer", "sentence"),
        ("Acme Health seeks an experienced Registered Nurse for our ICU.", "", "Registered Nurse", "sentence"),
        ("Join us as a Product Manager and shape our roadmap!", "", "Product Manager", "sentence"),
        ("Barista wanted for busy downtown cafe", "", "Barista", "sentence"),
        ("We’re hiring: Senior iOS Engineer (Swift)", "", "Senior iOS Engineer", "sentence"),
        ("We are looking for a highly motivated, detail-oriented Payroll Specialist with 3+ years of experience.",
         "", "Payroll Specialist", "sentence"),
        ("Our client, a leading bank, is currently recruiting for a Compliance Officer based in London.", "",
         "Compliance Officer", "sentence"),
        ("We have an exciting opportunity for a Graduate Civil Engineer to join our team.", "",
         "Graduate Civil Engineer", "sentence"),
        ("We are a fast-growing fintech company building the future of payments.",
         "Position: Data Analyst\nWe are looking for a Senior Backend Engineer.", "Data Analyst", "labelled"),
        ("We are a fast-growing fintech company building the future of payments.",
         "We are looking for a Senior Backend Engineer (Go) to join us.", "Senior Backend Engineer", "sentence"),
        ("Senior Data Engineer", "We are looking for a Python developer.", "Senior Data Engineer", "given"),
        ("Software Engineer II", "", "Software Engineer II", "given"),
    ],
)  # fmt: skip
def test_a_plain_text_postings_title_is_its_title_line_or_the_role_its_first_sentence_names(
    first_line: str, description: str, title: str, source: str
) -> None:
    analysis = analyze_job(first_line, description or "Requirements:\n- 3+ years of relevant experience")
    assert (analysis.title, analysis.title_source) == (title, source)


def test_the_role_named_in_a_first_sentence_gets_its_occupation_and_the_sentence_its_skills() -> None:
    analysis = analyze_job(
        "We are looking for a Senior Backend Engineer with Go experience to join our payments team.",
        "You will build APIs.\n\nRequirements:\n- 4+ years of experience with PostgreSQL",
    )
    assert analysis.title == "Senior Backend Engineer" and analysis.seniority == "senior"
    assert analysis.occupation is not None and analysis.occupation["code"].startswith("15-")
    assert {"Go", "PostgreSQL"} <= set(analysis.required_skills)


def test_the_cli_reads_a_plain_text_posting_whose_first_line_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a plain-text posting that opens with a long sentence instead of a title line
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "We are looking for a Senior Backend Engineer to join our payments team in Toronto and help us scale a "
        "platform used by millions of customers across Canada every single day.\n"
        "Requirements:\n- 4+ years of Python or Go\n- Docker, Kubernetes, SQL and Redis\nNice to have: Kafka\n"
        "Salary: CAD $90,000 – $110,000 per year\n",
        encoding="utf-8",
    )
    # When it is analysed from the command line
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["jobs", "analyze", str(posting), "--json"])
    analysis = json.loads(capsys.readouterr().out)
    # Then the title is the role the sentence names and the requirements are read whole
    assert exit_info.value.code in (0, None)
    assert analysis["title"] == "Senior Backend Engineer"
    assert {"Docker", "Kubernetes", "SQL", "Redis", "Python"} <= set(analysis["required_skills"])
    assert analysis["preferred_skills"] == ["Kafka"]
    assert analysis["experience_min"] == 4
    assert (analysis["salary"]["currency"], analysis["salary"]["min"]) == ("CAD", 90000.0)
