"""What the scorer reads: a candidate and a job reduced to the facts the formula uses, built once each."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from hiring.analysis.posting_fields import EDUCATION_LEVELS, FIELD_STOP, education_fields, parse_location
from hiring.resume.model import ParsedResume

RECENT_MONTHS = 24  # a skill used in a job or project that ended within this many months is recent
ARRANGEMENTS = ("remote", "hybrid", "on-site")
_WORD = re.compile(r"[a-z0-9+#]+")


def words(text: str | None) -> frozenset[str]:
    """Lower-case word tokens of a text."""
    return frozenset(_WORD.findall((text or "").lower()))


def skill_key(name: str) -> str:
    """How skills are compared: canonical names, case-insensitive."""
    return name.strip().lower()


# Resumes name qualifications postings rarely ask for; they rank with the level a posting would read them as.
_QUALIFICATION_RANK = {"certificate": "high_school", "diploma": "associate"}


def education_index(level: str | None) -> int:
    """0 (high school) .. 4 (doctorate); -1 when unknown."""
    level = _QUALIFICATION_RANK.get(level or "", level)
    return EDUCATION_LEVELS.index(level) if level in EDUCATION_LEVELS else -1


def degree_fields(text: str) -> frozenset[str]:
    """Field words a posting names after "degree in ..." (computer science, statistics, ...)."""
    return frozenset(education_fields(text))


@dataclass(frozen=True)
class SkillFacts:
    """One skill a candidate has: where it was shown and whether it was used recently."""

    name: str
    months: int
    sections: frozenset[str]
    recent: bool
    evidence: tuple[tuple[str, str], ...]  # (section, snippet), at most three
    esco_uri: str | None = None  # shown only through ESCO links of resume sentences (the evidence), not the dictionary


@dataclass(frozen=True)
class Preferences:
    """What the candidate asks for; every field optional (no expectation counts as flexible)."""

    salary_min: float | None = None  # annual
    salary_currency: str | None = None
    arrangement: str | None = None  # remote / hybrid / on-site: the arrangement they want
    relocate: bool = False


@dataclass(frozen=True)
class CandidateProfile:
    id: str
    skills: dict[str, SkillFacts]  # by skill_key
    years: float
    seniority: str
    education: int  # highest education_index, -1 unknown
    fields: frozenset[str]
    titles: tuple[str, ...]  # most recent first, at most three
    title_words: tuple[frozenset[str], ...]
    occupation_codes: frozenset[str]
    city: str | None
    region: str | None
    country: str | None
    preferences: Preferences = field(default_factory=Preferences)


@dataclass(frozen=True)
class JobProfile:
    id: str
    title: str
    seniority: str
    required: tuple[str, ...]  # display names, in the posting's order
    preferred: tuple[str, ...]
    experience_min: float | None
    experience_max: float | None
    education: int
    fields: frozenset[str]
    title_words: frozenset[str]
    occupation_code: str | None
    occupation_title: str | None
    city: str | None
    region: str | None
    country: str | None
    arrangement: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    posted: dt.date | None
    # Requirements the dictionary did not name, linked to ESCO (hiring.skills.esco_matching), kept apart from the
    # dictionary's lists: they count only for a candidate who meets them (hiring.matching.score.skills_value), and
    # retrieval never asks for them. esco: (name, uri, the posting's sentence) of each, in the posting's order.
    esco_required: tuple[str, ...] = ()
    esco_preferred: tuple[str, ...] = ()
    esco: tuple[tuple[str, str, str], ...] = ()


def _norm_place(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


def _month_index(value: str | None) -> int | None:
    if not value or not re.fullmatch(r"\d{4}-\d{2}", value):
        return None
    return int(value[:4]) * 12 + int(value[5:7]) - 1


def _title_words(title: str) -> frozenset[str]:
    from hiring.analysis.occupations import normalize_title

    return frozenset(normalize_title(title).split())


@lru_cache(maxsize=20_000)
def occupation_codes(title: str) -> tuple[str, ...]:
    """The O*NET codes a resume title may stand for: every occupation listing it, since a resume gives no posting
    text to choose among them (cached: fuzzy matching is the costly part of a profile)."""
    from hiring.analysis.occupations import occupation_index

    return occupation_index().codes(title)


def _contains(text: str, name: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])", text.lower()) is not None


def candidate_profile(
    candidate_id: str,
    resume: ParsedResume,
    today: dt.date,
    preferences: Preferences | None = None,
    esco: Iterable[Mapping[str, Any]] = (),
) -> CandidateProfile:
    """The scorer's view of a parsed resume."""
    now = today.year * 12 + today.month - 1
    recent_text: list[str] = []
    for job in resume.experience:
        end = now if job.current else _month_index(job.end)
        if end is not None and now - end <= RECENT_MONTHS:
            recent_text.append(f"{job.title or ''}\n{job.description}")
    for project in resume.projects:
        end = _month_index(project.end) or _month_index(project.start)
        if end is not None and now - end <= RECENT_MONTHS:
            recent_text.append(" ".join(project.technologies) + "\n" + project.description)
    recent_blob = "\n".join(recent_text)
    skills: dict[str, SkillFacts] = {}
    for skill in resume.skills:
        sections = frozenset(e.section for e in skill.evidence)
        evidence = tuple((e.section, e.text.strip()) for e in skill.evidence[:3])
        recent = bool(recent_blob) and _contains(recent_blob, skill.name)
        skills[skill_key(skill.name)] = SkillFacts(skill.name, skill.months, sections, recent, evidence)
    _add_esco_skills(skills, esco, recent_blob)
    titles = tuple(t for t in (job.title for job in resume.experience) if t)[:3]
    codes = frozenset(c for title in titles for c in occupation_codes(title))
    location = parse_location(resume.location)
    fields: frozenset[str] = frozenset()
    for school in resume.education:
        fields |= {w for w in words(school.field) if w not in FIELD_STOP}
    return CandidateProfile(
        id=candidate_id,
        skills=skills,
        years=resume.total_experience_months / 12,
        seniority=resume.seniority,
        education=max((education_index(e.level) for e in resume.education), default=-1),
        fields=fields,
        titles=titles,
        title_words=tuple(_title_words(t) for t in titles),
        occupation_codes=codes,
        city=_norm_place(location.city) if location else None,
        region=_norm_place(location.region) if location else None,
        country=_norm_place(location.country) if location else None,
        preferences=preferences or Preferences(),
    )


