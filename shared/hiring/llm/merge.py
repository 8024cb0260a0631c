"""Merge verified LLM fields into the rule-based resume: rules win where confident, the model fills gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from hiring.llm.grounding import Grounded, normalise
from hiring.llm.schema import LlmEducation, LlmExperience, LlmProject
from hiring.resume.dates import union_months
from hiring.resume.model import Education, Evidence, Experience, ParsedResume, Project, Skill

_CONTACT = ("name", "email", "phone", "location")
E = TypeVar("E", Experience, Education)


@dataclass
class Merged:
    """The merged resume and the fields the model supplied."""

    resume: ParsedResume
    from_llm: list[str] = field(default_factory=list)


def _month_index(value: str) -> int:
    year, month = value.split("-")
    return int(year) * 12 + int(month) - 1


def months_between(start: str | None, end: str | None, current: bool, today: date) -> int | None:
    """Whole months from start to end inclusive (to this month when current); None when a date is unknown."""
    if start is None:
        return None
    last = f"{today.year:04d}-{today.month:02d}" if current else end
    if last is None:
        return None
    span = _month_index(last) - _month_index(start) + 1
    return span if span > 0 else None


def total_months(jobs: list[Experience], today: date) -> int:
    """Months covered by any job, so overlapping jobs count once (the rule-based parser's own counting)."""
    intervals = []
    for job in jobs:
        months = months_between(job.start, job.end, job.current, today)
        if months and job.start:
            intervals.append((_month_index(job.start), _month_index(job.start) + months))
    return union_months(intervals)


def _experience(job: LlmExperience, today: date) -> Experience:
    return Experience(
        company=job.company,
        title=job.title,
        location=job.location,
        start=job.start,
        end=None if job.current else job.end,
        current=job.current,
        months=months_between(job.start, job.end, job.current, today),
        description=job.description,
    )


def _education(school: LlmEducation) -> Education:
    return Education(**school.model_dump())


def _project(project: LlmProject) -> Project:
    return Project(
        title=project.title, technologies=project.technologies, description=project.description, url=project.url
    )


def _key(value: str | None) -> str:
    return normalise(value or "")


def _fill_gaps(rule: E, llm: E, today: date) -> E | None:
    """The rule-based entry with its empty fields taken from the matching model entry; None if nothing to fill."""
    gaps = {
        name: value
        for name, value in llm.model_dump().items()
        if value not in (None, "", []) and name != "current" and getattr(rule, name) in (None, "", [])
    }
    if isinstance(rule, Experience):
        if rule.current:
            gaps.pop("end", None)  # a job the rules read as ongoing keeps no end date
        gaps.pop("months", None)  # recomputed below from the dates actually kept
        if not gaps:
            return None
        filled = rule.model_copy(update=gaps)
        if filled.months is None:
            filled = filled.model_copy(
                update={"months": months_between(filled.start, filled.end, filled.current, today)}
            )
        return filled
    return rule.model_copy(update=gaps) if gaps else None


def merge(parsed: ParsedResume, grounded: Grounded, text: str, confident_at: float, today: date) -> Merged:
    """Verified model output merged into the rule-based result (never the other way round)."""
    llm = grounded.resume
    update: dict[str, object] = {}
    from_llm: list[str] = []

    contact_confident = parsed.confidences.contact >= confident_at
    for name in _CONTACT:
        ours, theirs = getattr(parsed, name), getattr(llm, name)
        if theirs is None:
            continue
        if ours is None or (not contact_confident and _key(ours) != _key(theirs)):
            update[name] = theirs
            from_llm.append(name)
    if parsed.summary is None and llm.summary is not None:
        update["summary"] = llm.summary
        from_llm.append("summary")

    jobs = [_experience(job, today) for job in llm.experience]
    merged_jobs = _merge_entries(
        parsed.experience, jobs, "company", parsed.confidences.experience >= confident_at, today
    )
    if merged_jobs is not None:
        update["experience"] = merged_jobs
        update["total_experience_months"] = total_months(merged_jobs, today)
        from_llm.append("experience")

    schools = [_education(school) for school in llm.education]
    merged_schools = _merge_entries(
        parsed.education, schools, "institution", parsed.confidences.education >= confident_at, today
    )
    if merged_schools is not None:
        update["education"] = merged_schools
        from_llm.append("education")

    known_projects = {_key(p.title) for p in parsed.projects}
    new_projects = [_project(p) for p in llm.projects if _key(p.title) not in known_projects]
    if new_projects:
        update["projects"] = [*parsed.projects, *new_projects]
        from_llm.append("projects")

    for name in ("certifications", "languages"):
        ours_list: list[str] = getattr(parsed, name)
        seen = {_key(value) for value in ours_list}
        added = [value for value in getattr(llm, name) if _key(value) not in seen]
        if added:
            update[name] = [*ours_list, *added]
            from_llm.append(name)

    known_skills = {skill.name.lower() for skill in parsed.skills}
    new_skills = [
        Skill(
            name=skill.name,
            category=skill.category,
            evidence=[Evidence(section="other", text=text[skill.start : skill.end], start=skill.start, end=skill.end)]
            if skill.start is not None and skill.end is not None
            else [],
        )
        for skill in grounded.skills
        if skill.name.lower() not in known_skills
    ]
    if new_skills:
        update["skills"] = [*parsed.skills, *new_skills]
        from_llm.append("skills")

    return Merged(resume=parsed.model_copy(update=update), from_llm=from_llm)


def _merge_entries(ours: list[E], theirs: list[E], key: str, confident: bool, today: date) -> list[E] | None:
    """The merged list, or None when the model adds nothing."""
    # Without rule-based confidence the model's list replaces ours if it found at least as many entries;
    # otherwise entries matched by key only have their empty fields filled.
    if not theirs:
        return None
    if not ours or (not confident and len(theirs) >= len(ours)):
        return theirs
    by_key = {_key(getattr(entry, key)): entry for entry in theirs if getattr(entry, key)}
    merged: list[E] = []
    changed = False
    for entry in ours:
        match = by_key.get(_key(getattr(entry, key))) if getattr(entry, key) else None
        filled = _fill_gaps(entry, match, today) if match is not None else None
        merged.append(filled if filled is not None else entry)
        changed = changed or filled is not None
    return merged if changed else None
