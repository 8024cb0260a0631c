"""What the candidate side hands out and takes in: resume versions, desired roles, saved search preferences, the
feed with its gap analysis and a match's score history (typed views for /api/me/* and /api/resumes/{id}/...)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hiring.hygiene import has_forbidden_chars


def _clean_texts(values: list[str], what: str, max_len: int) -> list[str]:
    """Trimmed, whitespace-collapsed, case-insensitively unique, in the order given."""
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(value.split())
        if not text:
            continue
        if len(text) > max_len or has_forbidden_chars(text):
            raise ValueError(f"each {what} is at most {max_len} printable characters")
        seen.setdefault(text.casefold(), text)
    return list(seen.values())


class ResumeVersion(BaseModel):
    """One version of a person's resume; the active one is matched and listed to recruiters."""

    id: UUID
    filename: str
    status: str
    source: str
    previous_id: UUID | None = Field(description="the version this one replaced")
    superseded_by: UUID | None = Field(description="the newer version that replaced this one")
    superseded_at: dt.datetime | None
    created_at: dt.datetime
    parsed_at: dt.datetime | None
    active: bool


class DesiredRolesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    titles: list[str] = Field(max_length=10, description="job titles the candidate wants, e.g. 'Data Engineer'")

    @field_validator("titles")
    @classmethod
    def _titles(cls, value: list[str]) -> list[str]:
        return _clean_texts(value, "title", 120)


class DesiredRole(BaseModel):
    title: str
    occupation_code: str | None = Field(description="the O*NET-SOC code the title maps to (null: none found)")
    occupation_title: str | None


class DesiredRoles(BaseModel):
    roles: list[DesiredRole]
    updated_at: dt.datetime | None


class SearchPreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blocked_companies: list[str] = Field(default_factory=list, max_length=100)
    q: str | None = Field(default=None, max_length=200, description="saved keywords")
    skills: list[str] = Field(default_factory=list, max_length=20)
    location: str | None = Field(default=None, max_length=100)
    remote: bool | None = None
    min_score: float | None = Field(default=None, ge=0, le=100, description="the feed leaves out lower scores")

    @field_validator("blocked_companies")
    @classmethod
    def _companies(cls, value: list[str]) -> list[str]:
        return _clean_texts(value, "company", 200)

    @field_validator("skills")
    @classmethod
    def _skills(cls, value: list[str]) -> list[str]:
        return _clean_texts(value, "skill", 80)

    @field_validator("q", "location")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        cleaned = _clean_texts([value], "value", 200) if value is not None else []
        return cleaned[0] if cleaned else None


class SearchPreferences(SearchPreferencesIn):
    model_config = ConfigDict(extra="ignore")

    updated_at: dt.datetime | None = None


class FeedJob(BaseModel):
    job_id: UUID
    title: str
    company: str | None
    location: str | None
    occupation_code: str | None
    score: float
    grade: str
    matched_skills: list[str]
    missing_skills: list[str]
    stored: bool = Field(description="true when the score is the stored match's, false when scored for the feed")


class SkillGap(BaseModel):
    skill: str
    jobs: int = Field(description="how many of the roles' jobs require it")


class SkillHeld(SkillGap):
    evidence: list[str] = Field(description="where the resume shows it (section: snippet)")


class FeedPreferences(BaseModel):
    """The saved search preferences the feed applied (skills as the taxonomy names them)."""

    applied: list[str] = Field(description="names of the preferences applied: q, skills, location, remote, ...")
    q: str | None = Field(description="keywords every job matches (full text over title, company, description)")
    skills: list[str] = Field(description="every one required, preferred or named by each job")
    location: str | None = Field(description="jobs there (or remote ones when remote is true too)")
    remote: bool | None = Field(description="true: remote jobs (or at the location); false: no remote ones")
    blocked_companies: list[str]
    min_score: float | None


class Feed(BaseModel):
    resume_id: UUID
    roles: list[DesiredRole]
    preferences: FeedPreferences
    jobs_considered: int = Field(description="current jobs of the desired roles that pass the saved preferences")
    jobs: list[FeedJob]
    missing_skills: list[SkillGap] = Field(description="required by the roles' jobs, absent from the resume")
    held_skills: list[SkillHeld] = Field(description="required by the roles' jobs, shown by the resume")


class ScoreAt(BaseModel):
    score: float
    grade: str | None
    weights_version: str | None
    scored_at: dt.datetime


class MatchHistory(BaseModel):
    resume_id: UUID
    job_id: UUID
    history: list[ScoreAt] = Field(description="the score at each (re)scoring, oldest first")
