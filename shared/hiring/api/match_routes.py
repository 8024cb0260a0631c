"""Match routes: one match with its breakdown, status changes with feedback, exclusions, preferences, weights.

The two list routes (a candidate's matches, a job's ranked candidates) live with their resources (resume_routes,
job_routes); they answer list[ResumeMatch] and list[JobCandidate] of hiring.services.match_models.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from hiring.api.deps import matching_service
from hiring.api.security import ALL_ROLES, STAFF, allow
from hiring.matching.weights import WeightSettings
from hiring.principal import Principal, Role
from hiring.services.match_models import (
    CandidatePreferences,
    ExcludedJob,
    Fit,
    MatchDetail,
    PreferencesSaved,
    StatusChange,
    WeightProfileOut,
)
from hiring.services.match_preview import WeightsPreview, WeightsPreviewer, WeightsPreviewIn
from hiring.services.matching import MatchingService

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
def get_match(
    resume_id: str,
    job_id: str,
    principal: Principal = Depends(allow(*ALL_ROLES)),
    matching: MatchingService = Depends(matching_service),
) -> MatchDetail:
    """One match with its full breakdown, explanation, retrieval ranks and feedback history; with
    HIRING_MATCH_REPHRASE=on-view, also the explanation's checked LLM rephrasing (asked once per explanation)."""
    return matching.detail(principal, resume_id, job_id)


@router.get("/api/resumes/{resume_id}/jobs/{job_id}/fit")
def get_fit(
    resume_id: str,
    job_id: str,
    principal: Principal = Depends(allow(*ALL_ROLES)),
    matching: MatchingService = Depends(matching_service),
) -> Fit:
    """Any active or past job of the tenant scored for this resume now, stored nowhere: the hard filters that
    exclude it with their reasons, or its score, breakdown and explanation, and whether it is on the stored list."""
    return matching.fit(principal, resume_id, job_id)


@router.post("/api/resumes/{resume_id}/matches/{job_id}/status")
def set_match_status(
    resume_id: str,
    job_id: str,
    body: StatusIn,
    principal: Principal = Depends(allow(*ALL_ROLES)),
    matching: MatchingService = Depends(matching_service),
) -> StatusChange:
    """Candidates mark viewed/applied/rejected; staff viewed/shortlisted/rejected. Feedback is kept."""
    return matching.change_status(principal, resume_id, job_id, body.status, body.reason, body.rating)


@router.get("/api/resumes/{resume_id}/exclusions")
def resume_exclusions(
    resume_id: str,
    principal: Principal = Depends(allow(*ALL_ROLES)),
    matching: MatchingService = Depends(matching_service),
) -> list[ExcludedJob]:
    """Active jobs a hard filter kept off this candidate's list, with the reasons."""
    return matching.exclusions(principal, resume_id)


@router.get("/api/resumes/{resume_id}/preferences")
def get_preferences(
    resume_id: str,
    principal: Principal = Depends(allow(*ALL_ROLES)),
    matching: MatchingService = Depends(matching_service),
) -> CandidatePreferences:
    return matching.candidate_preferences(principal, resume_id)


@router.put("/api/resumes/{resume_id}/preferences")
def put_preferences(
    resume_id: str,
    body: PreferencesIn,
    principal: Principal = Depends(allow(Role.CANDIDATE)),
    matching: MatchingService = Depends(matching_service),
) -> PreferencesSaved:
    """Salary expectation, wanted arrangement, relocation; the candidate is re-matched from the queue. Only the
    candidate who owns the resume writes them (staff read them): they drive the candidate's filters and matches."""
    return matching.save_preferences(principal, resume_id, body.model_dump())


@router.get("/api/admin/match-weights", tags=["admin"])
def get_weights(
    principal: Principal = Depends(allow(*STAFF)), matching: MatchingService = Depends(matching_service)
) -> dict[str, WeightProfileOut]:
    """The weight profile in force per role level, with its version."""
    return matching.describe_weights(principal.tenant_id)


@router.post("/api/admin/match-weights", tags=["admin"], status_code=201)
def post_weights(
    body: WeightSettings,
    principal: Principal = Depends(allow(Role.ADMIN)),
    matching: MatchingService = Depends(matching_service),
) -> WeightProfileOut:
    """A new version of the tenant's profile for one level; scores from now on carry it."""
    return matching.set_weights(principal, body)


@router.post("/api/admin/match-weights/preview", tags=["admin"], response_model=WeightsPreview)
def preview_weights(
    body: WeightsPreviewIn,
    principal: Principal = Depends(allow(Role.ADMIN)),
    matching: MatchingService = Depends(matching_service),
) -> WeightsPreview:
    """How a proposed profile for the job's level would re-rank its current top candidates (its stored matches,
    scored now under the weights in force and under the proposal, by the real scorer); nothing is stored."""
    return WeightsPreviewer(matching.matcher).preview(principal, body)
