"""The rotating scrape queue: roles handed to bots oldest first, their uploads queued for import, then rotated."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hiring.adapters.postgres import Connection, Database
from hiring.analysis.occupations import normalize_title
from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.hygiene import FORBIDDEN_TEXT, forbidden_char_paths
from hiring.observability import logger, metrics
from hiring.ports import BlobStore, WorkQueue
from hiring.scraping.bots import ScraperPrincipal
from hiring.scraping.models import (
    Alert,
    QueueStatus,
    RefusedJob,
    RoleCompleted,
    RoleFailed,
    RolesRebuilt,
    ScrapeRole,
    UploadQueued,
)
from hiring.services.messages import ImportScraped, MatchRoleCandidates
from hiring.stores import candidates as candidates_store
from hiring.stores import jobs as jobs_store
from hiring.stores import resumes as resumes_store
from hiring.stores import scraping as store
from hiring.stores.audit import bot_actor, record_audit, record_rejection

MAX_LOCATION_HINTS = 10


class ScrapeUpload(BaseModel):
    """One platform's jobs for one role; each job is a posting object the import pipeline validates row by row."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    platform: str = Field(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
    jobs: list[dict[str, Any]] = Field(max_length=5000)


@dataclass(frozen=True)
class QueuePolicy:
    """How the queue hands out and retries roles."""

    inline_limit_bytes: int = 64_000  # larger uploads travel as a blob key: an SQS message holds 256 KB
    retry_base_s: int = 60
    retry_cap_s: int = 3600
    lease_s: int = 2 * 3600  # a role claimed longer ago than this is handed out again (its bot died)
    stuck_after_s: int = 3600


def clean_hints(hints: Sequence[str]) -> list[str]:
    """Location hints trimmed, blank ones and case-insensitive repeats dropped, at most MAX_LOCATION_HINTS."""
    seen: dict[str, str] = {}
    for hint in hints:
        text = " ".join(str(hint).split())[:100]
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return list(seen.values())[:MAX_LOCATION_HINTS]


