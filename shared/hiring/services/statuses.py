"""Status changes with their history, and refused input kept as evidence: the SQL is in hiring.stores.audit (its
functions keep their names here for the services that record inside their own transactions); AuditService is the
admin's read of the refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hiring.adapters.postgres import Database
from hiring.stores.audit import recent_rejections, record_rejection, record_status, status_history

__all__ = ["AuditService", "Rejection", "recent_rejections", "record_rejection", "record_status", "status_history"]


@dataclass(frozen=True)
class Rejection:
    """One refused input: what kind, where it came from, why, and the scrubbed evidence."""

    id: int
    kind: str
    source: str
    reason: str
    detail: dict[str, Any]
    created_at: dt.datetime


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def rejections(self, tenant_id: str, limit: int = 200) -> list[Rejection]:
        """The tenant's refused inputs, newest first."""
        with self.db.connect() as conn:
            rows = recent_rejections(conn, tenant_id, limit)
        return [Rejection(**row) for row in rows]
