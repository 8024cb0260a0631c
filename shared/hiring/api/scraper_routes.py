"""Scraper-bot routes: API keys and scrape roles (admin), the scrape queue (bots, by X-Scraper-API-Key), alerts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from hiring.adapters.postgres import current_tenant
from hiring.api.bodies import validated_body
from hiring.api.deps import api_key_service, scrape_queue
from hiring.api.security import allow, current_principal
from hiring.errors import Forbidden, PayloadTooLarge, Unauthenticated
from hiring.principal import Principal, Role
from hiring.scraping.api_keys import ApiKeyService
from hiring.scraping.bots import SCRAPER_ROLE, ScraperPrincipal
from hiring.scraping.models import (
    Alert,
    ApiKey,
    ApiKeyCreated,
    ApiKeyRevoked,
    QueueStatus,
    RoleCompleted,
    RoleFailed,
    RolesRebuilt,
    ScrapeRole,
    UploadQueued,
)
from hiring.scraping.scrape_queue import ScrapeQueue, ScrapeUpload

router = APIRouter()
Keys = Annotated[ApiKeyService, Depends(api_key_service)]
Queue = Annotated[ScrapeQueue, Depends(scrape_queue)]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # under Lambda's 6 MB synchronous payload limit, with room for the envelope

_api_key = APIKeyHeader(name="X-Scraper-API-Key", auto_error=False, description="a scraper bot's API key")
_bearer = HTTPBearer(auto_error=False)


def _with_roles(dependency: Callable[..., Any], *roles: str) -> Callable[..., Any]:
    """Carry the admitted roles on the dependency, as `allow(...)` does, for the endpoint x role table."""
    dependency.roles = frozenset(roles)  # type: ignore[attr-defined]
    return dependency


async def _authenticate_bot(request: Request, key: str, keys: ApiKeyService) -> ScraperPrincipal:
    """The bot behind a key; the rest of the request sees only its tenant's rows (see current_principal)."""
    bot = await run_in_threadpool(keys.authenticate, key)
    request.state.principal = bot
    current_tenant.set(bot.tenant_id)
    return bot


async def _scraper(request: Request, keys: Keys, key: str | None = Depends(_api_key)) -> ScraperPrincipal:
    if not key:
        raise Unauthenticated("an X-Scraper-API-Key header is required")
    return await _authenticate_bot(request, key, keys)


async def _admin_or_scraper(
    request: Request,
    keys: Keys,
    key: str | None = Depends(_api_key),
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal | ScraperPrincipal:
    if key:
        return await _authenticate_bot(request, key, keys)
    principal = await current_principal(request, credentials)
    if principal.role != Role.ADMIN:
        raise Forbidden(f"role {principal.role.value!r} may not call this endpoint")
    return principal


scraper = _with_roles(_scraper, SCRAPER_ROLE)
admin_or_scraper = _with_roles(_admin_or_scraper, Role.ADMIN, SCRAPER_ROLE)


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="what the key is for, e.g. the bot's host")
    rate_limit_per_minute: int = Field(default=60, ge=1, le=6000)


class ScrapeRoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    location_hints: list[str] = Field(default_factory=list, max_length=10)


class ScrapeFailureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    error: str = Field(min_length=1, max_length=2000)


# --- admin: keys, roles, alerts --------------------------------------------------------------------------


@router.post("/api/admin/api-keys", tags=["admin"], status_code=201)
def create_api_key(body: ApiKeyIn, principal: Admin, keys: Keys) -> ApiKeyCreated:
    """Create a scraper key; the key is in this response only, so store it now."""
    return keys.create(principal, body.name, body.rate_limit_per_minute)


@router.get("/api/admin/api-keys", tags=["admin"])
def list_api_keys(principal: Admin, keys: Keys) -> list[ApiKey]:
    return keys.list(principal)


@router.post("/api/admin/api-keys/{key_id}/revoke", tags=["admin"])
def revoke_api_key(key_id: str, principal: Admin, keys: Keys) -> ApiKeyRevoked:
    return keys.revoke(principal, key_id)


