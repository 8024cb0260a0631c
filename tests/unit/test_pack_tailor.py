"""The tailored resume: every line traces to a source line (exact, or a prefix for a shortened bullet), the
posting's skills come first, nothing is added, and the PDF/DOCX hold exactly the JSON Resume's text."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hiring.analysis.job_analysis import analyze_job
from hiring.packs.render import HEADINGS, blocks, render_docx, render_pdf
from hiring.packs.tailor import JobNeeds, Tailored, shorten, source_lines, tailor
from hiring.resume.jsonresume import from_json_resume
from hiring.resume.model import Experience, ParsedResume, Skill

RESUMES = Path(__file__).parents[1] / "fixtures" / "resumes"
NAMES = ["hendriks", "lindqvist", "okafor", "raman"]
POSTING = (
    "We are hiring a Data Engineer.\n\nRequirements:\n- 3+ years with Python and SQL\n- Experience with Kafka and "
    "Airflow\n- Kubernetes\n\nNice to have:\n- Spark, React, TypeScript\n"
)


def _profile(name: str) -> ParsedResume:
    return from_json_resume(json.loads((RESUMES / f"{name}.resume.json").read_text()))[1]


def _needs() -> JobNeeds:
    analysis = analyze_job("Data Engineer", POSTING)
    return JobNeeds(analysis.title, tuple(analysis.required_skills), tuple(analysis.preferred_skills))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("$schema", "meta", "network") for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def packs() -> dict[str, tuple[ParsedResume, Tailored]]:
    needs = _needs()
    return {name: (_profile(name), tailor(_profile(name), needs)) for name in NAMES}


def test_the_posting_has_required_and_preferred_skills() -> None:
    needs = _needs()
    assert {"Python", "Kafka", "Airflow"} <= set(needs.required)
    assert {"Spark", "React"} <= set(needs.preferred)


@pytest.mark.parametrize("name", NAMES)
def test_every_line_is_its_source_line_or_a_prefix_of_it(
    packs: dict[str, tuple[ParsedResume, Tailored]], name: str
) -> None:
    profile, pack = packs[name]
    sources = source_lines(profile)
    assert pack.lines
    for line in pack.lines:
        source = sources[line.source]
        if line.shortened:
            assert source.startswith(line.text) and len(line.text) < len(source), line
        else:
            assert line.text == source, line


@pytest.mark.parametrize("name", NAMES)
def test_no_source_line_is_used_twice_and_every_string_of_the_json_resume_is_a_line(
    packs: dict[str, tuple[ParsedResume, Tailored]], name: str
) -> None:
    _, pack = packs[name]
    refs = [line.source for line in pack.lines]
    assert len(refs) == len(set(refs))
    texts = {line.text for line in pack.lines}
    summary = "\n".join(line.text for line in pack.lines if line.section == "summary")
    for value in _strings(pack.json_resume):
        assert value in texts or value == summary or value == "", value


def test_required_skills_with_evidence_lead_the_skills_and_relevant_bullets_lead_each_job(
    packs: dict[str, tuple[ParsedResume, Tailored]],
) -> None:
    profile, pack = packs["raman"]
    needs = _needs()
    skills = [line.text for line in pack.lines if line.section == "skills"]
    kinds = [needs.kind(s) for s in skills]
    required = [i for i, k in enumerate(kinds) if k == "required"]
    others = [i for i, k in enumerate(kinds) if k is None]
    assert required and others and max(required) < min(others)
    assert sorted(skills) == sorted(s.name for s in profile.skills)  # reordered, none added or lost
    for entry in {line.entry for line in pack.lines if line.section == "experience"}:
        bullets = [line for line in pack.lines if line.section == "experience" and line.entry == entry
                   and line.role == "bullet"]  # fmt: skip
        flags = [bool(b.skills) for b in bullets]
        assert flags == sorted(flags, reverse=True)  # relevant (naming the posting's skills) first


def test_irrelevant_bullets_are_shortened_to_a_first_clause_and_at_most_two_kept() -> None:
    bullets = [
        "Built Kafka consumers in Python for the billing ledger",
        "Organised the team offsite, booked venues, and ran the budget for three years",
        "Mentored interns on code review",
        "Led the office recycling drive, which cut waste by half",
    ]
    profile = ParsedResume(
        name="Ada Example",
        experience=[Experience(company="Acme", title="Engineer", description="\n".join(bullets))],
        skills=[Skill(name="Python"), Skill(name="Kafka")],
    )
    pack = tailor(profile, JobNeeds("Data Engineer", ("Python", "Kafka"), ()))
    got = [(line.text, line.shortened) for line in pack.lines if line.role == "bullet"]
    assert got == [
        (bullets[0], False),
        ("Organised the team offsite", True),
        (bullets[2], False),
    ]
    assert shorten(bullets[3]) == "Led the office recycling drive"


def test_a_job_without_the_posting_skills_keeps_its_own_words() -> None:
    profile = _profile("hendriks")
    pack = tailor(profile, _needs())
    sources = source_lines(profile)
    assert all(sources[line.source].startswith(line.text) for line in pack.lines)
    assert not any(line.skills for line in pack.lines if line.section == "experience")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _expected(pack: Tailored) -> str:
    return _normal(" ".join(text for _, text in blocks(pack.lines)))


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_holds_the_tailored_lines_in_order_and_nothing_else(
    packs: dict[str, tuple[ParsedResume, Tailored]], name: str
) -> None:
    import pymupdf

    _, pack = packs[name]
    with pymupdf.open(stream=render_pdf(pack.lines), filetype="pdf") as doc:
        text = " ".join(page.get_text() for page in doc)
    assert _normal(text) == _expected(pack)
    for value in _strings(pack.json_resume):
        assert _normal(value) in _normal(text), value


@pytest.mark.parametrize("name", NAMES)
def test_the_docx_holds_the_tailored_lines_in_order_and_nothing_else(
    packs: dict[str, tuple[ParsedResume, Tailored]], name: str
) -> None:
    import docx

    _, pack = packs[name]
    document = docx.Document(io.BytesIO(render_docx(pack.lines)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs == [text for _, text in blocks(pack.lines)]
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert set(headings) <= set(HEADINGS.values()) and headings
    for value in _strings(pack.json_resume):
        for part in value.split("\n"):
            assert part in paragraphs or part == "", part


def test_the_pdf_draws_names_and_lines_in_other_scripts_and_wraps_unspaced_text_on_the_page() -> None:
    """Polish, Turkish, Danish, Cyrillic and Greek in the Latin font, Chinese and Japanese in the CJK fallback
    (each glyph drawn, not a blank box), and an unspaced CJK line longer than the page broken between characters."""
    import pymupdf

    from hiring.packs.tailor import PackLine

    texts = ["Łukasz Żółć-Kowalski", "Ahmet Yılmaz, İstanbul", "Søren Müller-Çelik", "Иван Петров", "Γιώργος Παπάς",
             "张伟 高级软件工程师", "数据平台の設計と運用" * 12]  # fmt: skip
    lines = [PackLine(section="experience", role="bullet", text=text, source=f"x[{i}]") for i, text in enumerate(texts)]
    with pymupdf.open(stream=render_pdf(lines), filetype="pdf") as doc:
        page = doc[0]
        text = page.get_text()
        spans = [s for block in page.get_text("dict")["blocks"] for line in block["lines"] for s in line["spans"]]
        right_edge = max(s["bbox"][2] for s in spans)
        fonts = {s["text"]: s["font"] for s in spans}
    for value in texts[:-1]:
        assert value in text, value
    assert "".join(text.split()).count("数据平台の設計と運用") == 12  # all of the long line, over several rows
    assert right_edge <= pymupdf.paper_rect("a4").width - 40  # within the right margin
    assert "Droid" in fonts["张伟 高级软件工程师"] and "Droid" not in fonts["Łukasz Żółć-Kowalski"]
    for value in texts[:5]:
        font = pymupdf.Font("helv")
        assert all(ch.isspace() or font.has_glyph(ord(ch)) for ch in value), value  # drawn, not boxes
