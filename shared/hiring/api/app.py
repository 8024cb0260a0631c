"""The HTTP API: one FastAPI app, served by uvicorn locally and by Mangum in Lambda."""

from __future__ import annotations

from fastapi import Depends, FastAPI, File, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hiring.api import job_routes
from hiring.api.errors import install_error_handlers
from hiring.api.responses import json_response
from hiring.api.security import ALL_ROLES, allow
from hiring.container import get_container
from hiring.observability import logger
from hiring.principal import Principal, Role

PUBLIC_PATHS = frozenset(
    {"/health", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/tenants"}
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


def create_app() -> FastAPI:
    app = FastAPI(
        title="Hiring intelligence API",
        version="0.1.0",
        description="Resumes and job postings as data; explainable candidate-job matching.",
    )
    install_error_handlers(app)

    # --- health --------------------------------------------------------------------------------------

    @app.get("/health", tags=["ops"])
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

    # --- identity ------------------------------------------------------------------------------------

    @app.post("/api/auth/login", tags=["auth"])
    def login(body: LoginIn) -> JSONResponse:
        pair = get_container().identity.login(body.email, body.password)
        return json_response(pair.__dict__)

    @app.post("/api/auth/refresh", tags=["auth"])
    def refresh(body: RefreshIn) -> JSONResponse:
        return json_response(get_container().identity.refresh(body.refresh_token).__dict__)

    @app.post("/api/auth/logout", tags=["auth"], status_code=204)
    def logout(body: RefreshIn) -> None:
        get_container().identity.logout(body.refresh_token)

    @app.post("/api/auth/register", tags=["auth"], status_code=201)
    def register(body: RegisterIn) -> JSONResponse:
        """A candidate creates an account in an existing organisation."""
        identity = get_container().identity
        tenant_id = identity.tenant_id_for(body.tenant)
        user_id = identity.create_user(tenant_id, body.email, body.password, Role.CANDIDATE, body.full_name)
        return json_response({"id": user_id, "tenant_id": tenant_id, "role": Role.CANDIDATE.value}, 201)

    @app.post("/api/tenants", tags=["auth"], status_code=201)
    def create_tenant(body: TenantIn) -> JSONResponse:
        """An organisation signs up; its first user is its admin."""
        identity = get_container().identity
        tenant_id = identity.create_tenant(body.slug, body.name)
        user_id = identity.create_user(tenant_id, body.admin_email, body.admin_password, Role.ADMIN)
        return json_response({"id": tenant_id, "slug": body.slug, "admin_user_id": user_id}, 201)

    @app.get("/api/me", tags=["auth"])
    def me(principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
        return json_response(principal.__dict__)

    @app.post("/api/users", tags=["admin"], status_code=201)
    def create_user(body: UserIn, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
        user_id = get_container().identity.create_user(
            principal.tenant_id, body.email, body.password, body.role, body.full_name
        )
        return json_response({"id": user_id, "role": body.role.value}, 201)

    # --- resumes -------------------------------------------------------------------------------------

    @app.post("/api/resumes", tags=["resumes"], status_code=202)
    async def upload_resume(
        file: UploadFile = File(..., description="PDF or plain-text resume"),
        principal: Principal = Depends(allow(*ALL_ROLES)),
    ) -> JSONResponse:
        container = get_container()
        limit = container.settings.max_upload_bytes
        data = await file.read(limit + 1)  # one byte past the limit is enough to know it is too large
        result = container.resumes.upload(principal, file.filename or "upload", data, file.content_type)
        if result.status == "failed":
            status = 413 if result.error_code == "too_large" else 422
            return json_response(
                {"id": result.id, "status": "failed", "error": {"code": result.error_code, "message": result.reason}},
                status,
            )
        return json_response({"id": result.id, "status": result.status}, 202)

    @app.get("/api/resumes", tags=["resumes"])
    def list_resumes(
        limit: int = 50, offset: int = 0, principal: Principal = Depends(allow(*ALL_ROLES))
    ) -> JSONResponse:
        return json_response(get_container().resumes.list(principal, min(max(limit, 1), 200), max(offset, 0)))

    @app.get("/api/resumes/{resume_id}", tags=["resumes"])
    def get_resume(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
        return json_response(get_container().resumes.get(principal, resume_id))

    @app.get("/api/resumes/{resume_id}/matches", tags=["matches"])
    def resume_matches(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
        container = get_container()
        with container.db.connect() as conn:
            container.resumes.ensure_visible(conn, principal, resume_id)
            return json_response(container.matching.matches_for_resume(conn, principal.tenant_id, resume_id))

    app.include_router(__import__("hiring.api.resume_routes", fromlist=["router"]).router)  # structured resumes

    app.include_router(job_routes.router)  # postings, search, feed imports
    app.include_router(__import__("hiring.api.scraper_routes", fromlist=["router"]).router)  # scraper bots
    app.include_router(__import__("hiring.api.match_routes", fromlist=["router"]).router)  # match detail, lifecycle

    # --- admin ---------------------------------------------------------------------------------------

    @app.get("/api/admin/rejections", tags=["admin"])
    def rejections(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
        with get_container().db.connect() as conn:
            rows = conn.execute(
                "SELECT id, kind, source, reason, detail, created_at FROM rejected_inputs"
                " WHERE tenant_id = %s ORDER BY id DESC LIMIT 200",
                (principal.tenant_id,),
            ).fetchall()
        return json_response(rows)

    @app.get("/api/admin/security-events", tags=["admin"])
    def security_events(principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
        with get_container().db.connect() as conn:
            rows = conn.execute(
                "SELECT id, user_id, kind, detail, created_at FROM security_events"
                " WHERE tenant_id = %s ORDER BY id DESC LIMIT 200",
                (principal.tenant_id,),
            ).fetchall()
        return json_response(rows)

    return app
