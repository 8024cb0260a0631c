"""Applications: apply, track, withdraw, the pipeline, ranked applicants, feedback and the funnel.

Handlers are thin: ApplicationService (hiring.services.applications) owns the rules and the transactions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import ValidationError

from hiring.api.deps import application_service, job_service
from hiring.api.security import ALL_ROLES, STAFF, allow
from hiring.errors import InvalidInput
from hiring.hygiene import MAX_OFFSET
from hiring.principal import Principal, Role
from hiring.services.application_models import (
    AddApplicantIn,
    Applicant,
    ApplicantFilters,
    ApplicationDetail,
    ApplicationSummary,
    Applied,
    ApplyIn,
    BulkResult,
    BulkStatusIn,
    Funnel,
    StatusChanged,
    StatusIn,
)
from hiring.services.applications import ApplicationService
from hiring.services.jobs import JobService

router = APIRouter(tags=["applications"])
Applications = Annotated[ApplicationService, Depends(application_service)]
Jobs = Annotated[JobService, Depends(job_service)]
Staff = Annotated[Principal, Depends(allow(*STAFF))]
Anyone = Annotated[Principal, Depends(allow(*ALL_ROLES))]


@router.post("/api/applications", status_code=201)
def apply(
    body: ApplyIn, principal: Annotated[Principal, Depends(allow(Role.CANDIDATE))], applications: Applications
) -> Applied:
    """Apply to an active job with one of your resumes; the match is snapshotted with the application (409 with
    the existing application's id when you already applied)."""
    return applications.apply(principal, str(body.job_id), str(body.resume_id))


@router.get("/api/applications")
def list_applications(
    principal: Anyone,
    applications: Applications,
    job_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[ApplicationSummary]:
    """A candidate's own applications; the tenant's for staff (job_id= for one job)."""
    return applications.listing(principal, job_id, limit, offset)


@router.get("/api/applications/{application_id}")
def get_application(application_id: str, principal: Anyone, applications: Applications) -> ApplicationDetail:
    """The application with its snapshot, status history, the moves open to the caller and, once rejected, the
    recruiter's reason with feedback from the snapshot's gaps."""
    return applications.get(principal, application_id)


@router.post("/api/applications/bulk-status")
def bulk_status(body: BulkStatusIn, principal: Staff, applications: Applications) -> BulkResult:
    """Move several applications at once; each gets its own outcome (changed, unchanged, not_found, invalid)."""
    ids = [str(i) for i in body.application_ids]
    return applications.bulk_status(principal, ids, body.status, body.reason)


@router.post("/api/applications/{application_id}/status")
def change_status(application_id: str, body: StatusIn, principal: Anyone, applications: Applications) -> StatusChanged:
    """Staff move applied -> screening -> interview -> offer -> hired, or reject (with a reason); a candidate
    withdraws their own. Other moves answer 422 naming the allowed ones."""
    return applications.change_status(principal, application_id, body.status, body.reason)


@router.get("/api/jobs/{job_id}/applicants")
def job_applicants(
    job_id: str,
    principal: Staff,
    applications: Applications,
    jobs: Jobs,
    status: str | None = None,
    min_score: float | None = None,
    min_years: float | None = None,
    skills: Annotated[str | None, Query(description="comma-separated; each must be matched")] = None,
    grade: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[Applicant]:
    """The job's applicants best first by the score snapshotted when they applied, with filters."""
    jobs.get(principal, job_id)  # 404 across tenants
    try:
        filters = ApplicantFilters(
            status=status, min_score=min_score, min_years=min_years, grade=grade, limit=limit, offset=offset,  # type: ignore[arg-type]
            skills=[s.strip() for s in (skills or "").split(",") if s.strip()],
        )  # fmt: skip
    except ValidationError as exc:
        problems = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        raise InvalidInput("the filters are not valid", problems=problems) from exc
    return applications.applicants(principal, job_id, filters)


@router.post("/api/jobs/{job_id}/applicants", status_code=201)
def add_applicant(job_id: str, body: AddApplicantIn, principal: Staff, applications: Applications) -> Applied:
    """Add a person to the job with their resume (source matched, imported or sourced): the resume's owner becomes
    the applicant and the match is snapshotted as when applying (409 with the existing application's id when they
    already have one, or naming the active version when a newer upload replaced the resume)."""
    return applications.add_applicant(principal, job_id, str(body.resume_id), body.source, body.note)


@router.get("/api/jobs/{job_id}/funnel")
def job_funnel(job_id: str, principal: Staff, applications: Applications, jobs: Jobs) -> Funnel:
    """Counts per stage, conversion between stages, median time in stage and sources, for one job."""
    jobs.get(principal, job_id)  # 404 across tenants
    return applications.funnel(principal, job_id)


@router.get("/api/admin/funnel", tags=["admin"])
def tenant_funnel(principal: Staff, applications: Applications) -> Funnel:
    """The tenant's hiring funnel over all its jobs."""
    return applications.funnel(principal)
