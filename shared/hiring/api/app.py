"""The HTTP API: one FastAPI app, served by uvicorn locally and by Mangum in Lambda."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from hiring.api import (
    admin_routes,
    application_routes,
    auth_routes,
    candidate_routes,
    job_routes,
    match_routes,
    ops_routes,
    pack_routes,
    privacy_routes,
    profile_routes,
    resume_routes,
    scraper_routes,
    sourcing_routes,
)
from hiring.api.errors import install_error_handlers
from hiring.api.guards import RequestGuard
from hiring.api.models import error_responses
from hiring.console import mount_console

PUBLIC_PATHS = auth_routes.PUBLIC_PATHS | ops_routes.PUBLIC_PATHS


def create_app() -> FastAPI:
    # /docs and /redoc load Swagger UI and ReDoc from the fastapi-offline package (/static-offline-docs), never
    # from a CDN: the docs work on a machine with no internet.
    app = FastAPIOffline(
        title="Hiring intelligence API",
        version="0.1.0",
        description="Resumes and job postings as data; explainable candidate-job matching. Every 4xx and 5xx "
        'answers {"error": {"code", "message", "details"?}}.',
    )
    install_error_handlers(app)
    # Body size, JSON depth and text checked before any route runs; an exception that escapes a route is one
    # 500 in the error envelope, never a reset connection.
    app.add_middleware(RequestGuard)
    errors = error_responses()  # every operation declares the error envelope for each 4xx and 5xx
    app.include_router(ops_routes.router, responses=errors)  # health, refused input, security events
    app.include_router(auth_routes.router, responses=errors)  # login, tokens, registration, sign-up, users
    app.include_router(resume_routes.router, responses=errors)  # upload, status, profiles, JSON Resume
    app.include_router(job_routes.router, responses=errors)  # postings, search, feed imports
    app.include_router(scraper_routes.router, responses=errors)  # scraper bots
    app.include_router(match_routes.router, responses=errors)  # match detail, lifecycle
    app.include_router(application_routes.router, responses=errors)  # applications, pipeline, applicants, funnel
    app.include_router(candidate_routes.router, responses=errors)  # desired roles, feed, saved search
    app.include_router(privacy_routes.router, responses=errors)  # export, erasure, privacy choices
    app.include_router(profile_routes.router, responses=errors)  # resume text, corrections (effective profile)
    app.include_router(admin_routes.router, responses=errors)  # audit log, metrics, users, imports
    app.include_router(sourcing_routes.router, responses=errors)  # sourcing runs (issue 14)
    app.include_router(pack_routes.router, responses=errors)  # application packs (issue 14)
    mount_console(app)  # the web console at "/": only what no API route answers
    return app