class ScrapeQueue:
    def __init__(self, db: Database, queue: WorkQueue, blobs: BlobStore, policy: QueuePolicy | None = None) -> None:
        self.db = db
        self.queue = queue
        self.blobs = blobs
        self.policy = policy or QueuePolicy()

    # --- roles (admin) -----------------------------------------------------------------------------

    def add_role(self, tenant_id: str, title: str, location_hints: Sequence[str]) -> tuple[ScrapeRole, bool]:
        """Add a role by title, or merge the hints into the role with the same normalized title; True if new."""
        title = " ".join(title.split())
        normalized = normalize_title(title)
        if not normalized:
            raise InvalidInput(f"title {title!r} names no role once level words are removed", field="title")
        with self.db.connect() as conn:
            row = store.upsert_admin_role(conn, tenant_id, title, normalized, clean_hints(location_hints))
            role = self._role(conn, tenant_id, str(row["id"]), lock=False)
            # The merge may repeat a hint; tidy it here rather than in SQL.
            role["location_hints"] = clean_hints(role["location_hints"])
            store.set_role_hints(conn, role["id"], role["location_hints"])
        return ScrapeRole.model_validate(role), bool(row["created"])

    def list_roles(self, tenant_id: str, limit: int = 200) -> list[ScrapeRole]:
        with self.db.connect() as conn:
            rows = store.list_roles(conn, tenant_id, limit)
        return [ScrapeRole.model_validate(row) for row in rows]

    # --- the bot's cycle: next, upload, complete or fail -------------------------------------------

    def next(self, bot: ScraperPrincipal) -> ScrapeRole | None:
        """Hand out the role that waited longest and mark it scraping; None when nothing is due."""
        with self.db.connect() as conn:
            row = store.claim_next_role(conn, bot.tenant_id, self.policy.lease_s, bot.key_id)
        if row is None:
            return None
        logger.info("scrape role handed out", extra={"role_id": str(row["id"]), "prefix": bot.prefix})
        return ScrapeRole.model_validate(row)

    def upload(
        self, bot: ScraperPrincipal, role_id: str, upload: ScrapeUpload, raw: bytes | None = None
    ) -> UploadQueued:
        """Record one platform's jobs and queue them for import; large uploads go through the blob store.

        A job holding a NUL or control character is refused alone (listed under "refused" with its reason, and
        recorded with the upload's first bytes, `raw` or else the upload as JSON); the others are queued.
        """
        kept, refused = refused_jobs(upload.jobs)
        if refused:
            evidence = raw if raw is not None else upload.model_dump_json().encode()
            self.record_refusal(bot, f"{len(refused)} of {len(upload.jobs)} jobs refused", evidence, refused=refused)
            upload = upload.model_copy(update={"jobs": kept})
        upload_id = str(uuid.uuid4())
        payload = json.dumps({"platform": upload.platform, "jobs": upload.jobs}, separators=(",", ":")).encode()
        count = len(upload.jobs)
        message: dict[str, Any] = {
            "type": "import_scraped",
            "tenant_id": bot.tenant_id,
            "role_id": role_id,
            "upload_id": upload_id,
            "platform": upload.platform,
            "job_count": count,
        }
        blob_key = None
        with self.db.connect() as conn:
            role_id = self._role(conn, bot.tenant_id, role_id, lock=False)["id"]  # 404 for another tenant's role
            message["role_id"] = role_id
            if count and len(payload) > self.policy.inline_limit_bytes:
                blob_key = f"scrapes/{bot.tenant_id}/{role_id}/{upload_id}.json"
                self.blobs.put(blob_key, payload, "application/json")
                message["blob_key"] = blob_key
            else:
                message["jobs"] = upload.jobs
            status = "queued" if count else "empty"
            batch_id = None
            if count:  # the batch exists from now on, 'queued' until the import worker runs it
                source = f"scraper:{upload_id}"
                batch_id = jobs_store.create_batch(conn, bot.tenant_id, upload.platform, source, None, "queued")
                message["batch_id"] = batch_id
            store.insert_upload(
                conn, upload_id, bot.tenant_id, role_id, bot.key_id, upload.platform,
                job_count=count, size_bytes=len(payload), blob_key=blob_key, status=status,
            )  # fmt: skip
            detail = {"role_id": role_id, "platform": upload.platform, "job_count": count, "batch_id": batch_id}
            actor = bot_actor(bot.key_id)
            record_audit(conn, bot.tenant_id, actor, "scrape_upload", "scrape_upload", upload_id, detail)
            if count:
                # Sent before the row commits: if sending fails the bot gets an error and nothing half-done stays.
                self.queue.send(ImportScraped.model_validate(message), dedup_key=f"import_scraped:{upload_id}")
        metrics.add_metric(name="ScrapedJobsUploaded", unit="Count", value=count)
        logger.info(
            "scrape upload queued",
            extra={"upload_id": upload_id, "role_id": role_id, "platform": upload.platform, "jobs": count,
                   "via_blob": blob_key is not None},
        )  # fmt: skip
        return UploadQueued(
            id=uuid.UUID(upload_id), batch_id=uuid.UUID(batch_id) if batch_id else None, role_id=uuid.UUID(role_id),
            platform=upload.platform, job_count=count,
            status=status, refused=[RefusedJob.model_validate(job) for job in refused],
        )  # fmt: skip

    def complete(self, bot: ScraperPrincipal, role_id: str) -> RoleCompleted:
        """End the cycle: count its jobs per platform, rotate the role to the back, queue matching."""
        with self.db.connect() as conn:
            role = self._claimed(conn, bot.tenant_id, role_id)
            per_platform = store.jobs_per_platform_since(conn, bot.tenant_id, role["id"], role["started_at"])
            completed_at = store.complete_role(conn, role["id"], per_platform)
            self.queue.send(
                MatchRoleCandidates.model_validate({"tenant_id": bot.tenant_id, "role_id": role["id"]}),
                dedup_key=f"match_role_candidates:{role['id']}",
            )
        jobs = sum(per_platform.values())
        metrics.add_metric(name="ScrapeCyclesCompleted", unit="Count", value=1)
        logger.info("scrape cycle completed", extra={"role_id": role_id, "jobs": jobs, "platforms": per_platform})
        return RoleCompleted(
            id=role["id"], status="pending", last_completed_at=completed_at, jobs=jobs,
            jobs_by_platform=per_platform, matching_queued=True,
        )  # fmt: skip

    def fail(self, bot: ScraperPrincipal, role_id: str, error: str) -> RoleFailed:
        """Record the error, count the retry and put the role back after an exponential backoff."""
        with self.db.connect() as conn:
            role = self._claimed(conn, bot.tenant_id, role_id)
            retry = role["retry_count"] + 1
            delay_s = min(self.policy.retry_base_s * 2 ** (retry - 1), self.policy.retry_cap_s)
            next_attempt_at = store.fail_role(conn, role["id"], retry, error, delay_s)
        logger.warning("scrape cycle failed", extra={"role_id": role_id, "retry_count": retry})
        return RoleFailed(id=role["id"], status="pending", retry_count=retry, next_attempt_at=next_attempt_at)

    def record_refusal(
        self,
        bot: ScraperPrincipal,
        reason: str,
        raw: bytes,
        problems: list[dict[str, str]] | None = None,
        refused: list[dict[str, Any]] | None = None,
    ) -> None:
        """A refused upload (or its refused jobs) is recorded, so an admin can see which bot sent what and why."""
        detail: dict[str, Any] = {"problems": problems or [], "body_prefix": raw[:500].decode("utf-8", "replace")}
        if refused:
            detail["refused"] = refused
        with self.db.connect() as conn:
            record_rejection(conn, bot.tenant_id, "scrape_upload", f"scraper:{bot.prefix}", reason, detail)

    def rebuild_roles(self, tenant_id: str) -> RolesRebuilt:
        return rebuild_scrape_roles(self.db, tenant_id)

    def alerts(self, tenant_id: str, limit: int) -> list[Alert]:
        from hiring.scraping.alerts import list_alerts

        return list_alerts(self.db, tenant_id, limit)

    # --- the summary ---------------------------------------------------------------------------------

    def status(self, tenant_id: str, now: dt.datetime | None = None) -> QueueStatus:
        """Counts by state, the role that goes out next, stuck roles and today's uploads."""
        with self.db.connect() as conn:
            at = store.db_now(conn, now)
            summary = store.queue_status(conn, tenant_id, at, at - dt.timedelta(seconds=self.policy.stuck_after_s))
        return QueueStatus.model_validate(summary)

    # --- internals -----------------------------------------------------------------------------------

    @staticmethod
    def _role(conn: Connection, tenant_id: str, role_id: str, lock: bool) -> dict[str, Any]:
        row = store.role(conn, tenant_id, role_id, lock)
        if row is None:
            raise NotFound("scrape role not found")
        return row

    def _claimed(self, conn: Connection, tenant_id: str, role_id: str) -> dict[str, Any]:
        role = self._role(conn, tenant_id, role_id, lock=True)
        if role["status"] != "scraping":
            raise Conflict("this role is not being scraped; fetch it from /api/scrape-queue/next first")
        return role


