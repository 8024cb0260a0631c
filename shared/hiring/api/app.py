"""The HTTP API: one FastAPI app, served by uvicorn locally and by Mangum in Lambda."""

from __future__ import annotations

from fastapi import FastAPI

from hiring.api import auth_routes, job_routes, match_routes, ops_routes, resume_routes, scraper_routes
from hiring.api.errors import install_error_handlers
from hiring.api.guards import RequestGuard

PUBLIC_PATHS = auth_routes.PUBLIC_PATHS | ops_routes.PUBLIC_PATHS


def create_app() -> FastAPI:
    app = FastAPI(
        title="Hiring intelligence API",
        version="0.1.0",
        description="Resumes and job postings as data; explainable candidate-job matching.",
    )
    install_error_handlers(app)
    # Body size, JSON depth and text checked before any route runs; an exception that escapes a route is one
    # 500 in the error envelope, never a reset connection.
    app.add_middleware(RequestGuard)
    app.include_router(ops_routes.router)  # health, refused input, security events
    app.include_router(auth_routes.router)  # login, tokens, registration, sign-up, users
    app.include_router(resume_routes.router)  # upload, status, profiles, JSON Resume
    app.include_router(job_routes.router)  # postings, search, feed imports
    app.include_router(scraper_routes.router)  # scraper bots
    app.include_router(match_routes.router)  # match detail, lifecycle
    return app
