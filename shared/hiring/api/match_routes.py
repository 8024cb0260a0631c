"""Match routes: one match with its breakdown, status changes with feedback, exclusions, preferences, weights.

The two list routes (a candidate's matches, a job's ranked candidates) stay where they were: app.py and job_routes.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from hiring.api.responses import json_response
from hiring.api.security import ALL_ROLES, STAFF, allow
from hiring.container import get_container
from hiring.matching.weights import WeightSettings
from hiring.principal import Principal, Role

router = APIRouter(tags=["matches"])


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(pattern="^(viewed|applied|shortlisted|rejected)$")
    reason: str | None = Field(default=None, max_length=1000, description="why, in the person's words")
    rating: int | None = Field(default=None, ge=1, le=5, description="how good the suggestion was")


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    salary_min: float | None = Field(default=None, gt=0, lt=10_000_000, description="annual")
    salary_currency: str | None = Field(default=None, pattern="^[A-Z]{3}$")
    arrangement: str | None = Field(default=None, pattern="^(remote|hybrid|on-site)$")
    relocate: bool = False


@router.get("/api/resumes/{resume_id}/matches/{job_id}")
def get_match(resume_id: str, job_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    """One match with its full breakdown, explanation, retrieval ranks and feedback history; with
    HIRING_MATCH_REPHRASE=on-view, also the explanation's checked LLM rephrasing (asked once per explanation)."""
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        detail = container.matching.match_detail(conn, principal.tenant_id, resume_id, job_id)
    if container.match_rephraser is not None:  # after the transaction: a model call can take seconds
        detail = container.match_rephraser.with_rephrasing(principal.tenant_id, detail)
    return json_response(detail)


@router.get("/api/resumes/{resume_id}/jobs/{job_id}/fit")
def get_fit(resume_id: str, job_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    """Any active or past job of the tenant scored for this resume now, stored nowhere: the hard filters that
    exclude it with their reasons, or its score, breakdown and explanation, and whether it is on the stored list."""
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        return json_response(container.matching.evaluate(conn, principal.tenant_id, resume_id, job_id))


@router.post("/api/resumes/{resume_id}/matches/{job_id}/status")
def set_match_status(
    resume_id: str, job_id: str, body: StatusIn, principal: Principal = Depends(allow(*ALL_ROLES))
) -> JSONResponse:
    """Candidates mark viewed/applied/rejected; staff viewed/shortlisted/rejected. Feedback is kept."""
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        changed = container.matching.update_status(
            conn, principal, resume_id, job_id, body.status, body.reason, body.rating
        )
    return json_response(changed)


@router.get("/api/resumes/{resume_id}/exclusions")
def resume_exclusions(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    """Active jobs a hard filter kept off this candidate's list, with the reasons."""
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        return json_response(container.matching.exclusions_for_resume(conn, principal.tenant_id, resume_id))


@router.get("/api/resumes/{resume_id}/preferences")
def get_preferences(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        return json_response(container.matching.preferences(conn, resume_id))


@router.put("/api/resumes/{resume_id}/preferences")
def put_preferences(
    resume_id: str, body: PreferencesIn, principal: Principal = Depends(allow(Role.CANDIDATE))
) -> JSONResponse:
    """Salary expectation, wanted arrangement, relocation; the candidate is re-matched from the queue. Only the
    candidate who owns the resume writes them (staff read them): they drive the candidate's filters and matches."""
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        container.matching.set_preferences(conn, principal.tenant_id, resume_id, body.model_dump())
    container.queue.send(
        {"type": "match_candidate", "tenant_id": principal.tenant_id, "resume_id": resume_id},
        dedup_key=f"match_candidate:{resume_id}",
    )
    return json_response({**body.model_dump(), "rematch": "queued"})


@router.get("/api/admin/match-weights", tags=["admin"])
def get_weights(principal: Principal = Depends(allow(*STAFF))) -> JSONResponse:
    """The weight profile in force per role level, with its version."""
    return json_response(get_container().matching.describe_weights(principal.tenant_id))


@router.post("/api/admin/match-weights", tags=["admin"], status_code=201)
def post_weights(body: WeightSettings, principal: Principal = Depends(allow(Role.ADMIN))) -> JSONResponse:
    """A new version of the tenant's profile for one level; scores from now on carry it."""
    return json_response(get_container().matching.set_weights(principal, body), 201)
