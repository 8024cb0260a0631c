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
        ("Java Developer | Pune | 2-4 Yrs", "mid"),  # years in a title are no level numeral
        ("Staff Nurse", "mid"),
        ("Staff Software Engineer", "lead"),
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
        # Software delivery with sprints is the work of IT project managers (O*NET lists Scrum Master there).
        ("Project Manager", "Lead software delivery with agile teams, Jira and sprint planning.", "15-1299.09"),
        (
            "Project Manager",
            "Coordinate scope, timelines, budgets, procurement and status reports for clients.",
            "13-1082.00",
        ),
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


SOFTWARE = (
    "Drive the delivery of cloud networking features across engineering teams: own the schedule, cross-team "
    "dependencies, release planning and the technical specs for our cloud services."
)
SOFTWARE_PRODUCT = (
    "Work with engineering, design and data science to define the roadmap for our cloud software platform, "
    "write specs, prioritise the backlog with developers and ship features to customers."
)
BUILDING = (
    "Manage construction projects for commercial buildings from pre-construction to handover: subcontractors, "
    "site safety, budgets, schedules and building permits."
)
OFFICE = (
    "Plan and coordinate projects across departments: scope, timelines, budgets, risks, procurement and status "
    "reports to stakeholders and clients."
)
OUTREACH = (
    "Oversee our youth outreach program: community partners, social workers, volunteers, participant "
    "eligibility and the program budget funded by city grants."
)
BRAND = (
    "Own the marketing strategy for our snack brand: pricing, positioning, market research, advertising "
    "campaigns and launches with retail partners."
)
MARKETING = "11-2021.00"  # O*NET 29.2 lists Product Manager, Technical and Digital Product Manager here only
IT_PROJECTS = "15-1299.09"
TECH_MANAGEMENT = {IT_PROJECTS, "11-3021.00", "11-9041.00"}  # IT projects, computer systems, engineering managers


@pytest.mark.parametrize(
    ("title", "description", "codes"),
    [
        ("Product Manager", SOFTWARE_PRODUCT, {MARKETING}),
        ("Senior Product Manager", BRAND, {MARKETING}),
        ("Technical Product Manager", SOFTWARE_PRODUCT, {MARKETING}),
        ("Principal Product Manager - AI", SOFTWARE_PRODUCT, {MARKETING}),
        ("Product Marketing Manager", BRAND, {MARKETING}),
        ("Marketing Manager", BRAND, {MARKETING}),  # the occupation's own name, not Advertising Managers
        ("Project Manager", OFFICE, {"13-1082.00"}),
        ("Project Manager", BUILDING, {"11-9021.00"}),
        ("Project Manager", SOFTWARE_PRODUCT, {IT_PROJECTS}),
        ("Senior Project Manager", OFFICE, {"13-1082.00"}),
        ("IT Project Manager", OFFICE, {IT_PROJECTS}),
        ("Software Project Manager", OFFICE, {IT_PROJECTS, "11-3021.00"}),  # O*NET lists it under both
        ("Construction Project Manager", OFFICE, {"11-9021.00"}),
        ("Project Coordinator", OFFICE, {"13-1082.00"}),
        ("Scrum Master", SOFTWARE_PRODUCT, {IT_PROJECTS}),
        ("Program Manager", SOFTWARE, TECH_MANAGEMENT),
        ("Program Manager II", SOFTWARE, TECH_MANAGEMENT),
        ("Technical Program Manager", SOFTWARE, TECH_MANAGEMENT),
        ("Senior Technical Program Manager, Azure", SOFTWARE, TECH_MANAGEMENT),
        ("Program Manager", OUTREACH, {"11-9151.00"}),
        ("Youth Program Manager", OUTREACH, {"11-9151.00"}),
        ("Software Engineer", SOFTWARE_PRODUCT, {"15-1252.00"}),
        ("Data Scientist", SOFTWARE_PRODUCT, {"15-2051.00"}),
    ],
)
def test_product_project_and_program_managers_land_on_their_occupations(
    title: str, description: str, codes: set[str]
) -> None:
    match = occupation_index().match(title, description)
    assert match is not None and match.code in codes, match
