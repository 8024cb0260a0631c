"""Job routes: post, edit, close and search postings; import feeds; read import batches."""

from __future__ import annotations

import json
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from hiring.analysis.feeds import PLATFORMS, row_or_reason
from hiring.api.bodies import validated_body
from hiring.api.deps import job_service, matching_service, settings
from hiring.api.limits import UploadLimited
from hiring.api.security import ALL_ROLES, STAFF, allow
from hiring.config import Settings
from hiring.errors import InvalidInput, PayloadTooLarge
from hiring.hygiene import MAX_OFFSET, TooDeep, loads_bounded
from hiring.principal import Principal, Role
from hiring.services.job_models import (
    ImportBatch,
    ImportOutcome,
    JobClosed,
    JobCreated,
    JobDetail,
    JobQueued,
    JobSummary,
)
from hiring.services.jobs import JobPosting, JobSearch, JobService
from hiring.services.match_models import JobCandidate
from hiring.services.matching import MatchingService

router = APIRouter()
Jobs = Annotated[JobService, Depends(job_service)]
Staff = Annotated[Principal, Depends(allow(*STAFF))]
Anyone = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
_POSTING_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": JobPosting.model_json_schema()}}}
}


async def _posting(request: Request, principal: Principal, jobs: JobService) -> JobPosting:
    """The body as a JobPosting; a refused body is recorded (rejected_inputs) and answered with its reasons."""
    raw = await request.body()
    return validated_body(raw, JobPosting, "posting", partial(jobs.record_refusal, principal))


@router.post("/api/jobs", tags=["jobs"], status_code=202, openapi_extra=_POSTING_BODY)
async def create_job(request: Request, principal: Staff, _limited: UploadLimited, jobs: Jobs) -> JobCreated:
    """Store a posting; its analysis runs asynchronously (status on GET /api/jobs/{id})."""
    posting = await _posting(request, principal, jobs)
    return jobs.create(principal, posting)


@router.put("/api/jobs/{job_id}", tags=["jobs"], status_code=202, openapi_extra=_POSTING_BODY)
async def update_job(job_id: str, request: Request, principal: Staff, jobs: Jobs) -> JobQueued:
    posting = await _posting(request, principal, jobs)
    return jobs.update(principal, job_id, posting)


@router.get("/api/jobs", tags=["jobs"])
def search_jobs(
    principal: Anyone,
    jobs: Jobs,
    status: str = "active",
    q: Annotated[str | None, Query(description="keywords over title, company and description, ranked")] = None,
    skills: Annotated[
        list[str] | None, Query(description="comma-separated or repeated; each must be asked for")
    ] = None,
    location: str | None = None,
    remote: bool | None = None,
    experience_level: str | None = None,
    employment_type: str | None = None,
    salary_floor: float | None = None,
    posted_since: str | None = None,
    platform: str | None = None,
    blocked_companies: Annotated[list[str] | None, Query()] = None,
    sort: str = "posted_at",
    order: str = "desc",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[JobSummary]:
    try:
        query = JobSearch.model_validate(
            {
                k: v
                for k, v in {
                    "status": status,
                    "q": q.strip() if q and q.strip() else None,
                    "skills": [p.strip() for v in skills or [] for p in v.split(",") if p.strip()],
                    "location": location,
                    "remote": remote,
                    "experience_level": experience_level,
                    "employment_type": employment_type,
                    "salary_floor": salary_floor,
                    "posted_since": posted_since,
                    "platform": platform,
                    "blocked_companies": blocked_companies or [],
                    "sort": sort,
                    "order": order,
                    "limit": limit,
                    "offset": offset,
                }.items()
                if v is not None
            }  # fmt: skip
        )
    except ValidationError as exc:
        problems = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        raise InvalidInput("the search is not valid", problems=problems) from exc
    return jobs.search(principal, query)


@router.get("/api/jobs/{job_id}", tags=["jobs"])
def get_job(job_id: str, principal: Anyone, jobs: Jobs) -> JobDetail:
    return jobs.get(principal, job_id)


@router.post("/api/jobs/{job_id}/close", tags=["jobs"])
def close_job(job_id: str, principal: Staff, jobs: Jobs) -> JobClosed:
    return jobs.close(principal, job_id)


@router.get("/api/jobs/{job_id}/matches", tags=["matches"])
def job_matches(
    job_id: str, principal: Staff, jobs: Jobs, matching: Annotated[MatchingService, Depends(matching_service)]
) -> list[JobCandidate]:
    jobs.get(principal, job_id)  # 404 across tenants
    return matching.job_matches(principal.tenant_id, job_id)


@router.post("/api/admin/imports", tags=["admin"], status_code=201)
async def import_feed(
    request: Request,
    principal: Admin,
    _limited: UploadLimited,
    jobs: Jobs,
    config: Annotated[Settings, Depends(settings)],
    platform: str = "generic",
) -> ImportOutcome:
    """A feed as the body (JSON array or JSON Lines); the answer is the batch record with a reason per failed row."""
    if platform not in PLATFORMS:
        raise InvalidInput(f"unknown platform {platform!r}; known: {', '.join(PLATFORMS)}", field="platform")
    raw = await request.body()
    limit = config.max_bulk_body_bytes  # under API Gateway's 10 MB; larger feeds: CLI or S3
    if len(raw) > limit:  # the request guard refuses it first; kept for callers of the app without the guard
        raise PayloadTooLarge(f"the feed is {len(raw)} bytes; send at most {limit} per request")
    rows = _feed_rows(raw)
    return jobs.import_rows(principal.tenant_id, platform, rows, "api", principal.user_id).outcome()


@router.get("/api/admin/imports/{batch_id}", tags=["admin"])
def import_batch(batch_id: str, principal: Admin, jobs: Jobs) -> ImportBatch:
    return jobs.batch(principal, batch_id)


def _feed_rows(raw: bytes) -> list[tuple[int, dict[str, Any] | str]]:
    """(row number, object) per row of a JSON array or JSON Lines body; a row that cannot be one is its reason.

    The array is bounded in depth as a whole (422 too_deep); each JSON Lines row alone, so a deep row fails alone.
    Text in the rows is checked row by row when they are mapped (hiring.analysis.feeds.map_row).
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("the feed is not UTF-8 text") from exc
    if text.lstrip().startswith("["):
        try:
            rows = loads_bounded(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"the feed is not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        return [(n, row_or_reason(row)) for n, row in enumerate(rows, start=1)]
    parsed: list[tuple[int, dict[str, Any] | str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                parsed.append((number, row_or_reason(loads_bounded(line))))
            except TooDeep as exc:
                parsed.append((number, f"the row is {exc.message.removeprefix('the JSON is ')}"))
            except json.JSONDecodeError as exc:
                parsed.append((number, f"not valid JSON ({exc.msg}): {line[:200]}"))
    if not parsed:
        raise InvalidInput("the feed is empty")
    return parsed
