"""Lever Postings API (`GET /v0/postings/{site}?mode=json`) to neutral postings."""

from __future__ import annotations

from typing import Any

from hiring.boards.postings import (
    BoardPayloadError,
    BoardPosting,
    MappedBoard,
    employment_hint,
    iso_timestamp,
    joined,
    map_each,
    required_id,
    required_title,
    salary_text,
    text_or_none,
)
from hiring.html_text import html_to_text

PLATFORM = "lever"
_ARRANGEMENTS = {"remote": "remote", "hybrid": "hybrid", "on-site": "on-site", "onsite": "on-site"}
_INTERVALS = {
    "per-year-salary": "per year",
    "per-month-salary": "per month",
    "per-week-salary": "per week",
    "per-day-wage": "per day",
    "per-hour-wage": "per hour",
}


def _location(categories: dict[str, Any]) -> str | None:
    named = text_or_none(categories.get("location"))
    if named:
        return named
    every = categories.get("allLocations")
    return joined(every) if isinstance(every, list) else None


def _description(posting: dict[str, Any]) -> str:
    # The styled HTML keeps paragraph and bullet structure; the *Plain twins are the fallback.
    parts = [html_to_text(posting.get("description")) or (text_or_none(posting.get("descriptionPlain")) or "")]
    lists = posting.get("lists")
    for block in lists if isinstance(lists, list) else []:
        if not isinstance(block, dict):
            continue
        heading = text_or_none(block.get("text"))
        content = html_to_text(block.get("content") if isinstance(block.get("content"), str) else None)
        parts.extend(part for part in (heading, content) if part)
    parts.append(html_to_text(posting.get("additional")) or (text_or_none(posting.get("additionalPlain")) or ""))
    return "\n".join(part for part in parts if part)


def _salary(posting: dict[str, Any]) -> str | None:
    salary = posting.get("salaryRange")
    if not isinstance(salary, dict):
        return None
    period = _INTERVALS.get(str(salary.get("interval") or ""))
    return salary_text(salary.get("currency"), salary.get("min"), salary.get("max"), period)


def lever_posting(posting: dict[str, Any], company: str) -> BoardPosting:
    """One Lever posting as a neutral posting."""
    external_id = required_id(posting)
    raw_categories = posting.get("categories")
    categories: dict[str, Any] = raw_categories if isinstance(raw_categories, dict) else {}
    return BoardPosting(
        external_id=external_id,
        platform=PLATFORM,
        title=required_title(posting, "text", external_id),
        company=company,
        location=_location(categories),
        description=_description(posting),
        url=text_or_none(posting.get("hostedUrl")),
        posted_at=iso_timestamp(posting.get("createdAt")),
        updated_at=iso_timestamp(posting.get("updatedAt")),  # not documented for the public API; used when sent
        employment_type=employment_hint(categories.get("commitment")),
        work_arrangement=_ARRANGEMENTS.get(str(posting.get("workplaceType") or "").lower()),
        salary=_salary(posting),
        department=text_or_none(categories.get("department")),
        team=text_or_none(categories.get("team")),
    )


def lever_postings(payload: Any, company: str) -> MappedBoard:
    """Every posting in a list-postings response (a bare JSON array)."""
    if not isinstance(payload, list):
        raise BoardPayloadError("Lever response is not a JSON array of postings")
    return map_each(payload, lever_posting, company)
