"""Sourcing routes (issue 14): recruiters and admins start sourcing runs for a job and read them; scraper bots (by
X-Scraper-API-Key, with the scraping keys' rate limits) take the runs' tasks and upload prospect profiles."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from hiring.api.deps import github_enricher, outreach_service, sourcing_service
from hiring.api.scraper_routes import ScrapeFailureIn, bot_upload, scraper
from hiring.api.security import allow
from hiring.principal import Principal, Role
from hiring.scraping.bots import ScraperPrincipal
from hiring.services.sourcing import (
    EnrichmentResult,
    ProfilesAccepted,
    Prospect,
    SourcingRun,
    SourcingService,
    SourcingTask,
    SourcingWeights,
)
from hiring.services.sourcing_outreach import Conversion, Outreach, OutreachService, Suppression, SuppressionAdded
from hiring.sourcing.enrichment import GitHubAdapter
from hiring.sourcing.profiles import ProfileUpload, ProspectProfile

router = APIRouter()
Sourcing = Annotated[SourcingService, Depends(sourcing_service)]
Outreaching = Annotated[OutreachService, Depends(outreach_service)]
Staff = Annotated[Principal, Depends(allow(Role.RECRUITER, Role.ADMIN))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
Tier = Literal["STRONG_MATCH", "GOOD_MATCH", "CONSIDER", "WEAK_MATCH", "REJECT"]
Factor = Literal["experience", "education", "career_trajectory", "company_relevance", "location", "tenure"]


class SourcingRunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: str = Field(min_length=1, max_length=100)
    locations: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(default=None, max_length=10)
    limit: int | None = Field(default=None, ge=1, le=1000, description="how many prospects the run asks for")
    refine: bool = Field(
        default=False,
        description="also ask the configured LLM for extra terms, each kept only when found in the posting, the "
        "job's skills' taxonomy aliases or its occupation's O*NET titles (keywords.refined lists accepted and "
        "refused terms); without an LLM, refined.status is 'unavailable' and the run is made as usual",
    )


@router.post("/api/sourcing/runs", tags=["sourcing"], status_code=201)
def start_run(body: SourcingRunIn, principal: Staff, sourcing: Sourcing) -> SourcingRun:
    """A sourcing run for an analysed job, with search keywords and boolean strings generated from its analysis,
    optionally refined by the configured LLM under the grounding check (refine: true)."""
    return sourcing.start_run(principal, body.job_id, body.locations, body.limit, body.refine)


@router.get("/api/sourcing/runs", tags=["sourcing"])
def list_runs(
    principal: Staff,
    sourcing: Sourcing,
    job_id: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[SourcingRun]:
    return sourcing.list_runs(principal, job_id, limit)


@router.get("/api/sourcing/runs/{run_id}", tags=["sourcing"])
def get_run(run_id: str, principal: Staff, sourcing: Sourcing) -> SourcingRun:
    return sourcing.get_run(principal, run_id)


@router.get("/api/sourcing/runs/{run_id}/tasks", tags=["sourcing"])
def run_tasks(run_id: str, principal: Staff, sourcing: Sourcing) -> list[SourcingTask]:
    """The run's tasks: one per location, with their status, attempts and profiles received."""
    return sourcing.tasks(principal, run_id)


@router.get("/api/sourcing/runs/{run_id}/prospects", tags=["sourcing"])
def run_prospects(
    run_id: str,
    principal: Staff,
    sourcing: Sourcing,
    tier: Annotated[Tier | None, Query()] = None,
    min_score: Annotated[float | None, Query(ge=0, le=10)] = None,
) -> list[Prospect]:
    """The run's prospects, each person once, ranked by the six-factor score with tiers and each factor's
    evidence; filtered by tier and lowest score."""
    return sourcing.prospects(principal, run_id, tier, min_score)


@router.post("/api/sourcing/runs/{run_id}/enrich", tags=["sourcing"])
def enrich_run(
    run_id: str, principal: Staff, sourcing: Sourcing, github: Annotated[GitHubAdapter, Depends(github_enricher)]
) -> EnrichmentResult:
    """GitHub evidence (repositories, languages, recent activity) for the run's prospects with a login and none yet;
    stops early, saying so, when GitHub's rate limit is spent."""
    return sourcing.enrich_run(principal, run_id, github)


class SourcingWeightsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weights: dict[Factor, Annotated[float, Field(ge=0, le=100)]] = Field(
        description="percent per factor, all six, adding to 100"
    )


@router.get("/api/admin/sourcing-weights", tags=["sourcing"])
def get_weights(principal: Staff, sourcing: Sourcing) -> SourcingWeights:
    return sourcing.weights(principal)


@router.put("/api/admin/sourcing-weights", tags=["sourcing"])
def put_weights(body: SourcingWeightsIn, principal: Admin, sourcing: Sourcing) -> SourcingWeights:
    """The tenant's weights of the six factors (percent, adding to 100); audited."""
    return sourcing.set_weights(principal, {str(k): v for k, v in body.weights.items()})


