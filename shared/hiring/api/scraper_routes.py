"""Scraper-bot routes: API keys and scrape roles (admin), the scrape queue (bots, by X-Scraper-API-Key), alerts."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from hiring.adapters.postgres import current_tenant
from hiring.api.bodies import validated_body
from hiring.api.responses import json_response
from hiring.api.security import allow, current_principal
from hiring.container import get_container
from hiring.errors import Forbidden, PayloadTooLarge, Unauthenticated
from hiring.hygiene import FORBIDDEN_TEXT, forbidden_char_paths
from hiring.principal import Principal, Role
from hiring.scraping.alerts import list_alerts
from hiring.scraping.api_keys import ApiKeyService
from hiring.scraping.bots import SCRAPER_ROLE, ScraperPrincipal
from hiring.scraping.scrape_queue import ScrapeQueue, ScrapeUpload, rebuild_scrape_roles
from hiring.services.statuses import record_rejection

router = APIRouter()
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # under Lambda's 6 MB synchronous payload limit, with room for the envelope

_api_key = APIKeyHeader(name="X-Scraper-API-Key", auto_error=False, description="a scraper bot's API key")
_bearer = HTTPBearer(auto_error=False)


def _with_roles(dependency: Callable[..., Any], *roles: str) -> Callable[..., Any]:
    """Carry the admitted roles on the dependency, as `allow(...)` does, for the endpoint x role table."""
    dependency.roles = frozenset(roles)  # type: ignore[attr-defined]
    return dependency


async def _authenticate_bot(request: Request, key: str) -> ScraperPrincipal:
    """The bot behind a key; the rest of the request sees only its tenant's rows (see current_principal)."""
    bot = await run_in_threadpool(ApiKeyService(get_container().db).authenticate, key)
    request.state.principal = bot
    current_tenant.set(bot.tenant_id)
    return bot


async def _scraper(request: Request, key: str | None = Depends(_api_key)) -> ScraperPrincipal:
    if not key:
        raise Unauthenticated("an X-Scraper-API-Key header is required")
    return await _authenticate_bot(request, key)


