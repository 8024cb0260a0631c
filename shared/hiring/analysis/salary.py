"""Salary text to an annual range: "$150K - $180K", "USD 120,000–140,000 per year", "$45/hr", "up to £60k"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

Period = Literal["year", "month", "week", "day", "hour"]

ANNUAL_FACTOR: dict[str, float] = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

_SYMBOLS = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "R$": "BRL", "zł": "PLN",
    "₩": "KRW", "₱": "PHP", "₦": "NGN", "₪": "ILS",
}  # fmt: skip
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "JPY", "CHF", "SGD", "HKD", "SEK", "NOK", "DKK", "PLN",
          "BRL", "MXN", "ZAR", "AED", "CNY", "KRW", "PHP", "NGN", "ILS", "RMB")  # fmt: skip
_SYMBOL_BY_LOWER = {symbol.lower(): code for symbol, code in _SYMBOLS.items()}
# A symbol that starts with a letter ("Rs", "C$") must not be the end of a word ("hours 40").
_SYMBOL_RE = "|".join(
    ("(?<![A-Za-z])" if s[0].isalpha() else "") + re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)
)
_CODE_RE = "|".join(_CODES)
# Grouped figures as countries write them: 120,000.00 / 12,00,000 (lakh) / 60.000,50 / 60 000 / 120'000.
_NUMBER = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"
    r"|\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d{1,2})?"
)
_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "lakh": 1e5, "lakhs": 1e5,
    "lac": 1e5, "lacs": 1e5, "l": 1e5, "lpa": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
# Units that only Indian rupees are counted in.
_RUPEE_UNITS = {"lakh", "lakhs", "lac", "lacs", "l", "lpa", "cr", "crore", "crores"}

# One amount: currency code and/or symbol before ("CAD $90,000", "US$", "₹"), the figure, a k/lakh/crore suffix,
# and a symbol or code after ("60.000 €", "65,000 GBP").
_AMOUNT = (
    r"(?:(?P<{name}code>\b(?:{codes}))\s?)?(?:(?P<{name}sym>{symbols})\s?)?"
    r"(?P<{name}num>{number})"
    r"(?:\s?(?P<{name}mult>k\b|thousand\b|mn\b|mio\b|m\b|million\b|lakhs?\b|lacs?\b|l\b|lpa\b|crores?\b|cr\b))?"
    r"(?:\s?(?P<{name}sym2>€|£|¥|₹|₩|zł|\$)|\s?(?P<{name}code2>\b(?:{codes})\b))?"
)


def _amount(name: str) -> str:
    return _AMOUNT.format(name=name, codes=_CODE_RE, symbols=_SYMBOL_RE, number=_NUMBER)


_RANGE_SEP = r"\s*(?:-|–|—|~|to|and|/|bis)\s*"
_PATTERN = re.compile(
    rf"(?P<lead>\bup\s+to|\bupto|\bmax(?:imum)?(?:\s+of)?|\bfrom|\bstarting\s+(?:at|from)|\bmin(?:imum)?(?:\s+of)?"
    rf"|\bat\s+least|\bbetween)?\s*"
    rf"{_amount('a')}(?:{_RANGE_SEP}{_amount('b')})?(?P<plus>\s?\+(?!\s*(?:bonus|commission|super|benefits|equity|ote|stock|shares|vat|gst|allowance|incentive|tips|overtime))|\s+or\s+more|\s+and\s+above)?",
    re.I,
)
_PERIODS: list[tuple[Period, re.Pattern[str]]] = [
    ("hour", re.compile(
        r"^\s*(?:/\s*|per\s+|an?\s+|p\.?\s?)(?:hour|hr|h)\b|^\s*(?:hourly|ph|p/h)\b|^\s*/\s*h\b"
        r"|^\s*(?:por\s+hora|pro\s+stunde|de\s+l'heure|/\s*std)\b", re.I)),
    ("day", re.compile(
        r"^\s*(?:/\s*|per\s+|a\s+)(?:day|diem)\b|^\s*(?:daily|day\s+rate)\b|^\s*p\.?d\.?(?!\w)", re.I)),
    ("week", re.compile(r"^\s*(?:/\s*|per\s+|a\s+)(?:week|wk)\b|^\s*weekly\b|^\s*p\.?w\.?(?!\w)", re.I)),
    ("month", re.compile(
        r"^\s*(?:/\s*|per\s+|a\s+)(?:month|mo|mth)\b|^\s*monthly\b|^\s*pcm\b|^\s*p\.?m\.?(?!\w)"
        r"|^\s*(?:(?:brutto|netto|gross|net)\s+)?(?:monatlich|mensual|mensuel|par\s+mois|por\s+m[eê]s|al\s+mes"
        r"|pro\s+monat|/\s*monat)", re.I
    )),
    ("year", re.compile(
        r"^\s*(?:/\s*|per\s+|a\s+|an\s+)(?:year|yr|annum)\b|^\s*(?:annually|annual|yearly)\b"
        r"|^\s*p\.?\s?a\.?(?!\w)|^\s*p/a\b|^\s*LPA\b|^\s*CTC\b"
        r"|^\s*(?:(?:brutto|netto|gross|net)\s+)?(?:par\s+an|annuel|anual|por\s+a[ñn]o|pro\s+jahr|j[äa]hrlich)",
        re.I,
    )),
]  # fmt: skip
# A period named before the figure ("Hourly rate: $25", "Annual salary: 60.000 €").
_PERIOD_BEFORE: list[tuple[Period, re.Pattern[str]]] = [
    ("hour", re.compile(r"\b(?:hourly|per\s+hour)\b", re.I)),
    ("day", re.compile(r"\b(?:daily|day\s+rate|per\s+day)\b", re.I)),
    ("week", re.compile(r"\b(?:weekly|per\s+week)\b", re.I)),
    ("month", re.compile(r"\b(?:monthly|per\s+month)\b", re.I)),
    ("year", re.compile(r"\b(?:annual(?:ly)?|yearly|per\s+(?:annum|year)|ctc)\b", re.I)),
]
_NO_SALARY = re.compile(r"\b(?:competitive|negotiable|doe|depending on experience|commensurate|tbd|n/?a)\b", re.I)
_SALARY_WORDS = re.compile(
    r"salary|pay|compensation|wage|rate|base|ote|remuneration|package|\bctc\b|earn|stipend|lpa|per\s+annum", re.I
)
_NOT_SALARY_AFTER = re.compile(
    r"^\s*(?:\(k\)|years?|yrs?|users|customers|employees|people|hours|%|percent|\+?\s*years"
    r"|b\b|bn\b|billion|trillion|market|in\s+(?:revenue|sales|funding|assets|arr)|revenue|arr\b|devices|downloads"
    r"|series|funding|valuation|raised|members|clients|patients|students|sq|square|miles|km)",
    re.I,
)
# Money that is not pay: funding rounds, valuations, revenue, markets.
_NOT_SALARY_BEFORE = re.compile(
    r"(?:\bseries\s+[a-h]\b|\braised?\b|\bfunding\b|\bvaluation\b|\bvalued\s+at\b|\brevenue\b|\barr\b"
    r"|\bmarket\b|\binvest(?:ed|ment|ors?)\b|\bbacked\b|\bbudget\b|\bportfolio\b|\bmanag(?:e|ing)\s+)[^.\n]{0,25}$",
    re.I,
)
# A phone number or a run of years is digits, not money.
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_WINDOWED_FROM = 600
_DIGIT_RUN = re.compile(r"(?<![\d.,])\d[\d.,' \u00a0\u202f]*")
_MONEY_CUE = re.compile(
    rf"{_SYMBOL_RE}|€|£|\b(?:{_CODE_RE}|lakhs?|lacs?|crores?|cr|lpa|ctc|k|m|l)\b|salary|pay|compensation|wage"
    r"|rate|remuneration|stipend|earn|ote\b|per\s+(?:hour|annum|year|month|day|week)|hourly|annual|monthly",
    re.I,
)
# Where a bare "$" is written in a country that prices in its own dollar.
_DOLLAR_BY_COUNTRY = {"Canada": "CAD", "Australia": "AUD", "New Zealand": "NZD", "Singapore": "SGD",
                      "Hong Kong": "HKD", "Mexico": "MXN"}  # fmt: skip
CURRENCY_BY_COUNTRY = {
    "US": "USD", "GB": "GBP", "Canada": "CAD", "India": "INR", "Germany": "EUR", "France": "EUR", "Ireland": "EUR",
    "Netherlands": "EUR", "Spain": "EUR", "Italy": "EUR", "Portugal": "EUR", "Austria": "EUR", "Belgium": "EUR",
    "Finland": "EUR", "Australia": "AUD", "New Zealand": "NZD", "Singapore": "SGD", "Japan": "JPY",
    "Switzerland": "CHF", "Poland": "PLN", "Sweden": "SEK", "Norway": "NOK", "Denmark": "DKK", "Brazil": "BRL",
    "Mexico": "MXN", "Israel": "ILS", "South Africa": "ZAR", "Hong Kong": "HKD",
}  # fmt: skip


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: Period | None  # the period the text stated (or implied); min/max are always annual
    raw: str
    estimated: bool = False  # "(Glassdoor est.)", "estimated"
    period_min: float | None = None  # the figures as stated, per period ("$25 - $30 an hour": 25 and 30)
    period_max: float | None = None
    currency_inferred: bool = False  # the currency comes from the posting's country, not from the text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(text: str, mult: str | None) -> float:
    digits = re.sub(r"[ \u00a0\u202f'’]", "", text)
    if re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):  # 12,00,000 or 120,000
        digits = digits.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):  # European thousands: 60.000 or 60.000,50
        digits = digits.replace(".", "").replace(",", ".")
    elif "," in digits:  # 45,50 as a decimal comma
        digits = digits.replace(",", ".")
    return float(digits) * _MULTIPLIERS.get((mult or "").lower(), 1)


def _currency(match: re.Match[str]) -> str | None:
    """A code anywhere in the range wins over a symbol it qualifies ("CAD $90,000", "$60,000 - 80,000 CAD"); a unit
    only rupees are counted in ("LPA", "lakh", "crore") names INR."""
    names = ("a", "b") if match.group("bnum") else ("a",)
    for group in (f"{n}{part}" for n in names for part in ("code", "code2")):
        if match.group(group):
            code = match.group(group).upper()
            return "CNY" if code == "RMB" else code
    for group in (f"{n}{part}" for n in names for part in ("sym", "sym2")):
        if match.group(group):
            return _SYMBOL_BY_LOWER[match.group(group).lower()]
    if any((match.group(f"{n}mult") or "").lower() in _RUPEE_UNITS for n in names):
        return "INR"
    return None


def _period_after(text: str) -> tuple[Period | None, int]:
    """The pay period named at the start of text, and how many characters name it."""
    for period, pattern in _PERIODS:
        found = pattern.search(text)
        if found:
            return period, found.end()
    return None, 0


def _period_before(text: str) -> Period | None:
    """The pay period a label before the figure names ("Hourly rate:", "Annual salary")."""
    for period, pattern in _PERIOD_BEFORE:
        if pattern.search(text):
            return period
    return None


def _infer_period(value: float) -> Period:
    """When the text names no period, the size of the number does: 45 is hourly, 4,500 monthly, 45,000 yearly."""
    if value < 500:
        return "hour"
    if value < 10_000:
        return "month"
    return "year"


def _not_pay(text: str, match: re.Match[str]) -> bool:
    """Digits that are a phone number, a year range, a count or a company's money rather than pay."""
    after = text[match.end() : match.end() + 30]
    if _NOT_SALARY_AFTER.search(after) or re.match(r"^\s*\(k\)", text[match.end("anum") :]):
        return True
    if _NOT_SALARY_BEFORE.search(text[max(0, match.start() - 60) : match.start()]):
        return True
    window_start = max(0, match.start() - 8)
    for phone in _PHONE.finditer(text, window_start, min(len(text), match.end() + 16)):
        if phone.start() <= match.start("anum") < phone.end():
            return True
    numbers = [match.group("anum"), match.group("bnum")]
    has_currency = any(match.group(f"{n}{part}") for n in "ab" for part in ("sym", "sym2", "code", "code2"))
    return not has_currency and all(n is None or _YEAR.match(n) for n in numbers)


