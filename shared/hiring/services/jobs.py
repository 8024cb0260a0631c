"""Job postings: stored as they arrive (API, feeds, bots), analysed asynchronously, de-duplicated, searched,
expired. A stored posting is queued for analysis; an analysed one is queued for matching."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hiring.adapters.postgres import Connection, Database
from hiring.analysis.feeds import (
    MAX_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    NeutralPosting,
    RowRejected,
    map_row,
    parse_posted_at,
)
from hiring.errors import InvalidInput, NotFound
from hiring.hygiene import MAX_OFFSET, is_http_url, scrub_for_storage
from hiring.observability import logger, metrics
from hiring.ports import Embedder, VectorIndex, WorkQueue
from hiring.principal import Principal
from hiring.services.job_models import (
    ImportBatch,
    ImportOutcome,
    JobClosed,
    JobCreated,
    JobDetail,
    JobQueued,
    JobSummary,
)
from hiring.services.messages import AnalyzeJob, MatchJob, refresh_batches
from hiring.stores import jobs as jobs_store
from hiring.stores import matches as matches_store
from hiring.stores.audit import record_audit, record_rejection, record_status, status_history

DUPLICATE_SIMILARITY = 0.8  # word-shingle Jaccard of two descriptions above which they are the same posting


class JobPosting(BaseModel):
    """A posting as recruiters send it. Unknown fields are refused so typos surface."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION_CHARS)
    company: str | None = Field(default=None, max_length=300)
    location: str | None = Field(default=None, max_length=300)
    skills: list[str] | None = Field(default=None, max_length=200, description="skills the poster names as required")
    salary: str | None = Field(default=None, max_length=200, description='as written, e.g. "$120k - $140k"')
    employment_type: str | None = Field(default=None, max_length=50)
    work_arrangement: str | None = Field(default=None, max_length=50)
    url: str | None = Field(default=None, max_length=2000, description="an absolute http(s) address")
    external_id: str | None = Field(default=None, max_length=200)
    platform: str | None = Field(default=None, max_length=50)
    posted_at: dt.datetime | None = None

    @field_validator("skills")
    @classmethod
    def _skills_are_short(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not s.strip() or len(s) > 100 for s in value):
            raise ValueError("each skill must be 1-100 characters")
        return value

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not is_http_url(value):
            raise ValueError("must be an absolute http(s) address")
        return value

    def neutral(self) -> NeutralPosting:
        description = self.description
        if self.skills:  # named skills are requirements: say so where the analyser will read them
            description += "\n\nRequirements:\n" + "\n".join(f"• {s}" for s in self.skills)
        return NeutralPosting(
            external_id=self.external_id,
            title=self.title,
            description=description,
            company=self.company,
            location=self.location,
            salary_text=self.salary,
            employment_hint=self.employment_type,
            arrangement_hint=self.work_arrangement,
            posted_at=self.posted_at.isoformat() if self.posted_at else None,
            url=self.url,
        )


