"""Operations routes: the health check and the admin's views of refused input and security events."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from hiring.api.responses import json_response
from hiring.api.security import allow
from hiring.container import get_container
from hiring.observability import logger
from hiring.principal import Principal, Role

router = APIRouter()
PUBLIC_PATHS = frozenset({"/health"})


@router.get("/health", tags=["ops"])
def health() -> JSONResponse:
    container = get_container()
    checks: dict[str, str] = {}
    for name, probe in (("database", container.db.ping), ("queue", container.queue.ping)):
        try:
            probe()
            checks[name] = "ok"
        except Exception as exc:  # a health check reports failures, it never raises them
            logger.warning("health check failed", extra={"check": name, "error": type(exc).__name__})
            checks[name] = f"failed: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return json_response({"status": "ok" if healthy else "degraded", "checks": checks}, 200 if healthy else 503)


@router.get("/api/admin/rejections", tags=["admin"])
def rejections(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    with get_container().db.connect() as conn:
        rows = conn.execute(
            "SELECT id, kind, source, reason, detail, created_at FROM rejected_inputs"
            " WHERE tenant_id = %s ORDER BY id DESC LIMIT 200",
            (principal.tenant_id,),
        ).fetchall()
    return json_response(rows)


@router.get("/api/admin/security-events", tags=["admin"])
def security_events(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    with get_container().db.connect() as conn:
        rows = conn.execute(
            "SELECT id, user_id, kind, detail, created_at FROM security_events"
            " WHERE tenant_id = %s ORDER BY id DESC LIMIT 200",
            (principal.tenant_id,),
        ).fetchall()
    return json_response(rows)
