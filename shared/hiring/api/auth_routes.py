"""Identity routes: login, refresh, logout, registration, organisation sign-up, the caller, users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from hiring.api.responses import json_response
from hiring.api.security import ALL_ROLES, allow, bearer, client_address
from hiring.container import get_container
from hiring.principal import Principal, Role

router = APIRouter()
PUBLIC_PATHS = frozenset(
    {"/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/tenants"}
)


# Answers every throttled route may give besides its own.
THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {"description": "rate_limited: too many attempts from this client or for this account; see Retry-After"}
}
WEAK_PASSWORD: dict[int | str, dict[str, Any]] = {
    422: {"description": "invalid_input, or weak_password with zxcvbn's feedback as the message"}
}


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)
    tenant: str | None = Field(
        default=None,
        min_length=2,
        max_length=63,
        description="slug of the organisation; needed only when the email has accounts in several",
    )


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=10, max_length=200)


class RegisterIn(BaseModel):
    tenant: str = Field(min_length=2, max_length=63, description="slug of the organisation to join")
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)
    full_name: str | None = Field(default=None, max_length=200)


class TenantIn(BaseModel):
    slug: str = Field(min_length=2, max_length=63)
    name: str = Field(min_length=1, max_length=200)
    admin_email: str = Field(min_length=3, max_length=254)
    admin_password: str = Field(min_length=1, max_length=256)


class UserIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)
    role: Role
    full_name: str | None = Field(default=None, max_length=200)


@router.post("/api/auth/login", tags=["auth"], responses=THROTTLED)
def login(body: LoginIn, request: Request) -> JSONResponse:
    """Tokens for an email and password. Failed attempts are throttled per client and per account (429 with
    Retry-After, the same for every email); a wrong password and an unknown email get the same 401."""
    pair = get_container().identity.login(body.email, body.password, body.tenant, client_address(request))
    return json_response(pair.__dict__)


@router.post("/api/auth/refresh", tags=["auth"])
def refresh(body: RefreshIn) -> JSONResponse:
    return json_response(get_container().identity.refresh(body.refresh_token).__dict__)


@router.post("/api/auth/logout", tags=["auth"], status_code=204)
def logout(
    body: RefreshIn | None = None, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Response:
    """End a session: give its refresh token, its bearer access token, or both. Its access tokens stop working."""
    access = credentials.credentials if credentials is not None else None
    get_container().identity.logout(body.refresh_token if body else None, access)
    return Response(status_code=204)


@router.post("/api/auth/register", tags=["auth"], status_code=201, responses={**THROTTLED, **WEAK_PASSWORD})
def register(body: RegisterIn, request: Request) -> JSONResponse:
    """A candidate creates an account in an existing organisation (409 only for an email already in it)."""
    tenant_id, user_id = get_container().identity.register(
        body.tenant, body.email, body.password, body.full_name, client_address(request)
    )
    return json_response({"id": user_id, "tenant_id": tenant_id, "role": Role.CANDIDATE.value}, 201)


@router.post("/api/tenants", tags=["auth"], status_code=201, responses={**THROTTLED, **WEAK_PASSWORD})
def create_tenant(body: TenantIn, request: Request) -> JSONResponse:
    """An organisation signs up with its first user, its admin, in one transaction: a refused admin email or
    password leaves no tenant behind. Throttled per client."""
    tenant_id, user_id = get_container().identity.sign_up(
        body.slug, body.name, body.admin_email, body.admin_password, client_address(request)
    )
    return json_response({"id": tenant_id, "slug": body.slug, "admin_user_id": user_id}, 201)


@router.get("/api/me", tags=["auth"])
def me(principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    return json_response(principal.__dict__)


@router.post("/api/users", tags=["admin"], status_code=201, responses=WEAK_PASSWORD)
def create_user(body: UserIn, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    user_id = get_container().identity.create_user(
        principal.tenant_id, body.email, body.password, body.role, body.full_name
    )
    return json_response({"id": user_id, "role": body.role.value}, 201)


@router.post("/api/users/{user_id}/disable", tags=["admin"])
def disable_user(user_id: str, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """Disable an account of the tenant: its sessions end and its tokens are refused at once."""
    return json_response(get_container().identity.set_disabled(principal, user_id, disabled=True))


@router.post("/api/users/{user_id}/enable", tags=["admin"])
def enable_user(user_id: str, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """Enable a disabled account again; its user logs in anew."""
    return json_response(get_container().identity.set_disabled(principal, user_id, disabled=False))


@router.delete("/api/users/{user_id}", tags=["admin"], status_code=204)
def delete_user(user_id: str, principal: Principal = Depends(allow(Role.ADMIN))) -> Response:
    """Delete an account of the tenant; its resumes and jobs stay, without an owner."""
    get_container().identity.delete_user(principal, user_id)
    return Response(status_code=204)
