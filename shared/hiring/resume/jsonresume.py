"""JSON Resume (jsonresume.org schema v1) export and import of the structured resume."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hiring.resume.dates import DateRange, Month, union_months
from hiring.resume.education import degree_level
from hiring.resume.entries import ProjectEntry
from hiring.resume.experience import Job
from hiring.resume.model import Education, Experience, Links, ParsedResume, Project
from hiring.resume.parser import infer_seniority, score_confidence, skills_with_evidence
from hiring.resume.sections import split_sections
from hiring.resume.skills import find_mentions

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?")


class InvalidJsonResume(ValueError):
    """The document is not a usable JSON Resume."""


def to_json_resume(parsed: ParsedResume) -> dict[str, Any]:
    """The structured resume as a JSON Resume document."""
    profiles = [
        {"network": network, "url": url}
        for network, url in (("LinkedIn", parsed.links.linkedin), ("GitHub", parsed.links.github))
        if url
    ]
    basics: dict[str, Any] = {
        "name": parsed.name or "",
        "label": next((e.title for e in parsed.experience if e.title), "") or "",
        "email": parsed.email or "",
        "phone": parsed.phone or "",
        "url": parsed.links.portfolio or "",
        "summary": parsed.summary or "",
        "location": {"address": parsed.location or ""},
        "profiles": profiles,
    }
    work = [
        _clean({
            "name": e.company, "position": e.title, "location": e.location, "startDate": e.start,
            "endDate": None if e.current else e.end, "summary": e.description or None,
        })
        for e in parsed.experience
    ]  # fmt: skip
    education = [
        _clean({
            "institution": e.institution, "area": e.field, "studyType": e.degree, "startDate": e.start,
            "endDate": e.end, "score": None if e.gpa is None else f"{e.gpa:g}",
        })
        for e in parsed.education
    ]  # fmt: skip
    projects = [
        _clean(
            {
                "name": p.title,
                "description": p.description or None,
                "keywords": p.technologies or None,
                "url": p.url,
                "startDate": p.start,
                "endDate": p.end,
            }
        )  # fmt: skip
        for p in parsed.projects
    ]
    skills = [_clean({"name": s.name, "keywords": [s.category] if s.category else None}) for s in parsed.skills]
    return {
        "$schema": SCHEMA,
        "basics": basics,
        "work": work,
        "education": education,
        "projects": projects,
        "skills": skills,
        "certificates": [{"name": c} for c in parsed.certifications],
        "languages": [_language(text) for text in parsed.languages],
        "meta": {"version": "v1.0.0", "x-confidence": parsed.confidence},
    }


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def _language(text: str) -> dict[str, str]:
    match = re.match(r"^\s*([^()\-–:,]+?)\s*(?:[(\-–:,]\s*([^)]*)\)?)?\s*$", text)
    if match and match.group(2):
        return {"language": match.group(1).strip(), "fluency": match.group(2).strip()}
    return {"language": text.strip()}


# --- import --------------------------------------------------------------------------------------------


def _month(value: Any) -> Month | None:
    match = _ISO.match(str(value or ""))
    if not match:
        return None
    return Month(int(match.group(1)), int(match.group(2) or 1), exact=match.group(2) is not None)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Writer:
    """Builds the plain-text rendering of an imported resume and remembers where each entry sits."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, text: str = "") -> tuple[int, int]:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return start, start + len(text)

    def heading(self, title: str) -> None:
        self.line()
        self.line(title)

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip("\n")


