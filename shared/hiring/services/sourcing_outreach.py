"""Sourcing outreach (issue 14): a deterministic draft per prospect citing their evidence and the job, statuses
drafted -> sent -> replied -> converted or opted_out from any (each transition validated, recorded with its actor
and time, audited without personal data), and the tenant's suppression list: an opted-out prospect is added to it
and nobody on it is drafted to again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from hiring.container import Container
    from hiring.services.match_rephrase import MatchRephraser

from hiring.adapters.postgres import Connection, Database
from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.observability import logger
from hiring.principal import Principal
from hiring.sourcing.outreach import (
    PROMPT_ID,
    PROMPT_VERSION,
    SUPPRESSION_KINDS,
    TRANSITIONS,
    Citation,
    OutreachDraft,
    RephrasedOutreach,
    draft_outreach,
    is_suppressed,
    rephrase_outreach,
    suppression_digest,
    suppression_digests,
)
from hiring.sourcing.profiles import ProspectProfile
from hiring.sourcing.scoring import DEFAULT_WEIGHTS, score_prospect
from hiring.stores import jobs as jobs_store
from hiring.stores import sourcing as sourcing_store
from hiring.stores import sourcing_outreach as store
from hiring.stores.audit import SYSTEM_ACTOR, record_audit


class OutreachEvent(BaseModel):
    status: str
    actor: str | None
    at: dt.datetime


class RephrasingOutcome(BaseModel):
    used: bool  # the LLM's wording passed the grounding check and is kept in `rephrased`
    reason: str | None  # why not: no LLM configured, or the check's problems / the call's failure


class ConversionState(BaseModel):
    email: str  # the address the person gave with their consent
    user_id: str | None  # the tenant's candidate account with that address, once there is one
    status: str  # linked, or invited (linked when they register with that address)
    consent_at: dt.datetime


class Outreach(BaseModel):
    prospect_id: str
    status: str  # drafted, sent, replied, converted, opted_out
    subject: str
    body: str
    citations: list[Citation]
    rephrased: RephrasedOutreach | None  # an LLM's wording of the evidence paragraph, kept only when grounded
    history: list[OutreachEvent]
    allowed: list[str]  # the statuses it may move to next
    rephrasing: RephrasingOutcome | None = None  # only in the answer to a draft asked with rephrase=true
    conversion: ConversionState | None = None  # in the outreach read back, once the prospect converted
    created_at: dt.datetime
    updated_at: dt.datetime


class Suppression(BaseModel):
    kind: str  # email, profile_url, github_login
    digest: str  # keyed hash of the normalised value; the value itself is never stored
    reason: str  # opted_out or admin
    created_by: str | None
    created_at: dt.datetime


class SuppressionAdded(BaseModel):
    kind: str
    digest: str
    added: bool  # False: it was already on the list


class Conversion(BaseModel):
    prospect_id: str
    email: str  # the address the person gave with their consent
    user_id: str | None  # the tenant's candidate account with that address, when one exists
    status: str  # linked (to that account) or invited (they register with that address)
    consent_at: dt.datetime
    outreach: Outreach


def _outreach(row: dict[str, Any]) -> Outreach:
    return Outreach.model_validate({**row, "allowed": list(TRANSITIONS[row["status"]])})


def _event(status: str, principal: Principal) -> dict[str, Any]:
    return {"status": status, "actor": principal.user_id, "at": dt.datetime.now(dt.UTC).isoformat()}


class OutreachService:
    def __init__(self, db: Database, rephraser: MatchRephraser | None = None) -> None:
        self.db = db
        self.rephraser = rephraser  # the configured LLM (HIRING_LLM_*), if any

    def _prospect(self, conn: Connection, principal: Principal, prospect_id: str) -> dict[str, Any]:
        row = store.get_prospect(conn, principal.tenant_id, prospect_id, lock=True)
        if row is None:
            raise NotFound(f"prospect {prospect_id} not found")
        return row

    def _draftable(self, conn: Connection, principal: Principal, prospect_id: str) -> dict[str, Any]:
        prospect = self._prospect(conn, principal, prospect_id)
        if is_suppressed(principal.tenant_id, prospect["profile"], store.suppressed_digests(conn, principal.tenant_id)):
            raise Conflict(f"prospect {prospect_id} is suppressed: they may not be contacted", reason="suppressed")
        existing = store.get_outreach(conn, principal.tenant_id, prospect_id, lock=True)
        if existing is not None and existing["status"] != "drafted":
            raise Conflict(f"outreach to prospect {prospect_id} is {existing['status']}; only a draft is redrafted")
        return prospect

    def draft(self, principal: Principal, prospect_id: str, rephrase: bool = False) -> Outreach:
        """The draft for a prospect (re-drafted while still drafted; 409 once sent); 409 "suppressed" for a
        person on the suppression list."""
        with self.db.connect() as conn:
            prospect = self._draftable(conn, principal, prospect_id)
            job = jobs_store.get_job(conn, principal.tenant_id, prospect["job_id"]) or {}
            weights = sourcing_store.get_weights(conn, principal.tenant_id) or DEFAULT_WEIGHTS
            profile = ProspectProfile.model_validate(prospect["profile"])
            scored = score_prospect(profile, job.get("analysis") or {}, prospect["locations"], weights, None,
                                    prospect["enrichment"])  # fmt: skip
            title = str(job.get("title") or "open")
            draft = draft_outreach(profile, title, scored.factors, prospect["enrichment"])
        if rephrase:  # the model is called outside any transaction
            companies = sorted({e.company for e in profile.experience if e.company})
            draft = self._rephrased(principal.tenant_id, draft, title, companies)
        with self.db.connect() as conn:  # checked again: an opt-out may have come in meanwhile
            prospect = self._draftable(conn, principal, prospect_id)
            rephrased = draft.rephrased.model_dump() if draft.rephrased else None
            row = store.save_draft(conn, principal.tenant_id, prospect_id, draft.subject, draft.body,
                                   [c.model_dump() for c in draft.citations], _event("drafted", principal),
                                   rephrased)  # fmt: skip
            record_audit(conn, principal.tenant_id, principal.user_id, "outreach_drafted", "prospect", prospect_id,
                         {"run_id": prospect["run_id"], "citations": len(draft.citations),
                          "rephrased": rephrased is not None})  # fmt: skip
        outcome = RephrasingOutcome(used=draft.rephrased is not None, reason=draft.refused) if rephrase else None
        return _outreach(row).model_copy(update={"rephrasing": outcome})

    def _rephrased(self, tenant_id: str, draft: OutreachDraft, title: str, companies: list[str]) -> OutreachDraft:
        if self.rephraser is None:
            return draft.model_copy(update={"refused": "no LLM is configured for rephrasing"})
        from hiring.config import REPO_ROOT
        from hiring.llm.prompts import PromptError, load_prompt
        from hiring.llm.recorder import PostgresLlmCallRecorder

        settings = self.rephraser.settings
        try:
            prompt = load_prompt(settings.prompts_dir if settings else REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)
        except PromptError as error:
            logger.error("outreach rephrasing unavailable: no prompt", extra={"error": str(error)})
            return draft.model_copy(update={"refused": "the outreach prompt is missing"})
        return rephrase_outreach(draft, title, companies, self.rephraser.client, PostgresLlmCallRecorder(self.db),
                                 prompt, settings=settings, tenant_id=tenant_id)  # fmt: skip

    def get(self, principal: Principal, prospect_id: str) -> Outreach:
        with self.db.connect() as conn:
            row = store.get_outreach(conn, principal.tenant_id, prospect_id)
            conversion = store.get_conversion(conn, principal.tenant_id, prospect_id) if row else None
        if row is None:
            raise NotFound(f"no outreach for prospect {prospect_id}")
        return _outreach({**row, "conversion": conversion})

    def transition(self, principal: Principal, prospect_id: str, status: str) -> Outreach:
        """Move the outreach along drafted -> sent -> replied -> converted (opted_out from any): 422 naming the
        allowed statuses otherwise. Opting out puts the person's email, profile URL and GitHub login on the
        tenant's suppression list."""
        with self.db.connect() as conn:
            prospect = self._prospect(conn, principal, prospect_id)
            row = store.get_outreach(conn, principal.tenant_id, prospect_id, lock=True)
            if row is None:
                raise NotFound(f"no outreach for prospect {prospect_id}")
            allowed = TRANSITIONS[row["status"]]
            if status not in allowed:
                raise InvalidInput(f"outreach is {row['status']}; it may move to {', '.join(allowed) or 'nothing'}, "
                                   f"not {status}", field="status")  # fmt: skip
            if status == "converted":
                raise InvalidInput("converting needs the prospect's consent: use the convert route", field="status")
            updated = store.set_status(conn, principal.tenant_id, prospect_id, status, _event(status, principal))
            suppressed = 0
            if status == "opted_out":
                digests = suppression_digests(principal.tenant_id, prospect["profile"])
                suppressed = store.add_suppressions(conn, principal.tenant_id, digests, "opted_out", principal.user_id)
            record_audit(conn, principal.tenant_id, principal.user_id, "outreach_status", "prospect", prospect_id,
                         {"run_id": prospect["run_id"], "from": row["status"], "to": status,
                          "suppressed": suppressed})  # fmt: skip
        return _outreach(updated)

    def convert(self, principal: Principal, prospect_id: str, consent: bool, email: str) -> Conversion:
        """A prospect who replied becomes a candidate only with their consent: the outreach moves to converted and
        an invitation-like record keeps the address they gave, linked to the tenant's candidate account with that
        address if there is one; no account is made for them (they register with that address)."""
        if consent is not True:
            raise InvalidInput("converting a prospect needs their consent (consent: true)", field="consent")
        from hiring.identity import validate_email  # not at load time: expire_jobs' layers hold no jwt/argon2

        address = validate_email(email)
        with self.db.connect() as conn:
            prospect = self._prospect(conn, principal, prospect_id)
            if is_suppressed(
                principal.tenant_id, prospect["profile"], store.suppressed_digests(conn, principal.tenant_id)
            ):
                raise Conflict(f"prospect {prospect_id} is suppressed: they may not be contacted", reason="suppressed")
            row = store.get_outreach(conn, principal.tenant_id, prospect_id, lock=True)
            if row is None:
                raise NotFound(f"no outreach for prospect {prospect_id}")
            if "converted" not in TRANSITIONS[row["status"]]:
                allowed = ", ".join(TRANSITIONS[row["status"]]) or "nothing"
                raise InvalidInput(f"outreach is {row['status']}; it may move to {allowed}, not converted "
                                   "(a prospect converts after replying)", field="status")  # fmt: skip
            user_id = store.candidate_by_email(conn, principal.tenant_id, address)
            conversion = store.insert_conversion(conn, principal.tenant_id, prospect_id, address, user_id,
                                                 principal.user_id)  # fmt: skip
            updated = store.set_status(conn, principal.tenant_id, prospect_id, "converted",
                                       _event("converted", principal))  # fmt: skip
            record_audit(conn, principal.tenant_id, principal.user_id, "prospect_converted", "prospect", prospect_id,
                         {"run_id": prospect["run_id"], "consent": True, "linked": user_id is not None})  # fmt: skip
        return Conversion.model_validate({**conversion, "outreach": _outreach(updated)})

    # --- suppression list ---------------------------------------------------------------------------------------

    def suppressions(self, principal: Principal, limit: int = 500) -> list[Suppression]:
        with self.db.connect() as conn:
            return [Suppression.model_validate(r) for r in store.list_suppressions(conn, principal.tenant_id, limit)]

    def suppress(self, principal: Principal, kind: str, value: str) -> SuppressionAdded:
        if kind not in SUPPRESSION_KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(SUPPRESSION_KINDS)}", field="kind")
        digest = suppression_digest(principal.tenant_id, kind, value)
        with self.db.connect() as conn:
            added = store.add_suppressions(conn, principal.tenant_id, [(kind, digest)], "admin", principal.user_id)
            record_audit(conn, principal.tenant_id, principal.user_id, "suppression_added", "tenant",
                         principal.tenant_id, {"kind": kind, "added": bool(added)})  # fmt: skip
        return SuppressionAdded(kind=kind, digest=digest, added=bool(added))

    # --- retention ----------------------------------------------------------------------------------------------

    def apply_retention(self, days: int, now: dt.datetime | None = None) -> int:
        """Erase prospects older than `days` (profile, evidence, outreach), except converted ones; the suppression
        list stays. Audited per tenant with the count only; how many were erased."""
        before = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
        with self.db.connect() as conn:
            counts = store.erase_old_prospects(conn, before)
            for tenant_id, count in sorted(counts.items()):
                record_audit(conn, tenant_id, SYSTEM_ACTOR, "prospects_erased", "tenant", tenant_id,
                             {"trigger": "retention", "retention_days": days, "prospects": count})  # fmt: skip
        erased = sum(counts.values())
        if erased:
            logger.info("old prospects erased", extra={"count": erased, "retention_days": days})
        return erased


def prospect_retention_step(container: Container) -> int:
    """The scheduled housekeeping's (expire_jobs) sourcing step: HIRING_PROSPECT_RETENTION_DAYS, default 180."""
    return OutreachService(container.db).apply_retention(container.settings.prospect_retention_days)
