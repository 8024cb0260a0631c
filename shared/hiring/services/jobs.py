"""Job postings: stored, given a first skill list, embedded, and queued for matching."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hiring.adapters.postgres import Database, Json
from hiring.errors import NotFound
from hiring.observability import logger, metrics
from hiring.parsing.skills import extract_skills
from hiring.ports import Embedder, VectorIndex, WorkQueue
from hiring.principal import Principal
from hiring.services.statuses import record_status, status_history


class JobPosting(BaseModel):
    """A posting as recruiters send it. Unknown fields are refused so typos surface."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=100_000)
    company: str | None = Field(default=None, max_length=300)
    location: str | None = Field(default=None, max_length=300)
    skills: list[str] | None = Field(default=None, max_length=200)
    external_id: str | None = Field(default=None, max_length=200)
    platform: str | None = Field(default=None, max_length=50)
    posted_at: dt.datetime | None = None

    @field_validator("skills")
    @classmethod
    def _skills_are_short(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not s.strip() or len(s) > 100 for s in value):
            raise ValueError("each skill must be 1-100 characters")
        return value


class JobService:
    def __init__(self, db: Database, queue: WorkQueue, vectors: VectorIndex, embedder: Embedder) -> None:
        self.db = db
        self.queue = queue
        self.vectors = vectors
        self.embedder = embedder

    def create(self, principal: Principal, posting: JobPosting) -> dict[str, Any]:
        # Skills named by the poster come first, then any the text mentions.
        named = extract_skills(", ".join(posting.skills)) if posting.skills else []
        found = extract_skills(f"{posting.title}\n{posting.description}")
        skills = list(dict.fromkeys(named + found))
        posted_at = posting.posted_at or dt.datetime.now(dt.UTC)
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO jobs (tenant_id, created_by, external_id, platform, title, company, location,"
                " description, skills, status, posted_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'active', %s)"
                " ON CONFLICT (tenant_id, platform, external_id) WHERE external_id IS NOT NULL"
                " DO UPDATE SET title = EXCLUDED.title, company = EXCLUDED.company, location = EXCLUDED.location,"
                " description = EXCLUDED.description, skills = EXCLUDED.skills, updated_at = now()"
                " RETURNING id, status",
                (
                    principal.tenant_id,
                    principal.user_id,
                    posting.external_id,
                    posting.platform,
                    posting.title,
                    posting.company,
                    posting.location,
                    posting.description,
                    Json(skills),
                    posted_at,
                ),
            ).fetchone()
            assert row is not None
            job_id = str(row["id"])
            record_status(conn, principal.tenant_id, "job", job_id, "active", f"{len(skills)} skills found")
        self.vectors.upsert(
            principal.tenant_id, "job", job_id, self.embedder.embed([f"{posting.title}\n{posting.description}"])[0]
        )
        self.queue.send({"type": "match_job", "tenant_id": principal.tenant_id, "job_id": job_id})
        metrics.add_metric(name="JobCreated", unit="Count", value=1)
        logger.info("job stored", extra={"job_id": job_id, "skills": len(skills)})
        return {"id": job_id, "status": row["status"], "skills": skills}

    def get(self, principal: Principal, job_id: str) -> dict[str, Any]:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT id, title, company, location, description, skills, status, platform, external_id,"
                " posted_at, created_at, updated_at FROM jobs WHERE tenant_id = %s AND id::text = %s",
                (principal.tenant_id, job_id),
            ).fetchone()
            if row is None:
                raise NotFound("job not found")
            row["history"] = status_history(conn, principal.tenant_id, "job", job_id)
            return row

    def list(self, principal: Principal, status: str = "active", limit: int = 50, offset: int = 0) -> list[dict]:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT id, title, company, location, skills, status, posted_at FROM jobs"
                " WHERE tenant_id = %s AND status = %s ORDER BY posted_at DESC, id LIMIT %s OFFSET %s",
                (principal.tenant_id, status, limit, offset),
            ).fetchall()

    def close(self, principal: Principal, job_id: str) -> dict[str, Any]:
        with self.db.connect() as conn:
            row = conn.execute(
                "UPDATE jobs SET status = 'closed', updated_at = now()"
                " WHERE tenant_id = %s AND id::text = %s RETURNING id, status",
                (principal.tenant_id, job_id),
            ).fetchone()
            if row is None:
                raise NotFound("job not found")
            conn.execute("DELETE FROM matches WHERE job_id = %s AND status = 'suggested'", (row["id"],))
            record_status(conn, principal.tenant_id, "job", job_id, "closed", "closed by a recruiter")
            return {"id": str(row["id"]), "status": row["status"]}

    def expire_stale(self, ttl_days: int) -> int:
        """Expire every tenant's active jobs posted more than ttl_days ago; withdraw their suggestions."""
        with self.db.connect() as conn:
            rows = conn.execute(
                "UPDATE jobs SET status = 'expired', updated_at = now()"
                " WHERE status = 'active' AND posted_at < now() - make_interval(days => %s)"
                " RETURNING id, tenant_id",
                (ttl_days,),
            ).fetchall()
            for row in rows:
                record_status(
                    conn, str(row["tenant_id"]), "job", str(row["id"]), "expired", f"older than {ttl_days} days"
                )
            if rows:
                conn.execute(
                    "DELETE FROM matches WHERE status = 'suggested' AND job_id = ANY(%s)", ([r["id"] for r in rows],)
                )
        logger.info("jobs expired", extra={"count": len(rows)})
        return len(rows)