def from_json_resume(document: Any, today: date | None = None) -> tuple[str, ParsedResume]:
    """A JSON Resume document as (plain text, structured resume); skills and evidence come from the text."""
    if not isinstance(document, dict) or not isinstance(document.get("basics", {}), dict):
        raise InvalidJsonResume("a JSON Resume is an object with a 'basics' object")
    today = today or date.today()
    basics = document.get("basics") or {}
    name = _text(basics.get("name"))
    if not name:
        raise InvalidJsonResume("basics.name is required")
    out = _Writer()
    out.line(name)
    location = basics.get("location") or {}
    place = ", ".join(p for p in (_text(location.get("city")), _text(location.get("region"))) if p) or _text(
        location.get("address")
    )
    profiles = [p for p in basics.get("profiles") or [] if isinstance(p, dict)]
    links = Links()
    for profile in profiles:
        url, network = _text(profile.get("url")), _text(profile.get("network")).lower()
        if network == "linkedin" or "linkedin.com" in url:
            links.linkedin = links.linkedin or url
        elif network == "github" or "github.com" in url:
            links.github = links.github or url
        elif url:
            links.other.append(url)
    links.portfolio = _text(basics.get("url")) or None
    contact_line = [_text(basics.get("email")), _text(basics.get("phone")), place]
    contact_line += [u for u in (links.linkedin, links.github, links.portfolio) if u]
    out.line(" | ".join(p for p in contact_line if p))
    summary = _text(basics.get("summary"))
    if summary:
        out.heading("SUMMARY")
        out.line(summary)

    jobs: list[Job] = []
    experience: list[Experience] = []
    work = [w for w in document.get("work") or [] if isinstance(w, dict)]
    if work:
        out.heading("EXPERIENCE")
    for item in work:
        start, end = _month(item.get("startDate")), _month(item.get("endDate"))
        current = start is not None and not item.get("endDate")
        company, title = _text(item.get("name")) or None, _text(item.get("position")) or None
        begin, _ = out.line(" | ".join(p for p in (title, company, _text(item.get("location"))) if p))
        body = [_text(item.get("summary"))] + [_text(h) for h in item.get("highlights") or []]
        for piece in body:
            if piece:
                out.line(piece)
        dates = DateRange(start, end, current, begin, begin) if start is not None else None
        jobs.append(Job(company, title, _text(item.get("location")) or None, dates, "\n".join(p for p in body if p),
                        (begin, out.length)))  # fmt: skip
        experience.append(
            Experience(
                company=company, title=title, location=_text(item.get("location")) or None,
                start=start.iso() if start else None, end=end.iso() if end else None, current=current,
                months=dates.months(today) if dates else None, description="\n".join(p for p in body if p),
            )
        )  # fmt: skip

    education: list[Education] = []
    schools = [e for e in document.get("education") or [] if isinstance(e, dict)]
    if schools:
        out.heading("EDUCATION")
    for item in schools:
        degree, area = _text(item.get("studyType")) or None, _text(item.get("area")) or None
        out.line(" | ".join(p for p in (_text(item.get("institution")), degree, area) if p))
        start, end = _month(item.get("startDate")), _month(item.get("endDate"))
        score = re.match(r"\d+(?:\.\d+)?", _text(item.get("score")))
        education.append(
            Education(
                degree=degree, level=degree_level(degree or "")[0], field=area,
                institution=_text(item.get("institution")) or None, start=start.iso() if start else None,
                end=end.iso() if end else None, gpa=float(score.group(0)) if score else None,
            )
        )  # fmt: skip

    project_entries: list[ProjectEntry] = []
    projects: list[Project] = []
    items = [p for p in document.get("projects") or [] if isinstance(p, dict)]
    if items:
        out.heading("PROJECTS")
    for item in items:
        begin, _ = out.line(_text(item.get("name")))
        keywords = [_text(k) for k in item.get("keywords") or [] if _text(k)]
        description = "\n".join(
            p for p in [_text(item.get("description"))] + [_text(h) for h in item.get("highlights") or []] if p
        )  # noqa: E501
        for piece in description.split("\n") + ([f"Technologies: {', '.join(keywords)}"] if keywords else []):
            if piece:
                out.line(piece)
        start, end = _month(item.get("startDate")), _month(item.get("endDate"))
        dates = DateRange(start, end, False, begin, begin) if start and end else None
        project_entries.append(ProjectEntry(_text(item.get("name")) or None, description, (begin, out.length), dates))
        projects.append(Project(title=_text(item.get("name")) or None, technologies=keywords, description=description,
                                url=_text(item.get("url")) or None, start=start.iso() if start else None,
                                end=end.iso() if end else None))  # fmt: skip

    skill_lines = [
        ", ".join([_text(s.get("name"))] + [_text(k) for k in s.get("keywords") or []])
        for s in document.get("skills") or []
        if isinstance(s, dict)
    ]
    certifications = [_text(c.get("name")) for c in document.get("certificates") or [] if isinstance(c, dict)]
    languages = [
        f"{_text(lang.get('language'))} ({_text(lang.get('fluency'))})" if _text(lang.get("fluency"))
        else _text(lang.get("language"))
        for lang in document.get("languages") or [] if isinstance(lang, dict) and _text(lang.get("language"))
    ]  # fmt: skip
    for heading, lines in (("SKILLS", skill_lines), ("CERTIFICATIONS", certifications), ("LANGUAGES", languages)):
        if any(lines):
            out.heading(heading)
            for item_line in lines:
                if item_line:
                    out.line(item_line)

    text = out.text
    sections = split_sections(text)
    skills = skills_with_evidence(text, sections, find_mentions(text), jobs, project_entries, today)
    total = union_months([job.dates.interval(today) for job in jobs if job.dates is not None])
    parsed = ParsedResume(
        name=name, email=_text(basics.get("email")) or None, phone=_text(basics.get("phone")) or None,
        location=place or None, links=links, summary=summary or None, experience=experience, education=education,
        projects=projects, certifications=[c for c in certifications if c], languages=languages, skills=skills,
        total_experience_months=total, seniority=infer_seniority(total, [e.title for e in experience]),
    )  # fmt: skip
    known = {s.name for s in sections if s.name not in ("header", "other")}
    return text, score_confidence(parsed, has_experience_section=bool(work), section_count=len(known))
