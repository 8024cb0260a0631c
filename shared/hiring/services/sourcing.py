"""Sourcing runs (issue 14): a recruiter starts a run for an analysed job; the run carries search keywords and
boolean strings generated deterministically from the job's analysis. Every run is audited in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from hiring.adapters.postgres import Database
from hiring.errors import Conflict, NotFound
from hiring.principal import Principal
from hiring.sourcing.keywords import BooleanStrings, SearchKeywords, boolean_strings, search_keywords
from hiring.stores import jobs as jobs_store
from hiring.stores import sourcing as store
from hiring.stores.audit import record_audit

DEFAULT_LIMIT = 100


class SourcingRun(BaseModel):
    id: str
    job_id: str
    created_by: str | None
    status: str
    locations: list[str]
    limit: int
    keywords: SearchKeywords
    boolean_strings: BooleanStrings
    created_at: dt.datetime


def _run(row: dict[str, object]) -> SourcingRun:
    return SourcingRun.model_validate({**row, "limit": row["result_limit"]})


class SourcingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def start_run(
        self, principal: Principal, job_id: str, locations: Sequence[str] | None, limit: int | None
    ) -> SourcingRun:
        """A run for one of the tenant's analysed jobs: 404 for an unknown (or another tenant's) job, 409 while
        its analysis is not done."""
        with self.db.connect() as conn:
            job = jobs_store.get_job(conn, principal.tenant_id, job_id)
            if job is None:
                raise NotFound(f"job {job_id} not found")
            if job["analysis_status"] != "analyzed" or not job["analysis"]:
                raise Conflict(f"job {job_id} is not analysed yet (analysis {job['analysis_status']})")
            keywords = search_keywords(job["title"], job["analysis"], locations)
            strings = boolean_strings(keywords)
            row = store.insert_run(
                conn,
                principal.tenant_id,
                str(job["id"]),
                principal.user_id,
                keywords.locations,
                limit or DEFAULT_LIMIT,
                keywords.model_dump(),
                strings.model_dump(),
            )
            record_audit(
                conn,
                principal.tenant_id,
                principal.user_id,
                "sourcing_run_started",
                "sourcing_run",
                row["id"],
                {"job_id": row["job_id"], "limit": row["result_limit"], "locations": keywords.locations},
            )
        return _run(row)

    def get_run(self, principal: Principal, run_id: str) -> SourcingRun:
        with self.db.connect() as conn:
            row = store.get_run(conn, principal.tenant_id, run_id)
        if row is None:
            raise NotFound(f"sourcing run {run_id} not found")
        return _run(row)

    def list_runs(self, principal: Principal, job_id: str | None = None, limit: int = 100) -> list[SourcingRun]:
        with self.db.connect() as conn:
            rows = store.list_runs(conn, principal.tenant_id, job_id, limit)
        return [_run(r) for r in rows]
