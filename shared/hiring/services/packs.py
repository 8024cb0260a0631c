"""Application packs (issue 14): a candidate's resume tailored to one job, its ATS keyword coverage before and after,
and a cover letter draft, built from the effective profile (parsed + the candidate's corrections, the profile
service's reading) and the job's analysis (its required and preferred skills). Deterministic; the letter's optional
LLM rephrasing runs on the match rephrasing's switch and client, under hiring.packs.letter.check_letter, and never
for a person whose privacy choice says no LLM may see their data.

Only the resume's owner builds a pack (for an application of theirs, or for a resume and a job before applying);
the owner and the tenant's staff read it. Stored (exported with the resume, erased with it) and audited
(pack_created: ids and counts, no personal data). The PDF and DOCX are rendered from the stored lines on request."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import BaseModel, Field

from hiring.errors import Conflict, NotFound
from hiring.observability import logger, metrics
from hiring.packs.coverage import Coverage, coverage
from hiring.packs.letter import PROMPT_ID, PROMPT_VERSION, CoverLetter, cover_letter, rephrase_letter
from hiring.packs.outcomes import Outcome, Outcomes, outcomes
from hiring.packs.render import render_docx, render_pdf
from hiring.packs.tailor import JobNeeds, PackLine, tailor
from hiring.principal import Principal, Role
from hiring.stores import packs as store
from hiring.stores.applications import known_companies
from hiring.stores.audit import record_audit
from hiring.stores.privacy import ai_allowed_for_resume

if TYPE_CHECKING:
    from hiring.adapters.postgres import Database
    from hiring.services.match_rephrase import MatchRephraser
    from hiring.services.profile import ProfileService


class PackFiles(BaseModel):
    pdf: str = Field(description="GET: the tailored resume as PDF")
    docx: str = Field(description="GET: the tailored resume as DOCX")


class Pack(BaseModel):
    """A tailored resume (JSON Resume, the canonical form), its lines with their sources, the coverage report and the
    cover letter draft."""

    id: UUID
    resume_id: UUID
    job_id: UUID
    application_id: UUID | None
    created_at: dt.datetime
    resume: dict[str, Any] = Field(description="the tailored resume as JSON Resume (schema v1)")
    lines: list[PackLine] = Field(description="every line of the tailored resume with the profile field it came from")
    coverage: Coverage
    cover_letter: CoverLetter
    files: PackFiles


class PackSummary(BaseModel):
    """A pack in a list: what it was built for and its coverage counts; GET /api/packs/{id} has the rest."""

    id: UUID
    resume_id: UUID
    job_id: UUID
    job_title: str | None = Field(description="the job's title (None once the job is gone)")
    company: str | None
    application_id: UUID | None
    created_at: dt.datetime
    lines: int = Field(description="lines of the tailored resume")
    required: int
    required_covered_before: int
    required_covered_after: int
    preferred: int
    preferred_covered_after: int
    files: PackFiles


class PackRequest(BaseModel):
    resume_id: UUID
    job_id: UUID


class PackService:
    def __init__(self, db: Database, profiles: ProfileService, rephraser: MatchRephraser | None = None) -> None:
        self.db = db
        self.profiles = profiles
        self.rephraser = rephraser

    def for_application(self, principal: Principal, application_id: str) -> Pack:
        """The pack of the caller's own application (404 for anyone else's, as for an absent one)."""
        with self.db.connect() as conn:
            row = store.application(conn, principal.tenant_id, application_id)  # id::text: any string
        if row is None or row["resume_id"] is None or str(row["candidate_user_id"]) != principal.user_id:
            raise NotFound("application not found")
        return self._build(principal, str(row["resume_id"]), str(row["job_id"]), str(row["id"]))

    def for_resume(self, principal: Principal, resume_id: str, job_id: str) -> Pack:
        """The pack of the caller's own resume for a job of the tenant, before applying."""
        return self._build(principal, resume_id, job_id, None)

    def get(self, principal: Principal, pack_id: str) -> Pack:
        """The pack for its owner and the tenant's staff (404 otherwise)."""
        with self.db.connect() as conn:
            row = store.get(conn, principal.tenant_id, pack_id)
        if row is None or (principal.role == Role.CANDIDATE and str(row["owner_user_id"]) != principal.user_id):
            raise NotFound("pack not found")
        return _pack(row)

    def listed(self, principal: Principal, filters: dict[str, str | None], limit: int = 50) -> list[PackSummary]:
        """Packs newest first under the read rule of get(): a candidate's own, the tenant's for staff; filtered by
        application_id, resume_id and job_id."""
        owner = principal.user_id if principal.role == Role.CANDIDATE else None
        with self.db.connect() as conn:
            rows = store.listed(conn, principal.tenant_id, owner, filters, limit)
        return [_summary(row) for row in rows]

    def pdf(self, principal: Principal, pack_id: str) -> bytes:
        return render_pdf(self.get(principal, pack_id).lines)

    def docx(self, principal: Principal, pack_id: str) -> bytes:
        return render_docx(self.get(principal, pack_id).lines)

    def outcomes(self, principal: Principal) -> Outcomes:
        """The tenant's outcome analytics (hiring.packs.outcomes)."""
        with self.db.connect() as conn:
            rows = store.outcomes(conn, principal.tenant_id)
        return outcomes([Outcome(**row) for row in rows])

    def _build(self, principal: Principal, resume_id: str, job_id: str, application_id: str | None) -> Pack:
        profile = self.profiles.corrections(principal, resume_id).profile  # 404 unless theirs; the effective profile
        with self.db.connect() as conn:
            job = store.job(conn, principal.tenant_id, job_id)
            if job is None:
                raise NotFound("job not found")
            if job["analysis_status"] != "analyzed" or not job["analysis"]:
                raise Conflict("the job is not analysed yet; ask again in a moment", field="job_id")
            ai_allowed = ai_allowed_for_resume(conn, principal.tenant_id, resume_id)
            companies = known_companies(conn, principal.tenant_id, resume_id)
        analysis = job["analysis"]
        needs = JobNeeds(str(job["title"] or analysis.get("title") or ""), tuple(analysis.get("required_skills") or ()),
                         tuple(analysis.get("preferred_skills") or ()))  # fmt: skip
        tailored = tailor(profile, needs)
        report = coverage(profile, tailored.sources, tailored.lines, needs)
        letter = cover_letter(tailored.lines, needs, job["company"])
        if ai_allowed:
            letter = self._rephrased(principal.tenant_id, resume_id, letter, companies)
        lines = [line.model_dump(mode="json") for line in tailored.lines]
        content = {"resume": tailored.json_resume, "lines": lines, "coverage": report.model_dump(mode="json"),
                   "cover_letter": letter.model_dump(mode="json")}  # fmt: skip
        with self.db.connect() as conn:
            row = store.insert(conn, principal.tenant_id, {
                "resume_id": resume_id, "job_id": job_id, "application_id": application_id,
                "owner_user_id": principal.user_id, "content": content,
            })  # fmt: skip
            detail = {"resume_id": resume_id, "job_id": job_id, "application_id": application_id,
                      "lines": len(tailored.lines), "shortened": sum(line.shortened for line in tailored.lines),
                      "gaps": len(letter.gaps), "rephrased": letter.rephrased is not None}  # fmt: skip
            record_audit(conn, principal.tenant_id, principal.user_id, "pack_created", "pack", str(row["id"]), detail)
        metrics.add_metric(name="PacksCreated", unit="Count", value=1)
        return _pack(row)

    def _rephrased(self, tenant_id: str, resume_id: str, letter: CoverLetter, companies: list[str]) -> CoverLetter:
        if self.rephraser is None:
            return letter
        from hiring.config import REPO_ROOT
        from hiring.llm.prompts import PromptError, load_prompt
        from hiring.llm.recorder import PostgresLlmCallRecorder

        settings = self.rephraser.settings
        try:
            prompt = load_prompt(settings.prompts_dir if settings else REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)
        except PromptError as error:
            logger.error("cover letter rephrasing unavailable: no prompt", extra={"error": str(error)})
            return letter
        return rephrase_letter(letter, self.rephraser.client, PostgresLlmCallRecorder(self.db), prompt, companies,
                               settings=settings, tenant_id=tenant_id, resume_id=resume_id)  # fmt: skip


def _files(pack_id: str) -> PackFiles:
    return PackFiles(pdf=f"/api/packs/{pack_id}/resume.pdf", docx=f"/api/packs/{pack_id}/resume.docx")


def _summary(row: dict[str, Any]) -> PackSummary:
    c = row["coverage"] or {}
    counts = {k: int(c.get(k) or 0) for k in ("required", "required_covered_before", "required_covered_after",
                                               "preferred", "preferred_covered_after")}  # fmt: skip
    return PackSummary(id=row["id"], resume_id=row["resume_id"], job_id=row["job_id"], job_title=row["job_title"],
                       company=row["company"], application_id=row["application_id"], created_at=row["created_at"],
                       lines=int(row["lines"] or 0), files=_files(str(row["id"])), **counts)  # fmt: skip


def _pack(row: dict[str, Any]) -> Pack:
    content, pack_id = row["content"], str(row["id"])
    files = _files(pack_id)
    return Pack(id=row["id"], resume_id=row["resume_id"], job_id=row["job_id"], application_id=row["application_id"],
                created_at=row["created_at"], resume=content["resume"], lines=content["lines"],
                coverage=content["coverage"], cover_letter=content["cover_letter"], files=files)  # fmt: skip
