"""The LLM rephrasing of one match's explanation, asked for once when the match is read and stored with it.

The stored outcome (matches.rephrasing, migration 0009) carries a fingerprint of the explanation, breakdown and
prompt version it rephrased: a re-scored match no longer fits the fingerprint, so its old text is ignored and the
model is asked once more. A rejected or failed call keeps the deterministic text and is stored too, so it is not
asked again for the same explanation. The call runs outside any transaction; a short-lived 'pending' claim keeps
two readers of a fresh match from both paying for it.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from hiring.llm.ports import LlmCallRecorder, StructuredLlm
from hiring.llm.prompts import Prompt
from hiring.matching.rephrase import attempt_rephrasing
from hiring.observability import logger
from hiring.stores import matches as store
from hiring.stores.privacy import ai_allowed_for_resume

if TYPE_CHECKING:
    from hiring.adapters.postgres import Database
    from hiring.llm.config import LlmSettings


class MatchRephraser:
    """Adds a checked LLM rephrasing to a match's detail, calling the model at most once per explanation."""

    def __init__(
        self,
        db: Database,
        client: StructuredLlm,
        recorder: LlmCallRecorder,
        prompt: Prompt,
        *,
        settings: LlmSettings | None = None,
        claim_s: float = 600.0,
    ) -> None:
        self.db = db
        self.client = client
        self.recorder = recorder
        self.prompt = prompt
        self.settings = settings  # for the cost estimate and endpoint host in llm_calls
        self.claim_s = claim_s  # after this a 'pending' claim is taken to be dead (its process stopped mid-call)

    def fingerprint(self, detail: dict[str, Any]) -> str:
        """sha256 of what a rephrasing is checked against: the explanation, the breakdown and the prompt version."""
        source = {"prompt": self.prompt.ref, "explanation": detail["explanation"], "breakdown": detail["breakdown"]}
        canonical = json.dumps(source, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def with_rephrasing(self, tenant_id: str, detail: dict[str, Any]) -> dict[str, Any]:
        """The match detail (from MatchingService.match_detail) with `explanation.rephrased` when one was accepted."""
        if not detail["explanation"].get("summary"):
            return detail  # a match stored before explanations existed has nothing to rephrase
        pair = {"tenant": tenant_id, "resume": str(detail["resume_id"]), "job": str(detail["job_id"])}
        with self.db.connect() as conn:  # the candidate said no LLM may see their data (PUT /api/me/privacy)
            if not ai_allowed_for_resume(conn, tenant_id, pair["resume"]):
                return detail
        source = self.fingerprint(detail)
        stored = self._stored(pair)
        if stored is not None and stored.get("source_sha256") == source and stored.get("outcome") != "pending":
            return _with_text(detail, stored)
        if not self._claim(pair, source):
            return detail  # another reader is asking the model right now
        result = attempt_rephrasing(
            detail["explanation"], detail["breakdown"], self.client, self.recorder, self.prompt,
            settings=self.settings, tenant_id=tenant_id, resume_id=pair["resume"],
        )  # fmt: skip
        outcome = {"source_sha256": source, "outcome": result.call.outcome, "text": result.text,
                   "error": result.call.error, "model": result.call.model, "prompt": self.prompt.ref}  # fmt: skip
        self._store(pair, outcome)
        logger.info("match explanation rephrasing stored", extra={"job_id": pair["job"], "outcome": outcome["outcome"]})
        return _with_text(detail, outcome)

    def _stored(self, pair: dict[str, str]) -> dict[str, Any] | None:
        with self.db.connect() as conn:
            return store.rephrasing(conn, pair)

    def _claim(self, pair: dict[str, str], source: str) -> bool:
        """Mark the match as being rephrased for this fingerprint, unless that is already stored or under way."""
        with self.db.connect() as conn:
            return store.claim_rephrasing(conn, pair, source, self.claim_s)

    def _store(self, pair: dict[str, str], outcome: dict[str, Any]) -> None:
        """Replace our claim with the outcome, unless another reader has since claimed the match for another source."""
        with self.db.connect() as conn:
            store.store_rephrasing(conn, pair, outcome)


def _with_text(detail: dict[str, Any], outcome: dict[str, Any]) -> dict[str, Any]:
    if outcome.get("outcome") != "ok" or not outcome.get("text"):
        return detail
    explanation = {**detail["explanation"], "rephrased": outcome["text"], "rephrased_by": outcome["model"]}
    return {**detail, "explanation": explanation}
