"""The effective profile's routes: the resume text the parser read, and the candidate's corrections of what it got
wrong (stored beside the parser's output, applied where matching and the profile page read the profile)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from hiring.api.deps import profile_service
from hiring.api.security import ALL_ROLES, allow
from hiring.principal import Principal, Role
from hiring.resume.corrections import Corrections
from hiring.services.profile import ProfileService, ResumeCorrections, ResumeText

router = APIRouter(tags=["resumes"])
Caller = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Owner = Annotated[Principal, Depends(allow(Role.CANDIDATE))]
Profiles = Annotated[ProfileService, Depends(profile_service)]


@router.get("/api/resumes/{resume_id}/text")
def resume_text(resume_id: str, principal: Caller, profiles: Profiles) -> ResumeText:
    """The text extracted from the resume's file, which the evidence offsets index: for the candidate who owns it
    and the tenant's staff (404 otherwise, and until it was read)."""
    return profiles.text(principal, resume_id)


@router.get("/api/resumes/{resume_id}/corrections")
def get_corrections(resume_id: str, principal: Caller, profiles: Profiles) -> ResumeCorrections:
    """The owner's corrections (empty until made) and the effective profile: the parsed one with them applied,
    which matching scores. Staff may read them."""
    return profiles.corrections(principal, resume_id)


@router.put("/api/resumes/{resume_id}/corrections")
def put_corrections(resume_id: str, body: Corrections, principal: Owner, profiles: Profiles) -> ResumeCorrections:
    """Replace the corrections of your resume (name and contact, skills added or removed, an experience entry's
    title, company and dates). The parser's output is kept as it was; the resume is matched again from the queue."""
    return profiles.correct(principal, resume_id, body)
