"""Queue dispatch for matching: a work message (match a candidate, match a job, refresh a batch) carried out by the
matcher; a refresh batch finishes every candidate it can and then reports the ones that failed."""

from __future__ import annotations

from collections.abc import Sequence

from hiring.observability import logger
from hiring.services.match_engine import Matcher
from hiring.services.messages import MatchCandidate, MatchJob, RefreshBatch


class RefreshIncomplete(RuntimeError):
    """Some candidates of a refresh batch failed; the others are stored and a redelivery repeats only harmlessly."""

    def __init__(self, failed: list[str]) -> None:
        super().__init__(f"{len(failed)} candidates failed: {', '.join(failed[:10])}")
        self.failed = failed


def handle(matcher: Matcher, message: MatchCandidate | MatchJob | RefreshBatch) -> int:
    """Carry out one queue message; returns the number of pairs scored. Safe to repeat."""
    tenant_id = str(message.tenant_id)
    if isinstance(message, MatchCandidate):
        return matcher.match_candidate(tenant_id, str(message.resume_id))
    if isinstance(message, MatchJob):
        return matcher.match_job(tenant_id, str(message.job_id))
    return refresh_batch(matcher, tenant_id, [str(r) for r in message.resume_ids])


def refresh_batch(matcher: Matcher, tenant_id: str, resume_ids: Sequence[str]) -> int:
    """Re-match each candidate; one failure never stops the others, and the batch then reports it."""
    pairs, failed = 0, []
    profiles = matcher.weights.profiles(tenant_id)
    with matcher.db.connect() as conn:  # one staleness check for the batch, not one per candidate
        active = matcher.caches.active_jobs(conn, tenant_id)
    for resume_id in resume_ids:
        try:
            pairs += matcher.match_candidate(tenant_id, resume_id, profiles, active)
        except Exception:
            logger.exception("candidate re-match failed", extra={"resume_id": resume_id})
            failed.append(resume_id)
    if failed:
        raise RefreshIncomplete(failed)
    return pairs
