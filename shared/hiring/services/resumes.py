"""Resume intake and parsing: upload -> blob store inbox -> parse -> stored -> match message."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from hiring.adapters.postgres import Connection, Database, Json
from hiring.errors import InvalidInput, NotFound
from hiring.observability import logger, metrics
from hiring.parsing.documents import DocumentRejected, ExtractedDocument, check_bytes, extract_document
from hiring.ports import BlobNotFound, BlobStore, Embedder, VectorIndex, WorkQueue
from hiring.principal import Principal, Role
from hiring.resume.jsonresume import InvalidJsonResume, from_json_resume
from hiring.resume.model import ParsedResume
from hiring.resume.parser import parse_resume_text, review_reason
from hiring.services.statuses import record_rejection, record_status, status_history
from hiring.tenants import find_tenant_id

INBOX = "inbox/"
TERMINAL = frozenset({"parsed", "failed", "needs_review"})
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def safe_filename(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


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
    ) -> None:
        self.db = db
        self.blobs = blobs
        self.queue = queue
        self.vectors = vectors
        self.embedder = embedder
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.default_tenant = default_tenant

    # --- intake (API) ------------------------------------------------------------------------------

    def upload(self, principal: Principal, filename: str, data: bytes, content_type: str | None) -> UploadResult:
        """Keep the original, record a pending resume and drop it in the inbox for the parse function.

        Bytes that are certainly unusable (empty, too large, not what the name says) are stored as a failed
        resume right away, so the caller hears the specific reason in the response.
        """
        resume_id = str(uuid.uuid4())
        name = safe_filename(filename)
        inbox_key = f"{INBOX}{principal.tenant_id}/{resume_id}/{name}"
        owner = principal.user_id if principal.role == Role.CANDIDATE else None
        early: DocumentRejected | None = None
        try:
            check_bytes(data, name, self.max_bytes)
        except DocumentRejected as rejected:
            early = rejected
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO resumes (id, tenant_id, owner_user_id, source, filename, content_type, size_bytes,"
                " sha256, inbox_key, status) VALUES (%s, %s, %s, 'api', %s, %s, %s, %s, %s, 'pending')",
                (
                    resume_id,
                    principal.tenant_id,
                    owner,
                    name,
                    content_type,
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                    inbox_key,
                ),
            )
            record_status(conn, principal.tenant_id, "resume", resume_id, "pending")
            if early is not None:
                keep_key = f"resumes/{principal.tenant_id}/{resume_id}/original-{name}"
                self.blobs.put(keep_key, data, content_type or "application/octet-stream")
                conn.execute("UPDATE resumes SET blob_key = %s WHERE id = %s", (keep_key, resume_id))
                self._fail(conn, principal.tenant_id, resume_id, early)
                metrics.add_metric(name="ResumeRejected", unit="Count", value=1)
                return UploadResult(resume_id, "failed", early.code.value, early.message)
        # The row commits before the object lands, so the parse function always finds it.
        self.blobs.put(inbox_key, data, content_type or "application/octet-stream")
        return UploadResult(resume_id, "pending")

    # --- parse (the parse_resume function) ---------------------------------------------------------

    def process_inbox_object(self, key: str) -> str | None:
        """Parse one object that arrived under inbox/; returns the resume id. Safe to repeat."""
        parsed = InboxKey.parse(key)
        if parsed is None:
            self._reject_key(None, key, "the key is not under inbox/<tenant>/")
            return None
        with self.db.connect() as conn:
            found = find_tenant_id(conn, parsed.tenant or self.default_tenant)
        if found is None:
            self._reject_key(None, key, f"no tenant {parsed.tenant!r}: the object stays in the inbox")
            return None
        tenant_id = found
        try:
            data = self.blobs.get(key)
        except BlobNotFound:
            # A redelivered notification after the first delivery finished (and removed the inbox copy).
            existing = self._find(tenant_id, key, parsed)
            if existing is not None and existing["status"] == "parsed":
                self._queue_match(tenant_id, str(existing["id"]))  # the first run may have died before queueing
            logger.info("inbox object already gone; nothing to parse", extra={"key": key})
            return str(existing["id"]) if existing else None
        row = self._claim(tenant_id, key, parsed)
        if row is None:
            return None
        resume_id = str(row["id"])
        if row["status"] in TERMINAL:
            logger.info("resume already processed; redelivery ignored", extra={"resume_id": resume_id})
            self.blobs.delete(key)
            return resume_id
        keep_key = row["blob_key"] or f"resumes/{tenant_id}/{resume_id}/original-{safe_filename(parsed.filename)}"
        if not row["blob_key"]:
            self.blobs.put(keep_key, data)
        with self.db.connect() as conn:
            conn.execute(
                "UPDATE resumes SET blob_key = %s, size_bytes = %s, sha256 = %s, updated_at = now() WHERE id = %s",
                (keep_key, len(data), hashlib.sha256(data).hexdigest(), resume_id),
            )
        # Extraction, parsing and the optional LLM call hold no database connection: they may take seconds.
        try:
            document = extract_document(data, parsed.filename, self.max_bytes, self.max_pages)
            profile = self._parse(document, resume_id)
        except DocumentRejected as rejected:
            with self.db.connect() as conn:
                self._fail(conn, tenant_id, resume_id, rejected)
            metrics.add_metric(name="ResumeRejected", unit="Count", value=1)
            self.blobs.delete(key)
            return resume_id
        enhanced = self._enhance(profile, document.text, tenant_id, resume_id)
        # The merge names the fields the LLM filled in a warning; only then did the LLM shape this profile.
        parser = "rules+llm" if any(w.startswith("from the LLM") for w in enhanced.warnings) else "rules"
        with self.db.connect() as conn:
            status = self._store_profile(conn, tenant_id, resume_id, enhanced, document.text, parser)
            conn.execute(
                "UPDATE resumes SET page_count = %s, content_type = %s WHERE id = %s",
                (document.page_count, document.content_type, resume_id),
            )
        profile = enhanced
        if status == "parsed":
            self._queue_match(tenant_id, resume_id)  # the worker embeds it: the model stays out of this function
            metrics.add_metric(name="ResumeParsed", unit="Count", value=1)
        else:
            metrics.add_metric(name="ResumeNeedsReview", unit="Count", value=1)
        self.blobs.delete(key)  # the original is kept under resumes/; the inbox copy can go
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
        owner = principal.user_id if principal.role == Role.CANDIDATE else None
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO resumes (id, tenant_id, owner_user_id, source, filename, content_type, size_bytes,"
                " sha256, inbox_key, blob_key, status, page_count) VALUES (%s, %s, %s, 'jsonresume', 'resume.json',"
                " 'application/json', %s, %s, %s, %s, 'parsing', 1)",
                (resume_id, principal.tenant_id, owner, len(raw), hashlib.sha256(raw).hexdigest(),
                 f"import/{resume_id}", keep_key),
            )  # fmt: skip
            record_status(conn, principal.tenant_id, "resume", resume_id, "pending", "imported from JSON Resume")
            status = self._store_profile(conn, principal.tenant_id, resume_id, profile, text, "jsonresume")
        if status == "parsed":
            self._queue_match(principal.tenant_id, resume_id)
        return UploadResult(resume_id, status, reason=review_reason(profile))

    def embed(self, tenant_id: str, resume_id: str) -> bool:
        """Put a parsed resume's embedding in the vector index (the work queue's consumer calls this)."""
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT text_content FROM resumes WHERE tenant_id = %s AND id = %s AND status = 'parsed'",
                (tenant_id, resume_id),
            ).fetchone()
        if row is None or not row["text_content"]:
            return False
        self.vectors.upsert(tenant_id, "resume", resume_id, self.embedder.embed([row["text_content"][:8000]])[0])
        with self.db.connect() as conn:  # warm matching caches key candidates by updated_at: a new vector moves it
            conn.execute(
                "UPDATE resumes SET updated_at = now() WHERE tenant_id = %s AND id = %s", (tenant_id, resume_id)
            )
        return True

    def profile(self, principal: Principal, resume_id: str) -> dict[str, Any]:
        """The structured resume with its confidence and warnings (404 when not visible or not parsed yet)."""
        with self.db.connect() as conn:
            row = self._visible(conn, principal, resume_id)
            stored = conn.execute(
                "SELECT profile, confidence, warnings, parser FROM resumes WHERE id = %s", (resume_id,)
            ).fetchone()
        if stored is None or stored["profile"] is None:
            raise NotFound(f"resume {resume_id} has no parsed profile (status {row['status']})")
        return {"id": resume_id, "status": row["status"], "status_reason": row["status_reason"],
                "parser": stored["parser"], "profile": stored["profile"]}  # fmt: skip

    def parsed_profile(self, principal: Principal, resume_id: str) -> ParsedResume:
        """The stored structured resume as the model."""
        return ParsedResume.model_validate(self.profile(principal, resume_id)["profile"])

    def _parse(self, document: ExtractedDocument, resume_id: str) -> ParsedResume:
        """The rule-based parse; a parser fault leaves an empty, zero-confidence profile for a person to review."""
        try:
            return parse_resume_text(document.text, document.regions, prominent=document.prominent)
        except Exception as exc:  # one resume's parser fault must not fail the batch or lose the upload
            logger.exception("resume parser failed", extra={"resume_id": resume_id})
            return ParsedResume(warnings=[f"the parser failed ({type(exc).__name__}); the text is kept for review"])

    def _enhance(self, profile: ParsedResume, text: str, tenant_id: str, resume_id: str) -> ParsedResume:
        """The optional LLM path (off by default); it returns the rule-based result unchanged when off or failing."""
        from hiring.llm.enhance import maybe_enhance
        from hiring.llm.recorder import PostgresLlmCallRecorder

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
        conn.execute(
            "UPDATE resumes SET status = %s, status_reason = %s, error_code = %s, text_content = %s, skills = %s,"
            " profile = %s, confidence = %s, warnings = %s, parser = %s, parsed_at = now(), updated_at = now()"
            " WHERE id = %s",
            (status, reason, None if reason is None else "low_confidence", text, Json(names),
             Json(profile.model_dump(mode="json")), profile.confidence, Json(profile.warnings), parser, resume_id),
        )  # fmt: skip
        note = f"{len(names)} skills found, confidence {profile.confidence:.2f}" if reason is None else reason
        record_status(conn, tenant_id, "resume", resume_id, status, note)
        return status

    # --- reads -------------------------------------------------------------------------------------

    def get(self, principal: Principal, resume_id: str) -> dict[str, Any]:
        with self.db.connect() as conn:
            row = self._visible(conn, principal, resume_id)
            row["history"] = status_history(conn, principal.tenant_id, "resume", resume_id)
            return row

    def list(self, principal: Principal, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT id, filename, status, status_reason, error_code, skills, created_at, parsed_at FROM resumes"
                " WHERE tenant_id = %s AND (%s OR owner_user_id = %s) ORDER BY created_at DESC LIMIT %s OFFSET %s",
                (principal.tenant_id, principal.role != Role.CANDIDATE, principal.user_id, limit, offset),
            ).fetchall()

    def ensure_visible(self, conn: Connection, principal: Principal, resume_id: str) -> None:
        self._visible(conn, principal, resume_id)

    def _visible(self, conn: Connection, principal: Principal, resume_id: str) -> dict[str, Any]:
        """The resume if the caller may see it: same tenant, and a candidate only their own."""
        if not _UUID.match(resume_id):
            raise NotFound("resume not found")
        row = conn.execute(
            "SELECT id, tenant_id, owner_user_id, source, filename, content_type, size_bytes, status, status_reason,"
            " error_code, page_count, skills, confidence, created_at, updated_at, parsed_at FROM resumes"
            " WHERE tenant_id = %s AND id = %s",
            (principal.tenant_id, resume_id),
        ).fetchone()
        if row is None or (principal.role == Role.CANDIDATE and str(row["owner_user_id"]) != principal.user_id):
            raise NotFound("resume not found")  # the same answer as "absent", so ids cannot be probed
        return row

    # --- internals ---------------------------------------------------------------------------------

    def _claim(self, tenant_id: str, key: str, parsed: InboxKey) -> dict[str, Any] | None:
        with self.db.connect() as conn:
            if parsed.resume_id:
                row = conn.execute(
                    "SELECT id, status, blob_key FROM resumes WHERE tenant_id = %s AND id = %s FOR UPDATE",
                    (tenant_id, parsed.resume_id),
                ).fetchone()
                if row is None:
                    self._reject_key(tenant_id, key, "the key names a resume id that does not exist")
                    return None
            else:
                row = conn.execute(
                    "INSERT INTO resumes (tenant_id, source, filename, inbox_key, status)"
                    " VALUES (%s, 'inbox', %s, %s, 'pending')"
                    " ON CONFLICT (tenant_id, inbox_key) DO UPDATE SET updated_at = now()"
                    " RETURNING id, status, blob_key, (xmax = 0) AS created",
                    (tenant_id, safe_filename(parsed.filename), key),
                ).fetchone()
                assert row is not None
                if row["created"]:
                    record_status(conn, tenant_id, "resume", str(row["id"]), "pending")
            if row["status"] not in TERMINAL:
                conn.execute(
                    "UPDATE resumes SET status = 'parsing', attempts = attempts + 1, updated_at = now() WHERE id = %s",
                    (row["id"],),
                )
                record_status(conn, tenant_id, "resume", str(row["id"]), "parsing")
            return row

    def _find(self, tenant_id: str, key: str, parsed: InboxKey) -> dict[str, Any] | None:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT id, status FROM resumes WHERE tenant_id = %s AND (inbox_key = %s OR id::text = %s)",
                (tenant_id, key, parsed.resume_id or ""),
            ).fetchone()

    def _queue_match(self, tenant_id: str, resume_id: str) -> None:
        self.queue.send(
            {"type": "match_candidate", "tenant_id": tenant_id, "resume_id": resume_id},
            dedup_key=f"match_candidate:{resume_id}",
        )

    def _fail(self, conn: Connection, tenant_id: str, resume_id: str, rejected: DocumentRejected) -> None:
        status = "needs_review" if rejected.needs_review else "failed"
        conn.execute(
            "UPDATE resumes SET status = %s, status_reason = %s, error_code = %s, updated_at = now() WHERE id = %s",
            (status, rejected.message, rejected.code.value, resume_id),
        )
        record_status(conn, tenant_id, "resume", resume_id, status, rejected.message)
        logger.info("resume rejected", extra={"resume_id": resume_id, "code": rejected.code.value})

    def _reject_key(self, tenant_id: str | None, key: str, reason: str) -> None:
        with self.db.connect() as conn:
            record_rejection(conn, tenant_id, "resume", "inbox", reason, {"key": key})
        logger.warning("inbox object rejected", extra={"key": key, "reason": reason})