@router.post(
    "/api/admin/scrape-roles",
    tags=["admin"],
    status_code=201,
    responses={200: {"model": ScrapeRole, "description": "the same role, its location hints merged"}},
)
def add_scrape_role(body: ScrapeRoleIn, principal: Admin, queue: Queue, response: Response) -> ScrapeRole:
    """Add a role to the scrape queue (201), or merge its location hints into the same role (200)."""
    role, created = queue.add_role(principal.tenant_id, body.title, body.location_hints)
    response.status_code = 201 if created else 200
    return role


@router.get("/api/admin/scrape-roles", tags=["admin"])
def list_scrape_roles(principal: Admin, queue: Queue) -> list[ScrapeRole]:
    return queue.list_roles(principal.tenant_id)


@router.post("/api/admin/scrape-roles/rebuild", tags=["admin"], response_model_exclude_none=True)
def rebuild_roles(principal: Admin, queue: Queue) -> RolesRebuilt:
    """Derive roles from candidates' parsed resumes (most recent job title, normalized)."""
    return queue.rebuild_roles(principal.tenant_id)


@router.get("/api/admin/alerts", tags=["admin"])
def alerts(principal: Admin, queue: Queue, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[Alert]:
    return queue.alerts(principal.tenant_id, limit)


# --- bots: the scrape queue --------------------------------------------------------------------------------


@router.get(
    "/api/scrape-queue/next",
    tags=["scrape-queue"],
    response_model=ScrapeRole,
    responses={204: {"description": "nothing is due"}},
)
def next_role(queue: Queue, bot: ScraperPrincipal = Depends(scraper)) -> ScrapeRole | Response:
    """The role that waited longest, now marked scraping; 204 when nothing is due."""
    role = queue.next(bot)
    return Response(status_code=204) if role is None else role


@router.post(
    "/api/scrape-queue/{role_id}/jobs",
    tags=["scrape-queue"],
    status_code=202,
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ScrapeUpload.model_json_schema()}}}
    },
)
async def upload_jobs(
    role_id: str, request: Request, queue: Queue, bot: ScraperPrincipal = Depends(scraper)
) -> UploadQueued:
    """One platform's jobs for a role, queued for the import pipeline.

    A job holding a NUL or control character is refused alone (listed under "refused" with its reason, and
    recorded for the admin); the others are queued.
    """
    upload, raw = await bot_upload(request, ScrapeUpload, "jobs", partial(queue.record_refusal, bot))
    return queue.upload(bot, role_id, upload, raw)


Upload = TypeVar("Upload", bound=BaseModel)


async def bot_upload(
    request: Request, model: type[Upload], rows_field: str, record: Callable[..., None]
) -> tuple[Upload, bytes]:
    """A bot's upload read and validated: over MAX_UPLOAD_BYTES it is refused with 413, and any refusal is recorded
    with `record(reason, body, problems?)` before it is answered; the rows of `rows_field` are checked one by one
    later. Returns the upload and its raw bytes."""
    raw = await request.body()
    if len(raw) > MAX_UPLOAD_BYTES:
        record(f"the upload is {len(raw)} bytes; the limit is {MAX_UPLOAD_BYTES}", raw)
        raise PayloadTooLarge(f"the upload is {len(raw)} bytes; the limit is {MAX_UPLOAD_BYTES} bytes")
    return validated_body(raw, model, "upload", record, rows_field=rows_field), raw


@router.post("/api/scrape-queue/{role_id}/complete", tags=["scrape-queue"])
def complete_role(role_id: str, queue: Queue, bot: ScraperPrincipal = Depends(scraper)) -> RoleCompleted:
    """End the cycle: the role goes to the back of the queue and its candidates are queued for matching."""
    return queue.complete(bot, role_id)


@router.post("/api/scrape-queue/{role_id}/fail", tags=["scrape-queue"])
def fail_role(
    role_id: str, body: ScrapeFailureIn, queue: Queue, bot: ScraperPrincipal = Depends(scraper)
) -> RoleFailed:
    """Record why the cycle failed; the role is retried after a backoff."""
    return queue.fail(bot, role_id, body.error)


@router.get("/api/scrape-queue/status", tags=["scrape-queue"])
def queue_status(queue: Queue, who: Principal | ScraperPrincipal = Depends(admin_or_scraper)) -> QueueStatus:
    return queue.status(who.tenant_id)
