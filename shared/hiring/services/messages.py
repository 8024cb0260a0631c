"""Work-queue messages: producers build these models (the queue adapters send their JSON, hiring.ports.wire_body)
and the consumer validates every body against them (work_message_adapter)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field, TypeAdapter


class MatchCandidate(BaseModel):
    type: Literal["match_candidate"] = "match_candidate"
    tenant_id: UUID
    resume_id: UUID


class MatchJob(BaseModel):
    type: Literal["match_job"] = "match_job"
    tenant_id: UUID
    job_id: UUID


MAX_REFRESH_BATCH = 500  # candidates in one refresh_batch message


class RefreshBatch(BaseModel):
    type: Literal["refresh_batch"] = "refresh_batch"
    tenant_id: UUID
    resume_ids: list[UUID] = Field(min_length=1, max_length=MAX_REFRESH_BATCH)


def refresh_batches(resume_ids: Mapping[str, Iterable[str]], size: int = MAX_REFRESH_BATCH) -> list[RefreshBatch]:
    """refresh_batch messages for each tenant's candidates, in the order given, at most `size` per message."""
    size = min(size, MAX_REFRESH_BATCH)
    messages = []
    for tenant_id, found in resume_ids.items():
        ids = list(found)
        messages += [RefreshBatch.model_validate({"tenant_id": tenant_id, "resume_ids": ids[start : start + size]})
                     for start in range(0, len(ids), size)]  # fmt: skip
    return messages


class AnalyzeJob(BaseModel):
    type: Literal["analyze_job"] = "analyze_job"
    tenant_id: UUID
    job_id: UUID


class ImportScraped(BaseModel):
    """A scraper bot's upload: its jobs inline, or in the blob store when they were too large for a message."""

    type: Literal["import_scraped"] = "import_scraped"
    tenant_id: UUID
    role_id: UUID
    upload_id: UUID
    platform: str = Field(min_length=1, max_length=50)
    job_count: int = Field(ge=0)
    jobs: list[Any] | None = None
    blob_key: str | None = None
    batch_id: UUID | None = None  # the import batch created 'queued' at upload time (older messages: none)


class MatchRoleCandidates(BaseModel):
    type: Literal["match_role_candidates"] = "match_role_candidates"
    tenant_id: UUID
    role_id: UUID


WorkMessage = MatchCandidate | MatchJob | RefreshBatch | AnalyzeJob | ImportScraped | MatchRoleCandidates
work_message_adapter: TypeAdapter[WorkMessage] = TypeAdapter(Annotated[WorkMessage, Field(discriminator="type")])