# --- outreach and the suppression list --------------------------------------------------------------------------


@router.post("/api/sourcing/prospects/{prospect_id}/outreach", tags=["sourcing"], status_code=201)
def draft_outreach(
    prospect_id: str,
    principal: Staff,
    outreach: Outreaching,
    rephrase: Annotated[bool, Query(description="also ask the configured LLM to reword the evidence")] = False,
) -> Outreach:
    """A deterministic draft citing the prospect's evidence and the job (redrafted while still drafted); 409 for a
    suppressed person or outreach already sent. rephrase=true adds an LLM's wording when one is configured and its
    text passes the grounding check."""
    return outreach.draft(principal, prospect_id, rephrase)


@router.get("/api/sourcing/prospects/{prospect_id}/outreach", tags=["sourcing"])
def get_outreach(prospect_id: str, principal: Staff, outreach: Outreaching) -> Outreach:
    return outreach.get(principal, prospect_id)


class OutreachStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["sent", "replied", "opted_out"] = Field(
        description="drafted -> sent -> replied (-> converted by the convert route), or opted_out from any"
    )


@router.post("/api/sourcing/prospects/{prospect_id}/outreach/status", tags=["sourcing"])
def outreach_status(prospect_id: str, body: OutreachStatusIn, principal: Staff, outreach: Outreaching) -> Outreach:
    """Move the outreach on; 422 naming the statuses allowed from here. Opting out suppresses the person."""
    return outreach.transition(principal, prospect_id, body.status)


class ConvertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    consent: bool = Field(description="the prospect agreed to become a candidate; false is refused")
    email: str = Field(min_length=3, max_length=254, description="the address the prospect gave")


@router.post("/api/sourcing/prospects/{prospect_id}/convert", tags=["sourcing"], status_code=201)
def convert_prospect(prospect_id: str, body: ConvertIn, principal: Staff, outreach: Outreaching) -> Conversion:
    """A prospect who replied becomes a candidate with their consent: linked to the tenant's candidate account with
    that address, or invited to register with it; never without consent (422)."""
    return outreach.convert(principal, prospect_id, body.consent, body.email)


@router.get("/api/admin/sourcing-suppressions", tags=["sourcing"])
def list_suppressions(
    principal: Admin, outreach: Outreaching, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> list[Suppression]:
    """The tenant's suppression list: keyed hashes only, newest first."""
    return outreach.suppressions(principal, limit)


class SuppressionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["email", "profile_url", "github_login"]
    value: str = Field(min_length=1, max_length=500)


@router.post("/api/admin/sourcing-suppressions", tags=["sourcing"], status_code=201)
def add_suppression(body: SuppressionIn, principal: Admin, outreach: Outreaching) -> SuppressionAdded:
    """Put an email, profile URL or GitHub login on the list: no run drafts to or hands out that person again."""
    return outreach.suppress(principal, body.kind, body.value)


# --- bots: sourcing tasks -------------------------------------------------------------------------------------


@router.get(
    "/api/sourcing/tasks/next",
    tags=["sourcing-tasks"],
    response_model=SourcingTask,
    responses={204: {"description": "no task is due"}},
)
def next_task(sourcing: Sourcing, bot: ScraperPrincipal = Depends(scraper)) -> SourcingTask | Response:
    """The task that waited longest, now claimed by this key; 204 when none is due."""
    task = sourcing.next_task(bot)
    return Response(status_code=204) if task is None else task


@router.post(
    "/api/sourcing/tasks/{task_id}/profiles",
    tags=["sourcing-tasks"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ProfileUpload.model_json_schema()}},
            "description": f"profiles: rows of {ProspectProfile.__name__}, each validated alone",
        }
    },
)
async def upload_profiles(
    task_id: str, request: Request, sourcing: Sourcing, bot: ScraperPrincipal = Depends(scraper)
) -> ProfilesAccepted:
    """Prospect profiles for a claimed task: a bad row is refused alone (listed under "refused" with its reason,
    and recorded for the admin); the others are kept once per run."""
    upload, raw = await bot_upload(request, ProfileUpload, "profiles", partial(sourcing.record_refusal, bot))
    return sourcing.upload_profiles(bot, task_id, upload, raw)


@router.post("/api/sourcing/tasks/{task_id}/complete", tags=["sourcing-tasks"])
def complete_task(task_id: str, sourcing: Sourcing, bot: ScraperPrincipal = Depends(scraper)) -> SourcingTask:
    """The task is done; the run is done once all its tasks are."""
    return sourcing.complete(bot, task_id)


@router.post("/api/sourcing/tasks/{task_id}/fail", tags=["sourcing-tasks"])
def fail_task(
    task_id: str, body: ScrapeFailureIn, sourcing: Sourcing, bot: ScraperPrincipal = Depends(scraper)
) -> SourcingTask:
    """Record why the search failed; the task is handed out again after a backoff, three failures end it."""
    return sourcing.fail(bot, task_id, body.error)
