"""Identity routes: login, refresh, logout, registration, organisation sign-up, the caller, users."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from hiring.api import deps
from hiring.api.models import error_responses
from hiring.api.security import ALL_ROLES, allow, bearer, client_address
from hiring.identity import IdentityService
from hiring.principal import Principal, Role

router = APIRouter()
PUBLIC_PATHS = frozenset(
    {"/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/tenants"}
)


# Answers every throttled route may give besides its own.
_TOO_MANY = "rate_limited: too many attempts from this client or for this account; see Retry-After"
_WEAK = "invalid_input, or weak_password with zxcvbn's feedback as the message"
THROTTLED: dict[int | str, dict[str, Any]] = error_responses({429: _TOO_MANY})
WEAK_PASSWORD: dict[int | str, dict[str, Any]] = error_responses({422: _WEAK})
THROTTLED_WEAK: dict[int | str, dict[str, Any]] = error_responses({429: _TOO_MANY, 422: _WEAK})


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


class TokensOut(BaseModel):
    access_token: str = Field(description="a JWT for Authorization: Bearer, valid expires_in seconds")
    refresh_token: str = Field(description="trade it once at /api/auth/refresh for a new pair")
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret


class RegisteredOut(BaseModel):
    id: str
    tenant_id: str
    role: Role


class TenantOut(BaseModel):
    id: str
    slug: str
    admin_user_id: str


class PrincipalOut(BaseModel):
    user_id: str
    tenant_id: str
    role: Role
    email: str


class UserCreatedOut(BaseModel):
    id: str
    role: Role


class UserStateOut(BaseModel):
    id: str
    email: str
    role: Role
    disabled: bool


@router.post("/api/auth/login", tags=["auth"], response_model=TokensOut, responses=THROTTLED)
def login(
    body: LoginIn,
    client: str | None = Depends(client_address),
    identity: IdentityService = Depends(deps.identity_service),
) -> TokensOut:
    """Tokens for an email and password. Failed attempts are throttled per client and per account (429 with
    Retry-After, the same for every email); a wrong password and an unknown email get the same 401."""
    pair = identity.login(body.email, body.password, body.tenant, client)
    return TokensOut.model_validate(pair, from_attributes=True)


@router.post("/api/auth/refresh", tags=["auth"], response_model=TokensOut)
def refresh(body: RefreshIn, identity: IdentityService = Depends(deps.identity_service)) -> TokensOut:
    return TokensOut.model_validate(identity.refresh(body.refresh_token), from_attributes=True)


@router.post("/api/auth/logout", tags=["auth"], status_code=204, response_class=Response)
def logout(
    body: RefreshIn | None = None,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    identity: IdentityService = Depends(deps.identity_service),
) -> None:
    """End a session: give its refresh token, its bearer access token, or both. Its access tokens stop working."""
    access = credentials.credentials if credentials is not None else None
    identity.logout(body.refresh_token if body else None, access)


@router.post(
    "/api/auth/register", tags=["auth"], status_code=201, response_model=RegisteredOut, responses=THROTTLED_WEAK
)
def register(
    body: RegisterIn,
    client: str | None = Depends(client_address),
    identity: IdentityService = Depends(deps.identity_service),
) -> RegisteredOut:
    """A candidate creates an account in an existing organisation (409 only for an email already in it)."""
    tenant_id, user_id = identity.register(body.tenant, body.email, body.password, body.full_name, client)
    return RegisteredOut(id=user_id, tenant_id=tenant_id, role=Role.CANDIDATE)


@router.post("/api/tenants", tags=["auth"], status_code=201, response_model=TenantOut, responses=THROTTLED_WEAK)
def create_tenant(
    body: TenantIn,
    client: str | None = Depends(client_address),
    identity: IdentityService = Depends(deps.identity_service),
) -> TenantOut:
    """An organisation signs up with its first user, its admin, in one transaction: a refused admin email or
    password leaves no tenant behind. Throttled per client."""
    tenant_id, user_id = identity.sign_up(body.slug, body.name, body.admin_email, body.admin_password, client)
    return TenantOut(id=tenant_id, slug=body.slug, admin_user_id=user_id)


@router.get("/api/me", tags=["auth"], response_model=PrincipalOut)
def me(principal: Principal = Depends(allow(*ALL_ROLES))) -> PrincipalOut:
    return PrincipalOut.model_validate(principal, from_attributes=True)


@router.post("/api/users", tags=["admin"], status_code=201, response_model=UserCreatedOut, responses=WEAK_PASSWORD)
def create_user(
    body: UserIn,
    principal: Principal = Depends(allow(Role.ADMIN)),
    identity: IdentityService = Depends(deps.identity_service),
) -> UserCreatedOut:
    user_id = identity.create_user(
        principal.tenant_id, body.email, body.password, body.role, body.full_name, actor=principal.user_id
    )
    return UserCreatedOut(id=user_id, role=body.role)


@router.post("/api/users/{user_id}/disable", tags=["admin"], response_model=UserStateOut)
def disable_user(
    user_id: str,
    principal: Principal = Depends(allow(Role.ADMIN)),
    identity: IdentityService = Depends(deps.identity_service),
) -> UserStateOut:
    """Disable an account of the tenant: its sessions end and its tokens are refused at once."""
    return UserStateOut.model_validate(identity.set_disabled(principal, user_id, disabled=True), from_attributes=True)


@router.post("/api/users/{user_id}/enable", tags=["admin"], response_model=UserStateOut)
def enable_user(
    user_id: str,
    principal: Principal = Depends(allow(Role.ADMIN)),
    identity: IdentityService = Depends(deps.identity_service),
) -> UserStateOut:
    """Enable a disabled account again; its user logs in anew."""
    return UserStateOut.model_validate(identity.set_disabled(principal, user_id, disabled=False), from_attributes=True)


@router.delete("/api/users/{user_id}", tags=["admin"], status_code=204, response_class=Response)
def delete_user(
    user_id: str,
    principal: Principal = Depends(allow(Role.ADMIN)),
    identity: IdentityService = Depends(deps.identity_service),
) -> None:
    """Delete an account of the tenant; its resumes and jobs stay, without an owner."""
    identity.delete_user(principal, user_id)
