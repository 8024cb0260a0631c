"""What the resume service hands out (and the /api/resumes routes answer with): typed views of stored resumes."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from hiring.parsing.model import RejectionCode
from hiring.resume.model import ParsedResume

Status = Literal["pending", "parsing", "parsed", "failed", "needs_review"]


class StatusEvent(BaseModel):
    """One step of a resume's history."""

    status: Status
    reason: str | None = Field(description="why, when a step has a reason (a rejection, an attempt, a review)")
    at: dt.datetime


class ResumeSummary(BaseModel):
    """A resume in a listing."""

    id: UUID
    filename: str
    status: Status
    status_reason: str | None
    error_code: str | None = Field(description="too_large, unsupported_type, low_confidence, parse_timeout ...")
    skills: list[str] = Field(description="the canonical names of the skills found")
    created_at: dt.datetime
    parsed_at: dt.datetime | None


class ResumeDetail(BaseModel):
    """One resume with its status history (oldest step first)."""

    id: UUID
    tenant_id: UUID
    owner_user_id: UUID | None = Field(description="the candidate who uploaded it; null for staff uploads")
    source: Literal["api", "inbox", "jsonresume"]
    filename: str
    content_type: str | None
    size_bytes: int | None
    status: Status
    status_reason: str | None
    error_code: str | None
    page_count: int | None
    skills: list[str]
    confidence: float | None = Field(description="0-1, how sure the parser was; null until parsed")
    created_at: dt.datetime
    updated_at: dt.datetime
    parsed_at: dt.datetime | None
    history: list[StatusEvent]


class ResumeProfile(BaseModel):
    """The structured resume with how it was parsed."""

    id: UUID
    status: Status
    status_reason: str | None
    parser: str | None = Field(description="rules, rules+llm or jsonresume")
    profile: ParsedResume


class ResumeAccepted(BaseModel):
    """An upload taken in: parsing follows (poll GET /api/resumes/{id})."""

    id: UUID
    status: Status


class RefusalError(BaseModel):
    code: RejectionCode
    message: str


class ResumeRefused(BaseModel):
    """An upload refused at once (413 too large, 422 unusable): the resume is stored as failed with the reason."""

    id: UUID
    status: Literal["failed"]
    error: RefusalError


class ResumeImported(BaseModel):
    """A JSON Resume document stored as a resume: parsed, or needs_review with the reason."""

    id: UUID
    status: Status
    reason: str | None


class JsonResumeDocument(BaseModel):
    """A JSON Resume (https://jsonresume.org/schema) document; sections beyond these pass through."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    schema_: str = Field(alias="$schema")
    basics: dict[str, Any]
    work: list[dict[str, Any]]
    education: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    skills: list[dict[str, Any]]
    certificates: list[dict[str, Any]]
    languages: list[dict[str, Any]]
    meta: dict[str, Any]