def parse_salary(text: str | None, strict: bool = False) -> Salary | None:
    """The first salary the text states, annualised; None when there is none ("Competitive").

    strict (for whole job descriptions): an amount counts only with a currency, or a k/lakh suffix on a line that
    talks about pay, so "5+ years", "401(k)" and "10k users" are not salaries.
    """
    if not text or not text.strip():
        return None
    for match in _candidate_matches(text):
        a_mult, b_mult = match.group("amult"), match.group("bmult")
        currency = _currency(match)
        if _not_pay(text, match):
            continue
        after = text[match.end() : match.end() + 30]
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if strict:  # in a whole description, pay words must be near the figure, not anywhere on a long line
            line = text[max(line_start, match.start() - 80) : match.end() + 80]
            stated_period = _period_after(after)[0] is not None
            if not (_SALARY_WORDS.search(line) or stated_period or match.group("bnum")):
                continue
        if not currency:
            has_suffix = bool(a_mult or b_mult)
            if strict and not (has_suffix and _SALARY_WORDS.search(line)):
                continue
            if not strict and not has_suffix and not _SALARY_WORDS.search(line):
                continue
        # "$150-180K", "12-18 LPA": one suffix covers both ends.
        low = _number(match.group("anum"), a_mult or (b_mult if match.group("bnum") and not a_mult else None))
        high = _number(match.group("bnum"), b_mult or a_mult) if match.group("bnum") else None
        if high is not None and high < low:
            if high * 1000 >= low and not b_mult:  # "$90K-120" means 90K-120K
                high *= 1000
            else:
                low, high = high, low
        lead = (match.group("lead") or "").lower()
        period, period_length = _period_after(after)
        if period is None:
            period = _period_after(text[match.end("anum") : match.end()])[0]
        if period is None and "lpa" in {(a_mult or "").lower(), (b_mult or "").lower()}:
            period = "year"
        if period is None:
            period = _period_before(text[max(line_start, match.start() - 40) : match.start()])
        if period is None:
            period = _infer_period(high or low)
        stated_min: float | None
        stated_max: float | None
        if lead.startswith(("up", "max")):
            stated_min, stated_max = None, low
        elif match.group("plus") or lead.startswith(("from", "starting", "min", "at least")):
            stated_min, stated_max = low, high
        else:
            stated_min, stated_max = low, (high if high is not None else low)
        factor = ANNUAL_FACTOR[period]
        minimum = stated_min * factor if stated_min is not None else None
        maximum = stated_max * factor if stated_max is not None else None
        if (maximum or minimum or 0) < 1000 and period == "year":  # "$5" a year is not a salary
            continue
        estimated = bool(re.search(r"\best(?:imated?\b|\.)", text[match.end() : match.end() + 40], re.I))
        return Salary(
            min=round(minimum, 2) if minimum is not None else None,
            max=round(maximum, 2) if maximum is not None else None,
            currency=currency,  # None when the text names none: with_country_currency may infer it, marked
            period=period,
            raw=text.strip()[:200] if not strict else (match.group(0) + after[:period_length]).strip(),
            estimated=estimated,
            period_min=stated_min,
            period_max=stated_max,
        )
    return None


