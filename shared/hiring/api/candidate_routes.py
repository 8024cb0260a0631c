"""The candidate's side: desired roles, the feed with its gap analysis, saved job-search preferences, resume
versions (one candidate is one person) and a match's score history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from hiring.api.deps import candidate_service, resume_service
from hiring.api.security import ALL_ROLES, allow
from hiring.principal import Principal, Role
from hiring.services.candidate_models import (
    DesiredRoles,
    DesiredRolesIn,
    Feed,
    MatchHistory,
    ResumeVersion,
    SearchPreferences,
    SearchPreferencesIn,
)
from hiring.services.candidates import CandidateService
from hiring.services.resumes import ResumeService

router = APIRouter(tags=["candidates"])
Caller = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Candidate = Annotated[Principal, Depends(allow(Role.CANDIDATE))]
Candidates = Annotated[CandidateService, Depends(candidate_service)]
Resumes = Annotated[ResumeService, Depends(resume_service)]


@router.get("/api/me/roles")
def desired_roles(principal: Candidate, candidates: Candidates) -> DesiredRoles:
    """The titles the candidate wants, each with the O*NET occupation it maps to."""
    return candidates.roles(principal)


@router.put("/api/me/roles")
def set_desired_roles(body: DesiredRolesIn, principal: Candidate, candidates: Candidates) -> DesiredRoles:
    """Replace the desired roles; they also become scrape roles (the scrapers look for such jobs)."""
    return candidates.set_roles(principal, body)


@router.get("/api/me/search-preferences")
def search_preferences(principal: Candidate, candidates: Candidates) -> SearchPreferences:
    return candidates.search_preferences(principal)


@router.put("/api/me/search-preferences")
def set_search_preferences(
    body: SearchPreferencesIn, principal: Candidate, candidates: Candidates
) -> SearchPreferences:
    """Replace the saved search; blocked companies leave the feed and the candidate's match listings."""
    return candidates.set_search_preferences(principal, body)


@router.get("/api/me/feed")
def feed(principal: Candidate, candidates: Candidates, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Feed:
    """The best current jobs across the desired roles for the active resume, with the skill gap analysis."""
    return candidates.feed(principal, limit)


@router.get("/api/resumes/{resume_id}/versions", tags=["resumes"])
def resume_versions(resume_id: str, principal: Caller, resumes: Resumes) -> list[ResumeVersion]:
    """Every version of the person's resume, newest first; only the active one is matched and listed."""
    return [ResumeVersion.model_validate(row) for row in resumes.versions(principal, resume_id)]


@router.get("/api/resumes/{resume_id}/matches/{job_id}/history", tags=["matches"])
def match_history(resume_id: str, job_id: str, principal: Caller, candidates: Candidates) -> MatchHistory:
    """The match's score at each (re)scoring, oldest first."""
    return candidates.match_history(principal, resume_id, job_id)
