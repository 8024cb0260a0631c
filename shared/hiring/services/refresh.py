"""The nightly refresh: every parsed candidate of every tenant, enqueued in batches."""

from __future__ import annotations

from hiring.adapters.postgres import Database
from hiring.observability import logger
from hiring.ports import WorkQueue
from hiring.services.messages import refresh_batches
from hiring.stores import matches as store


def enqueue_nightly_refresh(db: Database, queue: WorkQueue, batch_size: int) -> dict[str, int]:
    with db.connect() as conn:
        rows = store.parsed_resumes_by_tenant(conn)
    by_tenant: dict[str, list[str]] = {}
    for row in rows:
        by_tenant.setdefault(str(row["tenant_id"]), []).append(str(row["id"]))
    messages = refresh_batches(by_tenant, batch_size)
    queue.send_batch(messages)
    logger.info("nightly refresh enqueued", extra={"candidates": len(rows), "messages": len(messages)})
    return {"candidates": len(rows), "messages": len(messages)}