async def _admin_or_scraper(
    request: Request,
    key: str | None = Depends(_api_key),
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal | ScraperPrincipal:
    if key:
        return await _authenticate_bot(request, key)
    principal = await current_principal(request, credentials)
    if principal.role != Role.ADMIN:
        raise Forbidden(f"role {principal.role.value!r} may not call this endpoint")
    return principal


scraper = _with_roles(_scraper, SCRAPER_ROLE)
admin_or_scraper = _with_roles(_admin_or_scraper, Role.ADMIN, SCRAPER_ROLE)


def _queue() -> ScrapeQueue:
    container = get_container()
    return ScrapeQueue(container.db, container.queue, container.blobs)


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
def create_api_key(body: ApiKeyIn, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """Create a scraper key; the key is in this response only, so store it now."""
    created = ApiKeyService(get_container().db).create(principal, body.name, body.rate_limit_per_minute)
    return json_response(created.__dict__, 201)


@router.get("/api/admin/api-keys", tags=["admin"])
def list_api_keys(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    return json_response(ApiKeyService(get_container().db).list(principal))


@router.post("/api/admin/api-keys/{key_id}/revoke", tags=["admin"])
def revoke_api_key(key_id: str, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    return json_response(ApiKeyService(get_container().db).revoke(principal, key_id))


@router.post("/api/admin/scrape-roles", tags=["admin"], status_code=201)
def add_scrape_role(body: ScrapeRoleIn, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """Add a role to the scrape queue (201), or merge its location hints into the same role (200)."""
    role, created = _queue().add_role(principal.tenant_id, body.title, body.location_hints)
    return json_response(role, 201 if created else 200)


@router.get("/api/admin/scrape-roles", tags=["admin"])
def list_scrape_roles(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    return json_response(_queue().list_roles(principal.tenant_id))


@router.post("/api/admin/scrape-roles/rebuild", tags=["admin"])
def rebuild_roles(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """Derive roles from candidates' parsed resumes (most recent job title, normalized)."""
    return json_response(rebuild_scrape_roles(get_container().db, principal.tenant_id))


@router.get("/api/admin/alerts", tags=["admin"])
def alerts(
    limit: Annotated[int, Query(ge=1, le=500)] = 100, principal: Principal = Depends(allow(Role.ADMIN))
) -> JSONResponse:
    return json_response(list_alerts(get_container().db, principal.tenant_id, limit))


# --- bots: the scrape queue --------------------------------------------------------------------------------


@router.get("/api/scrape-queue/next", tags=["scrape-queue"], response_model=None)
def next_role(bot: ScraperPrincipal = Depends(scraper)) -> JSONResponse | Response:
    """The role that waited longest, now marked scraping; 204 when nothing is due."""
    role = _queue().next(bot)
    return Response(status_code=204) if role is None else json_response(role)


@router.post(
    "/api/scrape-queue/{role_id}/jobs",
    tags=["scrape-queue"],
    status_code=202,
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ScrapeUpload.model_json_schema()}}}
    },
)
async def upload_jobs(role_id: str, request: Request, bot: ScraperPrincipal = Depends(scraper)) -> JSONResponse:
    """One platform's jobs for a role, queued for the import pipeline.

    A job holding a NUL or control character is refused alone (listed under "refused" with its reason, and
    recorded for the admin); the others are queued.
    """
    raw = await request.body()
    if len(raw) > MAX_UPLOAD_BYTES:
        _reject_upload(bot, f"the upload is {len(raw)} bytes; the limit is {MAX_UPLOAD_BYTES}", raw)
        raise PayloadTooLarge(f"the upload is {len(raw)} bytes; the limit is {MAX_UPLOAD_BYTES} bytes")
    upload = validated_body(
        raw,
        ScrapeUpload,
        "upload",
        lambda reason, body, problems: _reject_upload(bot, reason, body, problems),
        rows_field="jobs",
    )
    kept, refused = _split_rows(upload.jobs)
    if refused:
        _reject_upload(bot, f"{len(refused)} of {len(upload.jobs)} jobs refused", raw, refused=refused)
    result = _queue().upload(bot, role_id, upload.model_copy(update={"jobs": kept}))
    return json_response({**result, "refused": [{"row": r["row"], "reason": r["reason"]} for r in refused]}, 202)


def _split_rows(jobs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(jobs to queue, refused jobs with their row number, reason and scrubbed evidence)."""
    kept: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    for index, job in enumerate(jobs):
        paths = list(forbidden_char_paths(job, f"jobs.{index}"))
        if paths:
            evidence = json.dumps(job, ensure_ascii=False)[:500]  # scrubbed when it is recorded
            refused.append({"row": index + 1, "reason": f"{', '.join(paths)} {FORBIDDEN_TEXT}", "raw": evidence})
        else:
            kept.append(job)
    return kept, refused


@router.post("/api/scrape-queue/{role_id}/complete", tags=["scrape-queue"])
def complete_role(role_id: str, bot: ScraperPrincipal = Depends(scraper)) -> JSONResponse:
    """End the cycle: the role goes to the back of the queue and its candidates are queued for matching."""
    return json_response(_queue().complete(bot, role_id))


@router.post("/api/scrape-queue/{role_id}/fail", tags=["scrape-queue"])
def fail_role(role_id: str, body: ScrapeFailureIn, bot: ScraperPrincipal = Depends(scraper)) -> JSONResponse:
    """Record why the cycle failed; the role is retried after a backoff."""
    return json_response(_queue().fail(bot, role_id, body.error))


@router.get("/api/scrape-queue/status", tags=["scrape-queue"])
def queue_status(who: Principal | ScraperPrincipal = Depends(admin_or_scraper)) -> JSONResponse:
    return json_response(_queue().status(who.tenant_id))


def _reject_upload(
    bot: ScraperPrincipal,
    reason: str,
    raw: bytes,
    problems: list[dict[str, str]] | None = None,
    refused: list[dict[str, Any]] | None = None,
) -> None:
    """A refused upload (or its refused jobs) is still recorded, so an admin can see which bot sent what and why."""
    detail: dict[str, Any] = {"problems": problems or [], "body_prefix": raw[:500].decode("utf-8", "replace")}
    if refused:
        detail["refused"] = refused
    with get_container().db.connect() as conn:
        record_rejection(conn, bot.tenant_id, "scrape_upload", f"scraper:{bot.prefix}", reason, detail)
