"""What the job service answers: postings accepted, listed and shown, jobs closed, feed imports and their batches.
The API's response models (pydantic in, pydantic out); each field is what the routes returned as dicts before."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class JobCreated(BaseModel):
    """A stored posting: `pending` while its analysis is queued, else the outcome (unchanged, duplicate)."""

    id: UUID
    status: str
    outcome: str = Field(description="new, updated, unchanged or duplicate")


class JobQueued(BaseModel):
    """An edited posting, its analysis queued again."""

    id: UUID
    status: str


class JobClosed(BaseModel):
    id: UUID
    status: str


class JobSummary(BaseModel):
    """A job in a search result."""

    id: UUID
    title: str
    company: str | None
    location: str | None
    work_arrangement: str | None
    employment_type: str | None
    seniority: str | None
    required_skills: list[str]
    preferred_skills: list[str]
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    quality_score: int | None
    platform: str | None
    status: str
    analysis_status: str
    posted_at: dt.datetime


class JobHistoryEvent(BaseModel):
    """One step of a job's history (pending, updated, duplicate, analyzed, closed, expired ...)."""

    status: str
    reason: str | None
    at: dt.datetime


class JobDetail(BaseModel):
    """One job with its analysis and history."""

    id: UUID
    title: str
    company: str | None
    location: str | None
    description: str
    url: str | None
    skills: list[Any]
    required_skills: list[str]
    preferred_skills: list[str]
    status: str
    analysis_status: str
    analysis_error: str | None
    analysis: dict[str, Any] | None
    platform: str | None
    external_id: str | None
    duplicate_of: UUID | None
    quality_score: int | None
    posted_at: dt.datetime
    created_at: dt.datetime
    updated_at: dt.datetime
    history: list[JobHistoryEvent]


class RowError(BaseModel):
    row: int
    reason: str


class BatchCounts(BaseModel):
    """Rows of a feed import by outcome."""

    total: int
    new: int
    updated: int
    unchanged: int
    duplicate: int
    failed: int


class ImportOutcome(BatchCounts):
    """A feed import: counts per outcome and a reason for each failed row."""

    batch_id: UUID
    errors: list[RowError]


class BatchRowError(BaseModel):
    row_number: int
    reason: str


class ImportBatch(BatchCounts):
    """A stored import batch with its failed rows (at most 1000)."""

    id: UUID
    tenant_id: UUID
    platform: str
    source: str
    status: str
    created_by: UUID | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    errors: list[BatchRowError]
