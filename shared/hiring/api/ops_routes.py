"""Operations routes: the health check and the admin's views of refused input and security events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from hiring.api import deps
from hiring.api.security import allow
from hiring.identity import IdentityService
from hiring.principal import Principal, Role
from hiring.services.audit import AuditService
from hiring.services.health import HealthService

router = APIRouter()
PUBLIC_PATHS = frozenset({"/health"})


class HealthOut(BaseModel):
    status: str = Field(description='"ok", or "degraded" when a check failed (then the status code is 503)')
    checks: dict[str, str] = Field(description='per dependency (database, queue): "ok" or "failed: <error type>"')


class RejectionOut(BaseModel):
    id: int
    kind: str
    source: str
    reason: str
    detail: dict[str, Any] = Field(description="the scrubbed evidence: problems, body_prefix, code ...")
    created_at: dt.datetime


class SecurityEventOut(BaseModel):
    id: int
    user_id: str | None
    kind: str = Field(description="login_failed, login_throttled, logout, user_created, user_disabled ...")
    detail: dict[str, Any]
    created_at: dt.datetime


@router.get(
    "/health",
    tags=["ops"],
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "degraded: a check failed or timed out"}},
)
def health(response: Response, checker: HealthService = Depends(deps.health_service)) -> HealthOut:
    """200 when the database and the queue answer within health_timeout_s, else 503 naming what failed."""
    result = checker.check()
    response.status_code = 200 if result.healthy else 503
    return HealthOut(status=result.status, checks=result.checks)


@router.get("/api/admin/rejections", tags=["admin"], response_model=list[RejectionOut])
def rejections(
    principal: Principal = Depends(allow(Role.ADMIN)), audit: AuditService = Depends(deps.audit_service)
) -> list[RejectionOut]:
    return [RejectionOut.model_validate(r, from_attributes=True) for r in audit.rejections(principal.tenant_id)]


@router.get("/api/admin/security-events", tags=["admin"], response_model=list[SecurityEventOut])
def security_events(
    principal: Principal = Depends(allow(Role.ADMIN)), identity: IdentityService = Depends(deps.identity_service)
) -> list[SecurityEventOut]:
    events = identity.security_events(principal.tenant_id)
    return [SecurityEventOut.model_validate(e, from_attributes=True) for e in events]
