"""Operations routes: the health check and the admin's views of refused input and security events."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from hiring.api.responses import json_response
from hiring.api.security import allow
from hiring.container import get_container
from hiring.observability import logger
from hiring.principal import Principal, Role
from hiring.services.statuses import recent_rejections

router = APIRouter()
PUBLIC_PATHS = frozenset({"/health"})


@router.get("/health", tags=["ops"])
def health() -> JSONResponse:
    """200 when the database and the queue answer within health_timeout_s, else 503 naming what failed."""
    container = get_container()
    probes: dict[str, Callable[[], None]] = {"database": container.db.ping, "queue": container.queue.ping}
    # Each probe in its own thread, all bounded by one deadline: a database that does not answer (down, or
    # unreachable until connect_timeout) makes this a 503 in seconds, never a hung request.
    pool = ThreadPoolExecutor(max_workers=len(probes), thread_name_prefix="health")
    futures = {name: pool.submit(probe) for name, probe in probes.items()}
    wait(futures.values(), timeout=container.settings.health_timeout_s)
    pool.shutdown(wait=False, cancel_futures=True)  # a probe still waiting ends on the pool's own timeout
    checks: dict[str, str] = {}
    for name, future in futures.items():
        error = "Timeout" if not future.done() else type(future.exception()).__name__ if future.exception() else None
        if error:  # a health check reports failures, it never raises them
            logger.warning("health check failed", extra={"check": name, "error": error})
        checks[name] = f"failed: {error}" if error else "ok"
    healthy = all(v == "ok" for v in checks.values())
    return json_response({"status": "ok" if healthy else "degraded", "checks": checks}, 200 if healthy else 503)


@router.get("/api/admin/rejections", tags=["admin"])
def rejections(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    with get_container().db.connect() as conn:
        return json_response(recent_rejections(conn, principal.tenant_id))


@router.get("/api/admin/security-events", tags=["admin"])
def security_events(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    return json_response(get_container().identity.security_events(principal.tenant_id))