class JobSearch(BaseModel):
    """Filters, sorting and paging for GET /api/jobs."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(default="active", pattern="^(active|closed|expired|duplicate)$")
    q: str | None = Field(default=None, min_length=1, max_length=200, description="keywords: title, company, text")
    skills: list[str] = Field(default_factory=list, max_length=20, description="every one required or preferred")
    location: str | None = Field(default=None, max_length=100, description="city, state or country, partial match")
    remote: bool | None = None
    experience_level: str | None = Field(default=None, pattern="^(entry|mid|senior|lead|executive)$")
    employment_type: str | None = Field(default=None, max_length=30)
    salary_floor: float | None = Field(
        default=None, ge=0, le=1e12, allow_inf_nan=False, description="annual; jobs whose max reaches it"
    )
    posted_since: dt.datetime | None = None
    platform: str | None = Field(default=None, max_length=50)
    blocked_companies: list[str] = Field(default_factory=list, max_length=100)
    sort: str | None = Field(default=None, pattern="^(relevance|posted_at|salary|quality|title)$",
                             description="default: relevance with q=, else posted_at")  # fmt: skip
    order: str = Field(default="desc", pattern="^(asc|desc)$")
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


@dataclass
class ImportResult:
    batch_id: str
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    def outcome(self) -> ImportOutcome:
        return ImportOutcome.model_validate(self.as_dict())


def _norm(value: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (value or "").lower()).strip()


def _dedup_key(posting: NeutralPosting) -> str:
    from hiring.analysis.occupations import normalize_title

    company = re.sub(r"\b(?:inc|llc|ltd|corp|corporation|co|gmbh|plc)\b", "", _norm(posting.company)).strip()
    location = _norm((posting.location or "").split(",")[0])
    return f"{company}|{normalize_title(posting.title)}|{location}"


def _shingles(text: str) -> set[str]:
    words = _norm(text).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _similar(a: str, b: str) -> bool:
    left, right = _shingles(a), _shingles(b)
    return bool(left and right) and len(left & right) / len(left | right) >= DUPLICATE_SIMILARITY


def _content_hash(posting: NeutralPosting) -> str:
    return hashlib.sha256(json.dumps(posting.as_dict(), sort_keys=True).encode()).hexdigest()


class JobService:
    def __init__(self, db: Database, queue: WorkQueue, vectors: VectorIndex, embedder: Embedder) -> None:
        self.db = db
        self.queue = queue
        self.vectors = vectors
        self.embedder = embedder

    # --- intake --------------------------------------------------------------------------------------

    def create(self, principal: Principal, posting: JobPosting) -> JobCreated:
        """Store a recruiter's posting; analysis runs from the work queue and its status is on the job."""
        platform = posting.platform or "direct"
        with self.db.connect() as conn:
            outcome, job_id = self._upsert(
                conn, principal.tenant_id, platform, posting.neutral(), None, principal.user_id
            )
        if outcome in {"new", "updated"}:
            self._queue_analysis([(principal.tenant_id, job_id)])
        status = "pending" if outcome in {"new", "updated"} else outcome
        return JobCreated.model_validate({"id": job_id, "status": status, "outcome": outcome})

    def update(self, principal: Principal, job_id: str, posting: JobPosting) -> JobQueued:
        with self.db.connect() as conn:
            row = jobs_store.lock_source(conn, principal.tenant_id, job_id)
            if row is None:
                raise NotFound("job not found")
            neutral = posting.neutral()
            neutral.external_id = row["external_id"]
            self._write(conn, principal.tenant_id, job_id, neutral, _content_hash(neutral), None)
            record_status(conn, principal.tenant_id, "job", job_id, "updated", "edited by a recruiter")
        self._queue_analysis([(principal.tenant_id, job_id)])
        return JobQueued.model_validate({"id": job_id, "status": "pending"})

    def import_rows(
        self,
        tenant_id: str,
        platform: str,
        rows: Iterable[tuple[int, dict[str, Any] | str]],
        source: str,
        created_by: str | None = None,
        progress: Callable[[int], None] | None = None,
        chunk: int = 500,
        batch_id: str | None = None,
    ) -> ImportResult:
        """Upsert a feed by (platform, external id) as one batch record; a bad row is recorded and skipped.

        Re-importing the same rows changes nothing: unchanged content is counted, not rewritten. `batch_id` names a
        batch created 'queued' beforehand (a scraper upload answered with it); without it a new batch is created.
        """
        with self.db.connect() as conn:
            if batch_id is None or not jobs_store.start_batch(conn, tenant_id, batch_id):
                batch_id = jobs_store.create_batch(conn, tenant_id, platform, source, created_by)
            result = ImportResult(batch_id=batch_id)
        pending: list[tuple[int, dict[str, Any] | str]] = []
        for item in rows:
            pending.append(item)
            if len(pending) >= chunk:
                self._import_chunk(tenant_id, platform, source, pending, result, created_by)
                if progress:
                    progress(len(pending))
                pending = []
        if pending:
            self._import_chunk(tenant_id, platform, source, pending, result, created_by)
            if progress:
                progress(len(pending))
        with self.db.connect() as conn:
            jobs_store.finish_batch(conn, result)
            counts = {k: v for k, v in result.as_dict().items() if k not in ("errors", "batch_id")}
            record_audit(
                conn, tenant_id, created_by, "import", "import_batch", result.batch_id, {"platform": platform, **counts}
            )
        metrics.add_metric(name="JobsImported", unit="Count", value=result.new + result.updated)
        metrics.add_metric(name="ImportBatches", unit="Count", value=1)
        metrics.add_metric(name="ImportRowsFailed", unit="Count", value=result.failed)
        logger.info("feed imported", extra={k: v for k, v in result.as_dict().items() if k != "errors"})
        return result

    def _import_chunk(
        self,
        tenant_id: str,
        platform: str,
        source: str,
        rows: list[tuple[int, dict[str, Any] | str]],
        result: ImportResult,
        created_by: str | None,
    ) -> None:
        to_analyse: list[tuple[str, str]] = []
        with self.db.connect() as conn:
            for number, raw in rows:
                result.total += 1
                try:
                    posting = map_row(raw, platform)
                    if not posting.external_id:
                        posting.external_id = _content_hash(posting)[:32]  # stable across re-imports
                    with conn.transaction():  # a savepoint: one bad row never undoes the others
                        outcome, job_id = self._upsert(
                            conn, tenant_id, platform, posting, raw if isinstance(raw, dict) else None, created_by,
                            batch_id=result.batch_id,
                        )  # fmt: skip
                except (RowRejected, InvalidInput) as exc:
                    self._row_failed(conn, (tenant_id, platform, source), result, number, str(exc), raw)
                    continue
                except Exception as exc:  # a row the database refuses (too long, bad encoding) fails alone
                    logger.warning("feed row failed", extra={"row": number, "error": type(exc).__name__})
                    failure = f"{type(exc).__name__}: {exc}"[:500]
                    self._row_failed(conn, (tenant_id, platform, source), result, number, failure, raw)
                    continue
                setattr(result, outcome, getattr(result, outcome) + 1)
                if outcome in {"new", "updated"}:
                    to_analyse.append((tenant_id, job_id))
        self._queue_analysis(to_analyse)

    @staticmethod
    def _row_failed(
        conn: Connection, feed: tuple[str, str, str], result: ImportResult, number: int, reason: str, raw: Any
    ) -> None:
        """A refused row: counted, listed under its batch (import_errors) and among the admin's rejections with
        the batch id and row number; the rejection keeps the row's first 500 characters, like other refusals."""
        tenant_id, platform, source = feed
        reason = scrub_for_storage(reason)  # the reason may quote the row: no NUL reaches the store
        result.failed += 1
        result.errors.append({"row": number, "reason": reason})
        snippet = scrub_for_storage(raw if isinstance(raw, str) else json.dumps(raw, default=str, ensure_ascii=False))
        jobs_store.record_row_error(conn, result.batch_id, number, reason, snippet[:2000])
        detail = {"batch_id": result.batch_id, "row": number, "platform": platform, "row_prefix": snippet[:500]}
        record_rejection(conn, tenant_id, "feed_row", source, reason, detail)

    def _upsert(
        self,
        conn: Connection,
        tenant_id: str,
        platform: str,
        posting: NeutralPosting,
        raw: dict[str, Any] | None,
        created_by: str | None,
        batch_id: str | None = None,
    ) -> tuple[str, str]:
        """(outcome, job id): outcome is new, updated, unchanged or duplicate."""
        content_hash = _content_hash(posting)
        if posting.external_id:
            existing = jobs_store.lock_by_external_id(conn, tenant_id, platform, posting.external_id)
            if existing is not None:
                job_id = str(existing["id"])
                if existing["content_hash"] == content_hash:
                    return "unchanged", job_id
                self._write(conn, tenant_id, job_id, posting, content_hash, raw)
                record_status(conn, tenant_id, "job", job_id, "updated", f"re-imported from {platform}")
                return "updated", job_id
        dedup_key = _dedup_key(posting)
        original = self._find_duplicate(conn, tenant_id, dedup_key, posting.description)
        # Rows with a posted_at that is not a date were refused (map_row); only an absent one is "now".
        posted_at = parse_posted_at(posting.posted_at) or dt.datetime.now(dt.UTC)
        job_id = jobs_store.insert_job(
            conn, tenant_id, platform, posting, raw=raw, created_by=created_by, posted_at=posted_at,
            content_hash=content_hash, dedup_key=dedup_key, duplicate_of=original, batch_id=batch_id,
        )  # fmt: skip
        if original:
            record_status(conn, tenant_id, "job", job_id, "duplicate", f"same posting as job {original}")
            return "duplicate", job_id
        record_status(conn, tenant_id, "job", job_id, "pending", f"received from {platform}; analysis queued")
        return "new", job_id

    @staticmethod
    def _write(
        conn: Connection,
        tenant_id: str,
        job_id: str,
        posting: NeutralPosting,
        content_hash: str,
        raw: dict[str, Any] | None,
    ) -> None:
        jobs_store.rewrite_job(
            conn, tenant_id, job_id, posting, raw=raw, content_hash=content_hash, dedup_key=_dedup_key(posting)
        )

    @staticmethod
    def _find_duplicate(conn: Connection, tenant_id: str, dedup_key: str, description: str) -> str | None:
        """An earlier original with the same company, title and place, and nearly the same description."""
        if dedup_key.startswith("|"):  # without a company the key is too weak to call anything a duplicate
            return None
        for candidate in jobs_store.duplicate_candidates(conn, tenant_id, dedup_key):
            if _similar(candidate["description"], description):
                return str(candidate["id"])
        return None

    def record_refusal(
        self, principal: Principal, reason: str, raw: bytes, problems: list[dict[str, str]] | None = None
    ) -> None:
        """A refused posting body is kept (rejected_inputs), so an admin can see who sent what and why."""
        detail = {"problems": problems or [], "body_prefix": raw[:500].decode("utf-8", "replace")}
        with self.db.connect() as conn:
            record_rejection(conn, principal.tenant_id, "job", "api", reason, detail)

    def _queue_analysis(self, jobs: list[tuple[str, str]]) -> None:
        if jobs:
            self.queue.send_batch([AnalyzeJob.model_validate({"tenant_id": t, "job_id": j}) for t, j in jobs])

    # --- analysis (the work queue's consumer) ----------------------------------------------------------

    def analyze(self, tenant_id: str, job_id: str) -> bool:
        """Analyse one stored posting and queue it for matching; False when there is nothing to do."""
        from hiring.analysis.job_analysis import analyze_job
        from hiring.services.esco_links import link_job

        with self.db.connect() as conn:
            job = jobs_store.lock_for_analysis(conn, tenant_id, job_id)
            if job is None or job["status"] == "duplicate":
                return False
            raw = job["raw"] or {}
            try:
                analysis = analyze_job(
                    job["title"],
                    job["description"],
                    location=job["location"],
                    salary_text=job["salary_raw"],
                    employment_hint=raw.get("employment_hint") or raw.get("employment_type"),
                    arrangement_hint=raw.get("arrangement_hint") or raw.get("work_arrangement"),
                )
            except Exception as exc:  # a posting the analyser chokes on is marked, not lost
                logger.exception("job analysis failed", extra={"job_id": job_id})
                jobs_store.mark_analysis_failed(conn, job_id, f"{type(exc).__name__}: {exc}")
                record_status(conn, tenant_id, "job", job_id, "analysis_failed", type(exc).__name__)
                return False
            active = job["status"] == "active"
            if active:  # the vector lands before the analysed row commits: whoever sees the row finds its vector
                text = f"{job['title']}\n{job['description']}"
                self.vectors.upsert(tenant_id, "job", job_id, self.embedder.embed([text[:8000]])[0])
            jobs_store.store_analysis(conn, job_id, analysis)
            link_job(conn, self.embedder, tenant_id, job_id, job["description"])  # ESCO links, in this transaction
            record_status(
                conn, tenant_id, "job", job_id, "analyzed",
                f"{len(analysis.required_skills)} required, {len(analysis.preferred_skills)} preferred skills;"
                f" quality {analysis.quality_score}",
            )  # fmt: skip
        if active:
            self.queue.send(MatchJob.model_validate({"tenant_id": tenant_id, "job_id": job_id}))
        return True

    # --- reads ---------------------------------------------------------------------------------------

    def get(self, principal: Principal, job_id: str) -> JobDetail:
        with self.db.connect() as conn:
            row = jobs_store.get_job(conn, principal.tenant_id, job_id)
            if row is None:
                raise NotFound("job not found")
            row["history"] = status_history(conn, principal.tenant_id, "job", job_id)
        return JobDetail.model_validate(row)

    def search(self, principal: Principal, query: JobSearch) -> list[JobSummary]:
        with self.db.connect() as conn:
            rows = jobs_store.search_jobs(conn, principal.tenant_id, query)
        return [JobSummary.model_validate(row) for row in rows]

    def list(self, principal: Principal, status: str = "active", limit: int = 50, offset: int = 0) -> list[JobSummary]:
        return self.search(principal, JobSearch(status=status, limit=limit, offset=offset))

    def batch(self, principal: Principal, batch_id: str) -> ImportBatch:
        with self.db.connect() as conn:
            row = jobs_store.get_batch(conn, principal.tenant_id, batch_id)
        if row is None:
            raise NotFound("import batch not found")
        return ImportBatch.model_validate(row)

    # --- lifecycle -----------------------------------------------------------------------------------

    def close(self, principal: Principal, job_id: str) -> JobClosed:
        with self.db.connect() as conn:
            row = jobs_store.close_job(conn, principal.tenant_id, job_id)
            if row is None:
                raise NotFound("job not found")
            left = matches_store.withdraw_suggestions(conn, [row["id"]])
            record_status(conn, principal.tenant_id, "job", job_id, "closed", "closed by a recruiter")
        self._refill(left)
        return JobClosed.model_validate(row)

    def _refill(self, left: Sequence[dict[str, Any]]) -> None:
        """Lists a job left have room: re-match those candidates (a job trimmed from the list may come back)."""
        by_tenant: dict[str, set[str]] = {}
        for row in left:
            by_tenant.setdefault(str(row["tenant_id"]), set()).add(str(row["resume_id"]))
        self.queue.send_batch(refresh_batches({tenant: sorted(found) for tenant, found in sorted(by_tenant.items())}))

    def expire_stale(self, ttl_days: int) -> int:
        """Expire active jobs ttl_days after the earlier of their posted and imported dates; withdraw suggestions."""
        with self.db.connect() as conn:
            rows = jobs_store.expire_stale(conn, ttl_days)
            for row in rows:
                record_status(
                    conn, str(row["tenant_id"]), "job", str(row["id"]), "expired", f"older than {ttl_days} days"
                )
            left = matches_store.withdraw_suggestions(conn, [r["id"] for r in rows])
        self._refill(left)
        logger.info("jobs expired", extra={"count": len(rows)})
        return len(rows)
