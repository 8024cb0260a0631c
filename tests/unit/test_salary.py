"""Salary strings as real postings write them, to annual ranges."""

from __future__ import annotations

import pytest

from hiring.analysis.salary import parse_salary, states_no_salary, with_country_currency

# raw text, annual min, annual max, currency, period, stated min, stated max (per period, before annualising)
CASES = [
    # United States
    ("$150K - $180K", 150_000, 180_000, "USD", "year", 150_000, 180_000),
    ("$53K-$91K (Glassdoor est.)", 53_000, 91_000, "USD", "year", 53_000, 91_000),
    ("USD 120,000–140,000 per year", 120_000, 140_000, "USD", "year", 120_000, 140_000),
    ("$45/hr", 45 * 2080, 45 * 2080, "USD", "hour", 45, 45),
    ("80k+", 80_000, None, None, "year", 80_000, None),
    ("$150-180K", 150_000, 180_000, "USD", "year", 150_000, 180_000),
    ("$25 - $30 an hour", 25 * 2080, 30 * 2080, "USD", "hour", 25, 30),
    ("$4,000/month", 48_000, 48_000, "USD", "month", 4_000, 4_000),
    ("Pay: $18.50 per hour", 18.5 * 2080, 18.5 * 2080, "USD", "hour", 18.5, 18.5),
    ("$120k/yr base + equity", 120_000, 120_000, "USD", "year", 120_000, 120_000),
    ("From $95,000", 95_000, None, "USD", "year", 95_000, None),
    ("$100,000 to $130,000 annually", 100_000, 130_000, "USD", "year", 100_000, 130_000),
    ("$1.2M OTE", 1_200_000, 1_200_000, "USD", "year", 1_200_000, 1_200_000),
    ("US$120,000 - US$140,000", 120_000, 140_000, "USD", "year", 120_000, 140_000),
    ("$18.50/hr", 18.5 * 2080, 18.5 * 2080, "USD", "hour", 18.5, 18.5),
    ("$22 hourly", 22 * 2080, 22 * 2080, "USD", "hour", 22, 22),
    ("Hourly rate: $35", 35 * 2080, 35 * 2080, "USD", "hour", 35, 35),
    ("$1,200 a week", 1_200 * 52, 1_200 * 52, "USD", "week", 1_200, 1_200),
    ("$800/wk", 800 * 52, 800 * 52, "USD", "week", 800, 800),
    ("$45k-$55k", 45_000, 55_000, "USD", "year", 45_000, 55_000),
    ("$45K to $55K a year", 45_000, 55_000, "USD", "year", 45_000, 55_000),
    ("Between $50,000 and $60,000 per year", 50_000, 60_000, "USD", "year", 50_000, 60_000),
    ("up to $120,000", None, 120_000, "USD", "year", None, 120_000),
    ("Starting at $17/hour", 17 * 2080, None, "USD", "hour", 17, None),
    ("starting from $60k", 60_000, None, "USD", "year", 60_000, None),
    ("$100k+", 100_000, None, "USD", "year", 100_000, None),
    ("$130,000 or more", 130_000, None, "USD", "year", 130_000, None),
    ("$40–$50/hour", 40 * 2080, 50 * 2080, "USD", "hour", 40, 50),
    ("$40/h", 40 * 2080, 40 * 2080, "USD", "hour", 40, 40),
    ("$3,500 monthly stipend", 42_000, 42_000, "USD", "month", 3_500, 3_500),
    ("$650 per day (contract)", 650 * 260, 650 * 260, "USD", "day", 650, 650),
    ("$95,000.00 - $105,000.00 per year", 95_000, 105_000, "USD", "year", 95_000, 105_000),
    # Canada
    ("CAD $90,000 – $110,000", 90_000, 110_000, "CAD", "year", 90_000, 110_000),
    ("CAD 90,000 - 110,000", 90_000, 110_000, "CAD", "year", 90_000, 110_000),
    ("C$85k–C$95k", 85_000, 95_000, "CAD", "year", 85_000, 95_000),
    ("CA$70,000/year", 70_000, 70_000, "CAD", "year", 70_000, 70_000),
    ("$60,000 - 80,000 CAD", 60_000, 80_000, "CAD", "year", 60_000, 80_000),
    ("90,000 - 110,000 CAD per year", 90_000, 110_000, "CAD", "year", 90_000, 110_000),
    ("$28.50 - $32.00 CAD per hour", 28.5 * 2080, 32 * 2080, "CAD", "hour", 28.5, 32),
    # United Kingdom
    ("up to £60k", None, 60_000, "GBP", "year", None, 60_000),
    ("£350 per day", 350 * 260, 350 * 260, "GBP", "day", 350, 350),
    ("Salary: 65,000 - 75,000 GBP", 65_000, 75_000, "GBP", "year", 65_000, 75_000),
    ("£45,000 - £55,000 per annum", 45_000, 55_000, "GBP", "year", 45_000, 55_000),
    ("£450 per day", 450 * 260, 450 * 260, "GBP", "day", 450, 450),
    ("Daily rate: £450", 450 * 260, 450 * 260, "GBP", "day", 450, 450),
    ("GBP 60k-70k", 60_000, 70_000, "GBP", "year", 60_000, 70_000),
    ("from £40,000", 40_000, None, "GBP", "year", 40_000, None),
    ("£30-35k", 30_000, 35_000, "GBP", "year", 30_000, 35_000),
    ("30-35k GBP", 30_000, 35_000, "GBP", "year", 30_000, 35_000),
    ("£11.44 an hour", 11.44 * 2080, 11.44 * 2080, "GBP", "hour", 11.44, 11.44),
    ("£28k pa + benefits", 28_000, 28_000, "GBP", "year", 28_000, 28_000),
    ("£2,500 pcm", 30_000, 30_000, "GBP", "month", 2_500, 2_500),
    # Euro area
    ("€50.000 - €60.000 per annum", 50_000, 60_000, "EUR", "year", 50_000, 60_000),
    ("60.000 € - 75.000 €", 60_000, 75_000, "EUR", "year", 60_000, 75_000),
    ("60 000 € par an", 60_000, 60_000, "EUR", "year", 60_000, 60_000),
    ("€60k", 60_000, 60_000, "EUR", "year", 60_000, 60_000),
    ("60.000,50 €", 60_000.5, 60_000.5, "EUR", "year", 60_000.5, 60_000.5),
    ("€55.000 - €65.000 p.a.", 55_000, 65_000, "EUR", "year", 55_000, 65_000),
    ("EUR 4.500 brutto monatlich", 54_000, 54_000, "EUR", "month", 4_500, 4_500),
    ("4.000 € brutto monatlich", 48_000, 48_000, "EUR", "month", 4_000, 4_000),
    ("55.000 € brutto jährlich", 55_000, 55_000, "EUR", "year", 55_000, 55_000),
    ("Up to €80k", None, 80_000, "EUR", "year", None, 80_000),
    ("€500 per day", 130_000, 130_000, "EUR", "day", 500, 500),
    ("€ 3.000 per month", 36_000, 36_000, "EUR", "month", 3_000, 3_000),
    ("45.000 - 55.000 EUR", 45_000, 55_000, "EUR", "year", 45_000, 55_000),
    ("Gehalt: 65.000 € bis 80.000 €", 65_000, 80_000, "EUR", "year", 65_000, 80_000),
    ("€42,50 per hour", 42.5 * 2080, 42.5 * 2080, "EUR", "hour", 42.5, 42.5),
    # India
    ("₹12 - 18 LPA", 1_200_000, 1_800_000, "INR", "year", 1_200_000, 1_800_000),
    ("₹12,00,000 - ₹18,00,000 per annum", 1_200_000, 1_800_000, "INR", "year", 1_200_000, 1_800_000),
    ("12-18 LPA", 1_200_000, 1_800_000, "INR", "year", 1_200_000, 1_800_000),
    ("₹8 LPA", 800_000, 800_000, "INR", "year", 800_000, 800_000),
    ("INR 15 lakhs per annum", 1_500_000, 1_500_000, "INR", "year", 1_500_000, 1_500_000),
    ("Rs. 25,000 per month", 300_000, 300_000, "INR", "month", 25_000, 25_000),
    ("₹25,000 - ₹35,000 a month", 300_000, 420_000, "INR", "month", 25_000, 35_000),
    ("1.2 Cr per annum", 12_000_000, 12_000_000, "INR", "year", 12_000_000, 12_000_000),
    ("₹1.5 crore", 15_000_000, 15_000_000, "INR", "year", 15_000_000, 15_000_000),
    ("CTC 18 Lakhs", 1_800_000, 1_800_000, "INR", "year", 1_800_000, 1_800_000),
    ("CTC: 6L - 9L", 600_000, 900_000, "INR", "year", 600_000, 900_000),
    ("INR 9,50,000 per year", 950_000, 950_000, "INR", "year", 950_000, 950_000),
    ("Rs 4.5 lakh - 6 lakh", 450_000, 600_000, "INR", "year", 450_000, 600_000),
    # Asia-Pacific and elsewhere
    ("A$140k - A$160k + super", 140_000, 160_000, "AUD", "year", 140_000, 160_000),
    ("AUD 120,000 - 140,000 + super", 120_000, 140_000, "AUD", "year", 120_000, 140_000),
    ("A$55 per hour", 55 * 2080, 55 * 2080, "AUD", "hour", 55, 55),
    ("NZ$90,000", 90_000, 90_000, "NZD", "year", 90_000, 90_000),
    ("¥6,000,000 - ¥8,000,000", 6_000_000, 8_000_000, "JPY", "year", 6_000_000, 8_000_000),
    ("JPY 5,000,000", 5_000_000, 5_000_000, "JPY", "year", 5_000_000, 5_000_000),
    ("CHF 120'000 - 140'000", 120_000, 140_000, "CHF", "year", 120_000, 140_000),
    ("CHF 110,000", 110_000, 110_000, "CHF", "year", 110_000, 110_000),
    ("SGD 6,000 - 8,000 per month", 72_000, 96_000, "SGD", "month", 6_000, 8_000),
    ("S$7,500/month", 90_000, 90_000, "SGD", "month", 7_500, 7_500),
    ("HK$40,000 per month", 480_000, 480_000, "HKD", "month", 40_000, 40_000),
    ("R$ 8.000 por mês", 96_000, 96_000, "BRL", "month", 8_000, 8_000),
    ("MXN 35,000 mensual", 420_000, 420_000, "MXN", "month", 35_000, 35_000),
    ("ZAR 500 000 per annum", 500_000, 500_000, "ZAR", "year", 500_000, 500_000),
]


@pytest.mark.parametrize(("raw", "low", "high", "currency", "period", "stated_low", "stated_high"), CASES)
def test_salary_forms(
    raw: str,
    low: float | None,
    high: float | None,
    currency: str | None,
    period: str,
    stated_low: float | None,
    stated_high: float | None,
) -> None:
    salary = parse_salary(raw)
    assert salary is not None, raw
    assert (salary.min, salary.max, salary.currency, salary.period) == (low, high, currency, period)
    assert (salary.period_min, salary.period_max) == (stated_low, stated_high)
    assert salary.raw == raw
    assert not salary.currency_inferred


def test_the_table_covers_eighty_real_world_forms() -> None:
    assert len({raw for raw, *_ in CASES}) >= 80


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
