"""Job feeds as they come: JSON arrays or JSON Lines, schema.org JobPosting, and the field names of the boards
(Indeed, Dice, LinkedIn, Glassdoor, Monster, TechFetch), all mapped into one neutral posting.

A row that cannot become a posting is refused alone with its reason (RowRejected), never fixed silently: text
holding a NUL or control character, a url that is not http(s), a posted_at that is not a date (never replaced by
the import time; an absent one is the import time), a title or description longer than a posting may be (never
cut). See hiring.hygiene for the rules every boundary shares.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from hiring.html_text import escaped_html_to_text
from hiring.hygiene import FORBIDDEN_TEXT, TooDeep, check_json_depth, forbidden_char_paths, is_http_url

MAX_TITLE_CHARS = 300  # the limits of a posting, for feeds and the API alike (services.jobs.JobPosting)
MAX_DESCRIPTION_CHARS = 100_000

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


def row_or_reason(value: Any) -> dict[str, Any] | str:
    """A parsed row as it is when it is an object, else the reason it cannot be a row (never its own text)."""
    return value if isinstance(value, dict) else f"expected a JSON object, got {type(value).__name__}"


def read_feed(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, object) for each row of a JSON array or JSON Lines file; an unparsable line yields its text."""
    with path.open("r", encoding="utf-8-sig") as handle:
        head = handle.read(1)
        while head and head.isspace():
            head = handle.read(1)
        handle.seek(0)
        if head == "[":
            text = handle.read()
            try:
                check_json_depth(text)
                rows = json.loads(text)
            except TooDeep as exc:
                raise FeedFormatError(f"{path.name}: {exc.message}") from exc
            except json.JSONDecodeError as exc:
                raise FeedFormatError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
            for number, row in enumerate(rows, start=1):
                yield number, row_or_reason(row)
            return
        if head == "{":
            handle.seek(0)
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    check_json_depth(line)
                    yield number, row_or_reason(json.loads(line))
                except TooDeep as exc:
                    yield number, f"the row is {exc.message.removeprefix('the JSON is ')}"
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


def parse_posted_at(value: str | None) -> dt.datetime | None:
    """ISO 8601 dates and times, RFC 2822 (RSS, Indeed), epoch seconds or milliseconds, MM/DD/YYYY; None when
    absent; ValueError when the value is not a date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        number = float(text)
        return dt.datetime.fromtimestamp(number / 1000 if number > 1e11 else number, dt.UTC)
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for attempt in (parsedate_to_datetime, lambda t: dt.datetime.strptime(t, "%m/%d/%Y")):
            try:
                parsed = attempt(text)
                break
            except (TypeError, ValueError, IndexError):
                continue
    if parsed is None:
        raise ValueError(f"{text[:40]!r} is not a date (ISO 8601, RFC 2822, epoch seconds or MM/DD/YYYY)")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _check_row_text(row: dict[str, Any]) -> None:
    paths = list(forbidden_char_paths(row))
    if paths:
        raise RowRejected(f"{', '.join(paths)} {FORBIDDEN_TEXT}")


def map_row(row: dict[str, Any] | str, platform: str) -> NeutralPosting:
    """One feed row into a neutral posting, or RowRejected with the reason."""
    if isinstance(row, str):
        raise RowRejected(row)
    if not isinstance(row, dict):
        raise RowRejected(f"expected a JSON object, got {type(row).__name__}")
    _check_row_text(row)
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
    title, description = html_to_text(title), html_to_text(description)
    for name, text, limit in (("title", title, MAX_TITLE_CHARS), ("description", description, MAX_DESCRIPTION_CHARS)):
        if len(text) > limit:
            raise RowRejected(f"{name} is {len(text):,} characters; a posting's {name} may have at most {limit:,}")
    if values["url"] is not None and not is_http_url(values["url"]):
        scheme = values["url"].split(":", 1)[0][:20] if ":" in values["url"] else "no scheme"
        raise RowRejected(f"url must be an http(s) address, not {scheme!r}")
    try:
        parse_posted_at(values["posted_at"])
    except ValueError as exc:
        raise RowRejected(f"posted_at {exc}") from exc
    return NeutralPosting(title=title, description=description, **values)
