"""The work queue's consumer: one function per message type, each safe to repeat."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hiring.observability import logger
from hiring.services.messages import (
    AnalyzeJob,
    ImportScraped,
    MatchCandidate,
    MatchRoleCandidates,
    RefreshBatch,
    WorkMessage,
    refresh_batches,
)

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
    return container.matching.handle(message)


def import_scraped(container: Container, message: ImportScraped) -> None:
    """Run a bot's upload through the feed import; the upload row records the outcome. A repeat imports nothing."""
    tenant_id, upload_id = str(message.tenant_id), str(message.upload_id)
    with container.db.connect() as conn:
        row = conn.execute(
            "UPDATE scrape_uploads SET status = 'processing' WHERE tenant_id = %s AND id = %s"
            " AND status IN ('queued', 'processing', 'failed') RETURNING id",
            (tenant_id, upload_id),
        ).fetchone()
    if row is None:
        logger.info("scrape upload already imported or unknown", extra={"upload_id": upload_id})
        return
    if message.jobs is not None:
        jobs = message.jobs
    elif message.blob_key:
        jobs = json.loads(container.blobs.get(message.blob_key))["jobs"]
    else:
        jobs = []
    result = container.jobs.import_rows(
        tenant_id, message.platform, enumerate(jobs, start=1), source=f"scraper:{upload_id}"
    )
    with container.db.connect() as conn:
        conn.execute(
            "UPDATE scrape_uploads SET status = 'imported', new_count = %s, updated_count = %s,"
            " duplicate_count = %s, failed_count = %s, processed_at = now() WHERE id = %s",
            (result.new, result.updated, result.duplicate, result.failed, upload_id),
        )


def match_role_candidates(container: Container, message: MatchRoleCandidates) -> int:
    """Re-match the candidates behind a scraped role, now that its fresh jobs are in."""
    from hiring.scraping.scrape_queue import role_candidates

    resume_ids = role_candidates(container.db, str(message.tenant_id), str(message.role_id))
    if not resume_ids:
        return 0
    pairs = 0
    for body in refresh_batches({str(message.tenant_id): resume_ids}):
        pairs += container.matching.handle(RefreshBatch.model_validate(body))
    return pairs
