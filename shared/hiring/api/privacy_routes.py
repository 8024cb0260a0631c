"""Privacy: export everything held about the caller, erasure, and the caller's AI-processing choices."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict

from hiring.api.deps import privacy_service
from hiring.api.security import ALL_ROLES, allow
from hiring.principal import Principal
from hiring.services.privacy import PrivacyService

router = APIRouter(tags=["privacy"])
Caller = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Privacy = Annotated[PrivacyService, Depends(privacy_service)]
_ZIP = {200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}}


class PrivacyChoicesIn(BaseModel):
    """ai_processing false: no LLM ever sees your data; automated_ranking false: recruiters see you unranked, flagged
    for a person's review (GDPR Art. 22)."""

    model_config = ConfigDict(extra="forbid")

    ai_processing: bool
    automated_ranking: bool


class PrivacyChoicesOut(BaseModel):
    ai_processing: bool
    automated_ranking: bool
    updated_at: dt.datetime | None


@router.get("/api/me/privacy")
def get_privacy(principal: Caller, privacy: Privacy) -> PrivacyChoicesOut:
    """The caller's choices about automated processing (both allowed until set)."""
    return PrivacyChoicesOut.model_validate(privacy.choices(principal), from_attributes=True)


@router.put("/api/me/privacy")
def put_privacy(body: PrivacyChoicesIn, principal: Caller, privacy: Privacy) -> PrivacyChoicesOut:
    """Set the caller's choices; they apply to every later LLM call and ranking."""
    chosen = privacy.set_choices(principal, body.ai_processing, body.automated_ranking)
    return PrivacyChoicesOut.model_validate(chosen, from_attributes=True)


@router.get("/api/me/export", response_class=Response, responses=_ZIP)  # type: ignore[arg-type]
def export_me(principal: Caller, privacy: Privacy) -> Response:
    """Everything held about the caller as one zip: account, choices, security events, and each resume with its
    original file, parsed profile, status history, preferences, matches and feedback."""
    data = privacy.export(principal)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    headers = {"Content-Disposition": f'attachment; filename="hiring-export-{stamp}.zip"'}
    return Response(data, media_type="application/zip", headers=headers)


@router.delete("/api/me", status_code=204, response_class=Response)
def delete_me(principal: Caller, privacy: Privacy) -> None:
    """Erase the caller's account and everything about them (resumes, originals, vectors, matches, feedback,
    sessions, security events); a tombstone without personal data stays. The tenant's last admin gets 409."""
    privacy.erase_account(principal)


@router.delete("/api/resumes/{resume_id}", status_code=204, response_class=Response)
def delete_resume(resume_id: str, principal: Caller, privacy: Privacy) -> None:
    """Erase a resume everywhere it lives: a candidate their own, recruiters and admins any of the tenant's."""
    privacy.erase_resume(principal, resume_id)
