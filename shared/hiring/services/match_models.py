"""What the matching services return and the match routes declare (pydantic in, pydantic out): a candidate's
matches, a job's ranked candidates, one match with its breakdown, a fit, exclusions, a status change, preferences
and weight profiles. /api/resumes/{id}/matches answers list[ResumeMatch]; /api/jobs/{id}/matches list[JobCandidate].

The breakdown, explanation and retrieval record are the scorer's documents (hiring.matching.score.score_pair,
hiring.matching.explain.explain, hiring.matching.fusion.Retrieved.of), kept as JSON objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from hiring.matching.weights import WeightProfile

_ROWS = ConfigDict(from_attributes=True)


class _MatchSummary(BaseModel):
    model_config = _ROWS

    score: float = Field(description="0-100")
    grade: str | None = Field(description="A+, A, B, C, D or F")
    recommended: bool
    matched_skills: list[str]
    missing_skills: list[str]
    summary: str | None = Field(description="the explanation's one-line summary")
    scorer: str
    weights_version: str | None
    status: str = Field(description="suggested, viewed, applied, shortlisted or rejected")
    scored_at: dt.datetime


class ResumeMatch(_MatchSummary):
    """One of a candidate's matches on an active job, best first."""

    job_id: UUID
    title: str
    company: str | None
    location: str | None


class Candidate(BaseModel):
    """The person behind a resume as staff see them: from the parsed resume and the account."""

    name: str | None
    headline: str | None = Field(description="the latest job title on the resume")
    location: str | None
    email: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Candidate:
        """From a row holding the store's PERSON_COLUMNS (hiring.stores.resumes)."""
        return cls(name=row["name"], headline=row["headline"], location=row["location"], email=row["email"])


class JobCandidate(_MatchSummary):
    """One of a job's ranked candidates, with its percentile among them (100: the best)."""

    resume_id: UUID
    candidate: Candidate
    percentile: float | None = Field(description="100: the best; null for a candidate listed unranked")
    filename: str
    manual_review: bool = Field(
        default=False,
        description="the candidate refused automated ranking (GDPR Art. 22): listed unranked, after the ranked,"
        " for a person to review",
    )


class Feedback(BaseModel):
    role: str
    from_status: str
    to_status: str
    reason: str | None
    rating: int | None
    created_at: dt.datetime


class MatchDetail(BaseModel):
    """One match with its full breakdown, explanation (with `rephrased` when an LLM rephrasing was accepted),
    retrieval ranks and feedback history."""

    resume_id: UUID
    job_id: UUID
    score: float
    grade: str | None
    recommended: bool
    matched_skills: list[str]
    missing_skills: list[str]
    breakdown: dict[str, Any]
    explanation: dict[str, Any]
    retrieval: dict[str, Any]
    scorer: str
    weights_version: str | None
    status: str
    status_changed_at: dt.datetime | None
    scored_at: dt.datetime
    title: str
    company: str | None
    location: str | None
    job_status: str
    feedback: list[Feedback]


class ExclusionReason(BaseModel):
    filter: str = Field(description="salary, location or experience")
    reason: str


class StoredMatch(BaseModel):
    score: float
    status: str


class Fit(BaseModel):
    """A job scored for a resume now and stored nowhere: the filters that exclude it, or its score and breakdown."""

    resume_id: str
    job_id: str
    title: str
    job_status: str
    excluded_by: list[ExclusionReason]
    score: float | None = Field(description="null when a hard filter excludes the job")
    grade: str
    recommended: bool
    breakdown: dict[str, Any]
    explanation: dict[str, Any]
    scorer: str
    weights_version: str
    stored_match: StoredMatch | None = Field(description="the stored pair, when the job is on the stored list")


class ExcludedJob(BaseModel):
    """An active job a hard filter keeps off the candidate's list, with the reasons."""

    job_id: UUID
    reasons: list[ExclusionReason]
    weights_version: str
    evaluated_at: dt.datetime
    title: str
    company: str | None


class StatusChange(BaseModel):
    resume_id: str
    job_id: str
    status: str
    previous: str


class CandidatePreferences(BaseModel):
    """What the candidate asks for; all empty (relocate false) until they say."""

    salary_min: float | None = None
    salary_currency: str | None = None
    arrangement: str | None = None
    relocate: bool = False
    updated_at: dt.datetime | None = Field(default=None, description="absent until the candidate sets them")


class PreferencesSaved(BaseModel):
    salary_min: float | None
    salary_currency: str | None
    arrangement: str | None
    relocate: bool
    rematch: Literal["queued"] = Field(description="the candidate is re-matched from the work queue")


class FilterOut(BaseModel):
    salary_enabled: bool
    salary_shortfall: float
    location_enabled: bool
    experience_enabled: bool
    experience_below_years: float
    experience_above_years: float


class WeightProfileOut(BaseModel):
    """The weight profile in force for a role level, with its version."""

    version: str
    level: str
    weights: dict[str, float]
    base_credit: int
    experience_credit: int
    project_credit: int
    recent_credit: int
    filters: FilterOut

    @classmethod
    def of(cls, profile: WeightProfile) -> WeightProfileOut:
        return cls(
            version=profile.version, level=profile.level, weights=profile.weights, base_credit=profile.base_credit,
            experience_credit=profile.experience_credit, project_credit=profile.project_credit,
            recent_credit=profile.recent_credit, filters=FilterOut(**profile.filters.__dict__),
        )  # fmt: skip
