"""Matching, skeleton edition: a simple skill-overlap score between a candidate and active jobs.

The explainable multi-component engine replaces `overlap_score` in a later issue; the storage and the
message flow stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hiring.adapters.postgres import Connection, Database, Json
from hiring.observability import logger
from hiring.services.messages import MatchCandidate, MatchJob, RefreshBatch

SCORER = "skill-overlap-v1"


@dataclass(frozen=True)
class PairScore:
    score: float
    matched: list[str]
    missing: list[str]


def overlap_score(candidate_skills: list[str], job_skills: list[str]) -> PairScore:
    """Share of the job's skills the candidate has, 0-100; a job listing no skills scores 0."""
    have = {s.lower() for s in candidate_skills}
    matched = [s for s in job_skills if s.lower() in have]
    missing = [s for s in job_skills if s.lower() not in have]
    score = round(100.0 * len(matched) / len(job_skills), 2) if job_skills else 0.0
    return PairScore(score=score, matched=matched, missing=missing)


class MatchingService:
    def __init__(self, db: Database, top_n: int = 50) -> None:
        self.db = db
        self.top_n = top_n

    def handle(self, message: MatchCandidate | MatchJob | RefreshBatch) -> int:
        """Carry out one queue message; returns the number of pairs scored. Safe to repeat."""
        tenant_id = str(message.tenant_id)
        if isinstance(message, MatchCandidate):
            return self.match_candidate(tenant_id, str(message.resume_id))
        if isinstance(message, MatchJob):
            return self.match_job(tenant_id, str(message.job_id))
        return sum(self.match_candidate(tenant_id, str(resume_id)) for resume_id in message.resume_ids)

    def match_candidate(self, tenant_id: str, resume_id: str) -> int:
        with self.db.connect() as conn:
            resume = conn.execute(
                "SELECT id, skills FROM resumes WHERE tenant_id = %s AND id = %s AND status = 'parsed'",
                (tenant_id, resume_id),
            ).fetchone()
            if resume is None:
                logger.info("match skipped: resume not parsed", extra={"resume_id": resume_id})
                return 0
            jobs = conn.execute(
                "SELECT id, skills FROM jobs WHERE tenant_id = %s AND status = 'active'", (tenant_id,)
            ).fetchall()
            scored = [(job["id"], overlap_score(resume["skills"], job["skills"])) for job in jobs]
            keep = sorted((s for s in scored if s[1].score > 0), key=lambda s: -s[1].score)[: self.top_n]
            # Replace this candidate's untouched suggestions; matches a person acted on stay.
            conn.execute(
                "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
                " AND NOT (job_id = ANY(%s))",
                (tenant_id, resume_id, [job_id for job_id, _ in keep]),
            )
            for job_id, pair in keep:
                _store(conn, tenant_id, resume_id, str(job_id), pair)
            return len(scored)

    def match_job(self, tenant_id: str, job_id: str) -> int:
        with self.db.connect() as conn:
            job = conn.execute(
                "SELECT id, skills FROM jobs WHERE tenant_id = %s AND id = %s AND status = 'active'",
                (tenant_id, job_id),
            ).fetchone()
            if job is None:
                logger.info("match skipped: job not active", extra={"job_id": job_id})
                return 0
            resumes = conn.execute(
                "SELECT id, skills FROM resumes WHERE tenant_id = %s AND status = 'parsed'", (tenant_id,)
            ).fetchall()
            count = 0
            for resume in resumes:
                pair = overlap_score(resume["skills"], job["skills"])
                count += 1
                if pair.score > 0:
                    _store(conn, tenant_id, str(resume["id"]), job_id, pair)
                else:
                    conn.execute(
                        "DELETE FROM matches WHERE resume_id = %s AND job_id = %s AND status = 'suggested'",
                        (resume["id"], job_id),
                    )
            return count

    def matches_for_resume(self, conn: Connection, tenant_id: str, resume_id: str) -> list[dict[str, Any]]:
        return conn.execute(
            "SELECT m.job_id, m.score::float AS score, m.matched_skills, m.missing_skills, m.scorer, m.status,"
            " m.scored_at, j.title, j.company, j.location FROM matches m JOIN jobs j ON j.id = m.job_id"
            " WHERE m.tenant_id = %s AND m.resume_id = %s AND j.status = 'active'"
            " ORDER BY m.score DESC, j.posted_at DESC, m.job_id",
            (tenant_id, resume_id),
        ).fetchall()

    def matches_for_job(self, conn: Connection, tenant_id: str, job_id: str) -> list[dict[str, Any]]:
        return conn.execute(
            "SELECT m.resume_id, m.score::float AS score, m.matched_skills, m.missing_skills, m.scorer, m.status,"
            " m.scored_at, r.filename FROM matches m JOIN resumes r ON r.id = m.resume_id"
            " WHERE m.tenant_id = %s AND m.job_id = %s ORDER BY m.score DESC, m.resume_id",
            (tenant_id, job_id),
        ).fetchall()


def _store(conn: Connection, tenant_id: str, resume_id: str, job_id: str, pair: PairScore) -> None:
    conn.execute(
        "INSERT INTO matches (tenant_id, resume_id, job_id, score, matched_skills, missing_skills, scorer)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (resume_id, job_id) DO UPDATE SET score = EXCLUDED.score,"
        " matched_skills = EXCLUDED.matched_skills, missing_skills = EXCLUDED.missing_skills,"
        " scorer = EXCLUDED.scorer, scored_at = now()",
        (tenant_id, resume_id, job_id, pair.score, Json(pair.matched), Json(pair.missing), SCORER),
    )
