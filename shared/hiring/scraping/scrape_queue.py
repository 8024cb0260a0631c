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
from hiring.observability import logger, metrics
from hiring.ports import BlobStore, WorkQueue
from hiring.scraping.bots import ScraperPrincipal

MAX_LOCATION_HINTS = 10
_ROLE_FIELDS = (
    "title", "normalized_title", "location_hints", "candidate_count", "source", "active", "status",
    "started_at", "last_completed_at", "next_attempt_at", "retry_count", "last_error", "cycle_jobs",
)  # fmt: skip
_ROLE_COLUMNS = "id::text AS id, " + ", ".join(_ROLE_FIELDS)  # ids as text: callers compare and send them
# Never-scraped roles first, then the least recently completed: completing a role sends it to the back.
_ROTATION_ORDER = "last_completed_at NULLS FIRST, created_at, id"


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

    def add_role(self, tenant_id: str, title: str, location_hints: Sequence[str]) -> tuple[dict[str, Any], bool]:
        """Add a role by title, or merge the hints into the role with the same normalized title; True if new."""
        title = " ".join(title.split())
        normalized = normalize_title(title)
        if not normalized:
            raise InvalidInput(f"title {title!r} names no role once level words are removed", field="title")
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO scrape_roles (tenant_id, title, normalized_title, location_hints, source)"
                " VALUES (%s, %s, %s, %s, 'admin') ON CONFLICT (tenant_id, normalized_title) DO UPDATE SET"
                " location_hints = scrape_roles.location_hints || EXCLUDED.location_hints, active = true,"
                " updated_at = now() RETURNING (xmax = 0) AS created, id",
                (tenant_id, title[:200], normalized[:200], clean_hints(location_hints)),
            ).fetchone()
            assert row is not None
            role = self._role(conn, tenant_id, str(row["id"]), lock=False)
            # The merge may repeat a hint; tidy it here rather than in SQL.
            role["location_hints"] = clean_hints(role["location_hints"])
            conn.execute(
                "UPDATE scrape_roles SET location_hints = %s WHERE id = %s", (role["location_hints"], row["id"])
            )
        return role, bool(row["created"])

    def list_roles(self, tenant_id: str, limit: int = 200) -> list[dict[str, Any]]:
        with self.db.connect() as conn:
            return conn.execute(
                f"SELECT {_ROLE_COLUMNS} FROM scrape_roles WHERE tenant_id = %s"
                f" ORDER BY active DESC, {_ROTATION_ORDER} LIMIT %s",
                (tenant_id, limit),
            ).fetchall()

    # --- the bot's cycle: next, upload, complete or fail -------------------------------------------

    def next(self, bot: ScraperPrincipal) -> dict[str, Any] | None:
        """Hand out the role that waited longest and mark it scraping; None when nothing is due."""
        with self.db.connect() as conn:
            row = conn.execute(
                "WITH picked AS ("
                "  SELECT id FROM scrape_roles WHERE tenant_id = %(tenant)s AND active AND ("
                "    (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))"
                "    OR (status = 'scraping' AND started_at < now() - make_interval(secs => %(lease)s)))"
                f"  ORDER BY {_ROTATION_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED)"
                " UPDATE scrape_roles r SET status = 'scraping', started_at = now(), claimed_by = %(key)s,"
                "   updated_at = now() FROM picked WHERE r.id = picked.id"
                f" RETURNING r.id::text AS id, {', '.join(f'r.{name}' for name in _ROLE_FIELDS)}",
                {"tenant": bot.tenant_id, "lease": self.policy.lease_s, "key": bot.key_id},
            ).fetchone()
        if row is not None:
            logger.info("scrape role handed out", extra={"role_id": str(row["id"]), "prefix": bot.prefix})
        return row

    def upload(self, bot: ScraperPrincipal, role_id: str, upload: ScrapeUpload) -> dict[str, Any]:
        """Record one platform's jobs and queue them for import; large uploads go through the blob store."""
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
            conn.execute(
                "INSERT INTO scrape_uploads (id, tenant_id, role_id, key_id, platform, job_count, size_bytes,"
                " blob_key, status) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (upload_id, bot.tenant_id, role_id, bot.key_id, upload.platform, count, len(payload), blob_key,
                 status),
            )  # fmt: skip
            if count:
                # Sent before the row commits: if sending fails the bot gets an error and nothing half-done stays.
                self.queue.send(message, dedup_key=f"import_scraped:{upload_id}")
        metrics.add_metric(name="ScrapedJobsUploaded", unit="Count", value=count)
        logger.info(
            "scrape upload queued",
            extra={"upload_id": upload_id, "role_id": role_id, "platform": upload.platform, "jobs": count,
                   "via_blob": blob_key is not None},
        )  # fmt: skip
        return {"id": upload_id, "role_id": role_id, "platform": upload.platform, "job_count": count,
                "status": status}  # fmt: skip

    def complete(self, bot: ScraperPrincipal, role_id: str) -> dict[str, Any]:
        """End the cycle: count its jobs per platform, rotate the role to the back, queue matching."""
        with self.db.connect() as conn:
            role = self._claimed(conn, bot.tenant_id, role_id)
            per_platform = {
                r["platform"]: int(r["jobs"])
                for r in conn.execute(
                    "SELECT platform, sum(job_count) AS jobs FROM scrape_uploads"
                    " WHERE tenant_id = %s AND role_id = %s AND created_at >= %s GROUP BY platform ORDER BY platform",
                    (bot.tenant_id, role["id"], role["started_at"]),
                ).fetchall()
            }
            row = conn.execute(
                "UPDATE scrape_roles SET status = 'pending', last_completed_at = now(), cycle_jobs = %s,"
                " retry_count = 0, next_attempt_at = NULL, claimed_by = NULL, updated_at = now()"
                " WHERE id = %s RETURNING last_completed_at",
                (per_platform, role["id"]),
            ).fetchone()
            assert row is not None
            self.queue.send(
                {"type": "match_role_candidates", "tenant_id": bot.tenant_id, "role_id": str(role["id"])},
                dedup_key=f"match_role_candidates:{role['id']}",
            )
        jobs = sum(per_platform.values())
        metrics.add_metric(name="ScrapeCyclesCompleted", unit="Count", value=1)
        logger.info("scrape cycle completed", extra={"role_id": role_id, "jobs": jobs, "platforms": per_platform})
        return {"id": str(role["id"]), "status": "pending", "last_completed_at": row["last_completed_at"],
                "jobs": jobs, "jobs_by_platform": per_platform, "matching_queued": True}  # fmt: skip

    def fail(self, bot: ScraperPrincipal, role_id: str, error: str) -> dict[str, Any]:
        """Record the error, count the retry and put the role back after an exponential backoff."""
        with self.db.connect() as conn:
            role = self._claimed(conn, bot.tenant_id, role_id)
            retry = role["retry_count"] + 1
            delay_s = min(self.policy.retry_base_s * 2 ** (retry - 1), self.policy.retry_cap_s)
            row = conn.execute(
                "UPDATE scrape_roles SET status = 'pending', retry_count = %s, last_error = %s,"
                " last_failed_at = now(), next_attempt_at = now() + make_interval(secs => %s), claimed_by = NULL,"
                " updated_at = now() WHERE id = %s RETURNING next_attempt_at",
                (retry, error[:2000], delay_s, role["id"]),
            ).fetchone()
            assert row is not None
        logger.warning("scrape cycle failed", extra={"role_id": role_id, "retry_count": retry})
        return {"id": str(role["id"]), "status": "pending", "retry_count": retry,
                "next_attempt_at": row["next_attempt_at"]}  # fmt: skip

    # --- the summary ---------------------------------------------------------------------------------

    def status(self, tenant_id: str, now: dt.datetime | None = None) -> dict[str, Any]:
        """Counts by state, the role that goes out next, stuck roles and today's uploads."""
        with self.db.connect() as conn:
            at = _db_now(conn, now)
            stuck_before = at - dt.timedelta(seconds=self.policy.stuck_after_s)
            counts = conn.execute(
                "SELECT count(*) FILTER (WHERE active AND status = 'pending'"
                "   AND (next_attempt_at IS NULL OR next_attempt_at <= %(at)s)) AS pending,"
                " count(*) FILTER (WHERE active AND status = 'pending' AND next_attempt_at > %(at)s) AS waiting_retry,"
                " count(*) FILTER (WHERE status = 'scraping') AS scraping,"
                " count(*) FILTER (WHERE status = 'scraping' AND started_at < %(stuck)s) AS stuck,"
                " count(*) FILTER (WHERE NOT active) AS retired"
                " FROM scrape_roles WHERE tenant_id = %(tenant)s",
                {"at": at, "stuck": stuck_before, "tenant": tenant_id},
            ).fetchone()
            oldest = conn.execute(
                "SELECT id::text AS id, title, normalized_title, last_completed_at, created_at FROM scrape_roles"
                " WHERE tenant_id = %s AND active AND status = 'pending'"
                f" AND (next_attempt_at IS NULL OR next_attempt_at <= %s) ORDER BY {_ROTATION_ORDER} LIMIT 1",
                (tenant_id, at),
            ).fetchone()
            stuck = conn.execute(
                "SELECT id::text AS id, title, started_at FROM scrape_roles"
                " WHERE tenant_id = %s AND status = 'scraping' AND started_at < %s ORDER BY started_at LIMIT 50",
                (tenant_id, stuck_before),
            ).fetchall()
            today = conn.execute(
                "SELECT count(*) AS uploads, coalesce(sum(job_count), 0) AS jobs,"
                " count(*) FILTER (WHERE status = 'queued') AS queued,"
                " count(*) FILTER (WHERE status = 'empty') AS empty,"
                " count(*) FILTER (WHERE status = 'failed') AS failed"
                " FROM scrape_uploads WHERE tenant_id = %s AND created_at >= date_trunc('day', %s AT TIME ZONE 'UTC')"
                " AT TIME ZONE 'UTC'",
                (tenant_id, at),
            ).fetchone()
        return {"at": at, "roles": counts, "oldest_pending": oldest, "stuck": stuck, "uploads_today": today}

    # --- internals -----------------------------------------------------------------------------------

    @staticmethod
    def _role(conn: Connection, tenant_id: str, role_id: str, lock: bool) -> dict[str, Any]:
        row = conn.execute(
            f"SELECT {_ROLE_COLUMNS} FROM scrape_roles WHERE tenant_id = %s AND id::text = %s"
            + (" FOR UPDATE" if lock else ""),
            (tenant_id, str(role_id)),
        ).fetchone()
        if row is None:
            raise NotFound("scrape role not found")
        return row

    def _claimed(self, conn: Connection, tenant_id: str, role_id: str) -> dict[str, Any]:
        role = self._role(conn, tenant_id, role_id, lock=True)
        if role["status"] != "scraping":
            raise Conflict("this role is not being scraped; fetch it from /api/scrape-queue/next first")
        return role


