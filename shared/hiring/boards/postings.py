"""The one neutral posting dict every board maps into, and the small helpers the mappers share."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypedDict

from hiring.analysis.posting_fields import employment_type


class BoardPosting(TypedDict):
    """A posting as the import pipeline receives it from a board; the hints are structured facts the board
    states outright, which analysis may prefer over what it infers from the text."""

    external_id: str
    platform: str  # "greenhouse" | "lever"
    title: str
    company: str
    location: str | None
    description: str  # plain text, one line per paragraph or bullet
    url: str | None
    posted_at: str | None  # ISO 8601
    updated_at: str | None  # ISO 8601
    employment_type: str | None  # full-time / part-time / contract / temporary / internship, else the board's words
    work_arrangement: str | None  # remote / hybrid / on-site
    salary: str | None  # e.g. "USD 120000-150000 per year", readable by hiring.analysis.salary.parse_salary
    department: str | None
    team: str | None


class PostingShapeError(ValueError):
    """One posting lacks what every posting must have (an id, a title)."""


class BoardPayloadError(ValueError):
    """The whole response is not the shape the board documents."""


@dataclass
class MappedBoard:
    postings: list[BoardPosting] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # one reason per posting left out


def text_or_none(value: Any) -> str | None:
    """A stripped string, or None for missing, blank or non-string values."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def joined(values: Iterable[Any]) -> str | None:
    """Distinct non-blank strings in order, joined with "; "; None when there are none."""
    found = [text for text in (text_or_none(value) for value in values) if text]
    return "; ".join(dict.fromkeys(found)) or None


def required_id(raw: dict[str, Any]) -> str:
    value = raw.get("id")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise PostingShapeError("posting has no id")
    return str(value).strip()


def required_title(raw: dict[str, Any], key: str, external_id: str) -> str:
    """The title as text; some boards leave entities (&amp;, &ndash;) in it."""
    title = text_or_none(raw.get(key))
    if title is None:
        raise PostingShapeError(f"posting {external_id} has no {key}")
    return " ".join(html.unescape(title).split())


def iso_timestamp(value: Any) -> str | None:
    """ISO 8601 from an ISO string (any offset) or epoch milliseconds; None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value / 1000, dt.UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).isoformat()
        except ValueError:
            return None
    return None


def amount_text(value: Any) -> str | None:
    """A money amount as plain digits ("120000", "52.5"); boards send numbers or numeric strings."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None
    if number < 0:
        return None
    return str(int(number)) if number.is_integer() else f"{number:g}"


def salary_text(currency: Any, low: Any, high: Any, period: str | None) -> str | None:
    """'USD 120000-150000 per year' style text from structured parts; None without any amount."""
    unit = text_or_none(currency)
    low_text, high_text = amount_text(low), amount_text(high)
    if low_text and high_text:
        amounts = low_text if low_text == high_text else f"{low_text}-{high_text}"
    elif low_text or high_text:
        amounts = low_text or high_text or ""
    else:
        return None
    parts = [unit.upper() if unit else None, amounts, period]
    return " ".join(part for part in parts if part)


def employment_hint(value: Any) -> str | None:
    """The analysis vocabulary for a board's employment wording, or that wording when it is not recognised."""
    text = text_or_none(value)
    if text is None:
        return None
    return employment_type(text) or text


def map_each(
    raw_postings: list[Any], mapper: Callable[[dict[str, Any], str], BoardPosting], company: str
) -> MappedBoard:
    """Map every posting; one malformed posting is recorded and skipped, never the whole board."""
    mapped = MappedBoard()
    for index, raw in enumerate(raw_postings):
        if not isinstance(raw, dict):
            mapped.rejected.append(f"item {index}: not an object")
            continue
        try:
            mapped.postings.append(mapper(raw, company))
        except PostingShapeError as error:
            mapped.rejected.append(f"item {index}: {error}")
    return mapped
