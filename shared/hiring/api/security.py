"""Who may call what: every endpoint declares its roles through `allow(...)`."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from hiring.adapters.postgres import current_tenant
from hiring.api import deps
from hiring.errors import Forbidden, Unauthenticated
from hiring.principal import Principal, Role

bearer = HTTPBearer(auto_error=False)

ALL_ROLES = (Role.CANDIDATE, Role.RECRUITER, Role.ADMIN)
STAFF = (Role.RECRUITER, Role.ADMIN)


async def current_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    """The caller; from here on the request's database work sees only the caller's tenant (row-level security).

    Async on purpose: a context variable set here stays with the request's task and is copied into the threads
    that run the endpoint, where a sync dependency's would be lost.
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("a bearer access token is required")
    # The signature, then one indexed query: the user exists, is not disabled, and the session is not ended.
    principal = await run_in_threadpool(deps.identity_service().authenticate, credentials.credentials)
    request.state.principal = principal
    current_tenant.set(principal.tenant_id)
    return principal


def allow(*roles: Role) -> Callable[..., Principal]:
    """A dependency that admits only the given roles; it carries them for the endpoint x role table."""

    def dependency(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in roles:
            raise Forbidden(f"role {principal.role.value!r} may not call this endpoint")
        return principal

    dependency.roles = frozenset(roles)  # type: ignore[attr-defined]
    return dependency


def client_address(request: Request) -> str | None:
    """The caller's address for throttling: the connection's peer, which under Mangum is API Gateway's sourceIp
    (requestContext.http.sourceIp / requestContext.identity.sourceIp). X-Forwarded-For is believed only when
    HIRING_TRUST_FORWARDED_FOR is set (its last entry: the address the trusted proxy saw)."""
    if deps.settings().trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:100]
    event = request.scope.get("aws.event")
    if isinstance(event, dict):
        context = event.get("requestContext") or {}
        for holder in (context.get("http"), context.get("identity")):
            if isinstance(holder, dict) and holder.get("sourceIp"):
                return str(holder["sourceIp"])[:100]
    return request.client.host if request.client else None
