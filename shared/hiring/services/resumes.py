"""Resume intake and parsing: upload -> blob store inbox -> parse -> stored -> match message."""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Database
from hiring.errors import InvalidInput, NotFound
from hiring.faults import fault_of
from hiring.hygiene import has_forbidden_chars, scrub_for_storage
from hiring.observability import logger, metrics
from hiring.parsing.documents import check_bytes
from hiring.parsing.isolation import DocumentParser, InlineParser, Limits, ProcessParser
from hiring.parsing.model import DocumentRejected, RejectionCode
from hiring.ports import BlobNotFound, BlobStore, Embedder, VectorIndex, WorkQueue
from hiring.principal import Principal, Role
from hiring.resume.jsonresume import InvalidJsonResume, from_json_resume, to_json_resume
from hiring.resume.model import ParsedResume
from hiring.resume.parser import review_reason
from hiring.services.messages import MatchCandidate
from hiring.services.resume_models import JsonResumeDocument, ResumeDetail, ResumeProfile, ResumeSummary
from hiring.stores import matches as match_store
from hiring.stores import resumes as store
from hiring.stores.audit import record_rejection, record_status, status_history
from hiring.stores.identity import find_tenant_id

if TYPE_CHECKING:
    from hiring.config import Settings

INBOX = "inbox/"
QUARANTINE = "quarantine/"  # inbox objects that could not be taken in: kept, out of the trigger's prefix
TERMINAL = frozenset({"parsed", "failed", "needs_review"})
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def safe_filename(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


def key_ref(key: str) -> str:
    """How logs name an inbox object: the resume id of an API upload, a digest of any other key. Keys carry the
    uploaded file name, which often carries a person's name; logs never do."""
    parsed = InboxKey.parse(key)
    if parsed is not None and parsed.resume_id:
        return f"resume:{parsed.resume_id}"
    return "key:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# What an AWS attempt keeps for storing its outcome after the parse budget (the store, the queue, the blob moves).
STORE_HEADROOM_S = 30.0


@dataclass(frozen=True)
class IntakePolicy:
    """How hard the intake tries: attempts per inbox object with exponential back-off between them,
    a lease an attempt holds (a delivery within it is a duplicate; past it, the attempt died), the text limit,
    and where documents are parsed (in process, or in worker processes with a timeout each)."""

    max_attempts: int = 3
    retry_base_s: float = 2.0
    retry_max_s: float = 300.0
    lease_s: float = 180.0
    max_chars: int = 200_000
    parse_timeout_s: float | None = None  # None: parse in this process, unbounded (HIRING_PARSE_ISOLATION=inline)
    parse_workers: int = 2

    @classmethod
    def from_settings(cls, s: Settings) -> IntakePolicy:
        from hiring.catalog import function_named

        isolated = s.parse_isolation == "process"
        if s.runtime == "aws":
            # One document per invocation: a worker process whose budget ends STORE_HEADROOM_S before the
            # function's timeout, so even the last retry ends in a stored parse_timeout, never in a resume left
            # `parsing` by a Lambda killed mid-parse. An attempt lives at most as long as the function.
            function_timeout_s = float(function_named("parse_resume").timeout_s)
            timeout_s = min(s.parse_timeout_s, function_timeout_s - STORE_HEADROOM_S)
            lease, workers = function_timeout_s, 1
        else:
            timeout_s, lease, workers = s.parse_timeout_s, s.parse_timeout_s + 60, s.inbox_workers
        return cls(
            max_attempts=s.intake_max_attempts, retry_base_s=s.intake_retry_base_s, retry_max_s=s.intake_retry_max_s,
            lease_s=lease, max_chars=s.max_document_chars, parse_timeout_s=timeout_s if isolated else None,
            parse_workers=workers,
        )  # fmt: skip

    def backoff_s(self, attempts: int) -> float:
        return float(min(self.retry_max_s, self.retry_base_s * 2 ** max(0, attempts - 1)))

    def parser(self) -> DocumentParser:
        if self.parse_timeout_s is None:
            return InlineParser()
        return ProcessParser(self.parse_timeout_s, self.parse_workers)


class IntakeRetry(RuntimeError):
    """An attempt failed and another is due after retry_after_s (Lambda's async retry, or the local watcher)."""

    def __init__(self, resume_id: str, fault: str, retry_after_s: float) -> None:
        super().__init__(f"resume {resume_id}: attempt failed ({fault}); retry after {retry_after_s:g} s")
        self.resume_id = resume_id
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class _Claim:
    id: str
    action: str  # "run", "done" (this content was taken in already), "wait" (in flight or backing off), "give_up"
    blob_key: str | None = None
    attempts: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class InboxKey:
    """inbox/<tenant slug or id>/<file> (dropped) or inbox/<tenant id>/<resume id>/<file> (API upload)."""

    tenant: str
    resume_id: str | None
    filename: str

    @classmethod
    def parse(cls, key: str) -> InboxKey | None:
        parts = key.split("/")
        if len(parts) < 2 or parts[0] != INBOX.rstrip("/") or not parts[-1]:
            return None
        if len(parts) == 2:  # dropped straight into inbox/: belongs to the default tenant
            return cls(tenant="", resume_id=None, filename=parts[1])
        if len(parts) == 4 and _UUID.match(parts[2]):
            return cls(tenant=parts[1], resume_id=parts[2], filename=parts[3])
        return cls(tenant=parts[1], resume_id=None, filename="/".join(parts[2:]))


@dataclass(frozen=True)
class UploadResult:
    id: str
    status: str
    error_code: str | None = None
    reason: str | None = None


class ResumeService:
    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        queue: WorkQueue,
        vectors: VectorIndex,
        embedder: Embedder,
        max_bytes: int,
        max_pages: int,
        default_tenant: str = "demo",
        intake: IntakePolicy | None = None,
    ) -> None:
        self.db = db
        self.blobs = blobs
        self.queue = queue
        self.vectors = vectors
        self.embedder = embedder
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.default_tenant = default_tenant
        self.intake = intake or IntakePolicy()
        self.parser = self.intake.parser()

    # --- intake (API) ------------------------------------------------------------------------------

    def upload(self, principal: Principal, filename: str, data: bytes, content_type: str | None) -> UploadResult:
        """Keep the original, record a pending resume and drop it in the inbox for the parse function.

        Bytes that are certainly unusable (empty, too large, not what the name says) are stored as a failed
        resume right away, so the caller hears the specific reason in the response.
        """
        resume_id = str(uuid.uuid4())
        name = safe_filename(filename)
        inbox_key = f"{INBOX}{principal.tenant_id}/{resume_id}/{name}"
        owner = _owner_filter(principal)
        early: DocumentRejected | None = None
        try:
            check_bytes(data, name, self.max_bytes)
        except DocumentRejected as rejected:
            early = rejected
        oversized = early is not None and early.code == RejectionCode.TOO_LARGE
        if oversized:
            # The route reads one byte past the limit and stops: these bytes are the head of a larger file, not
            # the original. None of them is kept; the size on record is what is known, "more than the limit".
            early = DocumentRejected(
                RejectionCode.TOO_LARGE,
                f"the file is more than {self.max_bytes} bytes (the limit); it was not kept",
            )
        with self.db.connect() as conn:
            store.insert_upload(
                conn, resume_id, principal.tenant_id, owner, name, content_type,
                None if oversized else len(data), None if oversized else hashlib.sha256(data).hexdigest(), inbox_key,
            )  # fmt: skip
            record_status(conn, principal.tenant_id, "resume", resume_id, "pending")
            if early is not None:
                if not oversized:  # complete bytes that are unusable are kept as the original, for review
                    keep_key = f"resumes/{principal.tenant_id}/{resume_id}/original-{name}"
                    self.blobs.put(keep_key, data, content_type or "application/octet-stream")
                    store.set_blob_key(conn, resume_id, keep_key)
                self._fail(conn, principal.tenant_id, resume_id, early)
                metrics.add_metric(name="ResumeRejected", unit="Count", value=1)
                return UploadResult(resume_id, "failed", early.code.value, early.message)
        # The row commits before the object lands, so the parse function always finds it.
        self.blobs.put(inbox_key, data, content_type or "application/octet-stream")
        return UploadResult(resume_id, "pending")

    # --- parse (the parse_resume function) ---------------------------------------------------------

    def process_inbox_object(self, key: str) -> str | None:
        """Take in one object that arrived under inbox/; returns the resume id. Safe to repeat.

        A delivery is a redelivery only when the object's bytes hash to what was stored for that key: a new file
        dropped under an earlier one's name becomes a new resume, linked to the earlier one (previous_id). Each
        object gets at most intake.max_attempts attempts, spaced by a growing back-off; an attempt that fails
        raises IntakeRetry (Lambda's async retry, or the local watcher, comes back later), and the last failure
        ends the resume `failed` with its reason and code, the object moved to quarantine/ and a rejected_inputs
        row. Objects that can never be taken in (no tenant, a bad key) are quarantined at once, never retried.
        """
        parsed = InboxKey.parse(key)
        if parsed is None or has_forbidden_chars(key):
            self._quarantine(
                None, key, "invalid_key", "the key is not inbox/<tenant>/<file> (or holds control characters)"
            )
            return None
        with self.db.connect() as conn:
            found = find_tenant_id(conn, parsed.tenant or self.default_tenant)
        if found is None:
            self._quarantine(None, key, "unknown_tenant", f"no tenant {parsed.tenant or self.default_tenant!r}")
            return None
        tenant_id = found
        try:
            data = self.blobs.get(key)
        except BlobNotFound:
            # A redelivered notification after the first delivery finished (and removed the inbox copy).
            existing = self._find(tenant_id, key, parsed)
            if existing is not None and existing["status"] == "parsed":
                self._queue_match(tenant_id, str(existing["id"]))  # the first run may have died before queueing
            logger.info("inbox object already gone; nothing to parse", extra={"object": key_ref(key)})
            return str(existing["id"]) if existing else None
        digest = hashlib.sha256(data).hexdigest()
        claim = self._claim(tenant_id, key, parsed, digest)
        if claim is None:
            return None
        resume_id = claim.id
        if claim.action == "wait":
            logger.debug("resume in flight or backing off; delivery ignored", extra={"resume_id": resume_id})
            return resume_id
        if claim.action == "done":
            logger.info("resume already taken in; redelivery of the same bytes ignored", extra={"resume_id": resume_id})
            self._delete_inbox_copy(key, data)
            return resume_id
        if claim.action == "give_up":
            self._give_up(tenant_id, resume_id, key, claim, RejectionCode.PARSE_TIMEOUT.value, claim.reason or "")
            return resume_id
        try:
            return self._take_in(tenant_id, key, parsed, data, digest, claim)
        except Exception as exc:  # any fault of this attempt: counted, spaced, and final after the last attempt
            if self._attempt_failed(tenant_id, key, claim, fault_of(exc)):
                return resume_id  # the last attempt: failed for good, nothing left to retry
            # Not chained: the fault's own message may quote the key (the file name) or a value of the resume;
            # its type and place are in this one, which is what Lambda's logs and traces record.
            raise IntakeRetry(resume_id, fault_of(exc), self.intake.backoff_s(claim.attempts)) from None

    def _take_in(self, tenant_id: str, key: str, parsed: InboxKey, data: bytes, digest: str, claim: _Claim) -> str:
        """One attempt: keep the original, parse (in a worker with a time budget, locally), store the profile."""
        resume_id = claim.id
        name = safe_filename(parsed.filename)
        keep_key = claim.blob_key or f"resumes/{tenant_id}/{resume_id}/original-{name}"
        if not claim.blob_key:
            self.blobs.put(keep_key, data)
        with self.db.connect() as conn:
            store.set_original(conn, resume_id, keep_key, len(data), digest)
        # Extraction, parsing and the optional LLM call hold no database connection: they may take seconds.
        started = time.monotonic()
        try:
            result = self.parser.parse(data, name, Limits(self.max_bytes, self.max_pages, self.intake.max_chars))
        except DocumentRejected as rejected:
            with self.db.connect() as conn:
                self._fail(conn, tenant_id, resume_id, rejected)
            metrics.add_metric(name="ResumeRejected", unit="Count", value=1)
            self._delete_inbox_copy(key, data)  # the original is kept under resumes/
            return resume_id
        if result.fault is not None:
            logger.error("resume parser failed", extra={"resume_id": resume_id, "fault": result.fault})
        document = result.document
        enhanced = self._enhance(result.profile, document.text, tenant_id, resume_id)
        # The merge names the fields the LLM filled in a warning; only then did the LLM shape this profile.
        parser = "rules+llm" if any(w.startswith("from the LLM") for w in enhanced.warnings) else "rules"
        with self.db.connect() as conn:
            status = self._store_profile(conn, tenant_id, resume_id, enhanced, document.text, parser)
            store.set_document_facts(conn, resume_id, document.page_count, document.content_type)
        # Extraction, parsing, the optional LLM and storing: the latency the admin's percentiles summarise.
        metrics.add_metric(name="ResumeParseLatency", unit="Milliseconds", value=(time.monotonic() - started) * 1000)
        profile = enhanced
        if status == "parsed":
            self._queue_match(tenant_id, resume_id)  # the worker embeds it: the model stays out of this function
            metrics.add_metric(name="ResumeParsed", unit="Count", value=1)
        else:
            metrics.add_metric(name="ResumeNeedsReview", unit="Count", value=1)
        self._delete_inbox_copy(key, data)  # the original is kept under resumes/; the inbox copy can go
        logger.info(
            "resume parsed",
            extra={"resume_id": resume_id, "status": status, "skills": len(profile.skills),
                   "confidence": profile.confidence},
        )  # fmt: skip
        return resume_id

    def import_json_resume(self, principal: Principal, document: Any) -> UploadResult:
        """Store a JSON Resume document as a parsed resume (the document is kept as the original)."""
        try:
            text, profile = from_json_resume(document)
        except InvalidJsonResume as exc:
            raise InvalidInput(str(exc)) from exc
        resume_id = str(uuid.uuid4())
        raw = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        keep_key = f"resumes/{principal.tenant_id}/{resume_id}/original-resume.json"
        self.blobs.put(keep_key, raw, "application/json")
        owner = _owner_filter(principal)
        with self.db.connect() as conn:
            store.insert_import(
                conn, resume_id, principal.tenant_id, owner, len(raw), hashlib.sha256(raw).hexdigest(), keep_key
            )
            record_status(conn, principal.tenant_id, "resume", resume_id, "pending", "imported from JSON Resume")
            status = self._store_profile(conn, principal.tenant_id, resume_id, profile, text, "jsonresume")
        if status == "parsed":
            self._queue_match(principal.tenant_id, resume_id)
        return UploadResult(resume_id, status, reason=review_reason(profile))

    def embed(self, tenant_id: str, resume_id: str) -> bool:
        """Put a parsed resume's embedding in the vector index (the work queue's consumer calls this)."""
        with self.db.connect() as conn:
            text = store.parsed_text(conn, tenant_id, resume_id)
        if not text:
            return False
        self.vectors.upsert(tenant_id, "resume", resume_id, self.embedder.embed([text[:8000]])[0])
        with self.db.connect() as conn:  # warm matching caches key candidates by updated_at: a new vector moves it
            store.touch(conn, tenant_id, resume_id)
        return True

    def profile(self, principal: Principal, resume_id: str) -> ResumeProfile:
        """The structured resume with its confidence and warnings (404 when not visible or not parsed yet)."""
        with self.db.connect() as conn:
            row = self._visible(conn, principal, resume_id)
            stored = store.stored_profile(conn, resume_id)
        if stored is None or stored["profile"] is None:
            raise NotFound(f"resume {resume_id} has no parsed profile (status {row['status']})")
        return ResumeProfile(
            id=row["id"], status=row["status"], status_reason=row["status_reason"], parser=stored["parser"],
            profile=ParsedResume.model_validate(stored["profile"]),
        )  # fmt: skip

    def json_resume(self, principal: Principal, resume_id: str) -> JsonResumeDocument:
        """The structured resume as a JSON Resume document."""
        return JsonResumeDocument.model_validate(to_json_resume(self.profile(principal, resume_id).profile))

    def _enhance(self, profile: ParsedResume, text: str, tenant_id: str, resume_id: str) -> ParsedResume:
        """The optional LLM path (off by default); it returns the rule-based result unchanged when off or failing."""
        from hiring.llm.enhance import maybe_enhance
        from hiring.llm.recorder import PostgresLlmCallRecorder
        from hiring.stores.privacy import ai_allowed_for_resume

        with self.db.connect() as conn:  # the owner said no LLM may see their data (PUT /api/me/privacy)
            if not ai_allowed_for_resume(conn, tenant_id, resume_id):
                return profile
        return maybe_enhance(
            profile, text, recorder=PostgresLlmCallRecorder(self.db), tenant_id=tenant_id, resume_id=resume_id
        )

    def _store_profile(
        self, conn: Connection, tenant_id: str, resume_id: str, profile: ParsedResume, text: str, parser: str
    ) -> str:
        """Write the structured resume; a low-confidence parse goes to needs_review with its reason."""
        reason = review_reason(profile)
        status = "parsed" if reason is None else "needs_review"
        names = [skill.name for skill in profile.skills]
        store.store_profile(
            conn, resume_id, status, reason, text, names, profile.model_dump(mode="json"), profile.confidence,
            profile.warnings, parser,
        )  # fmt: skip
        note = f"{len(names)} skills found, confidence {profile.confidence:.2f}" if reason is None else reason
        record_status(conn, tenant_id, "resume", resume_id, status, note)
        if status == "parsed":  # one candidate is one person: this version is active, earlier ones are history
            superseded = store.supersede_earlier(conn, tenant_id, resume_id)
            match_store.withdraw_resume_suggestions(conn, tenant_id, superseded)
            for old in superseded:
                record_status(conn, tenant_id, "resume", old, "parsed", f"superseded by the newer version {resume_id}")
        return status

    def versions(self, principal: Principal, resume_id: str) -> list[dict[str, Any]]:
        """Every version of the person's resume, newest first; the active one is matched and listed."""
        with self.db.connect() as conn:
            self._visible(conn, principal, resume_id)
            return store.versions(conn, principal.tenant_id, resume_id)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, principal: Principal, resume_id: str) -> ResumeDetail:
        """The resume with its status history."""
        with self.db.connect() as conn:
            row = self._visible(conn, principal, resume_id)
            history = status_history(conn, principal.tenant_id, "resume", resume_id)
        return ResumeDetail.model_validate({**row, "history": history})

    def list(self, principal: Principal, limit: int = 50, offset: int = 0) -> list[ResumeSummary]:
        """The caller's tenant's resumes (a candidate's own), newest first."""
        with self.db.connect() as conn:
            rows = store.list_visible(conn, principal.tenant_id, _owner_filter(principal), limit, offset)
        return [ResumeSummary.model_validate(row) for row in rows]

    def ensure_visible(self, conn: Connection, principal: Principal, resume_id: str) -> None:
        """NotFound unless the caller may see the resume (other services check inside their own transaction)."""
        self._visible(conn, principal, resume_id)

    def _visible(self, conn: Connection, principal: Principal, resume_id: str) -> dict[str, Any]:
        """The resume if the caller may see it: same tenant, and a candidate only their own."""
        row = None
        if _UUID.match(resume_id):
            row = store.visible(conn, principal.tenant_id, resume_id, _owner_filter(principal))
        if row is None:
            raise NotFound("resume not found")  # the same answer as "absent", so ids cannot be probed
        return row

    # --- internals ---------------------------------------------------------------------------------

    def _claim(self, tenant_id: str, key: str, parsed: InboxKey, digest: str) -> _Claim | None:
        """The resume these bytes belong to, and what this delivery should do with it (one transaction)."""
        with self.db.connect() as conn:
            row = self._resume_for(conn, tenant_id, key, parsed, digest)
            if row is None:
                conn.rollback()
                self._quarantine(tenant_id, key, "unknown_resume", "the key names a resume id that does not exist")
                return None
            resume_id = str(row["id"])
            if row["status"] in TERMINAL:
                return _Claim(resume_id, "done")
            due = row["next_attempt_at"] is None or row["due"]
            if not due:  # an attempt holds its lease, or the last one failed and its back-off has not passed
                return _Claim(resume_id, "wait")
            attempts = int(row["attempts"])
            died = row["status"] == "parsing"  # its lease passed with the status unchanged: the attempt never ended
            # An attempt that dies (killed at the function's timeout, a crash) cannot record anything: the delivery
            # that would make the last attempt ends the resume instead, so it can never be left `parsing` (in AWS
            # no delivery follows the last retry).
            if died and attempts + 1 >= self.intake.max_attempts:
                reason = f"the parse did not finish in {attempts} attempts (stopped by its time limit or a crash)"
                return _Claim(resume_id, "give_up", row["blob_key"], attempts, reason)
            attempts += 1
            store.start_attempt(conn, resume_id, attempts, self.intake.lease_s)
            note = f"attempt {attempts} of {self.intake.max_attempts}" if attempts > 1 else None
            if died:
                note = f"{note}; the previous attempt did not finish"
            record_status(conn, tenant_id, "resume", resume_id, "parsing", note)
            return _Claim(resume_id, "run", row["blob_key"], attempts)

    def _resume_for(
        self, conn: Connection, tenant_id: str, key: str, parsed: InboxKey, digest: str
    ) -> dict[str, Any] | None:
        """The row of this key and these bytes, locked; a new row (a new version) when the bytes are new."""
        if parsed.resume_id:
            row = store.lock_by_id(conn, tenant_id, parsed.resume_id)
            if row is None:
                return None
            if row["sha256"] is None or row["sha256"] == digest or row["status"] not in TERMINAL:
                if row["sha256"] != digest:  # the object was replaced before it was taken in: these bytes count
                    store.set_sha256(conn, row["id"], digest)
                return row
            return self._new_version(conn, tenant_id, key, digest, row)
        rows = store.lock_by_inbox_key(conn, tenant_id, key)
        same = next((r for r in rows if r["sha256"] == digest), None)
        if same is None:  # a row claimed before its bytes were hashed (an older release) and never finished
            same = next((r for r in rows if r["sha256"] is None and r["status"] not in TERMINAL), None)
            if same is not None:
                store.set_sha256(conn, same["id"], digest)
        if same is not None:
            return same
        earlier = rows[0] if rows else None
        return self._new_version(conn, tenant_id, key, digest, earlier)

    def _new_version(
        self, conn: Connection, tenant_id: str, key: str, digest: str, earlier: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        """A new resume for new bytes under a key, linked to the resume the key held before (if any)."""
        parsed = InboxKey.parse(key)
        name = earlier["filename"] if earlier else safe_filename(parsed.filename if parsed else "upload")
        new_id = store.insert_version(
            conn, tenant_id, earlier["owner_user_id"] if earlier else None, name, key, digest,
            earlier["id"] if earlier else None,
        )  # fmt: skip
        if new_id is not None:
            note = "a new file under the name of an earlier upload" if earlier else None
            record_status(conn, tenant_id, "resume", new_id, "pending", note)
        return store.lock_version(conn, tenant_id, key, digest)

    def _find(self, tenant_id: str, key: str, parsed: InboxKey) -> dict[str, Any] | None:
        with self.db.connect() as conn:
            return store.latest_for_key(conn, tenant_id, key, parsed.resume_id)

    def _attempt_failed(self, tenant_id: str, key: str, claim: _Claim, fault: str) -> bool:
        """Count a failed attempt: back to pending with a back-off, or, after the last attempt, failed for good
        (then True)."""
        if claim.attempts >= self.intake.max_attempts:
            reason = f"taking the resume in failed {claim.attempts} times; the last time: {fault}"
            self._give_up(tenant_id, claim.id, key, claim, "intake_failed", reason)
            return True
        delay = self.intake.backoff_s(claim.attempts)
        reason = f"attempt {claim.attempts} of {self.intake.max_attempts} failed ({fault}); next in {delay:g} s"
        with self.db.connect() as conn:
            store.retry_later(conn, claim.id, reason, delay)
            record_status(conn, tenant_id, "resume", claim.id, "pending", reason)
        logger.warning("resume intake attempt failed", extra={"resume_id": claim.id, "fault": fault})
        return False

    def _give_up(self, tenant_id: str, resume_id: str, key: str, claim: _Claim, code: str, reason: str) -> None:
        """The final state of a resume no attempt could take in: failed with its reason and code, the object
        moved to quarantine/ (kept, out of the trigger's prefix) and a rejection an admin sees."""
        kept = self._move_to_quarantine(key)
        with self.db.connect() as conn:
            store.give_up(conn, resume_id, reason, code, kept)
            record_status(conn, tenant_id, "resume", resume_id, "failed", reason)
            record_rejection(
                conn, tenant_id, "resume", "inbox", reason,
                scrub_for_storage({"code": code, "resume_id": resume_id, "key": key, "quarantined_as": kept,
                                   "attempts": claim.attempts}),
            )  # fmt: skip
        metrics.add_metric(name="ResumeIntakeFailed", unit="Count", value=1)
        logger.error("resume intake failed for good", extra={"resume_id": resume_id, "code": code})

    def _delete_inbox_copy(self, key: str, data: bytes) -> None:
        """Remove the inbox copy of bytes that are kept, unless a new file replaced it meanwhile (its own
        notification takes it in): nothing dropped is deleted unseen."""
        try:
            current = self.blobs.head(key)
        except BlobNotFound:
            return
        if current.etag.strip('"') == hashlib.md5(data, usedforsecurity=False).hexdigest():
            self.blobs.delete(key)
        else:
            logger.info(
                "a new file replaced the inbox object; it stays for its own delivery", extra={"object": key_ref(key)}
            )

    def _move_to_quarantine(self, key: str) -> str | None:
        """Move an inbox object under quarantine/ (same path below it); None when it is already gone."""
        target = QUARANTINE + key.removeprefix(INBOX)
        try:
            self.blobs.copy(key, target)
        except BlobNotFound:
            return None
        self.blobs.delete(key)
        return target

    def _queue_match(self, tenant_id: str, resume_id: str) -> None:
        self.queue.send(
            MatchCandidate.model_validate({"tenant_id": tenant_id, "resume_id": resume_id}),
            dedup_key=f"match_candidate:{resume_id}",
        )

    def _fail(self, conn: Connection, tenant_id: str, resume_id: str, rejected: DocumentRejected) -> None:
        status = "needs_review" if rejected.needs_review else "failed"
        store.set_outcome(conn, resume_id, status, rejected.message, rejected.code.value)
        record_status(conn, tenant_id, "resume", resume_id, status, rejected.message)
        logger.info("resume rejected", extra={"resume_id": resume_id, "code": rejected.code.value})

    def _quarantine(self, tenant_id: str | None, key: str, code: str, reason: str) -> None:
        """An object that can never be taken in: moved to quarantine/ at once and recorded, never retried."""
        try:
            kept = self._move_to_quarantine(key)
        except ValueError:  # a key the blob store cannot even address (InvalidKey): nothing to move
            kept = None
        with self.db.connect() as conn:
            record_rejection(
                conn, tenant_id, "resume", "inbox", f"{reason}; the object was moved to quarantine/",
                scrub_for_storage({"code": code, "key": key, "quarantined_as": kept}),
            )  # fmt: skip
        logger.warning("inbox object quarantined", extra={"object": key_ref(key), "code": code})


def _owner_filter(principal: Principal) -> str | None:
    """Whose resumes the caller sees within the tenant: a candidate only their own (None: all of them)."""
    return principal.user_id if principal.role == Role.CANDIDATE else None
