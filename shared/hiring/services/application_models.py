"""What the application routes take and answer (pydantic): applying, the pipeline, ranked applicants, feedback
on rejection and the hiring funnel."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from hiring.services.match_models import Candidate

# The open stages in order; hired, rejected and withdrawn close an application.
STAGES = ("applied", "screening", "interview", "offer", "hired")
CLOSED = ("hired", "rejected", "withdrawn")
STATUSES = (*STAGES, "rejected", "withdrawn")
Status = Literal["applied", "screening", "interview", "offer", "hired", "rejected", "withdrawn"]
GRADES = ("A+", "A", "B", "C", "D", "F")
# Where an application came from: the candidate applied, or staff added them from a match, an import or sourcing.
STAFF_SOURCES = ("matched", "imported", "sourced")


class ApplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: UUID
    resume_id: UUID


class AddApplicantIn(BaseModel):
    """Staff add a person to a job with their resume; the resume's owner becomes the applicant."""

    model_config = ConfigDict(extra="forbid")

    resume_id: UUID
    source: Literal["matched", "imported", "sourced"]
    note: str | None = Field(default=None, min_length=1, max_length=1000, description="for staff; not audited")


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status
    reason: str | None = Field(default=None, min_length=1, max_length=1000, description="required to reject")


class BulkStatusIn(StatusIn):
    application_ids: list[UUID] = Field(min_length=1, max_length=200)


class Applied(BaseModel):
    id: str
    status: str
    score: float
    grade: str
    weights_version: str
    source: str = Field(default="applied", description="applied, matched, imported or sourced")
    candidate_user_id: str | None = Field(default=None, description="null for an imported resume without account")


class ApplicationSummary(BaseModel):
    """One application as its candidate or the tenant's staff list it."""

    model_config = ConfigDict(from_attributes=True)

    id: UUID
    job_id: UUID
    resume_id: UUID | None = Field(description="null once the person's data was erased")
    title: str
    company: str | None
    job_status: str
    source: str
    status: str
    score: float = Field(description="0-100, as scored when the candidate applied")
    grade: str
    matched_skills: list[str]
    missing_skills: list[str]
    years_experience: float | None
    weights_version: str
    scorer: str
    scored_from: str = Field(description="stored_match or on_demand")
    applied_at: dt.datetime
    status_changed_at: dt.datetime


class HistoryEntry(BaseModel):
    actor_user_id: UUID | None
    actor_role: str
    actor_email: str | None
    from_status: str | None
    to_status: str
    reason: str | None
    created_at: dt.datetime


class FeedbackItem(BaseModel):
    kind: str = Field(description="missing_skill, experience, salary or location")
    text: str
    skill: str | None = None
    to_close: str = Field(description="what would close the gap")


class RephrasedFeedback(BaseModel):
    """The feedback rephrased by an LLM; shown only when it names nothing the deterministic feedback does not."""

    text: str
    model: str
    grounded: Literal[True] = True


class RejectionFeedback(BaseModel):
    """The recruiter's reason and feedback generated from the snapshot's gaps (deterministic, always present)."""

    reason: str | None
    gaps: list[FeedbackItem]
    summary: str
    rephrased: RephrasedFeedback | None = Field(
        default=None, description="the LLM's checked rephrasing, when the LLM is on and the person allows it"
    )


class ApplicationDetail(ApplicationSummary):
    breakdown: dict[str, Any]
    explanation: dict[str, Any]
    history: list[HistoryEntry]
    candidate: Candidate = Field(description="the person, from their resume and account (empty once erased)")
    allowed_next: list[str] = Field(description="the statuses the caller may move the application to")
    feedback: RejectionFeedback | None = Field(description="present once the application is rejected")
    note: str | None = Field(default=None, description="the note staff added it with; staff only")


class StatusChanged(BaseModel):
    id: UUID
    status: str
    previous: str
    changed: bool = Field(description="false when the application already had the status")


class BulkOutcome(BaseModel):
    application_id: str
    outcome: Literal["changed", "unchanged", "not_found", "invalid"]
    status: str | None
    message: str | None = None


class BulkResult(BaseModel):
    changed: int
    results: list[BulkOutcome]


class Applicant(BaseModel):
    """One of a job's applicants, ranked by the score snapshotted when they applied; those who refused automated
    ranking come last, unranked and flagged for manual review."""

    application_id: UUID
    candidate: Candidate
    score: float | None = Field(description="null when the person refused automated ranking")
    grade: str | None
    percentile: float | None = Field(description="among the job's ranked applicants (100: the best)")
    manual_review: bool = Field(description="the person refused automated ranking (GDPR Art. 22): review by hand")
    status: str
    source: str
    matched_skills: list[str]
    missing_skills: list[str]
    years_experience: float | None
    applied_at: dt.datetime


class ApplicantFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status | None = None
    min_score: float | None = Field(default=None, ge=0, le=100)
    min_years: float | None = Field(default=None, ge=0, le=80)
    skills: list[str] = Field(default_factory=list, max_length=20)
    grade: Literal["A+", "A", "B", "C", "D", "F"] | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0)


class Stage(BaseModel):
    status: str
    current: int = Field(description="applications in this status now")
    reached: int = Field(description="applications that ever reached it")
    conversion_to_next: float | None = Field(description="share of those reaching it that reached the next stage")
    median_days_in_stage: float | None = Field(description="over the stays that ended; null without any")


class Funnel(BaseModel):
    job_id: str | None = Field(description="null for the tenant's funnel")
    total: int
    stages: list[Stage]
    sources: dict[str, int]