def refused_jobs(jobs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(jobs to queue, refused jobs with their row number, reason and evidence: scrubbed when it is recorded)."""
    kept: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    for index, job in enumerate(jobs):
        paths = list(forbidden_char_paths(job, f"jobs.{index}"))
        if paths:
            evidence = json.dumps(job, ensure_ascii=False)[:500]
            refused.append({"row": index + 1, "reason": f"{', '.join(paths)} {FORBIDDEN_TEXT}", "raw": evidence})
        else:
            kept.append(job)
    return kept, refused


# --- roles from candidates' resumes ------------------------------------------------------------------


def most_recent_job(experience: Sequence[Any]) -> dict[str, Any] | None:
    """The latest titled job: current first, then by end (or start) date; without any dates, the first listed."""
    titled = [e for e in experience if isinstance(e, dict) and isinstance(e.get("title"), str) and e["title"].strip()]
    if not titled:
        return None
    if not any(e.get("current") or e.get("start") or e.get("end") for e in titled):
        return titled[0]  # resumes list jobs newest first by convention

    def recency(entry: dict[str, Any]) -> tuple[str, str]:
        end = "9999-12" if entry.get("current") else str(entry.get("end") or entry.get("start") or "")
        return end, str(entry.get("start") or "")

    return max(titled, key=recency)


@dataclass
class _DerivedRole:
    titles: Counter[str] = field(default_factory=Counter)
    candidates: set[str] = field(default_factory=set)
    resume_ids: list[str] = field(default_factory=list)
    locations: Counter[str] = field(default_factory=Counter)


def derive_roles(resumes: Sequence[dict[str, Any]], desired: Sequence[dict[str, Any]] = ()) -> dict[str, _DerivedRole]:
    """Group parsed resumes by the normalized title of their most recent job, and candidates by the titles they
    said they want (desired: {user_id, title, resume_id, location} rows)."""
    roles: dict[str, _DerivedRole] = {}
    for wish in desired:
        title = " ".join(str(wish["title"]).split())
        normalized = normalize_title(title)
        if not normalized:
            continue
        role = roles.setdefault(normalized, _DerivedRole())
        role.titles[title] += 1
        role.candidates.add(str(wish["user_id"]))
        if wish.get("resume_id") and wish["resume_id"] not in role.resume_ids:
            role.resume_ids.append(str(wish["resume_id"]))
        if isinstance(wish.get("location"), str) and wish["location"].strip():
            role.locations[" ".join(wish["location"].split())] += 1
    for resume in resumes:
        profile = resume.get("profile") or {}
        job = most_recent_job(profile.get("experience") or [])
        if job is None:
            continue
        title = " ".join(job["title"].split())
        normalized = normalize_title(title)
        if not normalized:
            continue
        role = roles.setdefault(normalized, _DerivedRole())
        role.titles[title] += 1
        role.candidates.add(str(resume.get("owner_user_id") or resume["id"]))  # one person, however many resumes
        if str(resume["id"]) not in role.resume_ids:
            role.resume_ids.append(str(resume["id"]))
        for place in (job.get("location"), profile.get("location")):
            if isinstance(place, str) and place.strip():
                role.locations[" ".join(place.split())] += 1
    return roles


def rebuild_scrape_roles(db: Database, tenant_id: str) -> RolesRebuilt:
    """Derive roles from the tenant's parsed resumes; skipped while resumes carry no structured profile."""
    with db.connect() as conn:
        if not store.resumes_have_profiles(conn):
            logger.info("scrape roles not rebuilt: resumes have no profile column")
            return RolesRebuilt(skipped="resumes have no structured profile yet", roles=0, candidates=0, retired=0)
        derived = derive_roles(
            resumes_store.parsed_profiles(conn, tenant_id), candidates_store.desired_titles(conn, tenant_id)
        )
        store.forget_role_candidates(conn, tenant_id)
        for normalized, role in sorted(derived.items()):
            title = role.titles.most_common(1)[0][0]
            hints = clean_hints([place for place, _ in role.locations.most_common()])
            role_id = store.upsert_derived_role(conn, tenant_id, title, normalized, hints, len(role.candidates))
            store.add_role_candidates(conn, tenant_id, role_id, role.resume_ids)
        retired = store.retire_roles_except(conn, tenant_id, list(derived))
    summary = RolesRebuilt(roles=len(derived), candidates=sum(len(r.candidates) for r in derived.values()),
                           retired=retired)  # fmt: skip
    logger.info("scrape roles rebuilt", extra={"tenant_id": tenant_id, **summary.model_dump(exclude_none=True)})
    return summary


def role_candidates(db: Database, tenant_id: str, role_id: str) -> list[str]:
    """The resumes behind a role: what a match_role_candidates consumer re-matches."""
    with db.connect() as conn:
        return store.role_candidates(conn, tenant_id, role_id)
