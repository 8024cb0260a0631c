"""The optional LLM rephrasing of a rejected application's feedback, under the grounding check of match explanations.

The deterministic feedback (services.applications.rejection_feedback) is always there; the rephrased text is an extra
field, `feedback.rephrased` {text, model, grounded}, only when the LLM is on for rephrasing (HIRING_MATCH_REPHRASE=
on-view with HIRING_LLM_* configured, the same switch as match explanations) and the person lets an LLM see their data
(privacy_settings.ai_processing). A reply naming a skill, a number or a company the feedback does not hold is refused:
the feedback stays deterministic and the reason is kept with the application and in the llm_calls row.

The model is asked once per application and feedback (a fingerprint of the feedback and the prompt): the outcome is
stored in applications.feedback_rephrasing, so reading the application again makes no call; a short-lived 'pending'
claim keeps two readers from both paying. The call runs outside any transaction. Every call is an llm_calls row with
an audit entry linking it (and naming the application), like the match rephrasing's calls.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hiring.llm.ports import LlmCallRecord, StructuredLlm
from hiring.llm.prompts import Prompt, load_prompt
from hiring.matching.rephrase import attempt_rephrasing, numbers_in, ungrounded
from hiring.observability import logger, metrics
from hiring.services.application_models import RejectionFeedback, RephrasedFeedback
from hiring.stores import applications as store
from hiring.stores.audit import SYSTEM_ACTOR, record_audit
from hiring.stores.privacy import ai_allowed_for_resume
from hiring.stores.resumes import insert_llm_call

if TYPE_CHECKING:
    from hiring.adapters.postgres import Database
    from hiring.llm.config import LlmSettings
    from hiring.services.match_rephrase import MatchRephraser

PROMPT_ID = "rejection_feedback"
PROMPT_VERSION = 1


@lru_cache(maxsize=4)
def load_feedback_prompt(prompts_dir: Path) -> Prompt:
    return load_prompt(prompts_dir, PROMPT_ID, PROMPT_VERSION)


def check_feedback(text: str, feedback: RejectionFeedback, companies: list[str]) -> list[str]:
    """Problems with a rephrased feedback: numbers, skills or companies the deterministic feedback does not name
    (match_rephrase's grounding check over the feedback's own facts). Empty: accept."""
    from hiring.skills.extractor import get_extractor

    facts = _facts(feedback)
    said = " ".join([facts["reason"] or "", facts["summary"], *(f"{g['text']} {g['to_close']}" for g in facts["gaps"])])
    numbers = numbers_in(facts)
    skills = {g.skill.lower() for g in feedback.gaps if g.skill}
    skills |= {m.canonical.lower() for m in get_extractor().extract(said) if m.known}
    problems = ungrounded(text, numbers, numbers, skills, source="the feedback")
    for company in companies:
        named = re.search(rf"(?<!\w){re.escape(company)}(?!\w)", text, re.IGNORECASE)
        if named and company.lower() not in said.lower():
            problems.append(f"company {company} is not in the feedback")
    return sorted(set(problems))


class FeedbackRephraser:
    """Adds a checked LLM rephrasing to a rejected application's feedback, calling the model at most once."""

    def __init__(
        self,
        db: Database,
        client: StructuredLlm,
        prompt: Prompt,
        *,
        settings: LlmSettings | None = None,
        claim_s: float = 600.0,
    ) -> None:
        self.db = db
        self.client = client
        self.prompt = prompt
        self.settings = settings
        self.claim_s = claim_s

    @classmethod
    def from_match(cls, match: MatchRephraser | None) -> FeedbackRephraser | None:
        """The feedback rephraser on the match rephraser's switch, client and settings (None when that is off, or
        this prompt is missing)."""
        if match is None:
            return None
        from hiring.config import REPO_ROOT
        from hiring.llm.prompts import PromptError

        try:
            prompt = load_feedback_prompt(match.settings.prompts_dir if match.settings else REPO_ROOT / "prompts")
        except PromptError as error:
            logger.error("feedback rephrasing unavailable: no prompt", extra={"error": str(error)})
            return None
        return cls(match.db, match.client, prompt, settings=match.settings, claim_s=match.claim_s)

    def fingerprint(self, feedback: RejectionFeedback) -> str:
        canonical = json.dumps({"prompt": self.prompt.ref, "feedback": _facts(feedback)}, sort_keys=True,
                               separators=(",", ":"), ensure_ascii=False)  # fmt: skip
        return hashlib.sha256(canonical.encode()).hexdigest()

    def with_rephrasing(self, tenant_id: str, row: dict[str, Any], feedback: RejectionFeedback) -> RejectionFeedback:
        """The feedback with `rephrased` when the model's text was accepted (now or before); unchanged otherwise."""
        application_id, resume_id = str(row["id"]), row.get("resume_id")
        if resume_id is None:
            return feedback  # the person was erased: nothing of theirs goes anywhere
        with self.db.connect() as conn:  # the person said no LLM may see their data (PUT /api/me/privacy)
            if not ai_allowed_for_resume(conn, tenant_id, str(resume_id)):
                return feedback
            stored = store.feedback_rephrasing(conn, tenant_id, application_id)
            companies = store.known_companies(conn, tenant_id, str(resume_id))
        source = self.fingerprint(feedback)
        if stored is not None and stored.get("source_sha256") == source and stored.get("outcome") != "pending":
            return _with_text(feedback, stored)
        with self.db.connect() as conn:
            if not store.claim_feedback_rephrasing(conn, tenant_id, application_id, source, self.claim_s):
                return feedback  # another reader is asking the model right now
        recorder = _LinkedRecorder(self.db, application_id)
        result = attempt_rephrasing(
            {}, {}, self.client, recorder, self.prompt, settings=self.settings, tenant_id=tenant_id,
            resume_id=str(resume_id), facts=json.dumps(_facts(feedback), ensure_ascii=False),
            check=lambda text: check_feedback(text, feedback, companies),
        )  # fmt: skip
        outcome = {"source_sha256": source, "outcome": result.call.outcome, "text": result.text,
                   "error": result.call.error, "model": result.call.model, "prompt": self.prompt.ref,
                   "llm_call_id": recorder.call_id}  # fmt: skip
        with self.db.connect() as conn:
            store.store_feedback_rephrasing(conn, tenant_id, application_id, outcome)
        if result.text is not None:
            metrics.add_metric(name="FeedbackRephrased", unit="Count", value=1)
        elif result.call.outcome == "rejected":  # the grounding check refused it (a failed call is not a refusal)
            metrics.add_metric(name="FeedbackRephraseRefused", unit="Count", value=1)
        logger.info(
            "feedback rephrasing stored", extra={"application_id": application_id, "outcome": outcome["outcome"]}
        )
        return _with_text(feedback, outcome)


