"""Sourcing routes (issue 14): recruiters and admins start sourcing runs for a job and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from hiring.api.deps import sourcing_service
from hiring.api.security import allow
from hiring.principal import Principal, Role
from hiring.services.sourcing import SourcingRun, SourcingService

router = APIRouter()
Sourcing = Annotated[SourcingService, Depends(sourcing_service)]
Staff = Annotated[Principal, Depends(allow(Role.RECRUITER, Role.ADMIN))]


class SourcingRunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: str = Field(min_length=1, max_length=100)
    locations: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(default=None, max_length=10)
    limit: int | None = Field(default=None, ge=1, le=1000, description="how many prospects the run asks for")


@router.post("/api/sourcing/runs", tags=["sourcing"], status_code=201)
def start_run(body: SourcingRunIn, principal: Staff, sourcing: Sourcing) -> SourcingRun:
    """A sourcing run for an analysed job, with search keywords and boolean strings generated from its analysis."""
    return sourcing.start_run(principal, body.job_id, body.locations, body.limit)


@router.get("/api/sourcing/runs", tags=["sourcing"])
def list_runs(
    principal: Staff,
    sourcing: Sourcing,
    job_id: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[SourcingRun]:
    return sourcing.list_runs(principal, job_id, limit)


@router.get("/api/sourcing/runs/{run_id}", tags=["sourcing"])
def get_run(run_id: str, principal: Staff, sourcing: Sourcing) -> SourcingRun:
    return sourcing.get_run(principal, run_id)
