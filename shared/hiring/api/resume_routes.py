"""Resume routes: upload, listing, status, matches, the parsed profile, JSON Resume export and import."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from hiring.api.deps import matching_service, resume_service, settings
from hiring.api.limits import UploadLimited
from hiring.api.models import ErrorEnvelope
from hiring.api.security import ALL_ROLES, allow
from hiring.config import Settings
from hiring.errors import InvalidInput, PayloadTooLarge
from hiring.hygiene import MAX_OFFSET, loads_bounded, strip_control_chars
from hiring.principal import Principal
from hiring.services.match_models import ResumeMatch
from hiring.services.matching import MatchingService
from hiring.services.resume_models import (
    JsonResumeDocument,
    ResumeAccepted,
    ResumeDetail,
    ResumeImported,
    ResumeProfile,
    ResumeRefused,
    ResumeSummary,
)
from hiring.services.resumes import ResumeService

router = APIRouter(tags=["resumes"])
_MAX_IMPORT_BYTES = 1_000_000
Caller = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Resumes = Annotated[ResumeService, Depends(resume_service)]
_REFUSED = "refused at once and stored as failed; the body also holds the resume's id and status 'failed': "


@router.post(
    "/api/resumes",
    tags=["resumes"],
    status_code=202,
    response_model=ResumeAccepted,
    responses={  # the envelope, and beside it the stored resume: {"id", "status": "failed", "error": {...}}
        413: {"model": ErrorEnvelope, "description": _REFUSED + "too_large, the file passes the upload limit"},
        422: {"model": ErrorEnvelope, "description": _REFUSED + "empty_file, not_a_pdf, unsupported_type ..."},
        429: {"model": ErrorEnvelope, "description": "rate_limited: over the uploads per user or client; Retry-After"},
    },
)
async def upload_resume(
    principal: Caller,
    _limited: UploadLimited,
    resumes: Resumes,
    config: Annotated[Settings, Depends(settings)],
    file: UploadFile = File(..., description="PDF or plain-text resume"),
) -> ResumeAccepted | JSONResponse:
    limit = config.max_upload_bytes
    data = await file.read(limit + 1)  # one byte past the limit is enough to know it is too large
    name = strip_control_chars(file.filename or "") or "upload"  # a name is a label: no NUL reaches the store
    result = resumes.upload(principal, name, data, file.content_type)
    if result.status == "failed":
        error = {"code": result.error_code, "message": result.reason or ""}
        refused = ResumeRefused.model_validate({"id": result.id, "status": "failed", "error": error})
        return JSONResponse(refused.model_dump(mode="json"), 413 if result.error_code == "too_large" else 422)
    return ResumeAccepted.model_validate(result, from_attributes=True)


@router.get("/api/resumes", tags=["resumes"])
def list_resumes(
    principal: Caller,
    resumes: Resumes,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[ResumeSummary]:
    return resumes.list(principal, limit, offset)


@router.get("/api/resumes/{resume_id}", tags=["resumes"])
def get_resume(resume_id: str, principal: Caller, resumes: Resumes) -> ResumeDetail:
    return resumes.get(principal, resume_id)


@router.get("/api/resumes/{resume_id}/matches", tags=["matches"])
def resume_matches(
    resume_id: str, principal: Caller, matching: Annotated[MatchingService, Depends(matching_service)]
) -> list[ResumeMatch]:
    """The resume's matches on active jobs, best first."""
    return matching.resume_matches(principal, resume_id)


@router.get("/api/resumes/{resume_id}/profile")
def resume_profile(resume_id: str, principal: Caller, resumes: Resumes) -> ResumeProfile:
    """The structured resume with confidence and warnings, for a resume the caller may see."""
    return resumes.profile(principal, resume_id)


@router.get("/api/resumes/{resume_id}/jsonresume")
def export_json_resume(resume_id: str, principal: Caller, resumes: Resumes) -> JsonResumeDocument:
    """The structured resume as a JSON Resume document."""
    return resumes.json_resume(principal, resume_id)


@router.post(
    "/api/resumes/jsonresume",
    status_code=201,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}},
)
async def import_json_resume(
    request: Request, principal: Caller, _limited: UploadLimited, resumes: Resumes
) -> ResumeImported:
    """Store a JSON Resume document as a parsed resume; low confidence lands in needs_review with its reason.

    The request guard has refused a body with a NUL or control character (invalid_text) or nested too deep.
    """
    raw = await request.body()
    if len(raw) > _MAX_IMPORT_BYTES:
        raise PayloadTooLarge(f"the document is {len(raw)} bytes; the limit is {_MAX_IMPORT_BYTES} bytes")
    try:
        document = loads_bounded(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"the body is not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise InvalidInput(f"a JSON Resume document is an object, not {type(document).__name__}")
    result = resumes.import_json_resume(principal, document)
    return ResumeImported.model_validate(result, from_attributes=True)
