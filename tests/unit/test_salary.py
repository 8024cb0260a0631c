"""Salary strings as real postings write them, to annual ranges."""

from __future__ import annotations

import pytest

from hiring.analysis.salary import parse_salary, states_no_salary

CASES = [
    # raw text, min, max, currency, period
    ("$150K - $180K", 150_000, 180_000, "USD", "year"),
    ("$53K-$91K (Glassdoor est.)", 53_000, 91_000, "USD", "year"),
    ("USD 120,000–140,000 per year", 120_000, 140_000, "USD", "year"),
    ("$45/hr", 45 * 2080, 45 * 2080, "USD", "hour"),
    ("up to £60k", None, 60_000, "GBP", "year"),
    ("80k+", 80_000, None, None, "year"),
    ("$150-180K", 150_000, 180_000, "USD", "year"),
    ("€50.000 - €60.000 per annum", 50_000, 60_000, "EUR", "year"),
    ("$25 - $30 an hour", 25 * 2080, 30 * 2080, "USD", "hour"),
    ("$4,000/month", 48_000, 48_000, "USD", "month"),
    ("£350 per day", 350 * 260, 350 * 260, "GBP", "day"),
    ("CAD 90,000 - 110,000", 90_000, 110_000, "CAD", "year"),
    ("Pay: $18.50 per hour", 18.5 * 2080, 18.5 * 2080, "USD", "hour"),
    ("₹12 - 18 LPA", 1_200_000, 1_800_000, "INR", "year"),
    ("Salary: 65,000 - 75,000 GBP", 65_000, 75_000, "GBP", "year"),
    ("$120k/yr base + equity", 120_000, 120_000, "USD", "year"),
    ("From $95,000", 95_000, None, "USD", "year"),
    ("$100,000 to $130,000 annually", 100_000, 130_000, "USD", "year"),
    ("A$140k - A$160k + super", 140_000, 160_000, "AUD", "year"),
    ("$1.2M OTE", 1_200_000, 1_200_000, "USD", "year"),
]


@pytest.mark.parametrize(("raw", "low", "high", "currency", "period"), CASES)
def test_salary_forms(raw: str, low: float | None, high: float | None, currency: str | None, period: str) -> None:
    salary = parse_salary(raw)
    assert salary is not None, raw
    assert (salary.min, salary.max, salary.currency, salary.period) == (low, high, currency, period)
    assert salary.raw == raw


def test_estimates_are_marked() -> None:
    salary = parse_salary("$53K-$91K (Glassdoor est.)")
    assert salary is not None and salary.estimated
    plain = parse_salary("$53K-$91K")
    assert plain is not None and not plain.estimated


@pytest.mark.parametrize("raw", ["Competitive", "DOE", "Negotiable", "", "   "])
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
    ],
)
def test_market_sizes_and_counts_are_not_salaries(description: str) -> None:
    assert parse_salary(description, strict=True) is None
