"""A candidate's corrections of the parser's reading of their resume, and the effective profile: the parsed
profile with the corrections applied. The parser's output is never changed; matching and the profile page read
the effective one (hiring.services.match_caches.parsed_resume applies them where matching reads a candidate)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hiring.resume.dates import union_months
from hiring.resume.model import Experience, ParsedResume, Skill
from hiring.resume.parser import infer_seniority

_MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExperienceCorrection(_Model):
    """What to change in one experience entry (by its position in the parsed list); null fields stay as parsed."""

    index: int = Field(ge=0, lt=100, description="the entry's position in the parsed profile's experience, from 0")
    title: str | None = Field(default=None, min_length=1, max_length=200)
    company: str | None = Field(default=None, min_length=1, max_length=200)
    start: str | None = Field(default=None, pattern=_MONTH, description="YYYY-MM")
    end: str | None = Field(default=None, pattern=_MONTH, description="YYYY-MM; with current true, leave it out")
    current: bool | None = Field(default=None, description="true: the job goes on (end is cleared)")

    @model_validator(mode="after")
    def _dates(self) -> ExperienceCorrection:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        if self.current and self.end:
            raise ValueError("a current job has no end: leave end out or set current false")
        return self


class Corrections(_Model):
    """Every correction of one resume; PUT replaces the whole set. Null or empty: nothing corrected there."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    phone: str | None = Field(default=None, min_length=3, max_length=50)
    location: str | None = Field(default=None, min_length=1, max_length=200)
    skills_added: list[str] = Field(default_factory=list, max_length=50, description="skills the parser missed")
    skills_removed: list[str] = Field(default_factory=list, max_length=200, description="skills it found wrongly")
    experience: list[ExperienceCorrection] = Field(default_factory=list, max_length=100)

    @field_validator("name", "email", "phone", "location", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("skills_added", "skills_removed")
    @classmethod
    def _skills(cls, values: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for value in values:
            text = " ".join(value.split())
            if not text or len(text) > 100:
                raise ValueError("each skill is 1 to 100 characters")
            seen.setdefault(text.casefold(), text)
        return list(seen.values())

    @model_validator(mode="after")
    def _one_entry_each(self) -> Corrections:
        indexes = [e.index for e in self.experience]
        if len(indexes) != len(set(indexes)):
            raise ValueError("each experience entry is corrected at most once")
        both = {s.casefold() for s in self.skills_added} & {s.casefold() for s in self.skills_removed}
        if both:
            raise ValueError(f"a skill is both added and removed: {', '.join(sorted(both))}")
        return self

    def is_empty(self) -> bool:
        return self == Corrections()


def problems(profile: ParsedResume, corrections: Corrections) -> list[dict[str, str]]:
    """What in the corrections does not fit this profile (an entry it does not have, a skill it does not list)."""
    found: list[dict[str, str]] = []
    for n, entry in enumerate(corrections.experience):
        if entry.index >= len(profile.experience):
            found.append({"field": f"experience.{n}.index",
                          "message": f"the resume has {len(profile.experience)} experience entries (0 to "
                                     f"{len(profile.experience) - 1})"})  # fmt: skip
            continue
        job = profile.experience[entry.index]  # a corrected date against the parsed one it keeps
        start = entry.start or job.start
        end = None if (entry.current if entry.current is not None else job.current) else entry.end or job.end
        if start and end and end < start:
            where = "start" if entry.start else "end"
            found.append({"field": f"experience.{n}.{where}", "message": f"end is before start ({end} < {start})"})
    listed = {s.name.casefold() for s in profile.skills}
    for n, name in enumerate(corrections.skills_removed):
        if name.casefold() not in listed:
            found.append({"field": f"skills_removed.{n}", "message": f"{name!r} is not among the parsed skills"})
    return found


def _month_index(value: str | None) -> int | None:
    if not value:
        return None
    year, month = value.split("-")[:2]
    return int(year) * 12 + int(month) - 1


def _corrected_entry(job: Experience, change: ExperienceCorrection, today: dt.date) -> Experience:
    values = job.model_dump()
    for key in ("title", "company", "start", "end"):
        if getattr(change, key) is not None:
            values[key] = getattr(change, key)
    if change.current is not None:
        values["current"] = change.current
    if values["current"]:
        values["end"] = None
    dated = any(getattr(change, key) is not None for key in ("start", "end", "current"))
    start, end = _month_index(values["start"]), _month_index(values["end"])
    if dated and start is not None:
        last = today.year * 12 + today.month - 1 if values["current"] else end
        values["months"] = None if last is None else max(0, last - start + 1)
    return Experience.model_validate(values)


def apply_corrections(profile: ParsedResume, corrections: Corrections, today: dt.date | None = None) -> ParsedResume:
    """The effective profile: the parsed one with the corrections applied (a new object; the input is unchanged).
    Added skills carry no evidence (the candidate's word, not a line of the resume); corrected dates recount the
    entry's months and the total."""
    if corrections.is_empty():
        return profile
    today = today or dt.date.today()
    values = profile.model_dump()
    for key in ("name", "email", "phone", "location"):
        if getattr(corrections, key) is not None:
            values[key] = getattr(corrections, key)
    by_index = {c.index: c for c in corrections.experience}
    experience = [
        _corrected_entry(job, by_index[n], today) if n in by_index else job for n, job in enumerate(profile.experience)
    ]
    values["experience"] = [e.model_dump() for e in experience]
    if any(c.start or c.end or c.current is not None for c in corrections.experience):
        intervals = []
        for job in experience:
            start = _month_index(job.start)
            last = (today.year * 12 + today.month - 1) if job.current else _month_index(job.end)
            if start is not None and last is not None and last >= start:
                intervals.append((start, last + 1))
        values["total_experience_months"] = union_months(intervals)
        values["seniority"] = infer_seniority(values["total_experience_months"], [e.title for e in experience])
    removed = {s.casefold() for s in corrections.skills_removed}
    skills = [s for s in profile.skills if s.name.casefold() not in removed]
    have = {s.name.casefold() for s in skills}
    skills += [Skill(name=name, category=None) for name in corrections.skills_added if name.casefold() not in have]
    values["skills"] = [s.model_dump() for s in skills]
    return ParsedResume.model_validate(values)


def canonical_skills(names: list[str]) -> list[str]:
    """Each added skill under its taxonomy name when the taxonomy knows it as exactly one skill, else as typed."""
    from hiring.skills import skill_names

    out: dict[str, str] = {}
    for name in names:
        found = skill_names(name)
        canonical = found[0] if len(found) == 1 else name
        out.setdefault(canonical.casefold(), canonical)
    return list(out.values())
