"""Board responses become neutral postings: plain-text descriptions, structured hints, one bad post left out."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hiring.analysis.salary import parse_salary
from hiring.boards.greenhouse import greenhouse_postings
from hiring.boards.lever import lever_postings
from hiring.boards.postings import BoardPayloadError, BoardPosting
from hiring.html_text import escaped_html_to_text, html_to_text
from tests.fixtures.boards import GREENHOUSE_JOBS, GREENHOUSE_LIVE_FIELDS, LEVER_POSTINGS, load


def _greenhouse(payload: Any = None) -> dict[str, BoardPosting]:
    mapped = greenhouse_postings(payload if payload is not None else load(GREENHOUSE_JOBS), "Northwind Logistics")
    return {posting["external_id"]: posting for posting in mapped.postings}


def _lever(payload: Any = None) -> dict[str, BoardPosting]:
    mapped = lever_postings(payload if payload is not None else load(LEVER_POSTINGS), "BrightPath")
    return {posting["external_id"]: posting for posting in mapped.postings}


BACKEND, ANALYST, DESIGNER, PROSPECT, WAREHOUSE = "4871203008", "4871559008", "4872004008", "4799001008", "4873118008"
PLATFORM, SUPPORT, CONTRACT, INTERN, BERLIN = (
    "0b6f2c1e-6a0d-4c7e-9d0e-2f4a8c1b7e31",
    "7d3a9e55-1c2b-4f0a-8e6d-5b9c0a2f4d18",
    "c41e7f02-9b8d-47a6-b3f1-0e2d6a5c8b90",
    "e8a2b6d4-3f71-4c09-a5e2-7b1d9f0c6a43",
    "5f0d3c7a-8e1b-4a62-9c4d-1a7e3b5f9d26",
)


# Greenhouse


def test_every_greenhouse_post_becomes_a_posting_with_exactly_the_neutral_fields() -> None:
    postings = _greenhouse()

    assert list(postings) == [BACKEND, ANALYST, DESIGNER, PROSPECT, WAREHOUSE]
    for posting in postings.values():
        assert set(posting) == set(BoardPosting.__annotations__)
        assert posting["platform"] == "greenhouse"
        assert posting["company"] == "Northwind Logistics"


def test_greenhouse_escaped_html_becomes_plain_lines_with_bullets() -> None:
    description = _greenhouse()[BACKEND]["description"]

    lines = description.splitlines()
    assert lines[:3] == [
        "About Northwind Logistics",
        "We move 40% of the East Coast\u2019s fresh produce & we\u2019re rebuilding routing from scratch.",
        "What you\u2019ll do",
    ]
    assert "- Mentor two mid-level engineers and review their designs" in lines  # &nbsp; is a plain space
    assert "- Comfort with on-call in a \u201cyou build it, you run it\u201d team" in lines
    assert "Requirements" in lines and "Nice to have" in lines
    assert "<" not in description and "&" not in description.replace(" & ", "")


def test_greenhouse_content_escaped_twice_like_the_docs_example_still_reads_as_text() -> None:
    assert _greenhouse()[DESIGNER]["description"].splitlines() == [
        "We are hiring a Product Designer to own the driver mobile app.",
        "- 3+ years of product design for mobile",
        "- A portfolio showing shipped work",
    ]


def test_greenhouse_scripts_are_dropped_and_line_breaks_kept() -> None:
    assert _greenhouse()[WAREHOUSE]["description"].splitlines() == [
        "Shift lead for our night operations.",
        "Requirements:",
        "Forklift certification",
        "1+ year leading a team",
    ]


def test_a_blank_greenhouse_location_falls_back_to_the_most_specific_offices() -> None:
    assert _greenhouse()[ANALYST]["location"] == "Chicago, IL, United States; Dallas, TX, United States"


def test_a_greenhouse_post_with_no_location_and_no_offices_has_none() -> None:
    assert _greenhouse()[WAREHOUSE]["location"] is None


def test_greenhouse_metadata_gives_employment_type_and_a_parseable_salary() -> None:
    backend = _greenhouse()[BACKEND]

    assert backend["employment_type"] == "full-time"
    assert backend["salary"] == "USD 165000-195000"
    parsed = parse_salary(backend["salary"])
    assert parsed is not None and (parsed.min, parsed.max, parsed.currency) == (165000, 195000, "USD")


def test_a_greenhouse_salary_field_with_no_value_gives_no_salary() -> None:
    warehouse = _greenhouse()[WAREHOUSE]

    assert warehouse["salary"] is None
    assert warehouse["employment_type"] == "part-time"


def test_greenhouse_dates_titles_urls_and_departments() -> None:
    postings = _greenhouse()

    assert postings[BACKEND]["updated_at"] == "2026-10-28T14:05:11-04:00"
    assert postings[DESIGNER]["updated_at"] == "2026-11-05T16:20:00+00:00"
    assert postings[BACKEND]["posted_at"] is None  # the documented list response has no publication date
    assert postings[WAREHOUSE]["title"] == "Warehouse Shift Lead \u2013 Nights"
    assert postings[DESIGNER]["url"] == "https://northwind.example/careers?gh_jid=4872004008"
    assert postings[BACKEND]["department"] == "Platform Engineering"  # the child, not its parent
    assert postings[PROSPECT]["department"] is None


def test_greenhouse_first_published_becomes_posted_at_when_a_board_sends_it() -> None:
    (posting,) = greenhouse_postings(load(GREENHOUSE_LIVE_FIELDS), "Northwind Logistics").postings

    assert posting["posted_at"] == "2026-10-30T08:15:00-04:00"
    assert posting["location"] == "London, United Kingdom"


def test_a_greenhouse_post_without_id_is_rejected_and_the_rest_kept() -> None:
    payload = copy.deepcopy(load(GREENHOUSE_JOBS))
    del payload["jobs"][1]["id"]
    payload["jobs"][2]["title"] = "   "

    mapped = greenhouse_postings(payload, "Northwind Logistics")

    assert [p["external_id"] for p in mapped.postings] == [BACKEND, PROSPECT, WAREHOUSE]
    assert mapped.rejected == ["item 1: posting has no id", f"item 2: posting {DESIGNER} has no title"]


@pytest.mark.parametrize("payload", [[], {"jobs": None}, {"status": 404, "error": "Job not found"}])
def test_a_greenhouse_response_of_another_shape_is_refused(payload: Any) -> None:
    with pytest.raises(BoardPayloadError, match="Greenhouse"):
        greenhouse_postings(payload, "Northwind Logistics")


# Lever


def test_every_lever_posting_becomes_a_posting_with_exactly_the_neutral_fields() -> None:
    postings = _lever()

    assert list(postings) == [PLATFORM, SUPPORT, CONTRACT, INTERN, BERLIN]
    for posting in postings.values():
        assert set(posting) == set(BoardPosting.__annotations__)
        assert posting["platform"] == "lever"
        assert posting["url"] == f"https://jobs.lever.co/brightpath/{posting['external_id']}"


def test_lever_description_joins_body_lists_and_closing_as_lines() -> None:
    assert _lever()[PLATFORM]["description"].splitlines() == [
        "BrightPath builds scheduling software for 4,000+ clinics & hospitals.",
        "You'll own the infrastructure our product teams ship on: Kubernetes, Terraform and our internal deploy "
        "tooling.",
        "We work hybrid: Tuesday\u2013Thursday in the office.",
        "What you'll need",
        "- 6+ years in infrastructure or platform engineering",
        "- Deep experience with Kubernetes and Terraform on AWS",
        "- Strong Go or Python",
        "Bonus points",
        "- Experience with HIPAA-regulated systems",
        "- Contributions to CNCF projects",
        "BrightPath is proud to be an equal opportunity employer.",
    ]


@pytest.mark.parametrize(
    ("posting_id", "employment", "arrangement"),
    [
        (PLATFORM, "full-time", "hybrid"),
        (SUPPORT, "part-time", "remote"),
        (CONTRACT, "contract", "remote"),
        (INTERN, "internship", None),  # workplaceType "unspecified"
        (BERLIN, "full-time", "on-site"),
    ],
)
def test_lever_commitment_and_workplace_type_become_hints(
    posting_id: str, employment: str, arrangement: str | None
) -> None:
    posting = _lever()[posting_id]

    assert (posting["employment_type"], posting["work_arrangement"]) == (employment, arrangement)


@pytest.mark.parametrize(
    ("posting_id", "text", "annual"),
    [
        (PLATFORM, "USD 120000-150000 per year", (120000, 150000)),
        (SUPPORT, "CAD 24-29.5 per hour", (24 * 2080, 29.5 * 2080)),
        (INTERN, "GBP 2800 per month", (2800 * 12, 2800 * 12)),
        (BERLIN, "EUR 72000-88000 per year", (72000, 88000)),
    ],
)
def test_lever_salary_range_becomes_text_the_salary_parser_reads(
    posting_id: str, text: str, annual: tuple[float, float]
) -> None:
    salary = _lever()[posting_id]["salary"]

    assert salary == text
    parsed = parse_salary(salary)
    assert parsed is not None and (parsed.min, parsed.max) == annual


def test_a_lever_posting_without_salary_range_has_no_salary() -> None:
    assert _lever()[CONTRACT]["salary"] is None


def test_lever_created_at_milliseconds_become_iso_utc() -> None:
    posting = _lever()[PLATFORM]

    assert posting["posted_at"] == "2025-10-24T17:00:00+00:00"
    assert posting["updated_at"] is None


def test_lever_location_falls_back_to_all_locations() -> None:
    assert _lever()[SUPPORT]["location"] == "Toronto, ON; Montréal, QC"


def test_lever_department_and_team_both_kept() -> None:
    posting = _lever()[CONTRACT]

    assert (posting["department"], posting["team"]) == ("Engineering", "Data")


def test_a_lever_posting_without_title_is_rejected_and_the_rest_kept() -> None:
    payload = copy.deepcopy(load(LEVER_POSTINGS))
    payload[0]["text"] = ""
    payload.append("not a posting")

    mapped = lever_postings(payload, "BrightPath")

    assert [p["external_id"] for p in mapped.postings] == [SUPPORT, CONTRACT, INTERN, BERLIN]
    assert mapped.rejected == [f"item 0: posting {PLATFORM} has no text", "item 5: not an object"]


def test_a_lever_error_object_is_refused() -> None:
    with pytest.raises(BoardPayloadError, match="Lever"):
        lever_postings({"ok": False, "error": "Document not found"}, "BrightPath")


# HTML to text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("<ul><li>A &amp; B</li><li><b>C</b> d</li></ul>", "- A & B\n- C d"),
        ("line one<br/>line two", "line one\nline two"),
        ("<div>\n  spaced\n   out  </div>", "spaced out"),
        ("<style>p{color:red}</style><p>kept</p>", "kept"),
        ("<ul><li></li><li>x</li></ul>", "- x"),
        ("", ""),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_escaped_text_that_only_mentions_a_tag_is_not_unescaped_twice() -> None:
    # One escape level holds real tags, so a literal "&lt;div&gt;" in the text stays literal.
    assert escaped_html_to_text("&lt;p&gt;Use &amp;lt;div&amp;gt; wisely&lt;/p&gt;") == "Use <div> wisely"
