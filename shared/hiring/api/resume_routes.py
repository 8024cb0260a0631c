"""Resume routes: upload, listing, status, matches, the parsed profile, JSON Resume export and import."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from hiring.api.responses import json_response
from hiring.api.security import ALL_ROLES, allow
from hiring.container import get_container
from hiring.errors import InvalidInput, PayloadTooLarge
from hiring.hygiene import MAX_OFFSET, loads_bounded, strip_control_chars
from hiring.principal import Principal
from hiring.resume.jsonresume import to_json_resume

router = APIRouter(tags=["resumes"])
_MAX_IMPORT_BYTES = 1_000_000


@router.post("/api/resumes", tags=["resumes"], status_code=202)
async def upload_resume(
    file: UploadFile = File(..., description="PDF or plain-text resume"),
    principal: Principal = Depends(allow(*ALL_ROLES)),
) -> JSONResponse:
    container = get_container()
    limit = container.settings.max_upload_bytes
    data = await file.read(limit + 1)  # one byte past the limit is enough to know it is too large
    name = strip_control_chars(file.filename or "") or "upload"  # a name is a label: no NUL reaches the store
    result = container.resumes.upload(principal, name, data, file.content_type)
    if result.status == "failed":
        status = 413 if result.error_code == "too_large" else 422
        return json_response(
            {"id": result.id, "status": "failed", "error": {"code": result.error_code, "message": result.reason}},
            status,
        )
    return json_response({"id": result.id, "status": result.status}, 202)


@router.get("/api/resumes", tags=["resumes"])
def list_resumes(
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    principal: Principal = Depends(allow(*ALL_ROLES)),
) -> JSONResponse:
    return json_response(get_container().resumes.list(principal, limit, offset))


@router.get("/api/resumes/{resume_id}", tags=["resumes"])
def get_resume(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    return json_response(get_container().resumes.get(principal, resume_id))


@router.get("/api/resumes/{resume_id}/matches", tags=["matches"])
def resume_matches(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    container = get_container()
    with container.db.connect() as conn:
        container.resumes.ensure_visible(conn, principal, resume_id)
        return json_response(container.matching.matches_for_resume(conn, principal.tenant_id, resume_id))


@router.get("/api/resumes/{resume_id}/profile")
def resume_profile(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    """The structured resume with confidence and warnings, for a resume the caller may see."""
    return json_response(get_container().resumes.profile(principal, resume_id))


@router.get("/api/resumes/{resume_id}/jsonresume")
def export_json_resume(resume_id: str, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
    """The structured resume as a JSON Resume document."""
    return json_response(to_json_resume(get_container().resumes.parsed_profile(principal, resume_id)))


@router.post(
    "/api/resumes/jsonresume",
    status_code=201,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}},
)
async def import_json_resume(request: Request, principal: Principal = Depends(allow(*ALL_ROLES))) -> JSONResponse:
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
    result = get_container().resumes.import_json_resume(principal, document)
    return json_response({"id": result.id, "status": result.status, "reason": result.reason}, 201)
