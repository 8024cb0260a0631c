"""Application packs (issue 14): a candidate's resume tailored to a job, with its ATS coverage and a cover letter
draft; built by the resume's owner, read by them and the tenant's staff; the PDF and DOCX rendered on request."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response

from hiring.api.deps import pack_service
from hiring.api.security import ALL_ROLES, allow
from hiring.packs.outcomes import Outcomes
from hiring.principal import Principal, Role
from hiring.services.packs import Pack, PackRequest, PackService, PackSummary

router = APIRouter(tags=["packs"])
Caller = Annotated[Principal, Depends(allow(*ALL_ROLES))]
Owner = Annotated[Principal, Depends(allow(Role.CANDIDATE))]
Staff = Annotated[Principal, Depends(allow(Role.RECRUITER, Role.ADMIN))]
Packs = Annotated[PackService, Depends(pack_service)]
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_PDF: dict[int | str, dict[str, Any]] = {200: {"content": {PDF: _BINARY}}}
_DOCX: dict[int | str, dict[str, Any]] = {200: {"content": {DOCX: _BINARY}}}


@router.post("/api/applications/{application_id}/pack", status_code=201)
def application_pack(application_id: str, principal: Owner, packs: Packs) -> Pack:
    """Build the pack of your application: the resume tailored to its job (every line traced to your resume), the
    ATS keyword coverage before and after, and a cover letter draft naming the gaps."""
    return packs.for_application(principal, application_id)


@router.post("/api/packs", status_code=201)
def resume_pack(body: PackRequest, principal: Owner, packs: Packs) -> Pack:
    """Build a pack for your resume and a job before applying."""
    return packs.for_resume(principal, str(body.resume_id), str(body.job_id))


@router.get("/api/packs")
def list_packs(
    principal: Caller,
    packs: Packs,
    application_id: Annotated[UUID | None, Query()] = None,
    resume_id: Annotated[UUID | None, Query()] = None,
    job_id: Annotated[UUID | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[PackSummary]:
    """Packs, newest first: a candidate's own, the tenant's for its staff (who may read any of them); filtered by
    application, resume or job."""
    filters = {"application_id": application_id, "resume_id": resume_id, "job_id": job_id}
    return packs.listed(principal, {k: None if v is None else str(v) for k, v in filters.items()}, limit)


@router.get("/api/packs/{pack_id}")
def get_pack(pack_id: str, principal: Caller, packs: Packs) -> Pack:
    """A pack: for the candidate who built it and the tenant's staff."""
    return packs.get(principal, pack_id)


@router.get("/api/packs/{pack_id}/resume.pdf", response_class=Response, responses=_PDF)
def pack_pdf(pack_id: str, principal: Caller, packs: Packs) -> Response:
    """The tailored resume as PDF (text, one line per source line)."""
    headers = {"Content-Disposition": 'attachment; filename="resume.pdf"'}
    return Response(packs.pdf(principal, pack_id), media_type=PDF, headers=headers)


@router.get("/api/packs/{pack_id}/resume.docx", response_class=Response, responses=_DOCX)
def pack_docx(pack_id: str, principal: Caller, packs: Packs) -> Response:
    """The tailored resume as DOCX."""
    headers = {"Content-Disposition": 'attachment; filename="resume.docx"'}
    return Response(packs.docx(principal, pack_id), media_type=DOCX, headers=headers)


@router.get("/api/admin/outcomes", tags=["admin"])
def outcome_analytics(principal: Staff, packs: Packs) -> Outcomes:
    """Applications by outcome per score band, grade and source, and the AUC of the score against reaching an
    interview and being hired with its sample size (None with a note below the minimum). No learned weights."""
    return packs.outcomes(principal)
