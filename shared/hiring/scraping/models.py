"""What the scraper-bot API answers: keys, scrape roles, the queue's cycle and summary, alerts. Each field is
what the routes returned as dicts before these models described them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class ApiKeyCreated(BaseModel):
    """A new key: `key` is in this answer only."""

    id: UUID
    name: str
    prefix: str
    key: str
    rate_limit_per_minute: int
    created_at: dt.datetime


class ApiKey(BaseModel):
    id: UUID
    name: str
    prefix: str
    rate_limit_per_minute: int
    created_by: UUID | None
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class ApiKeyRevoked(BaseModel):
    id: UUID
    prefix: str
    revoked_at: dt.datetime


class ScrapeRole(BaseModel):
    id: UUID
    title: str
    normalized_title: str
    location_hints: list[str]
    candidate_count: int
    source: str = Field(description="admin or resumes")
    active: bool
    status: str = Field(description="pending or scraping")
    started_at: dt.datetime | None
    last_completed_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    retry_count: int
    last_error: str | None
    cycle_jobs: dict[str, int] = Field(description="the last completed cycle: jobs uploaded per platform")


class RolesRebuilt(BaseModel):
    roles: int
    candidates: int
    retired: int
    skipped: str | None = Field(default=None, description="present when resumes carry no structured profile yet")


class Alert(BaseModel):
    id: int
    tenant_id: UUID | None = Field(description="null: about the whole platform")
    kind: str
    subject: str
    message: str
    detail: dict[str, Any]
    delivered: bool
    delivery_error: str | None
    created_at: dt.datetime


class RefusedJob(BaseModel):
    row: int
    reason: str


class UploadQueued(BaseModel):
    id: UUID
    batch_id: UUID | None = Field(
        description="the import batch its jobs are recorded under (GET /api/admin/imports/{batch_id}: queued until"
        " the import runs, then its counts); null when no job was kept"
    )
    role_id: UUID
    platform: str
    job_count: int
    status: str = Field(description="queued, or empty when no job was kept")
    refused: list[RefusedJob]


class RoleCompleted(BaseModel):
    id: UUID
    status: str
    last_completed_at: dt.datetime
    jobs: int
    jobs_by_platform: dict[str, int]
    matching_queued: bool


class RoleFailed(BaseModel):
    id: UUID
    status: str
    retry_count: int
    next_attempt_at: dt.datetime


class RoleCounts(BaseModel):
    pending: int
    waiting_retry: int
    scraping: int
    stuck: int
    retired: int


class PendingRole(BaseModel):
    id: UUID
    title: str
    normalized_title: str
    last_completed_at: dt.datetime | None
    created_at: dt.datetime


class StuckRole(BaseModel):
    id: UUID
    title: str
    started_at: dt.datetime


class UploadCounts(BaseModel):
    uploads: int
    jobs: int
    queued: int
    empty: int
    failed: int


class QueueStatus(BaseModel):
    at: dt.datetime
    roles: RoleCounts
    oldest_pending: PendingRole | None
    stuck: list[StuckRole]
    uploads_today: UploadCounts
