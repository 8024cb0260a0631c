"""The match lifecycle and the candidate's preferences: who may move a match to which status (feedback kept), and
what the candidate asks for (salary, arrangement, relocation), which drives their filters and matches."""

from __future__ import annotations

from typing import Any

from hiring.adapters.postgres import Connection
from hiring.errors import InvalidInput, NotFound
from hiring.principal import Principal, Role
from hiring.services.match_models import CandidatePreferences, StatusChange
from hiring.stores import matches as store

STATUSES = ("suggested", "viewed", "applied", "shortlisted", "rejected")
# Who may move a match to which status: candidates speak for themselves, staff for the hiring side.
STATUSES_BY_ROLE = {Role.CANDIDATE: {"viewed", "applied", "rejected"},
                    Role.RECRUITER: {"viewed", "shortlisted", "rejected"},
                    Role.ADMIN: {"viewed", "shortlisted", "rejected"}}  # fmt: skip


def update_status(
    conn: Connection,
    principal: Principal,
    resume_id: str,
    job_id: str,
    status: str,
    reason: str | None = None,
    rating: int | None = None,
) -> StatusChange:
    """Move a match along its lifecycle and keep the feedback; the same status again records nothing."""
    if status not in STATUSES_BY_ROLE[principal.role]:
        allowed = ", ".join(sorted(STATUSES_BY_ROLE[principal.role]))
        raise InvalidInput(f"a {principal.role.value} may set the status to {allowed}", field="status")
    row = store.lock_match(conn, principal.tenant_id, resume_id, job_id)
    if row is None:
        raise NotFound("match not found")
    if row["status"] != status or reason or rating:
        store.record_feedback(conn, principal.tenant_id, resume_id, row, principal.user_id, principal.role.value,
                              status, reason, rating)  # fmt: skip
    if row["status"] != status:
        store.set_status(conn, resume_id, row["job_id"], status)
    return StatusChange(resume_id=resume_id, job_id=str(row["job_id"]), status=status, previous=row["status"])


def preferences(conn: Connection, resume_id: str) -> CandidatePreferences:
    row = store.preferences(conn, resume_id)
    return CandidatePreferences.model_validate(row) if row else CandidatePreferences()


def set_preferences(conn: Connection, tenant_id: str, resume_id: str, values: dict[str, Any]) -> None:
    store.set_preferences(conn, tenant_id, resume_id, values)
