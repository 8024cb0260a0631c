"""Job feeds as they come: JSON arrays or JSON Lines, schema.org JobPosting, and the field names of the boards
(Indeed, Dice, LinkedIn, Glassdoor, Monster, TechFetch), all mapped into one neutral posting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hiring.boards.text import escaped_html_to_text

PLATFORMS = ("generic", "schema.org", "indeed", "dice", "linkedin", "glassdoor", "monster", "techfetch",
             "greenhouse", "lever")  # fmt: skip

# For each neutral field, the source keys each board uses (first present wins); "generic" is tried for all.
FIELD_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "generic": {
        "external_id": ("external_id", "id", "job_id", "jobId", "identifier", "uniq_id", "reference"),
        "title": ("title", "job_title", "jobTitle", "position", "name"),
        "description": ("description", "job_description", "jobDescription", "body", "content", "descriptionPlain"),
        "company": ("company", "company_name", "companyName", "employer", "organization", "hiringOrganization"),
        "location": ("location", "job_location", "jobLocation", "city"),
        "salary_text": ("salary", "salary_text", "compensation", "pay"),
        "employment_hint": ("employment_type", "employmentType", "job_type", "jobType", "type"),
        "arrangement_hint": ("work_arrangement", "workplace_type", "workplaceType", "remote"),
        "posted_at": ("posted_at", "date_posted", "datePosted", "posted_date", "postedDate", "created_at", "date"),
        "url": ("url", "link", "apply_url", "applyUrl", "absolute_url", "hostedUrl"),
    },
    "indeed": {
        "external_id": ("referencenumber", "jobkey"),
        "title": ("title", "jobtitle"),
        "company": ("company",),
        "location": ("formattedLocation", "city"),
        "salary_text": ("salary",),
        "employment_hint": ("jobtype",),
        "arrangement_hint": ("remotetype",),
        "posted_at": ("date",),
        "description": ("description", "snippet"),
    },
    "dice": {
        "external_id": ("jobId", "id", "detailsPageUrl"),
        "title": ("jobTitle", "title"),
        "company": ("companyName", "company"),
        "location": ("jobLocation", "location"),
        "salary_text": ("salary", "compensation"),
        "employment_hint": ("employmentType",),
        "arrangement_hint": ("workplaceTypes", "isRemote"),
        "posted_at": ("postedDate", "posted"),
        "description": ("jobDescription", "summary", "description"),
    },
    "linkedin": {
        "external_id": ("job_id", "jobPostingId"),
        "title": ("title",),
        "company": ("company_name", "companyName"),
        "location": ("location", "formattedLocation"),
        "employment_hint": ("formatted_work_type", "work_type"),
        "arrangement_hint": ("remote_allowed", "workplaceTypes"),
        "posted_at": ("listed_time", "original_listed_time", "listedAt"),
        "description": ("description",),
        "url": ("job_posting_url", "application_url"),
    },
    "glassdoor": {
        "external_id": ("job_id", "listingId", "index"),
        "title": ("Job Title", "job_title", "jobTitle"),
        "company": ("Company Name", "company_name", "employerName"),
        "location": ("Location", "location"),
        "salary_text": ("Salary Estimate", "salary_estimate", "salary"),
        "employment_hint": ("Type of ownership",),
        "description": ("Job Description", "job_description", "description"),
    },
    "monster": {
        "external_id": ("uniq_id", "job_id"),
        "title": ("job_title", "title"),
        "company": ("organization", "company"),
        "location": ("location",),
        "salary_text": ("salary",),
        "employment_hint": ("job_type",),
        "posted_at": ("date_added",),
        "description": ("job_description", "description"),
        "url": ("page_url",),
    },
    "techfetch": {
        "external_id": ("JobId", "JobCode", "job_code"),
        "title": ("JobTitle", "Title"),
        "company": ("Company", "ClientName"),
        "location": ("Location", "City"),
        "salary_text": ("Salary", "PayRate", "Rate"),
        "employment_hint": ("JobType", "TaxTerms", "EmploymentType"),
        "posted_at": ("PostedDate", "Posted"),
        "description": ("JobDescription", "Description"),
    },
}


class FeedFormatError(ValueError):
    """The file is not a JSON array or JSON Lines of objects."""


@dataclass
class NeutralPosting:
    external_id: str | None
    title: str
    description: str
    company: str | None = None
    location: str | None = None
    salary_text: str | None = None
    employment_hint: str | None = None
    arrangement_hint: str | None = None
    posted_at: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class RowRejected(ValueError):
    """One feed row cannot become a posting; the message says why."""


def read_feed(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, object) for each row of a JSON array or JSON Lines file; an unparsable line yields its text."""
    with path.open("r", encoding="utf-8-sig") as handle:
        head = handle.read(1)
        while head and head.isspace():
            head = handle.read(1)
        handle.seek(0)
        if head == "[":
            try:
                rows = json.load(handle)
            except json.JSONDecodeError as exc:
                raise FeedFormatError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
            for number, row in enumerate(rows, start=1):
                yield number, row
            return
        if head == "{":
            handle.seek(0)
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, f"not valid JSON ({exc.msg}): {line[:200]}"
            return
    raise FeedFormatError(f"{path.name}: expected a JSON array or JSON Lines of objects")


