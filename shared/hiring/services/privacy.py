"""Privacy by design: erasure of a resume or a whole account, the export of everything held about a person, their
choices about automated processing, and retention. The SQL is in hiring.stores.privacy.

An erasure deletes the rows in one transaction (which also leaves the tombstone, with no personal data), then the
blobs (the kept original, the inbox and quarantine copies) and the vectors. A blob or vector that cannot be deleted
at that moment is logged by id and left to the next erasure pass; the rows that could name its owner are gone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Database
from hiring.errors import Conflict, NotFound
from hiring.observability import logger
from hiring.ports import BlobNotFound, BlobStore, VectorIndex, WorkQueue
from hiring.principal import Principal, Role
from hiring.services.messages import MatchCandidate
from hiring.stores import matches as matches_store
from hiring.stores import packs as packs_store
from hiring.stores import privacy as store
from hiring.stores import profiles as profile_store
from hiring.stores.audit import SYSTEM_ACTOR, record_audit, record_status, status_history

if TYPE_CHECKING:
    from hiring.container import Container

INBOX = "inbox/"
QUARANTINE = "quarantine/"


@dataclass(frozen=True)
class PrivacyChoices:
    ai_processing: bool
    automated_ranking: bool
    updated_at: dt.datetime | None = None


@dataclass
class _Leftovers:
    """What an erasure removes after its transaction commits: blob keys and vector ids."""

    blobs: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    vectors: list[tuple[str, str]] = field(default_factory=list)  # (tenant_id, resume_id)
    rematch: list[tuple[str, str]] = field(default_factory=list)  # versions active again: (tenant_id, resume_id)


@dataclass(frozen=True)
class Erasure:
    subject: str
    subject_id: str
    counts: dict[str, int]


class PrivacyService:
    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        vectors: VectorIndex,
        throttle_key: Callable[[str], str] | None = None,
        retention_days: int = 730,
        queue: WorkQueue | None = None,
    ) -> None:
        self.db = db
        self.blobs = blobs
        self.vectors = vectors
        self.queue = queue  # where a version made active again by an erasure is queued for matching
        self.throttle_key = throttle_key  # the login throttle's key of an email (HMAC with the identity pepper)
        self.retention_days = retention_days

    # --- choices -----------------------------------------------------------------------------------------

    def choices(self, principal: Principal) -> PrivacyChoices:
        with self.db.connect() as conn:
            return PrivacyChoices(**store.choices(conn, principal.tenant_id, principal.user_id))

    def set_choices(self, principal: Principal, ai_processing: bool, automated_ranking: bool) -> PrivacyChoices:
        with self.db.connect() as conn:
            row = store.set_choices(conn, principal.tenant_id, principal.user_id, ai_processing, automated_ranking)
        logger.info("privacy choices set", extra={"ai_processing": ai_processing, "ranking": automated_ranking})
        return PrivacyChoices(**row)

    # --- erasure -----------------------------------------------------------------------------------------

    def erase_resume(self, principal: Principal, resume_id: str) -> Erasure:
        """Erase one resume: a candidate their own, staff any of the tenant's (NotFound otherwise, as for reads)."""
        owner = principal.user_id if principal.role == Role.CANDIDATE else None
        leftovers = _Leftovers()
        with self.db.connect() as conn:
            row = store.lock_resume(conn, principal.tenant_id, resume_id, owner) if _is_uuid(resume_id) else None
            if row is None:
                raise NotFound("resume not found")
            counts = self._erase_resume(conn, principal.tenant_id, row, leftovers)
            trigger = "request" if principal.role == Role.CANDIDATE else "staff"
            store.record_erasure(conn, principal.tenant_id, "resume", resume_id, trigger, principal.role.value, counts)
            detail: dict[str, Any] = {"trigger": trigger, "counts": counts}
            if leftovers.rematch:
                detail["active_again"] = leftovers.rematch[0][1]
            record_audit(conn, principal.tenant_id, principal.user_id, "erasure", "resume", resume_id, detail)
        counts.update(self._remove(leftovers))
        logger.info("resume erased", extra={"resume_id": resume_id, "counts": counts})
        return Erasure("resume", resume_id, counts)

    def erase_account(self, principal: Principal) -> Erasure:
        """Erase the caller's account and everything about them. The tenant's last admin cannot leave (Conflict)."""
        tenant_id, user_id = principal.tenant_id, principal.user_id
        leftovers = _Leftovers()
        totals: dict[str, int] = {}
        with self.db.connect() as conn:
            if principal.role == Role.ADMIN and store.active_admins(conn, tenant_id) <= 1:
                raise Conflict("the tenant's last admin cannot delete their account; make another admin first")
            for row in store.owned_resumes(conn, tenant_id, user_id):
                _add(totals, self._erase_resume(conn, tenant_id, row, leftovers))
            key = self.throttle_key(principal.email.strip().lower()) if self.throttle_key else ""
            _add(totals, store.erase_account_rows(conn, tenant_id, user_id, key))
            store.record_erasure(conn, tenant_id, "account", user_id, "request", principal.role.value, totals)
            detail = {"trigger": "request", "counts": totals}
            record_audit(conn, tenant_id, user_id, "erasure", "account", user_id, detail)
        _add(totals, self._remove(leftovers))
        logger.info("account erased", extra={"user_id": user_id, "counts": totals})
        return Erasure("account", user_id, totals)

    def apply_retention(self, now: dt.datetime | None = None, batch: int = 200) -> int:
        """Erase the resumes of candidates inactive for retention_days (the scheduled housekeeping); how many."""
        before = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=self.retention_days)
        erased = 0
        while True:
            leftovers = _Leftovers()
            with self.db.connect() as conn:
                rows = store.inactive_resumes(conn, before, batch)
                for row in rows:
                    tenant_id = str(row["tenant_id"])
                    counts = self._erase_resume(conn, tenant_id, row, leftovers)
                    store.record_erasure(conn, tenant_id, "resume", str(row["id"]), "retention", None, counts)
                    detail = {"trigger": "retention", "retention_days": self.retention_days, "counts": counts}
                    record_audit(conn, tenant_id, SYSTEM_ACTOR, "erasure", "resume", str(row["id"]), detail)
            self._remove(leftovers)
            erased += len(rows)
            if len(rows) < batch:
                break
        if erased:
            logger.info("inactive resumes erased", extra={"count": erased, "retention_days": self.retention_days})
        return erased

    def _erase_resume(
        self, conn: Connection, tenant_id: str, row: dict[str, Any], leftovers: _Leftovers
    ) -> dict[str, int]:
        resume_id, inbox_key = str(row["id"]), str(row["inbox_key"])
        successor = str(row["superseded_by"]) if row.get("superseded_by") else None
        heir = store.pass_on_versions(conn, tenant_id, resume_id, successor)
        leftovers.rematch = [pair for pair in leftovers.rematch if pair[1] != resume_id]
        if heir is not None:  # the erased version was the active one: the person keeps the version before it
            note = "the active version again: the newer one was erased"
            record_status(conn, tenant_id, "resume", heir, "parsed", note)
            leftovers.rematch.append((tenant_id, heir))
        counts = store.erase_resume_rows(conn, tenant_id, resume_id, inbox_key)
        leftovers.prefixes.add(f"resumes/{tenant_id}/{resume_id}/")
        if row["blob_key"]:
            leftovers.blobs.add(str(row["blob_key"]))
        leftovers.blobs.add(inbox_key)
        if inbox_key.startswith(INBOX):
            leftovers.blobs.add(QUARANTINE + inbox_key.removeprefix(INBOX))
        leftovers.vectors.append((tenant_id, resume_id))
        return counts

    def _remove(self, leftovers: _Leftovers) -> dict[str, int]:
        """Delete the blobs and vectors of committed erasures; failures are logged by key digest and id."""
        keys = set(leftovers.blobs)
        for prefix in leftovers.prefixes:
            try:
                keys.update(info.key for info in self.blobs.list(prefix))
            except Exception as error:  # the store is unreachable: the known keys are still tried
                logger.error("blob listing failed during erasure", extra={"error_type": type(error).__name__})
        blobs = vectors = 0
        for key in sorted(keys):
            try:
                self.blobs.head(key)  # only what exists is counted
                self.blobs.delete(key)
                blobs += 1
            except (BlobNotFound, ValueError):  # gone already, or a key no store can hold (never written)
                continue
            except Exception as error:
                logger.error("blob delete failed during erasure", extra={"error_type": type(error).__name__})
        for tenant_id, resume_id in leftovers.vectors:
            try:
                self.vectors.delete(tenant_id, "resume", resume_id)
                vectors += 1
            except Exception as error:
                logger.error("vector delete failed", extra={"resume_id": resume_id, "error_type": type(error).__name__})
        for tenant_id, resume_id in leftovers.rematch:
            self._queue_match(tenant_id, resume_id)
        return {"blobs": blobs, "vectors": vectors}

    def _queue_match(self, tenant_id: str, resume_id: str) -> None:
        """Queue a version made active again for matching (its suggestions went when it was superseded)."""
        if self.queue is None:
            logger.warning("no work queue: the version made active again waits for the next refresh")
            return
        try:
            self.queue.send(
                MatchCandidate.model_validate({"tenant_id": tenant_id, "resume_id": resume_id}),
                dedup_key=f"match_candidate:{resume_id}",
            )
        except Exception as error:  # the erasure stands; the version waits for its next re-match
            extra = {"resume_id": resume_id, "error_type": type(error).__name__}
            logger.error("re-match of the active version not queued", extra=extra)

    # --- export ------------------------------------------------------------------------------------------

    def export(self, principal: Principal) -> bytes:
        """Everything held about the caller as one zip: account.json, privacy.json, security_events.json, audit.json,
        applications.json, and per resume resumes/<id>/resume.json (record, parsed profile, preferences, status
        history), matches.json, feedback.json and the original file."""
        tenant_id, user_id = principal.tenant_id, principal.user_id
        buffer = io.BytesIO()
        with self.db.connect() as conn, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            account = store.account(conn, tenant_id, user_id)
            if account is None:
                raise NotFound("account not found")
            _put_json(archive, "account.json", account)
            _put_json(archive, "privacy.json", store.choices(conn, tenant_id, user_id))
            _put_json(archive, "security_events.json", store.security_events_for_export(conn, tenant_id, user_id))
            _put_json(archive, "audit.json", store.audit_for_export(conn, tenant_id, user_id))
            _put_json(archive, "applications.json", store.applications_for_export(conn, tenant_id, user_id))
            resumes = store.resumes_for_export(conn, tenant_id, user_id)
            for resume in resumes:
                resume_id = str(resume["id"])
                folder = f"resumes/{resume_id}/"
                record = {k: v for k, v in resume.items() if k != "blob_key"}
                record["preferences"] = matches_store.preferences(conn, resume_id)
                record["history"] = status_history(conn, tenant_id, "resume", resume_id)
                record["corrections"] = profile_store.corrections(conn, tenant_id, resume_id)  # the owner's own
                _put_json(archive, folder + "resume.json", record)
                _put_json(archive, folder + "matches.json", store.matches_for_export(conn, tenant_id, resume_id))
                _put_json(archive, folder + "feedback.json", store.feedback_for_export(conn, tenant_id, resume_id))
                _put_json(archive, folder + "packs.json", packs_store.for_export(conn, tenant_id, resume_id))
                if resume["blob_key"]:
                    try:
                        data = self.blobs.get(str(resume["blob_key"]))
                    except BlobNotFound:
                        continue
                    archive.writestr(folder + "original-" + str(resume["filename"]), data)
            record_audit(conn, tenant_id, user_id, "export", "account", user_id, {"resumes": len(resumes)})
        logger.info("personal data exported", extra={"user_id": user_id, "bytes": buffer.tell()})
        return buffer.getvalue()


def retention_step(container: Container) -> int:
    """The scheduled housekeeping's retention step (the expire_jobs function): erase what HIRING_RETENTION_DAYS
    says has been kept long enough."""
    service = PrivacyService(
        container.db,
        container.blobs,
        container.vectors,
        retention_days=container.settings.retention_days,
        queue=container.queue,
    )
    return service.apply_retention()


def unranked_last(rows: list[dict[str, Any]], unranked: set[str]) -> list[dict[str, Any]]:
    """A job's ranked candidates as they come, then those who refused automated ranking (GDPR Art. 22): with no
    percentile, flagged for manual review, in no order of score (by resume id)."""
    ranked = [row for row in rows if str(row["resume_id"]) not in unranked]
    manual = sorted((row for row in rows if str(row["resume_id"]) in unranked), key=lambda row: str(row["resume_id"]))
    return ranked + [{**row, "percentile": None, "manual_review": True} for row in manual]


def _put_json(archive: zipfile.ZipFile, name: str, value: Any) -> None:
    archive.writestr(name, json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str))


def _add(totals: dict[str, int], counts: dict[str, int]) -> None:
    for name, value in counts.items():
        totals[name] = totals.get(name, 0) + value


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36
