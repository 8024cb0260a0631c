"""Applications: apply with a snapshot of the match, track, withdraw, the pipeline (single and bulk moves), a job's
ranked applicants, feedback on rejection and the hiring funnel.

Applying snapshots the match as it is at that moment: the stored match when the pair is on the candidate's list,
otherwise the pair scored now through the matching engine (MatchingService.matcher.fit). The recruiter reads that
snapshot (score, grade, breakdown, explanation, weights version) however the live match moves later.

The pipeline: applied -> screening -> interview -> offer -> hired, one stage at a time, by the tenant's staff;
rejected (staff, with a reason) or withdrawn (the candidate, their own) from any open stage. Asking for the status an
application already has changes nothing and says so (changed: false), so a repeated or bulk move is safe. Every
change is an application_events row with the actor and the time. SQL: stores/applications.py.

EMF metrics (Powertools, namespace Hiring, no dimension beyond the service): ApplicationsCreated per application
(applied or added by staff), ApplicationMoves per status change, ApplicationsHired per move to hired; the feedback
rephrasing adds FeedbackRephrased / FeedbackRephraseRefused (services/feedback_rephrase.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Database
from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.observability import metrics
from hiring.principal import Principal, Role
from hiring.services.application_models import (
    CLOSED,
    STAFF_SOURCES,
    STAGES,
    STATUSES,
    Applicant,
    ApplicantFilters,
    ApplicationDetail,
    ApplicationSummary,
    Applied,
    BulkOutcome,
    BulkResult,
    FeedbackItem,
    Funnel,
    RejectionFeedback,
    Stage,
    StatusChanged,
)
from hiring.services.match_models import Candidate
from hiring.services.matching import MatchingService
from hiring.stores import applications as store
from hiring.stores import resumes as resume_store
from hiring.stores.audit import record_audit

_ALREADY = {True: "you already applied to this job", False: "this person already has an application to this job"}

if TYPE_CHECKING:
    from hiring.services.feedback_rephrase import FeedbackRephraser

Visibility = Callable[[Connection, Principal, str], None]  # raises NotFound unless the principal may see the resume


def allowed_next(status: str, role: Role) -> list[str]:
    """The statuses a caller of this role may move an application in `status` to."""
    if status in CLOSED:
        return []
    if role == Role.CANDIDATE:
        return ["withdrawn"]
    return [STAGES[STAGES.index(status) + 1], "rejected"]


class ApplicationService:
    def __init__(
        self,
        db: Database,
        matching: MatchingService,
        visible: Visibility,
        feedback_rephraser: Callable[[], FeedbackRephraser | None] | None = None,
    ) -> None:
        self.db = db
        self.matching = matching
        self._visible = visible
        self._feedback_rephraser = feedback_rephraser or (lambda: None)  # the optional LLM rephrasing of feedback

    # --- applying ---------------------------------------------------------------------------------------------

    def apply(self, principal: Principal, job_id: str, resume_id: str) -> Applied:
        """The candidate applies to an active job of the tenant with one of their own resumes (409 the second time,
        with the existing application's id)."""
        return self._create(principal, job_id, resume_id, "applied", None)

    def add_applicant(
        self, principal: Principal, job_id: str, resume_id: str, source: str, note: str | None = None
    ) -> Applied:
        """Staff add a person to a job (source matched, imported or sourced): the resume's owner becomes the
        applicant (none for an imported resume without an account), the match is snapshotted as when applying."""
        if source not in STAFF_SOURCES:
            raise InvalidInput(f"unknown source {source!r}", field="source", allowed=list(STAFF_SOURCES))
        return self._create(principal, job_id, resume_id, source, note)

    def _create(self, principal: Principal, job_id: str, resume_id: str, source: str, note: str | None) -> Applied:
        by_candidate = principal.role == Role.CANDIDATE
        with self.db.connect() as conn:
            self._visible(conn, principal, resume_id)  # 404 unless the caller may see it (a candidate: their own)
            job = store.job_for_application(conn, principal.tenant_id, job_id)
            if job is None:
                raise NotFound("job not found")
            if job["status"] != "active":
                raise Conflict(f"the job is {job['status']} and takes no applications", field="job_id")
            if job["analysis_status"] != "analyzed":
                raise Conflict("the job is not analysed yet; apply again in a moment", field="job_id")
            resume = store.resume_for_application(conn, principal.tenant_id, resume_id)
            if resume is None or resume["status"] not in ("parsed", "needs_review"):
                raise Conflict("the resume is not parsed yet; apply once it is", field="resume_id")
            _refuse_superseded(conn, principal.tenant_id, resume)
            owner = None if resume["owner_user_id"] is None else str(resume["owner_user_id"])
            found = self._existing_in(conn, principal.tenant_id, job_id, owner, resume_id)
            if found is not None:
                raise Conflict(_ALREADY[by_candidate], application_id=found)
            values = self._snapshot(conn, principal.tenant_id, resume_id, job_id)
            values.update(job_id=job_id, resume_id=resume_id, candidate_user_id=owner, source=source, note=note)
            application_id = store.insert(conn, principal.tenant_id, values)
            if application_id is None:  # a concurrent attempt won the unique key
                conn.rollback()
                with self.db.connect() as again:
                    found = self._existing_in(again, principal.tenant_id, job_id, owner, resume_id)
                raise Conflict(_ALREADY[by_candidate], application_id=found)
            store.add_event(conn, principal.tenant_id, application_id, _actor(principal), None, "applied", None)
            if by_candidate and values["match_status"] in ("suggested", "viewed"):  # their match list shows it too
                self.matching.update_status(conn, principal, resume_id, job_id, "applied")
            # a staff member's note is free text: it stays with the application, never in the audit log
            record_audit(conn, principal.tenant_id, principal.user_id, "application_created", "application",
                         application_id, {"job_id": job_id, "resume_id": resume_id, "score": values["score"],
                                          "weights_version": values["weights_version"], "source": source,
                                          "scored_from": values["scored_from"]})  # fmt: skip
        metrics.add_metric(name="ApplicationsCreated", unit="Count", value=1)  # committed: counted once
        return Applied(id=application_id, status="applied", score=values["score"], grade=values["grade"],
                       weights_version=values["weights_version"], source=source,
                       candidate_user_id=owner)  # fmt: skip

    @staticmethod
    def _existing_in(conn: Connection, tenant_id: str, job_id: str, owner: str | None, resume_id: str) -> str | None:
        """The person's application to the job: by their account, or for a resume without one by any version of
        it (an earlier version of an imported resume is the same person)."""
        if owner is not None:
            return store.existing(conn, tenant_id, job_id, owner)
        chain = [str(v["id"]) for v in resume_store.versions(conn, tenant_id, resume_id)] or [resume_id]
        return store.existing_for_resumes(conn, tenant_id, job_id, chain)

    def _snapshot(self, conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> dict[str, Any]:
        """The stored match when there is one, else the pair scored now; what the application keeps."""
        try:
            stored = self.matching.match_detail(conn, tenant_id, resume_id, job_id)
        except NotFound:
            stored = None
        if stored is not None and stored.get("weights_version") and stored.get("breakdown", {}).get("components"):
            breakdown, explanation = stored["breakdown"], stored["explanation"]
            score, grade, version, scorer = (
                stored["score"],
                stored["grade"] or "F",
                stored["weights_version"],
                stored["scorer"],
            )
            source, match_status = "stored_match", stored["status"]
        else:
            try:
                fit = self.matching.matcher.fit(conn, tenant_id, resume_id, job_id)
            except NotFound as exc:
                raise Conflict("the resume is not parsed yet; apply once it is", field="resume_id") from exc
            breakdown, explanation = fit.breakdown, fit.explanation
            score, grade, version, scorer = fit.score or 0.0, fit.grade, fit.weights_version, fit.scorer
            source, match_status = "on_demand", None
        required = breakdown["components"]["required_skills"]
        return {
            "score": score, "grade": grade, "breakdown": breakdown, "explanation": explanation,
            "weights_version": version, "scorer": scorer, "scored_from": source, "match_status": match_status,
            "matched_skills": [m["skill"] for m in required["matched"]], "missing_skills": list(required["missing"]),
            "years_experience": breakdown["components"]["experience"].get("candidate_years"),
        }  # fmt: skip

    # --- reading ----------------------------------------------------------------------------------------------

    def listing(
        self, principal: Principal, job_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ApplicationSummary]:
        """A candidate's own applications; the tenant's for staff (optionally one job's)."""
        owner = principal.user_id if principal.role == Role.CANDIDATE else None
        with self.db.connect() as conn:
            rows = store.listing(conn, principal.tenant_id, owner, job_id, limit, offset)
        return [ApplicationSummary.model_validate(row) for row in rows]

    def get(self, principal: Principal, application_id: str) -> ApplicationDetail:
        with self.db.connect() as conn:
            row = self._visible_row(conn, principal, application_id)
        row["allowed_next"] = allowed_next(row["status"], principal.role)
        row["candidate"] = Candidate.of(row)
        row["feedback"] = self._feedback(principal, row) if row["status"] == "rejected" else None
        if principal.role == Role.CANDIDATE:
            row["note"] = None  # staff's words about the person
        return ApplicationDetail.model_validate(row)

    def _feedback(self, principal: Principal, row: dict[str, Any]) -> RejectionFeedback:
        """The deterministic feedback, with the LLM's checked rephrasing when that is on and the person allows it
        (asked once per application and feedback, outside the read's transaction)."""
        feedback = rejection_feedback(row)
        rephraser = self._feedback_rephraser()
        return feedback if rephraser is None else rephraser.with_rephrasing(principal.tenant_id, row, feedback)

    def _visible_row(self, conn: Connection, principal: Principal, application_id: str) -> dict[str, Any]:
        row = store.detail(conn, principal.tenant_id, application_id) if _is_uuid(application_id) else None
        if row is None or (principal.role == Role.CANDIDATE and str(row["candidate_user_id"]) != principal.user_id):
            raise NotFound("application not found")  # the same answer as "absent", so ids cannot be probed
        return row

    # --- the pipeline -----------------------------------------------------------------------------------------

    def change_status(
        self, principal: Principal, application_id: str, status: str, reason: str | None
    ) -> StatusChanged:
        with self.db.connect() as conn:
            moved = self._move(conn, principal, application_id, status, reason)
        _count_move(moved)
        return moved

    def bulk_status(
        self, principal: Principal, application_ids: list[str], status: str, reason: str | None
    ) -> BulkResult:
        """Each application moved in its own transaction; one that cannot move is reported, the others still do."""
        results: list[BulkOutcome] = []
        for application_id in dict.fromkeys(application_ids):
            try:
                with self.db.connect() as conn:
                    moved = self._move(conn, principal, application_id, status, reason)
                _count_move(moved)
                results.append(BulkOutcome(
                    application_id=application_id, outcome="changed" if moved.changed else "unchanged",
                    status=moved.status,
                ))  # fmt: skip
            except NotFound as exc:
                results.append(
                    BulkOutcome(application_id=application_id, outcome="not_found", status=None, message=exc.message)
                )
            except InvalidInput as exc:
                results.append(
                    BulkOutcome(application_id=application_id, outcome="invalid", status=None, message=exc.message)
                )
        return BulkResult(changed=sum(r.outcome == "changed" for r in results), results=results)

    def _move(
        self, conn: Connection, principal: Principal, application_id: str, status: str, reason: str | None
    ) -> StatusChanged:
        if status not in STATUSES:
            raise InvalidInput(f"unknown status {status!r}", field="status", allowed=list(STATUSES))
        row = store.lock(conn, principal.tenant_id, application_id) if _is_uuid(application_id) else None
        if row is None or (principal.role == Role.CANDIDATE and str(row["candidate_user_id"]) != principal.user_id):
            raise NotFound("application not found")
        current = row["status"]
        if status == current:
            return StatusChanged(id=row["id"], status=current, previous=current, changed=False)
        allowed = allowed_next(current, principal.role)
        if status not in allowed:
            who = "a candidate" if principal.role == Role.CANDIDATE else "staff"
            shown = ", ".join(allowed) or "none: the application is closed"
            raise InvalidInput(
                f"{who} cannot move an application from {current} to {status}; allowed: {shown}",
                field="status", current=current, allowed=allowed,
            )  # fmt: skip
        if status == "rejected" and not (reason and reason.strip()):
            raise InvalidInput("rejecting needs a reason the candidate will see", field="reason")
        store.set_status(conn, principal.tenant_id, str(row["id"]), status, reason)
        store.add_event(conn, principal.tenant_id, str(row["id"]), _actor(principal), current, status, reason)
        # the reason is the recruiter's free text: it stays with the application, never in the audit log
        record_audit(conn, principal.tenant_id, principal.user_id, "application_status", "application", str(row["id"]),
                     {"from": current, "to": status, "role": principal.role.value})  # fmt: skip
        return StatusChanged(id=row["id"], status=status, previous=current, changed=True)

    # --- recruiters -------------------------------------------------------------------------------------------

    def applicants(self, principal: Principal, job_id: str, filters: ApplicantFilters) -> list[Applicant]:
        """The job's applicants best first (the caller has checked the job is visible)."""
        with self.db.connect() as conn:
            rows = store.applicants(conn, principal.tenant_id, job_id, filters.model_dump())
        return [Applicant.model_validate({**row, "candidate": Candidate.of(row)}) for row in rows]

    def funnel(self, principal: Principal, job_id: str | None = None) -> Funnel:
        with self.db.connect() as conn:
            found = store.funnel_rows(conn, principal.tenant_id, job_id)
        current = {r["status"]: int(r["n"]) for r in found["current"]}
        stays = {r["status"]: r for r in found["stays"]}
        reached = {s: int(stays[s]["reached"]) if s in stays else 0 for s in STATUSES}
        stages = []
        for status in STATUSES:
            following = STAGES[STAGES.index(status) + 1] if status in STAGES[:-1] else None
            conversion = None
            if following is not None and reached[status]:
                conversion = round(reached[following] / reached[status], 3)
            median = stays[status]["median_s"] if status in stays else None
            stages.append(Stage(
                status=status, current=current.get(status, 0), reached=reached[status], conversion_to_next=conversion,
                median_days_in_stage=None if median is None else round(float(median) / 86400, 3),
            ))  # fmt: skip
        return Funnel(job_id=job_id, total=sum(current.values()), stages=stages,
                      sources={r["source"]: int(r["n"]) for r in found["sources"]})  # fmt: skip


def rejection_feedback(row: dict[str, Any]) -> RejectionFeedback:
    """The recruiter's reason and what the snapshot says would close the gaps: missing required skills, the
    experience short of the minimum, pay and place (deterministic, from the breakdown stored when applying)."""
    parts = row["breakdown"].get("components", {})
    required = parts.get("required_skills", {})
    label = "required" if required.get("measured", "required") == "required" else "asked for"
    gaps: list[FeedbackItem] = []
    for skill in required.get("missing", []):
        gaps.append(FeedbackItem(
            kind="missing_skill", skill=skill, text=f"{skill} is {label} and was not on the resume",
            to_close=f"Gain {skill}, or if you have used it, add it with the job or project where you did.",
        ))  # fmt: skip
    experience = parts.get("experience", {})
    if experience.get("applies") and (experience.get("gap_years") or 0) > 0:
        gap, asked = experience["gap_years"], experience.get("min_years")
        gaps.append(FeedbackItem(
            kind="experience", text=f"{gap:g} years short of the {asked:g} years asked",
            to_close=f"{gap:g} more years of relevant work; internships, freelance work and projects count toward it.",
        ))  # fmt: skip
    shortfall = parts.get("salary", {}).get("shortfall_pct")
    if shortfall:
        gaps.append(FeedbackItem(
            kind="salary", text=f"The pay tops out {shortfall:g}% below your stated expectation",
            to_close="A lower salary expectation, or roles at a higher level.",
        ))  # fmt: skip
    skills = [g.skill for g in gaps if g.kind == "missing_skill" and g.skill]
    if skills:
        summary = f"{len(skills)} {label} skill{'s' if len(skills) != 1 else ''} missing: {', '.join(skills[:5])}."
    elif gaps:
        summary = "; ".join(gap.text for gap in gaps) + "."
    else:
        summary = "Your resume met what the job asked for; the decision came from the recruiter's reason."
    return RejectionFeedback(reason=row.get("rejection_reason"), gaps=gaps, summary=summary)


def _refuse_superseded(conn: Connection, tenant_id: str, resume: dict[str, Any]) -> None:
    """409 naming the person's active version when a newer upload replaced this one (it is history now)."""
    if resume["superseded_by"] is None:
        return
    versions = resume_store.versions(conn, tenant_id, str(resume["id"]))
    active = next((str(v["id"]) for v in versions if v["active"]), str(resume["superseded_by"]))
    raise Conflict(f"this resume was replaced by a newer version; apply with {active}", field="resume_id",
                   active_resume_id=active)  # fmt: skip


def _count_move(moved: StatusChanged) -> None:
    """EMF metrics of a committed move: ApplicationMoves, and ApplicationsHired when it reached hired."""
    if moved.changed:
        metrics.add_metric(name="ApplicationMoves", unit="Count", value=1)
        if moved.status == "hired":
            metrics.add_metric(name="ApplicationsHired", unit="Count", value=1)


def _actor(principal: Principal) -> tuple[str | None, str]:
    return principal.user_id, principal.role.value


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
