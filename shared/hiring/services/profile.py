"""The effective profile: the text the parser read (for the evidence highlighted on the profile page) and the
candidate's corrections of what it got wrong. The parser's output stays as stored; the effective profile (parsed
+ corrections, hiring.resume.corrections) is what the profile page shows and what matching scores. A correction
queues the resume for matching again. Resume text is personal data: it is answered, never logged."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from hiring.adapters.postgres import Connection, Database
from hiring.errors import InvalidInput, NotFound
from hiring.observability import logger
from hiring.ports import WorkQueue
from hiring.principal import Principal
from hiring.resume.corrections import Corrections, apply_corrections, canonical_skills, problems
from hiring.resume.model import ParsedResume
from hiring.services.messages import MatchCandidate
from hiring.services.resumes import ResumeService
from hiring.stores import profiles as store
from hiring.stores.audit import record_audit


class ResumeText(BaseModel):
    """The text extracted from the resume's file: evidence offsets (skills[].evidence[].start/end) index it."""

    id: UUID
    status: str
    text: str
    chars: int


class ResumeCorrections(BaseModel):
    """The candidate's corrections and the effective profile (the parsed one with them applied)."""

    resume_id: UUID
    corrections: Corrections
    updated_by: UUID | None = Field(description="who corrected it last; null when nothing was corrected")
    updated_at: dt.datetime | None
    profile: ParsedResume = Field(description="the effective profile: what matching scores")
    rematch: Literal["queued"] | None = Field(default=None, description="after a correction: re-matched from the queue")


class ProfileService:
    def __init__(self, db: Database, resumes: ResumeService, queue: WorkQueue | None) -> None:
        self.db = db
        self.resumes = resumes
        self.queue = queue

    def text(self, principal: Principal, resume_id: str) -> ResumeText:
        """The resume's text for its owner or the tenant's staff (404 otherwise, and until it was read)."""
        with self.db.connect() as conn:
            row = self._parsed(conn, principal, resume_id)
            text = store.resume_text(conn, principal.tenant_id, resume_id)
        if text is None:
            raise NotFound(f"resume {resume_id} has no text (status {row['status']})")
        return ResumeText(id=UUID(resume_id), status=row["status"], text=text, chars=len(text))

    def corrections(self, principal: Principal, resume_id: str) -> ResumeCorrections:
        """The corrections (empty until made) and the effective profile; 404 until the resume was read."""
        with self.db.connect() as conn:
            row = self._parsed(conn, principal, resume_id)
            found = store.corrections(conn, principal.tenant_id, resume_id)
        return _answer(resume_id, row, found)

    def correct(self, principal: Principal, resume_id: str, body: Corrections) -> ResumeCorrections:
        """Replace the owner's corrections of their resume; the resume is matched again from the queue."""
        body = body.model_copy(update={"skills_added": canonical_skills(body.skills_added)})
        with self.db.connect() as conn:
            row = self._parsed(conn, principal, resume_id)
            found = problems(ParsedResume.model_validate(row["profile"]), body)
            if found:
                raise InvalidInput("the corrections do not fit this resume", problems=found)
            values = body.model_dump(mode="json")
            saved = store.save_corrections(conn, principal.tenant_id, resume_id, values, principal.user_id)
            contact = sum(getattr(body, key) is not None for key in ("name", "email", "phone", "location"))
            detail = {"skills_added": len(body.skills_added), "skills_removed": len(body.skills_removed),
                      "experience": len(body.experience), "contact": contact}  # fmt: skip
            record_audit(conn, principal.tenant_id, principal.user_id, "resume_corrected", "resume", resume_id, detail)
        answer = _answer(resume_id, row, saved)
        if row["status"] == "parsed":
            self._rematch(principal.tenant_id, resume_id)
            answer.rematch = "queued"
        return answer

    def _parsed(self, conn: Connection, principal: Principal, resume_id: str) -> dict[str, Any]:
        self.resumes.ensure_visible(conn, principal, resume_id)
        row = store.parsed(conn, principal.tenant_id, resume_id)
        if row is None or row["profile"] is None:
            raise NotFound(f"resume {resume_id} has no parsed profile yet")
        return row

    def _rematch(self, tenant_id: str, resume_id: str) -> None:
        if self.queue is None:
            logger.warning("no work queue: the corrected resume waits for the next refresh")
            return
        message = MatchCandidate.model_validate({"tenant_id": tenant_id, "resume_id": resume_id})
        self.queue.send(message, dedup_key=f"match_candidate:{resume_id}")


def _answer(resume_id: str, row: dict[str, Any], found: dict[str, Any] | None) -> ResumeCorrections:
    corrections = Corrections.model_validate(found["corrections"]) if found else Corrections()
    parsed = ParsedResume.model_validate(row["profile"])
    return ResumeCorrections(
        resume_id=UUID(resume_id), corrections=corrections, updated_by=found["updated_by"] if found else None,
        updated_at=found["updated_at"] if found else None, profile=apply_corrections(parsed, corrections),
    )  # fmt: skip


def effective_row(conn: Connection, tenant_id: str, row: dict[str, Any]) -> dict[str, Any]:
    """A resume row holding id, skills and profile (stores.resumes.active_for_owner) as the effective profile reads
    it: the skills and profile with the owner's corrections applied (the feed's gap analysis)."""
    found = store.corrections(conn, tenant_id, str(row["id"]))
    if found is None or not row.get("profile"):
        return row
    corrections = Corrections.model_validate(found["corrections"])
    profile = apply_corrections(ParsedResume.model_validate(row["profile"]), corrections)
    return {**row, "skills": [s.name for s in profile.skills], "profile": profile.model_dump(mode="json")}
