"""Who may call what: every endpoint declares its roles through `allow(...)`."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hiring.adapters.postgres import current_tenant
from hiring.container import get_container
from hiring.errors import Forbidden, Unauthenticated
from hiring.principal import Principal, Role

_bearer = HTTPBearer(auto_error=False)

ALL_ROLES = (Role.CANDIDATE, Role.RECRUITER, Role.ADMIN)
STAFF = (Role.RECRUITER, Role.ADMIN)


async def current_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Principal:
    """The caller; from here on the request's database work sees only the caller's tenant (row-level security).

    Async on purpose: a context variable set here stays with the request's task and is copied into the threads
    that run the endpoint, where a sync dependency's would be lost.
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("a bearer access token is required")
    principal = get_container().identity.authenticate(credentials.credentials)  # no I/O: a signature check
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