def html_to_text(value: str) -> str:
    """Markup (plain or entity-escaped, as boards send it) to readable lines; plain text is left as it is."""
    if "<" not in value and "&" not in value:
        return value.strip()
    return escaped_html_to_text(value)


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, dict):
        for key in ("name", "value", "text", "label", "@id"):
            if value.get(key):
                return _text(value[key])
        return None
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return "; ".join(parts) if parts else None
    if isinstance(value, bool):
        return "remote" if value else None
    return str(value).strip() or None


def _schema_org(row: dict[str, Any]) -> dict[str, Any]:
    """schema.org JobPosting fields into the generic names."""
    mapped: dict[str, Any] = {"title": row.get("title"), "description": row.get("description")}
    identifier = row.get("identifier")
    if isinstance(identifier, dict):  # a PropertyValue: the id is its value, its name is the issuer
        identifier = identifier.get("value") or identifier.get("@id")
    mapped["external_id"] = _text(identifier) if identifier else row.get("@id") or row.get("url")
    mapped["company"] = _text(row.get("hiringOrganization"))
    places = row.get("jobLocation")
    place = places[0] if isinstance(places, list) and places else places
    if isinstance(place, dict):
        address = place.get("address", {})
        if isinstance(address, dict):
            parts = [address.get("addressLocality"), address.get("addressRegion"), _text(address.get("addressCountry"))]
            mapped["location"] = ", ".join(p for p in parts if p) or None
        else:
            mapped["location"] = _text(address)
    if row.get("jobLocationType") == "TELECOMMUTE":
        mapped["arrangement_hint"] = "remote"
    mapped["employment_hint"] = _text(row.get("employmentType"))
    mapped["posted_at"] = row.get("datePosted")
    mapped["url"] = row.get("url")
    salary = row.get("baseSalary")
    if isinstance(salary, dict):
        value = salary.get("value", {})
        currency = salary.get("currency", "")
        if isinstance(value, dict):
            low, high = value.get("minValue", value.get("value")), value.get("maxValue")
            unit = str(value.get("unitText", "YEAR")).lower()
            span = f"{low}-{high}" if high is not None else f"{low}"
            mapped["salary_text"] = f"{currency} {span} per {unit}".strip()
        elif value:
            mapped["salary_text"] = f"{currency} {value}".strip()
    return mapped


def map_row(row: dict[str, Any] | str, platform: str) -> NeutralPosting:
    """One feed row into a neutral posting, or RowRejected with the reason."""
    if isinstance(row, str):
        raise RowRejected(row)
    if not isinstance(row, dict):
        raise RowRejected(f"expected a JSON object, got {type(row).__name__}")
    source = _schema_org(row) if platform == "schema.org" or row.get("@type") == "JobPosting" else row
    names = FIELD_NAMES.get(platform, {})
    values: dict[str, str | None] = {}
    for field_name, generic_keys in FIELD_NAMES["generic"].items():
        keys = (field_name, *names.get(field_name, ()), *generic_keys)
        values[field_name] = next((t for t in (_text(source.get(k)) for k in keys) if t), None)
    if platform == "linkedin" and row.get("max_salary"):
        low = row.get("min_salary") or row.get("med_salary") or row["max_salary"]
        values["salary_text"] = (
            f"{row.get('currency', 'USD')} {low}-{row['max_salary']} per {row.get('pay_period', 'year')}"
        )
    title, description = values.pop("title"), values.pop("description")
    if not title:
        raise RowRejected("missing title")
    if not description:
        raise RowRejected("missing description")
    return NeutralPosting(title=html_to_text(title)[:300], description=html_to_text(description)[:100_000], **values)