class _LinkedRecorder:
    """One llm_calls row per call with its audit entry (as hiring.llm.recorder), the entry naming the application;
    keeps the row's id so the stored outcome links it too."""

    def __init__(self, db: Database, application_id: str) -> None:
        self.db = db
        self.application_id = application_id
        self.call_id: str | None = None

    def record(self, call: LlmCallRecord) -> None:
        with self.db.connect() as conn:
            self.call_id = insert_llm_call(conn, call)
            detail = {"prompt_id": call.prompt_id, "model": call.model, "outcome": call.outcome,
                      "application_id": self.application_id}  # fmt: skip
            record_audit(conn, call.tenant_id, SYSTEM_ACTOR, "llm_call", "llm_call", self.call_id, detail)


def _facts(feedback: RejectionFeedback) -> dict[str, Any]:
    """What the model is shown: the feedback's own texts, never the resume."""
    gaps = [{"text": g.text, "to_close": g.to_close} for g in feedback.gaps]
    return {"reason": feedback.reason, "summary": feedback.summary, "gaps": gaps}


def _with_text(feedback: RejectionFeedback, outcome: dict[str, Any]) -> RejectionFeedback:
    if outcome.get("outcome") != "ok" or not outcome.get("text"):
        return feedback
    rephrased = RephrasedFeedback(text=outcome["text"], model=outcome["model"], grounded=True)
    return feedback.model_copy(update={"rephrased": rephrased})
