"""Greenhouse Job Board API (`GET /v1/boards/{token}/jobs?content=true`) to neutral postings."""

from __future__ import annotations

import re
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
from hiring.html_text import escaped_html_to_text

PLATFORM = "greenhouse"
_EMPLOYMENT_FIELD = re.compile(r"employment|commitment|job\s*type|worker\s*type", re.I)


def _leaves(items: Any) -> list[dict[str, Any]]:
    """Offices or departments that no other listed one names as its parent: the most specific ones."""
    if not isinstance(items, list):
        return []
    nodes = [item for item in items if isinstance(item, dict)]
    parents = {node.get("parent_id") for node in nodes if node.get("parent_id") is not None}
    return [node for node in nodes if node.get("id") not in parents]


def _location(job: dict[str, Any]) -> str | None:
    named = text_or_none((job.get("location") or {}).get("name")) if isinstance(job.get("location"), dict) else None
    if named:
        return named
    # The post's own location may be blank; its offices still say where the work is.
    return joined(text_or_none(o.get("location")) or o.get("name") for o in _leaves(job.get("offices")))


def _department(job: dict[str, Any]) -> str | None:
    return joined(d.get("name") for d in _leaves(job.get("departments")))


def _metadata(job: dict[str, Any]) -> list[dict[str, Any]]:
    # Custom fields a company chose to expose; null when it exposes none.
    items = job.get("metadata")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _employment(job: dict[str, Any]) -> str | None:
    for item in _metadata(job):
        if _EMPLOYMENT_FIELD.search(str(item.get("name") or "")) and isinstance(item.get("value"), str):
            return employment_hint(item["value"])
    return None


def _salary(job: dict[str, Any]) -> str | None:
    for item in _metadata(job):
        value = item.get("value")
        if item.get("value_type") == "currency_range" and isinstance(value, dict):
            found = salary_text(value.get("unit"), value.get("min_value"), value.get("max_value"), None)
            if found:
                return found
    return None


def greenhouse_posting(job: dict[str, Any], company: str) -> BoardPosting:
    """One Greenhouse job post as a neutral posting."""
    external_id = required_id(job)
    return BoardPosting(
        external_id=external_id,
        platform=PLATFORM,
        title=required_title(job, "title", external_id),
        company=company,
        location=_location(job),
        description=escaped_html_to_text(job.get("content") if isinstance(job.get("content"), str) else None),
        url=text_or_none(job.get("absolute_url")),
        # first_published is not in the documented list response but live boards send it; fall back to nothing.
        posted_at=iso_timestamp(job.get("first_published")),
        updated_at=iso_timestamp(job.get("updated_at")),
        employment_type=_employment(job),
        work_arrangement=None,  # Greenhouse has no structured field; analysis reads location and text
        salary=_salary(job),
        department=_department(job),
        team=None,
    )


def greenhouse_postings(payload: Any, company: str) -> MappedBoard:
    """Every job post in a list-jobs response."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise BoardPayloadError('Greenhouse response is not {"jobs": [...], "meta": {...}}')
    return map_each(payload["jobs"], greenhouse_posting, company)
