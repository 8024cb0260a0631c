"""Salary text to an annual range: "$150K - $180K", "USD 120,000–140,000 per year", "$45/hr", "up to £60k"."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

Period = Literal["year", "month", "week", "day", "hour"]

ANNUAL_FACTOR: dict[str, float] = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

_SYMBOLS = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "R$": "BRL", "zł": "PLN",
}  # fmt: skip
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "JPY", "CHF", "SGD", "HKD", "SEK", "NOK", "DKK", "PLN",
          "BRL", "MXN", "ZAR", "AED", "CNY")  # fmt: skip
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE_RE = "|".join(_CODES)
_CUR = rf"(?:(?P<{{name}}sym>{_SYMBOL_RE})|(?P<{{name}}code>\b(?:{_CODE_RE})\b))"

# One amount: optional currency before, digits with thousands separators or decimals, optional k/m/lakh suffix.
_AMOUNT = (
    r"(?:{cur}\s?)?"
    r"(?P<{name}num>\d{{1,3}}(?:[,.\s]\d{{3}})+(?:\.\d{{1,2}})?|\d+(?:\.\d+)?)"
    r"\s?(?P<{name}mult>k\b|K\b|thousand\b|m\b|M\b|mn\b|million\b|lakhs?\b|lacs?\b|L\b|LPA\b|lpa\b)?"
    r"(?:\s?(?P<{name}code2>\b(?:{codes})\b))?"
)


def _amount(name: str) -> str:
    return _AMOUNT.format(cur=_CUR.format(name=name), name=name, codes=_CODE_RE)


_RANGE_SEP = r"\s*(?:-|–|—|~|to|and|/)\s*"
_PATTERN = re.compile(
    rf"(?P<lead>\bup\s+to|\bupto|\bmax(?:imum)?(?:\s+of)?|\bfrom|\bstarting\s+(?:at|from)|\bmin(?:imum)?(?:\s+of)?|\bat\s+least)?\s*"
    rf"{_amount('a')}(?:{_RANGE_SEP}{_amount('b')})?(?P<plus>\s?\+|\s+or\s+more|\s+and\s+above)?",
    re.I,
)
_PERIODS: list[tuple[Period, re.Pattern[str]]] = [
    ("hour", re.compile(r"^\s*(?:/\s*|per\s+|an?\s+|p\.?\s?)?(?:hour|hr|h)\b|^\s*hourly\b|^\s*ph\b", re.I)),
    ("day", re.compile(r"^\s*(?:/\s*|per\s+|a\s+)(?:day|diem)\b|^\s*daily\b|^\s*p\.?d\.?\b", re.I)),
    ("week", re.compile(r"^\s*(?:/\s*|per\s+|a\s+)(?:week|wk)\b|^\s*weekly\b", re.I)),
    ("month", re.compile(
        r"^\s*(?:/\s*|per\s+|a\s+)(?:month|mo|mth)\b|^\s*monthly\b|^\s*pcm\b|^\s*p\.?m\.?(?!\w)", re.I
    )),
    ("year", re.compile(
        r"^\s*(?:/\s*|per\s+|a\s+)(?:year|yr|annum)\b|^\s*(?:annually|annual|yearly)\b|^\s*p\.?\s?a\.?(?!\w)|^\s*LPA\b",
        re.I,
    )),
]  # fmt: skip
_NO_SALARY = re.compile(r"\b(?:competitive|negotiable|doe|depending on experience|commensurate|tbd|n/?a)\b", re.I)
_SALARY_WORDS = re.compile(r"salary|pay|compensation|wage|rate|base|ote|remuneration|package|\bctc\b|earn", re.I)
_NOT_SALARY_AFTER = re.compile(
    r"^\s*(?:\(k\)|years?|yrs?|users|customers|employees|people|hours|%|percent|\+?\s*years"
    r"|b\b|bn\b|billion|trillion|market|in\s+(?:revenue|sales|funding|assets)|revenue|devices|downloads)",
    re.I,
)


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: Period | None  # the period the text stated (or implied); min/max are always annual
    raw: str
    estimated: bool = False  # "(Glassdoor est.)", "estimated"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(text: str, mult: str | None) -> float:
    digits = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):  # European thousands: 50.000
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif "," in digits:  # 45,50 as a decimal comma
        digits = digits.replace(",", ".")
    value = float(digits)
    factor = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "lakh": 1e5, "lakhs": 1e5,
              "lac": 1e5, "lacs": 1e5, "l": 1e5, "lpa": 1e5}.get((mult or "").lower(), 1)  # fmt: skip
    return value * factor


def _currency(match: re.Match[str], name: str) -> str | None:
    symbol = match.group(f"{name}sym")
    if symbol:
        return _SYMBOLS[symbol]
    code = match.group(f"{name}code") or match.group(f"{name}code2")
    return code.upper() if code else None


def _period_after(text: str) -> tuple[Period | None, int]:
    """The pay period named at the start of text, and how many characters name it."""
    for period, pattern in _PERIODS:
        found = pattern.search(text)
        if found:
            return period, found.end()
    return None, 0


def _infer_period(value: float) -> Period:
    """When the text names no period, the size of the number does: 45 is hourly, 4,500 monthly, 45,000 yearly."""
    if value < 500:
        return "hour"
    if value < 10_000:
        return "month"
    return "year"


def parse_salary(text: str | None, strict: bool = False) -> Salary | None:
    """The first salary the text states, annualised; None when there is none ("Competitive").

    strict (for whole job descriptions): an amount counts only with a currency, or a k/lakh suffix on a line that
    talks about pay, so "5+ years", "401(k)" and "10k users" are not salaries.
    """
    if not text or not text.strip():
        return None
    for match in _PATTERN.finditer(text):
        a_num = match.group("anum")
        a_mult, b_mult = match.group("amult"), match.group("bmult")
        currency = _currency(match, "a") or (match.group("bnum") and _currency(match, "b"))
        after = text[match.end() : match.end() + 30]
        if _NOT_SALARY_AFTER.search(after) or re.match(r"^\s*\(k\)", text[match.end("anum") :]):
            continue
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
        # "$150-180K": one suffix covers both ends.
        low = _number(a_num, a_mult or (b_mult if match.group("bnum") and not a_mult else None))
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
        if period is None and (a_mult or "").lower() in {"lpa"}:
            period = "year"
        if period is None:
            period = _infer_period(high or low)
        factor = ANNUAL_FACTOR[period]
        minimum: float | None
        maximum: float | None
        if lead.startswith(("up", "max")):
            minimum, maximum = None, low * factor
        elif match.group("plus") or lead.startswith(("from", "starting", "min", "at least")):
            minimum, maximum = low * factor, (high * factor if high else None)
        else:
            minimum, maximum = low * factor, (high if high is not None else low) * factor
        if (maximum or minimum or 0) < 1000 and period == "year":  # "$5" a year is not a salary
            continue
        estimated = bool(re.search(r"\best(?:imated?\b|\.)", text[match.end() : match.end() + 40], re.I))
        return Salary(
            min=round(minimum, 2) if minimum is not None else None,
            max=round(maximum, 2) if maximum is not None else None,
            currency=currency,  # None when the text names none: no guessing
            period=period,
            raw=text.strip()[:200] if not strict else (match.group(0) + after[:period_length]).strip(),
            estimated=estimated,
        )
    return None


def states_no_salary(text: str | None) -> bool:
    """True for "Competitive", "DOE" and the like: a salary field that says nothing."""
    return bool(text and _NO_SALARY.search(text))
