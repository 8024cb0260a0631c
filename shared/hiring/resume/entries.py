"""Entries inside the other sections: projects, certifications, languages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hiring.resume.dates import DateRange, find_ranges
from hiring.resume.experience import entry_description
from hiring.resume.lines import is_headerish, lines_of, pieces, strip_bullet
from hiring.resume.sections import NATURAL_LANGUAGES


@dataclass
class ProjectEntry:
    title: str | None
    description: str
    span: tuple[int, int]
    dates: DateRange | None
    url: str | None = None
    named_technologies: list[str] = field(default_factory=list)


_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|dev|app|org|net)/\S*", re.I)
_TECH_LINE = re.compile(
    r"^\s*(?:technologies|tech stack|stack|tools|built with|environment|tech)\s*(?:used)?\s*:\s*", re.I
)


def parse_projects(text: str, start: int, end: int) -> list[ProjectEntry]:
    """Projects: each header-shaped line followed by its description."""
    lines = lines_of(text, start, end)
    projects: list[ProjectEntry] = []
    heads = [
        i
        for i, line in enumerate(lines)
        if is_headerish(line, 12)
        and not _TECH_LINE.match(line.text)
        and (i == 0 or lines[i - 1].blank or lines[i - 1].bullet or not is_headerish(lines[i - 1], 12))
    ]
    for n, i in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(lines)
        head = lines[i]
        dates = next(iter(find_ranges(head.text)), None)
        url = _URL.search(head.text)
        title_text = head.text if dates is None else head.text[: dates.begin] + " | " + head.text[dates.finish :]
        if url:
            title_text = title_text.replace(url.group(0), " | ")
        parts = pieces(re.split(r":\s", title_text, maxsplit=1)[0])
        body = lines[i + 1 : stop]
        named: list[str] = []
        for line in body:
            tech = _TECH_LINE.match(strip_bullet(line.text))
            if tech:
                named.extend(t.strip() for t in re.split(r"[,;|/]", strip_bullet(line.text)[tech.end() :]) if t.strip())
        if url is None:
            url = next((m for line in body if (m := _URL.search(line.text))), None)
        span_end = lines[stop - 1].end
        projects.append(
            ProjectEntry(
                parts[0] if parts else None,
                entry_description(body),
                (head.start, span_end),
                dates,
                url.group(0) if url else None,
                named,
            )  # fmt: skip
        )
    return projects


def list_items(text: str, start: int, end: int) -> list[str]:
    """Items of a list section: one per line, bullets removed."""
    items = []
    for line in lines_of(text, start, end):
        item = strip_bullet(line.text).strip(" ,;")
        if item and not line.blank:
            items.append(item)
    return items


def parse_languages(items: list[str]) -> list[str]:
    """Spoken languages with any proficiency written beside them."""
    found: list[str] = []
    for item in items:
        for part in re.split(r"[,;|•]|\s{3,}", item):
            part = part.strip(" .-")
            first = re.split(r"[\s(:\-–]", part.lower(), maxsplit=1)[0]
            if first in NATURAL_LANGUAGES and part not in found:
                found.append(part)
    return found


def months_of(dates: DateRange | None, today: date) -> int | None:
    """Months a date range covers, or None without dates."""
    return None if dates is None else dates.months(today)
