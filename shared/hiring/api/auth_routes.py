"""Identity routes: login, refresh, logout, registration, organisation sign-up, the caller, users."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hiring.api.responses import json_response
from hiring.api.security import ALL_ROLES, allow
from hiring.container import get_container
from hiring.principal import Principal, Role

router = APIRouter()
PUBLIC_PATHS = frozenset(
    {"/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/tenants"}
)


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)


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


@router.post("/api/auth/login", tags=["auth"])
def login(body: LoginIn) -> JSONResponse:
    pair = get_container().identity.login(body.email, body.password)
    return json_response(pair.__dict__)


@router.post("/api/auth/refresh", tags=["auth"])
def refresh(body: RefreshIn) -> JSONResponse:
    return json_response(get_container().identity.refresh(body.refresh_token).__dict__)


@router.post("/api/auth/logout", tags=["auth"], status_code=204)
def logout(body: RefreshIn) -> None:
    get_container().identity.logout(body.refresh_token)


@router.post("/api/auth/register", tags=["auth"], status_code=201)
def register(body: RegisterIn) -> JSONResponse:
    """A candidate creates an account in an existing organisation."""
    identity = get_container().identity
    tenant_id = identity.tenant_id_for(body.tenant)
    user_id = identity.create_user(tenant_id, body.email, body.password, Role.CANDIDATE, body.full_name)
    return json_response({"id": user_id, "tenant_id": tenant_id, "role": Role.CANDIDATE.value}, 201)


@router.post("/api/tenants", tags=["auth"], status_code=201)
def create_tenant(body: TenantIn) -> JSONResponse:
    """An organisation signs up; its first user is its admin."""
    identity = get_container().identity
    tenant_id = identity.create_tenant(body.slug, body.name)
    user_id = identity.create_user(tenant_id, body.admin_email, body.admin_password, Role.ADMIN)
    return json_response({"id": tenant_id, "slug": body.slug, "admin_user_id": user_id}, 201)


@router.get("/api/me", tags=["auth"])
def me(principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    return json_response(principal.__dict__)


@router.post("/api/users", tags=["admin"], status_code=201)
def create_user(body: UserIn, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    user_id = get_container().identity.create_user(
        principal.tenant_id, body.email, body.password, body.role, body.full_name
    )
    return json_response({"id": user_id, "role": body.role.value}, 201)