_ESCO_SECTIONS = {"experience": "experience", "projects": "projects", "summary": "summary", "skills": "skills"}


def _add_esco_skills(skills: dict[str, SkillFacts], links: Iterable[Mapping[str, Any]], recent_blob: str) -> None:
    """The ESCO skills a resume's sentences link to (above the threshold, best first), as skills shown where their
    sentences are, with those sentences as evidence; a skill the dictionary found keeps the dictionary's facts."""
    found: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    for link in links:
        key = skill_key(link["label"])
        if key in skills:
            continue
        name, uri, evidence = found.setdefault(key, (link["label"], link["uri"], []))
        item = (_ESCO_SECTIONS.get(link["block"], "summary"), " ".join(link["sentence"].split()))
        if item not in evidence:
            evidence.append(item)
    for key, (name, uri, evidence) in found.items():
        sections = frozenset(section for section, _ in evidence)
        recent = any(section in {"experience", "projects"} and text in " ".join(recent_blob.split())
                     for section, text in evidence)  # fmt: skip
        skills[key] = SkillFacts(name, 0, sections, recent, tuple(evidence[:3]), esco_uri=uri)


def _esco_requirements(
    links: Iterable[Mapping[str, Any]], required: tuple[str, ...], preferred: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """The ESCO skills the required and preferred blocks' unresolved sentences ask for (in the posting's order; a
    skill the dictionary lists, or an earlier sentence asked, is not asked again), with (name, uri, sentence) each."""
    names = {skill_key(n) for n in (*required, *preferred)}
    more: dict[str, list[str]] = {"required": [], "preferred": []}
    asked: list[tuple[str, str, str]] = []
    for link in links:
        key = skill_key(link["label"])
        if key in names or link["block"] not in more:
            continue
        names.add(key)
        more[link["block"]].append(link["label"])
        asked.append((link["label"], link["uri"], " ".join(link["sentence"].split())))
    return tuple(more["required"]), tuple(more["preferred"]), tuple(asked)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def job_profile(row: dict[str, Any]) -> JobProfile:
    """The scorer's view of an analysed job (a jobs row, or an analysis dict with id and description)."""
    posted = row.get("posted_at")
    if isinstance(posted, dt.datetime):
        posted_date: dt.date | None = posted.astimezone(dt.UTC).date()
    elif isinstance(posted, dt.date):
        posted_date = posted
    elif isinstance(posted, str) and posted:
        posted_date = dt.datetime.fromisoformat(posted.replace("Z", "+00:00")).date()
    else:
        posted_date = None
    analysis = row.get("analysis") or {}
    occupation = analysis.get("occupation") or {}
    title = row.get("title") or ""
    stored_fields = analysis.get("education_fields")  # analyses before it was stored: read from the description
    required = tuple(row.get("required_skills") or ())
    preferred = tuple(row.get("preferred_skills") or ())
    esco_required, esco_preferred, esco = _esco_requirements(row.get("esco") or (), required, preferred)
    return JobProfile(
        id=str(row["id"]),
        title=title,
        seniority=row.get("seniority") or analysis.get("seniority") or "mid",
        required=required,
        preferred=preferred,
        experience_min=_number(row.get("experience_min")),
        experience_max=_number(row.get("experience_max")),
        education=education_index(row.get("education_level")),
        fields=frozenset(stored_fields) if stored_fields is not None else degree_fields(row.get("description") or ""),
        title_words=_title_words(title),
        occupation_code=row.get("occupation_code") or occupation.get("code"),
        occupation_title=occupation.get("title"),
        city=_norm_place(row.get("location_city")),
        region=_norm_place(row.get("location_region")),
        country=_norm_place(row.get("location_country")),
        arrangement=row.get("work_arrangement"),
        salary_min=_number(row.get("salary_min")),
        salary_max=_number(row.get("salary_max")),
        salary_currency=row.get("salary_currency"),
        posted=posted_date,
        esco_required=esco_required,
        esco_preferred=esco_preferred,
        esco=esco,
    )


def job_row_from_analysis(job_id: str, description: str, analysis: Any, posted_at: Any = None) -> dict[str, Any]:
    """A jobs-row-shaped dict from a JobAnalysis, for scoring postings that were never stored (the CLI)."""
    salary = analysis.salary or {}
    location = analysis.location or {}
    return {
        "id": job_id,
        "title": analysis.title,
        "description": description,
        "seniority": analysis.seniority,
        "required_skills": analysis.required_skills,
        "preferred_skills": analysis.preferred_skills,
        "experience_min": analysis.experience_min,
        "experience_max": analysis.experience_max,
        "education_level": analysis.education_level,
        "occupation_code": (analysis.occupation or {}).get("code"),
        "analysis": {
            "occupation": analysis.occupation,
            "seniority": analysis.seniority,
            "education_fields": analysis.education_fields,
        },
        "location_city": location.get("city"),
        "location_region": location.get("region"),
        "location_country": location.get("country"),
        "work_arrangement": analysis.work_arrangement,
        "salary_min": salary.get("min"),
        "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"),
        "posted_at": posted_at,
    }
