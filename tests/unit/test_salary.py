"""Salary strings as real postings write them, to annual ranges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hiring.analysis.salary import parse_salary, states_no_salary, with_country_currency

# Real-world salary strings by region (shared with bench/job_analysis_bench.py): annual min and max, currency, the
# period the text states, and the figures as stated per period before annualising.
SALARIES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "postings" / "salaries.json").read_text()
)


@pytest.mark.parametrize("case", SALARIES, ids=[case["text"] for case in SALARIES])
def test_salary_forms(case: dict[str, Any]) -> None:
    salary = parse_salary(case["text"])
    assert salary is not None, case["text"]
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        case["min"],
        case["max"],
        case["currency"],
        case["period"],
    )
    assert (salary.period_min, salary.period_max) == (case["stated_min"], case["stated_max"])
    assert salary.raw == case["text"]
    assert not salary.currency_inferred


def test_the_table_covers_eighty_real_world_forms_across_regions() -> None:
    assert len({case["text"] for case in SALARIES}) >= 80
    assert len({case["region"] for case in SALARIES}) >= 6


def test_estimates_are_marked() -> None:
    salary = parse_salary("$53K-$91K (Glassdoor est.)")
    assert salary is not None and salary.estimated
    plain = parse_salary("$53K-$91K")
    assert plain is not None and not plain.estimated


@pytest.mark.parametrize(
    "raw", ["Competitive", "DOE", "Negotiable", "", "   ", "Competitive salary + bonus", "Salary: negotiable"]
)
def test_no_figure_means_no_salary(raw: str) -> None:
    assert parse_salary(raw) is None


def test_competitive_is_recognised_as_saying_nothing() -> None:
    assert states_no_salary("Competitive salary and benefits")
    assert not states_no_salary("$100k")


@pytest.mark.parametrize(
    "description",
    [
        "You have 5+ years of experience and we offer a 401(k) with match.",
        "Our platform serves 10k users across 3 regions.",
        "Join a team of 250 engineers; 2-3 days in office.",
    ],
)
def test_descriptions_without_pay_yield_none_in_strict_mode(description: str) -> None:
    assert parse_salary(description, strict=True) is None


def test_strict_mode_finds_pay_inside_a_description() -> None:
    text = "We need 5+ years of Python.\nThe base salary range for this role is $140,000 - $165,000 per year.\n401k."
    salary = parse_salary(text, strict=True)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency) == (140_000, 165_000, "USD")
    assert salary.raw == "$140,000 - $165,000 per year"


@pytest.mark.parametrize(
    "description",
    [
        "Search advertising is a $70 billion market and growing.",
        "This is a $80B market opportunity where we lead.",
        "Microsoft, with revenues of over $80bn, hires engineers who pay attention to detail.",
        "Our app has 4 million downloads and competitive pay.",
        "We raised a Series B of $30M to grow the team; pay is competitive.",
        "We are a Series B startup ($30M) with competitive compensation.",
        "Our platform serves 100,000 users and pays well.",
        "Questions about pay? Call 555-123-4567.",
        "Questions about pay? Call +1 (555) 123-4567.",
        "Salary bands were reviewed for 2020-2024.",
        "You will manage a $2M marketing budget; salary is competitive.",
    ],
)
def test_market_sizes_and_counts_are_not_salaries(description: str) -> None:
    assert parse_salary(description, strict=True) is None


@pytest.mark.parametrize(
    "field", ["401(k)", "2020-2024", "Call 555-123-4567", "$80B market", "Series B $30M", "100,000 users"]
)
def test_a_salary_field_holding_no_pay_yields_none(field: str) -> None:
    assert parse_salary(field) is None


@pytest.mark.parametrize(
    ("raw", "country", "currency", "inferred"),
    [
        ("$90,000 - $110,000", "Canada", "CAD", True),  # a bare dollar in Canada is the Canadian dollar
        ("$90,000 - $110,000", "US", "USD", False),
        ("USD 90,000 - 110,000", "Canada", "USD", False),  # a stated code is never overridden
        ("Salary: 45,000 - 55,000", "GB", "GBP", True),
        ("Salary: 8-12 lakh", "India", "INR", False),
        ("Salary: 45,000 - 55,000", None, None, False),
    ],
)
def test_the_postings_country_fills_an_open_currency_and_says_so(
    raw: str, country: str | None, currency: str | None, inferred: bool
) -> None:
    salary = parse_salary(raw)
    assert salary is not None
    placed = with_country_currency(salary, country)
    assert (placed.currency, placed.currency_inferred) == (currency, inferred)
    assert (placed.min, placed.max) == (salary.min, salary.max)


@pytest.mark.parametrize(
    "text", ["Teach Mathematics to Years 7-12 and mark assessments.", "Our kitchen runs 2 shifts; hours 7-3."]
)
def test_the_end_of_a_word_is_not_a_rupee_sign(text: str) -> None:
    # "Years 7-12" once read as "rs 7-12" (Rs, rupees) and raised KeyError on the lower-case symbol
    assert parse_salary(text, strict=True) is None
    assert parse_salary(text) is None
