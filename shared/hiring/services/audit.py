"""The admin's read of refused input (rejected_inputs); the SQL, and the status history every service records
inside its own transactions, are in hiring.stores.audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hiring.adapters.postgres import Database
from hiring.stores.audit import recent_rejections


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
