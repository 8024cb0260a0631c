"""Administration: the audit log, metrics, users and import batches."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from hiring.api import deps
from hiring.api.security import allow
from hiring.hygiene import MAX_OFFSET
from hiring.principal import Principal, Role
from hiring.services.admin import AdminService, ImportBatchSummary, RoleChanged, UserOut
from hiring.services.audit import AuditQuery, AuditService
from hiring.services.metrics import Bucket, Metrics, MetricsSeries, MetricsService

router = APIRouter()

Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
Audit = Annotated[AuditService, Depends(deps.audit_service)]
Admins = Annotated[AdminService, Depends(deps.admin_service)]
Figures = Annotated[MetricsService, Depends(deps.metrics_service)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Since = Annotated[dt.datetime | None, Query(description="from this time (inclusive), with a time zone")]
Until = Annotated[dt.datetime | None, Query(description="up to this time (exclusive), with a time zone")]


class AuditEntryOut(BaseModel):
    id: int
    actor: str = Field(description='a user id, "system", or "key:<scraper api key id>"')
    kind: str = Field(
        description="score, llm_call, api_key_created, api_key_revoked, user_created, user_disabled, "
        "user_enabled, user_deleted, user_role_changed, weights_added, import ..."
    )
    subject_kind: str | None = Field(description="resume, job, user, api_key, llm_call, import_batch ...")
    subject_id: str | None
    detail: dict[str, Any] = Field(description="ids, versions, digests and counts; never personal data")
    created_at: dt.datetime


class RoleIn(BaseModel):
    role: Role


@router.get("/api/admin/audit", tags=["admin"], response_model=list[AuditEntryOut])
def audit_log(
    principal: Admin,
    audit: Audit,
    kind: Annotated[str | None, Query(max_length=60)] = None,
    actor: Annotated[str | None, Query(max_length=80, description='a user id, "system" or "key:<id>"')] = None,
    subject: Annotated[str | None, Query(max_length=80, description="the subject's id")] = None,
    subject_kind: Annotated[str | None, Query(max_length=40)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[AuditEntryOut]:
    """The tenant's append-only audit log, newest first, filtered by every parameter given."""
    query = AuditQuery(kind, actor, subject_kind, subject, since, until, limit, offset)
    return [AuditEntryOut.model_validate(e, from_attributes=True) for e in audit.entries(principal.tenant_id, query)]


@router.get("/api/admin/metrics", tags=["admin"], response_model=Metrics)
def metrics(principal: Admin, figures: Figures, since: Since = None, until: Until = None) -> Metrics:
    """Parse outcomes and latency, the work queue, dead letters, imports, stored scores, LLM usage and the funnel
    over [since, until) (default: the last day; at most 366 days)."""
    return figures.collect(principal.tenant_id, since, until)


@router.get("/api/admin/metrics/series", tags=["admin"], response_model=MetricsSeries)
def metrics_series(
    principal: Admin, figures: Figures, since: Since = None, until: Until = None, bucket: Bucket = "hour"
) -> MetricsSeries:
    """The window's figures per hour or day (UTC buckets, oldest first, empty buckets as zeros): resumes
    received and their outcomes, imports and failed rows, LLM calls, tokens and cost, scores written, dead letters,
    applications made and moves to hired/rejected. Default window: 48 hours (hour) or 30 days (day) up to now;
    at most 400 buckets (MAX_BUCKETS) (422 invalid_input otherwise). The queue's depth has no history: see
    /api/admin/metrics."""
    return figures.series(principal.tenant_id, since, until, bucket)


@router.get("/api/users", tags=["admin"], response_model=list[UserOut])
def users(principal: Admin, admins: Admins, limit: Limit = 100, offset: Offset = 0) -> list[UserOut]:
    """The tenant's accounts with role, disabled state and last login, oldest first."""
    return admins.users(principal, limit, offset)


@router.patch("/api/users/{user_id}", tags=["admin"], response_model=RoleChanged)
def change_role(user_id: str, body: RoleIn, principal: Admin, admins: Admins) -> RoleChanged:
    """Change another account's role (never the caller's own); it applies to that user's next request."""
    return admins.set_role(principal, user_id, body.role)


@router.get("/api/admin/imports", tags=["admin"], response_model=list[ImportBatchSummary])
def imports(principal: Admin, admins: Admins, limit: Limit = 50, offset: Offset = 0) -> list[ImportBatchSummary]:
    """The tenant's import batches with their counts, newest first."""
    return admins.imports(principal, limit, offset)
