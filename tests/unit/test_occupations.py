"""Titles to O*NET occupations (the shipped index) and to seniority levels."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hiring.analysis.occupations import build_occupation_index, normalize_title, occupation_index, seniority_of

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "taxonomy"


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Senior Software Engineer", "Software Developers"),
        ("Sr. Data Scientist", "Data Scientists"),
        ("Registered Nurse - ICU", "Registered Nurses"),
        ("Truck Driver (CDL-A)", "Heavy and Tractor-Trailer Truck Drivers"),
        ("Junior Accountant", "Accountants and Auditors"),
        ("Frontend Developer (React)", "Web Developers"),
        ("Quantum SDE", "Software Developers"),  # modifiers before a known occupation
    ],
)
def test_titles_map_to_occupations(title: str, occupation: str) -> None:
    match = occupation_index().match(title)
    assert match is not None and match.title == occupation


def test_a_misspelt_title_is_matched_fuzzily_to_the_right_occupation() -> None:
    typo, right = occupation_index().match("Senior Programm Manager"), occupation_index().match("Program Manager")
    assert typo is not None and right is not None
    assert (typo.method, typo.code) == ("fuzzy", right.code)


def test_an_ambiguous_title_is_settled_by_the_description() -> None:
    index = occupation_index()
    hardware = index.match("Firmware Engineer", "embedded systems hardware network design computer architecture")
    assert hardware is not None and hardware.title == "Computer Systems Engineers/Architects"


def test_nonsense_titles_match_nothing() -> None:
    assert occupation_index().match("Xyzzy Plugh") is None
    assert occupation_index().match("Senior II") is None


def test_normalize_title_drops_levels_and_qualifiers() -> None:
    assert normalize_title("Sr. SWE II - Payments Team (Remote)") == "software engineer"


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineer Intern", "entry"),
        ("Junior Accountant", "entry"),
        ("Software Engineer II", "mid"),
        ("Program Manager 2", "mid"),
        ("Sr. Software Engineer - SRE", "senior"),
        ("Senior Program Manager", "senior"),
        ("Principal Data Scientist", "lead"),
        ("Engineering Manager", "lead"),
        ("VP of Sales", "executive"),
        ("Director of Nursing", "executive"),
    ],
)
def test_seniority_from_title(title: str, level: str) -> None:
    assert seniority_of(title) == level


def test_without_level_words_the_years_decide() -> None:
    assert [seniority_of("Accountant", y) for y in (0, 3, 8)] == ["entry", "mid", "senior"]


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the O*NET source files sit beside the repository")
def test_the_build_is_deterministic_and_matches_the_shipped_index(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    build_occupation_index(SOURCE, first)
    build_occupation_index(SOURCE, second)
    assert first.read_bytes() == second.read_bytes()
    shipped = Path(__file__).resolve().parents[2] / "shared/hiring/analysis/data/occupations.json.gz"
    assert json.loads(gzip.decompress(first.read_bytes())) == json.loads(gzip.decompress(shipped.read_bytes()))


@pytest.mark.parametrize(
    ("title", "description", "code"),
    [
        ("Data Engineer", "Build ETL pipelines with Spark and Airflow into our data warehouse.", "15-1243.00"),
        ("Project Manager", "Manage construction projects, budgets and subcontractors on site.", "11-9021.00"),
        ("Project Manager", "Lead software delivery with agile teams, Jira and sprint planning.", "13-1082.00"),
    ],
)
def test_a_title_listed_under_several_occupations_goes_where_its_description_points(
    title: str, description: str, code: str
) -> None:
    # every candidate lists the title itself: "data" being common in Data Scientists' titles must not decide
    match = occupation_index().match(title, description)
    assert match is not None and match.code == code, match


def test_a_resume_title_stands_for_every_occupation_that_lists_it() -> None:
    index = occupation_index()
    codes = index.codes("Data Engineer")
    assert {"15-1243.00", "15-2051.00"} <= set(codes)  # Database Architects and Data Scientists both list it
    job = index.match("Data Engineer", "Build ETL pipelines with Spark and Airflow into our data warehouse.")
    assert job is not None and job.code in codes  # so a data engineer's resume is the same occupation as the job
    assert index.codes("Xyzzy Plugh") == ()
