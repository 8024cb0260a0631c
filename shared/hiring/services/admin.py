"""Administration of a tenant: its accounts (list, change a role) and its import batches. Creating, disabling,
enabling and deleting accounts stay with hiring.identity; every change here is audited in its transaction."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel

from hiring.adapters.postgres import Database
from hiring.errors import InvalidInput, NotFound
from hiring.principal import Principal, Role
from hiring.services.job_models import BatchCounts
from hiring.stores import identity as identity_store
from hiring.stores import jobs as jobs_store
from hiring.stores.audit import record_audit


class UserOut(BaseModel):
    id: str
    email: str
    full_name: str | None
    role: Role
    disabled: bool
    disabled_at: dt.datetime | None
    last_login_at: dt.datetime | None
    created_at: dt.datetime


class RoleChanged(BaseModel):
    id: str
    email: str
    role: Role
    previous_role: Role
    disabled: bool


class ImportBatchSummary(BatchCounts):
    """An import batch with its counts (its failed rows: GET /api/admin/imports/{id})."""

    id: uuid.UUID
    platform: str
    source: str
    status: str
    created_by: uuid.UUID | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


def _user_id(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError as exc:
        raise NotFound("user not found") from exc


class AdminService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def users(self, admin: Principal, limit: int = 100, offset: int = 0) -> list[UserOut]:
        with self.db.connect() as conn:
            rows = identity_store.list_users(conn, admin.tenant_id, limit, offset)
        return [UserOut.model_validate(row) for row in rows]

    def set_role(self, admin: Principal, user_id: str, role: Role) -> RoleChanged:
        """Change the role of another account of the tenant; it applies to the user's next request."""
        target = _user_id(user_id)
        if target == admin.user_id:
            raise InvalidInput("an admin cannot change their own role", field="user_id")
        with self.db.connect() as conn:
            row = identity_store.set_role(conn, admin.tenant_id, target, role.value)
            if row is None:
                raise NotFound("user not found")
            if row["previous_role"] != row["role"]:
                detail = {"from": row["previous_role"], "to": row["role"]}
                record_audit(conn, admin.tenant_id, admin.user_id, "user_role_changed", "user", target, detail)
        return RoleChanged(
            id=row["id"],
            email=row["email"],
            role=Role(row["role"]),
            previous_role=Role(row["previous_role"]),
            disabled=row["disabled_at"] is not None,
        )

    def imports(self, admin: Principal, limit: int = 50, offset: int = 0) -> list[ImportBatchSummary]:
        with self.db.connect() as conn:
            rows = jobs_store.list_batches(conn, admin.tenant_id, limit, offset)
        return [ImportBatchSummary.model_validate(row) for row in rows]