def _candidate_matches(text: str) -> Iterator[re.Match[str]]:
    """The amount pattern's matches, in order; in a long text only near a currency, a unit or a pay word (the full
    pattern is costly to try at every character of a posting)."""
    if len(text) <= _WINDOWED_FROM:
        yield from _PATTERN.finditer(text)
        return
    searched_to = 0
    for digits in _DIGIT_RUN.finditer(text):
        start, end = max(searched_to, digits.start() - 40), min(len(text), digits.end() + 80)
        if start >= end or not _MONEY_CUE.search(text, max(0, digits.start() - 40), min(len(text), digits.end() + 40)):
            continue
        yield from _PATTERN.finditer(text, start, end)
        searched_to = end


def with_country_currency(salary: Salary, country: str | None) -> Salary:
    """The salary with the currency of the posting's country where the text leaves it open, marked as inferred.

    A bare "$" in Canada or Australia is that country's dollar; a figure with no currency takes the country's.
    """
    if not country or country not in CURRENCY_BY_COUNTRY:
        return salary
    if salary.currency is None:
        return replace(salary, currency=CURRENCY_BY_COUNTRY[country], currency_inferred=True)
    bare_dollar = salary.currency == "USD" and not re.search(rf"US\$|\b(?:USD|{_CODE_RE})\b", salary.raw)
    if bare_dollar and country in _DOLLAR_BY_COUNTRY:
        return replace(salary, currency=_DOLLAR_BY_COUNTRY[country], currency_inferred=True)
    return salary


def states_no_salary(text: str | None) -> bool:
    """True for "Competitive", "DOE" and the like: a salary field that says nothing."""
    return bool(text and _NO_SALARY.search(text))
