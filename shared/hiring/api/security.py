"""Who may call what: every endpoint declares its roles through `allow(...)`."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hiring.container import get_container
from hiring.errors import Forbidden, Unauthenticated
from hiring.principal import Principal, Role

_bearer = HTTPBearer(auto_error=False)

ALL_ROLES = (Role.CANDIDATE, Role.RECRUITER, Role.ADMIN)
STAFF = (Role.RECRUITER, Role.ADMIN)


def current_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("a bearer access token is required")
    principal = get_container().identity.authenticate(credentials.credentials)
    request.state.principal = principal
    return principal


def allow(*roles: Role) -> Callable[..., Principal]:
    """A dependency that admits only the given roles; it carries them for the endpoint x role table."""

    def dependency(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in roles:
            raise Forbidden(f"role {principal.role.value!r} may not call this endpoint")
        return principal

    dependency.roles = frozenset(roles)  # type: ignore[attr-defined]
    return dependency
