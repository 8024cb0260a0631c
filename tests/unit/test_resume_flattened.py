"""Resumes that lost their line breaks (one long line) parse back to what the multi-line resume says.

Sources: the JSON Resume fixtures rendered through the generator (single column, two columns, DOCX) and the
experience styles of test_resume_styles.py. Each text is flattened by joining its lines with one space and, as
some producers and data sets do, with two spaces. Expected values come from the JSON data (generate.truth) and
from the person-readable rows of the styles table, never from the parser.

What one-space flattening loses, per field, is listed in SINGLE_SPACE_LOSSES with the reason; everything else
is asserted. With two spaces nothing is lost.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from hiring.parsing.documents import extract_document
from hiring.resume.model import ParsedResume
from hiring.resume.parser import parse_resume_text
from hiring.resume.resegment import is_flattened, resegment
from tests.fixtures.resumes.generate import fixture_names, load, render, truth
from tests.unit.test_resume_styles import HEAD, STYLES, TAIL, TODAY

LAYOUTS = ("single", "two_column", "docx")  # the sidebar puts the name mid-text once the columns are joined
SEPARATORS = {"one_space": " ", "two_spaces": "  "}
CASES = [(name, layout) for name in fixture_names() for layout in LAYOUTS]

# (fixture, layout) -> {job index: (fields lost, why)} when lines are joined with one space.
SINGLE_SPACE_LOSSES: dict[tuple[str, str], dict[int, tuple[set[str], str]]] = {
    **{
        ("lindqvist", layout): {
            0: (
                {"company", "title"},
                "'Engineering Manager, ML Platform Spotify, Stockholm': no cue where the title ends",
            )
        }
        for layout in LAYOUTS
    },
    ("lindqvist", "two_column"): {
        0: ({"company", "title"}, "as above"),
        1: ({"title"}, "a bullet without a full stop above a title, company and date line may wrap onto the title"),
        2: ({"title"}, "as for job 1"),
    },
    ("hendriks", "two_column"): {0: ({"company", "title"}, "'CEO/President Pied Piper': 'Piper' reads as a title")},
}
# Extra entries one-space flattening adds: (fixture, layout) -> why.
SINGLE_SPACE_EXTRA_JOBS = {
    ("hendriks", "docx"): "'Volunteer Teacher': a title-case 'Volunteer' heading before a title reads as the title",
}


@cache
def _text(name: str, layout: str) -> str:
    filename = "resume.docx" if layout == "docx" else "resume.pdf"
    return extract_document(render(name, layout), filename, 5_000_000, 10).text


def _flatten(text: str, separator: str) -> str:
    return separator.join(text.split("\n"))


@cache
def _parsed(name: str, layout: str, separator: str) -> ParsedResume:
    return parse_resume_text(_flatten(_text(name, layout), SEPARATORS[separator]))


def _jobs(parsed: ParsedResume) -> list[dict[str, Any]]:
    return [
        {"company": j.company, "title": j.title, "start": j.start, "end": j.end, "current": j.current}
        for j in parsed.experience
    ]


def _schools(parsed: ParsedResume) -> list[dict[str, Any]]:
    return [{"institution": e.institution, "degree": e.degree, "field": e.field} for e in parsed.education]


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
@pytest.mark.parametrize(("name", "layout"), CASES)
def test_flattened_fixture_keeps_name_email_phone(name: str, layout: str, separator: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout, separator)
    assert (parsed.name, parsed.email, parsed.phone) == (expected.name, expected.email, expected.phone)


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
@pytest.mark.parametrize(("name", "layout"), CASES)
def test_flattened_fixture_keeps_schools_and_degrees(name: str, layout: str, separator: str) -> None:
    expected, parsed = truth(load(name)), _parsed(name, layout, separator)
    assert _schools(parsed) == expected.schools


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_two_space_flattening_keeps_every_job(name: str, layout: str) -> None:
    assert _jobs(_parsed(name, layout, "two_spaces")) == truth(load(name)).jobs


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_one_space_flattening_keeps_jobs_but_the_listed_losses(name: str, layout: str) -> None:
    expected = truth(load(name)).jobs
    got = _jobs(_parsed(name, layout, "one_space"))
    if (name, layout) in SINGLE_SPACE_EXTRA_JOBS:
        assert len(got) == len(expected) + 1
        got = got[: len(expected)]
    assert len(got) == len(expected)
    losses = SINGLE_SPACE_LOSSES.get((name, layout), {})
    for n, (job, want) in enumerate(zip(got, expected, strict=True)):
        lost = losses.get(n, (set(), ""))[0]
        assert {k: v for k, v in job.items() if k not in lost} == {k: v for k, v in want.items() if k not in lost}
        for key in lost:  # a listed loss that stops happening should be taken off the list
            assert job[key] != want[key], f"{name}/{layout} job {n} {key} is no longer lost"


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
@pytest.mark.parametrize(("name", "layout"), CASES)
def test_evidence_offsets_index_the_text_as_given(name: str, layout: str, separator: str) -> None:
    """The stored text is the flattened text as given: every evidence span and snippet comes from it."""
    flat = _flatten(_text(name, layout), SEPARATORS[separator])
    parsed = _parsed(name, layout, separator)
    assert parsed.skills
    for skill in parsed.skills:
        for evidence in skill.evidence:
            assert flat[evidence.start : evidence.end] in evidence.text
            assert evidence.text in flat


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
@pytest.mark.parametrize(("name", "layout"), CASES)
def test_resegmenting_only_turns_whitespace_into_line_breaks(name: str, layout: str, separator: str) -> None:
    flat = _flatten(_text(name, layout), SEPARATORS[separator])
    cut = resegment(flat)
    assert is_flattened(flat) and len(cut) == len(flat) and cut.count("\n") > 20
    assert all(a == b or (a in " \t" and b == "\n") for a, b in zip(flat, cut, strict=True))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_text_with_its_line_breaks_is_left_alone(name: str, layout: str) -> None:
    text = _text(name, layout)
    assert not is_flattened(text) and resegment(text) is text


def test_a_flattened_parse_says_the_lines_were_restored() -> None:
    parsed = _parsed("raman", "single", "one_space")
    assert any("line breaks" in w for w in parsed.warnings)


# --- the experience styles ------------------------------------------------------------------------------


def _rows(text: str) -> list[tuple[Any, ...]]:
    parsed = parse_resume_text(text, today=TODAY)
    return [(j.company, j.title, j.location, j.start, j.end, j.current, j.months) for j in parsed.experience]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_experience_style_flattened_with_two_spaces(style: str) -> None:
    body, expected = STYLES[style]
    assert _rows(_flatten(HEAD + body + TAIL, "  ")) == expected


@pytest.mark.parametrize("style", sorted(STYLES))
def test_experience_style_flattened_with_one_space(style: str) -> None:
    """Company, title, dates and months; the location is asserted where the style sets it apart."""
    body, expected = STYLES[style]
    got = _rows(_flatten(HEAD + body + TAIL, " "))
    assert [(r[0], r[1], r[3], r[4], r[5], r[6]) for r in got] == [
        (r[0], r[1], r[3], r[4], r[5], r[6]) for r in expected
    ]


# --- a resume written flat, in title-case headings and mixed date forms -----------------------------------

FLAT = (
    "Maria Gonzalez Senior Backend Engineer maria.gonzalez@example.com +1 (415) 555-0142 San Francisco, CA "
    "github.com/mgonzalez Objective Backend engineer who keeps payment systems fast and correct. "
    "Work History Senior Backend Engineer | Stripe | Jan 2020 - Present • Led the ledger rewrite in Go and "
    "PostgreSQL. • Cut p99 latency by 40%. Backend Engineer, Square Inc. 03/2017 – 12/2019 - Built settlement "
    "services in Java. Software Developer | Intuit | 2015-2017 • Maintained tax forms in Python. "
    "Education Stanford University M.S. in Computer Science 2013 - 2015 University of Arizona "
    "B.S. in Mathematics 2009 - 2013 Technical Skills Go, Java, Python, PostgreSQL, Kafka, Kubernetes "
    "Certifications AWS Certified Solutions Architect (2021) Languages English, Spanish "
    "Awards Engineering Excellence Award 2022"
)


def test_a_resume_written_flat_parses_into_its_fields() -> None:
    parsed = parse_resume_text(FLAT, today=TODAY)
    assert (parsed.name, parsed.email, parsed.phone) == ("Maria Gonzalez", "maria.gonzalez@example.com",
                                                          "+1 (415) 555-0142")  # fmt: skip
    assert parsed.links.github == "github.com/mgonzalez"
    assert [(j.company, j.title, j.start, j.end, j.current) for j in parsed.experience] == [
        ("Stripe", "Senior Backend Engineer", "2020-01", None, True),
        ("Square Inc.", "Backend Engineer", "2017-03", "2019-12", False),
        ("Intuit", "Software Developer", "2015-01", "2017-01", False),
    ]
    assert [(e.institution, e.degree, e.field, e.level) for e in parsed.education] == [
        ("Stanford University", "M.S.", "Computer Science", "master"),
        ("University of Arizona", "B.S.", "Mathematics", "bachelor"),
    ]
    assert {"Go", "Java", "Python", "PostgreSQL", "Kubernetes"} <= {s.name for s in parsed.skills}
    assert parsed.languages == ["English", "Spanish"]
    assert parsed.certifications == ["AWS Certified Solutions Architect (2021)"]
    assert parsed.summary == "Backend engineer who keeps payment systems fast and correct."
