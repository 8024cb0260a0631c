"""The work queue's consumer: one function per message type, each safe to repeat."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from hiring.observability import logger, metrics
from hiring.services.esco_links import link_resume
from hiring.services.messages import (
    AnalyzeJob,
    ImportScraped,
    MatchCandidate,
    MatchRoleCandidates,
    WorkMessage,
    refresh_batches,
)
from hiring.stores import scraping as scraping_store

if TYPE_CHECKING:
    from hiring.container import Container


def handle_work(container: Container, message: WorkMessage) -> int:
    """Carry out one message; returns the number of candidate-job pairs scored (0 for non-matching work)."""
    if isinstance(message, AnalyzeJob):
        container.jobs.analyze(str(message.tenant_id), str(message.job_id))
        return 0
    if isinstance(message, ImportScraped):
        import_scraped(container, message)
        return 0
    if isinstance(message, MatchRoleCandidates):
        return match_role_candidates(container, message)
    if isinstance(message, MatchCandidate):  # a newly parsed or changed resume: embed it here, in the worker
        container.resumes.embed(str(message.tenant_id), str(message.resume_id))
        link_resume(container.db, container.embedder, str(message.tenant_id), str(message.resume_id))  # ESCO links
    return container.matching.handle(message)


def record_dead_letter(container: Container, queue: str, message_id: str, body: str, receives: int, fault: str) -> None:
    """A work message that failed its last receive: a rejection an admin sees (GET /api/admin/rejections), with
    the tenant its body names when that tenant exists, before the queue dead-letters it. Once per message."""
    from hiring.stores.audit import message_rejected, record_rejection
    from hiring.stores.identity import find_tenant_id

    try:
        parsed: Any = json.loads(body)
    except ValueError:
        parsed = body[:10_000]  # kept as text: a body that is not JSON at all
    named = parsed.get("tenant_id") if isinstance(parsed, dict) else None
    reason = f"dead-lettered after {receives} receives: {fault}"
    with container.db.connect() as conn:
        if message_rejected(conn, message_id):
            return
        tenant_id = find_tenant_id(conn, str(named)) if named else None
        detail = {"message_id": message_id, "body": parsed, "receive_count": receives}  # scrubbed by the store
        record_rejection(conn, tenant_id, "work_message", f"queue:{queue}", reason, detail)
    metrics.add_metric(name="WorkMessagesDeadLettered", unit="Count", value=1)
    logger.warning("work message dead-lettered", extra={"message_id": message_id, "fault": fault})


def import_scraped(container: Container, message: ImportScraped) -> None:
    """Run a bot's upload through the feed import; the upload row records the outcome. A repeat imports nothing."""
    tenant_id, upload_id = str(message.tenant_id), str(message.upload_id)
    with container.db.connect() as conn:
        claimed = scraping_store.claim_upload(conn, tenant_id, upload_id)
    if not claimed:
        logger.info("scrape upload already imported or unknown", extra={"upload_id": upload_id})
        return
    if message.jobs is not None:
        jobs = message.jobs
    elif message.blob_key:
        jobs = json.loads(container.blobs.get(message.blob_key))["jobs"]
    else:
        jobs = []
    batch_id = str(message.batch_id) if message.batch_id else None
    result = container.jobs.import_rows(
        tenant_id, message.platform, enumerate(jobs, start=1), source=f"scraper:{upload_id}", batch_id=batch_id
    )
    with container.db.connect() as conn:
        scraping_store.finish_upload(conn, upload_id, result.new, result.updated, result.duplicate, result.failed)


def match_role_candidates(container: Container, message: MatchRoleCandidates) -> int:
    """Re-match the candidates behind a scraped role, now that its fresh jobs are in."""
    from hiring.scraping.scrape_queue import role_candidates

    resume_ids = role_candidates(container.db, str(message.tenant_id), str(message.role_id))
    if not resume_ids:
        return 0
    pairs = 0
    for batch in refresh_batches({str(message.tenant_id): resume_ids}):
        pairs += container.matching.handle(batch)
    return pairs