def _db_now(conn: Connection, now: dt.datetime | None) -> dt.datetime:
    """The given time, else the database's: one clock for every Lambda instance."""
    row = conn.execute("SELECT coalesce(%s::timestamptz, now()) AS at", (now,)).fetchone()
    assert row is not None
    at: dt.datetime = row["at"]
    return at


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


def derive_roles(resumes: Sequence[dict[str, Any]]) -> dict[str, _DerivedRole]:
    """Group parsed resumes by the normalized title of their most recent job."""
    roles: dict[str, _DerivedRole] = {}
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
        role.resume_ids.append(str(resume["id"]))
        for place in (job.get("location"), profile.get("location")):
            if isinstance(place, str) and place.strip():
                role.locations[" ".join(place.split())] += 1
    return roles


def rebuild_scrape_roles(db: Database, tenant_id: str) -> dict[str, Any]:
    """Derive roles from the tenant's parsed resumes; skipped while resumes carry no structured profile."""
    with db.connect() as conn:
        has_profile = conn.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'resumes' AND column_name = 'profile'"
        ).fetchone()
        if has_profile is None:
            logger.info("scrape roles not rebuilt: resumes have no profile column")
            return {"skipped": "resumes have no structured profile yet", "roles": 0, "candidates": 0, "retired": 0}
        resumes = conn.execute(
            "SELECT id, owner_user_id, profile FROM resumes"
            " WHERE tenant_id = %s AND status = 'parsed' AND profile IS NOT NULL",
            (tenant_id,),
        ).fetchall()
        derived = derive_roles(resumes)
        conn.execute("DELETE FROM scrape_role_candidates WHERE tenant_id = %s", (tenant_id,))
        for normalized, role in sorted(derived.items()):
            title = role.titles.most_common(1)[0][0][:200]
            hints = clean_hints([place for place, _ in role.locations.most_common()])
            row = conn.execute(
                "INSERT INTO scrape_roles (tenant_id, title, normalized_title, location_hints, candidate_count, source)"
                " VALUES (%s, %s, %s, %s, %s, 'resumes') ON CONFLICT (tenant_id, normalized_title) DO UPDATE SET"
                " candidate_count = EXCLUDED.candidate_count, active = true, updated_at = now(),"
                # An admin's hints are curated; a derived role's hints follow the resumes.
                " location_hints = CASE WHEN scrape_roles.source = 'admin' THEN scrape_roles.location_hints"
                "   ELSE EXCLUDED.location_hints END"
                " RETURNING id",
                (tenant_id, title, normalized[:200], hints, len(role.candidates)),
            ).fetchone()
            assert row is not None
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO scrape_role_candidates (tenant_id, role_id, resume_id) VALUES (%s, %s, %s)",
                    [(tenant_id, row["id"], resume_id) for resume_id in role.resume_ids],
                )
        retired = conn.execute(
            "UPDATE scrape_roles SET candidate_count = 0, active = false, updated_at = now()"
            " WHERE tenant_id = %s AND NOT (normalized_title = ANY(%s)) AND (candidate_count > 0 OR active)"
            " AND source = 'resumes' RETURNING id",
            (tenant_id, list(derived)),
        ).fetchall()
        conn.execute(
            "UPDATE scrape_roles SET candidate_count = 0 WHERE tenant_id = %s AND source = 'admin'"
            " AND NOT (normalized_title = ANY(%s))",
            (tenant_id, list(derived)),
        )
    summary = {"roles": len(derived), "candidates": sum(len(r.candidates) for r in derived.values()),
               "retired": len(retired)}  # fmt: skip
    logger.info("scrape roles rebuilt", extra={"tenant_id": tenant_id, **summary})
    return summary


def role_candidates(db: Database, tenant_id: str, role_id: str) -> list[str]:
    """The resumes behind a role: what a match_role_candidates consumer re-matches."""
    with db.connect() as conn:
        rows = conn.execute(
            "SELECT resume_id FROM scrape_role_candidates WHERE tenant_id = %s AND role_id::text = %s"
            " ORDER BY resume_id",
            (tenant_id, role_id),
        ).fetchall()
    return [str(r["resume_id"]) for r in rows]
