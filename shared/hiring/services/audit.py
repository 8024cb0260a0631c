"""The admin's reads of what the platform recorded: refused input (rejected_inputs) and the append-only audit log.
The SQL, and the recording every service does inside its own transactions (record_status, record_audit), are in
hiring.stores.audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hiring.adapters.postgres import Database
from hiring.errors import InvalidInput
from hiring.stores.audit import audit_entries, recent_rejections


@dataclass(frozen=True)
class Rejection:
    """One refused input: what kind, where it came from, why, and the scrubbed evidence."""

    id: int
    kind: str
    source: str
    reason: str
    detail: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    """One audit log entry: who (a user id, "system", or "key:<api key id>"), what, about what, when."""

    id: int
    actor: str
    kind: str
    subject_kind: str | None
    subject_id: str | None
    detail: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class AuditQuery:
    """Filters of the audit log; every one given must hold. until is exclusive."""

    kind: str | None = None
    actor: str | None = None
    subject_kind: str | None = None
    subject_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 100
    offset: int = 0


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rejections(self, tenant_id: str, limit: int = 200) -> list[Rejection]:
        """The tenant's refused inputs, newest first."""
        with self.db.connect() as conn:
            rows = recent_rejections(conn, tenant_id, limit)
        return [Rejection(**row) for row in rows]

    def entries(self, tenant_id: str, query: AuditQuery) -> list[AuditEntry]:
        """The tenant's audit entries matching the query, newest first."""
        if query.since and query.until and query.since >= query.until:
            raise InvalidInput("since must be before until", field="since")
        for name in ("since", "until"):
            value = getattr(query, name)
            if value is not None and value.tzinfo is None:
                raise InvalidInput(f"{name} needs a time zone (e.g. 2026-01-31T00:00:00Z)", field=name)
        with self.db.connect() as conn:
            rows = audit_entries(
                conn,
                tenant_id,
                kind=query.kind,
                actor=query.actor,
                subject_kind=query.subject_kind,
                subject_id=query.subject_id,
                since=query.since,
                until=query.until,
                limit=query.limit,
                offset=query.offset,
            )
        return [AuditEntry(**row) for row in rows]
