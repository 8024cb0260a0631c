"""Matching: precise explainable scoring, top-N stored with breakdown and explanation; event-driven re-matching;
the match lifecycle.

Both directions are exhaustive while the tenant fits a warm worker's caches: a candidate is scored against every
active job (vectorized, up to `exact_limit`), a job against every parsed candidate (up to `exact_candidates_limit`),
so nothing a retrieval stage would miss is missed. Past the limits, two-stage retrieval: a vector top-K from the
index port plus a skill top-K (and, for a candidate's jobs, a structured top-K, both from the warm CatalogIndex),
fused by RRF, then precise scoring of the fused set.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from hiring.adapters.postgres import Connection, Database, Json
from hiring.errors import InvalidInput, NotFound
from hiring.matching.explain import explain
from hiring.matching.profiles import CandidateProfile, JobProfile, Preferences, candidate_profile, job_profile
from hiring.matching.retrieval import READ_PER_SKILL, STRUCTURED_POOL, CatalogIndex, reciprocal_rank_fusion
from hiring.matching.score import PairResult, component_scores, hard_filters, score_pair, weighted_total
from hiring.matching.vectorized import JobMatrix, score_jobs, unfiltered_scores
from hiring.matching.weights import (
    DEFAULT_VERSION,
    LEVELS,
    WeightProfile,
    WeightSettings,
    apply_settings,
    default_profile,
    role_level,
)
from hiring.observability import logger
from hiring.ports import VectorIndex, WorkQueue
from hiring.principal import Principal, Role
from hiring.resume.model import ParsedResume, Skill
from hiring.services.messages import MatchCandidate, MatchJob, RefreshBatch, refresh_batches

SCORER = "explainable-v1"
STATUSES = ("suggested", "viewed", "applied", "shortlisted", "rejected")
# Who may move a match to which status: candidates speak for themselves, staff for the hiring side.
STATUSES_BY_ROLE = {Role.CANDIDATE: {"viewed", "applied", "rejected"},
                    Role.RECRUITER: {"viewed", "shortlisted", "rejected"},
                    Role.ADMIN: {"viewed", "shortlisted", "rejected"}}  # fmt: skip
_JOB_COLUMNS = (  # what job_profile reads; the description only for analyses stored before their degree fields
    "id, title, CASE WHEN analysis ? 'education_fields' THEN NULL ELSE description END AS description, seniority,"
    " required_skills, preferred_skills, experience_min, experience_max, education_level, occupation_code,"
    " jsonb_build_object('occupation', analysis->'occupation', 'seniority', analysis->'seniority',"
    " 'education_fields', analysis->'education_fields') AS analysis, location_city, location_region,"
    " location_country, work_arrangement, salary_min, salary_max, salary_currency, posted_at, updated_at"
)


class RefreshIncomplete(RuntimeError):
    """Some candidates of a refresh batch failed; the others are stored and a redelivery repeats only harmlessly."""

    def __init__(self, failed: list[str]) -> None:
        super().__init__(f"{len(failed)} candidates failed: {', '.join(failed[:10])}")
        self.failed = failed


@dataclass(frozen=True)
class Retrieved:
    """The fused first stage: ids best first, with each id's rank in each list."""

    ids: list[str]
    vector_rank: dict[str, int]
    skill_rank: dict[str, int]
    rrf: dict[str, float]
    structured_rank: dict[str, int] = field(default_factory=dict)

    def of(self, ref: str, direction: str) -> dict[str, Any]:
        return {"direction": direction, "vector_rank": self.vector_rank.get(ref),
                "skill_rank": self.skill_rank.get(ref), "structured_rank": self.structured_rank.get(ref),
                "rrf": round(self.rrf.get(ref, 0.0), 6)}  # fmt: skip


def _ranks(ids: Sequence[str]) -> dict[str, int]:
    return {ref: i for i, ref in enumerate(ids, start=1)}


def _fuse(vector_ids: list[str], skill_ids: list[str], structured_ids: Sequence[str] = ()) -> Retrieved:
    fused = reciprocal_rank_fusion([vector_ids, skill_ids, list(structured_ids)])
    return Retrieved(
        ids=[ref for ref, _ in fused],
        vector_rank=_ranks(vector_ids),
        skill_rank=_ranks(skill_ids),
        rrf=dict(fused),
        structured_rank=_ranks(structured_ids),
    )


_CANDIDATE_SELECT = (
    "SELECT r.id::text AS id, r.profile, r.skills, p.salary_min AS pref_salary_min, p.salary_currency AS"
    " pref_salary_currency, p.arrangement AS pref_arrangement, p.relocate AS pref_relocate FROM resumes r"
    " LEFT JOIN candidate_preferences p ON p.resume_id = r.id"
)
_PARSED = (
    "FROM resumes r LEFT JOIN candidate_preferences p ON p.resume_id = r.id"
    " WHERE r.tenant_id = %s AND r.status = 'parsed'"
)
_CANDIDATE_STAMP = "r.updated_at::text || '/' || coalesce(p.updated_at::text, '')"
FETCH_CHUNK = 2_000  # vectors asked of the index port, or candidate rows of Postgres, per request in a cache build
_ACTIVE = "FROM jobs WHERE tenant_id = %s AND status = 'active' AND analysis_status = 'analyzed'"


@dataclass
class _Warm:
    """Rows a warm worker keeps for a tenant, with their unit float32 vectors (filled when first needed).

    `key` is a count and a digest of every row's (id, stamp), read in one aggregate query: the cache is rebuilt
    only when it moves, and a rebuild keeps the vectors of rows whose stamp did not move.
    """

    key: tuple[int, Any]
    ids: list[str]
    stamps: list[Any]
    vectors: npt.NDArray[np.float32] | None = None  # None until a match needs them
    has_vector: npt.NDArray[np.bool_] | None = None

    def missing_vectors(self) -> list[str]:
        if self.has_vector is None:
            return list(self.ids)
        return [self.ids[i] for i in np.flatnonzero(~self.has_vector)]

    def keep_vectors(self, before: _Warm | None) -> None:
        """Take over the vectors of unchanged rows from the cache this one replaces."""
        if before is None or before.vectors is None or before.has_vector is None:
            return
        old = {(ref, stamp): i for i, (ref, stamp) in enumerate(zip(before.ids, before.stamps, strict=True))}
        self.vectors = np.zeros((len(self.ids), before.vectors.shape[1]), np.float32)
        self.has_vector = np.zeros(len(self.ids), np.bool_)
        for row, pair in enumerate(zip(self.ids, self.stamps, strict=True)):
            index = old.get(pair)
            if index is not None and before.has_vector[index]:
                self.vectors[row] = before.vectors[index]
                self.has_vector[row] = True


@dataclass
class _ActiveJobs(_Warm):
    """A tenant's active analysed jobs, as one matrix per weight level."""

    levels: dict[str, tuple[npt.NDArray[np.int64], JobMatrix]] = field(default_factory=dict)
    jobs: list[JobProfile] = field(default_factory=list)
    catalog: tuple[dt.date, CatalogIndex] | None = None  # the first-stage index, past the exhaustive limit

    @cached_property
    def position(self) -> dict[str, int]:
        return {ref: row for row, ref in enumerate(self.ids)}


@dataclass
class _Candidates(_Warm):
    """A tenant's parsed candidates as scorer profiles (with their preferences), for a job's exhaustive pass."""

    profiles: list[CandidateProfile] = field(default_factory=list)


def _unit_rows(vectors: list[list[float]]) -> npt.NDArray[np.float32]:
    matrix = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.where(norms > 0, matrix / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


def cosines(query: npt.NDArray[np.float64], matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Cosine of the query with each row: a dot product of unit vectors (normalised here, so any vector works)."""
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norms > 0, (matrix @ query) / norms, 0.0)


def _preferences(row: dict[str, Any]) -> Preferences:
    return Preferences(
        salary_min=float(row["pref_salary_min"]) if row.get("pref_salary_min") is not None else None,
        salary_currency=row.get("pref_salary_currency"),
        arrangement=row.get("pref_arrangement"),
        relocate=bool(row.get("pref_relocate")),
    )


def _parsed(row: dict[str, Any]) -> ParsedResume:
    if row.get("profile"):
        return ParsedResume.model_validate(row["profile"])
    return ParsedResume(skills=[Skill(name=name) for name in row.get("skills") or []])  # an older row: names only


class MatchingService:
    def __init__(
        self,
        db: Database,
        top_n: int = 50,
        vectors: VectorIndex | None = None,
        retrieve_k: int = 200,
        today: dt.date | None = None,
        exact_limit: int = 200_000,
        exact_candidates_limit: int = 50_000,
        queue: WorkQueue | None = None,
    ) -> None:
        if vectors is None:  # the local wiring; the container passes the configured index
            from hiring.adapters.pgvector_index import PgVectorIndex

            vectors = PgVectorIndex(db)
        self.db = db
        self.top_n = top_n
        self.vectors = vectors
        self.retrieve_k = retrieve_k
        self.exact_limit = exact_limit  # a candidate is scored against every active job up to this many
        self.exact_candidates_limit = exact_candidates_limit  # a job, against every parsed candidate up to this many
        self.queue = queue  # for follow-up re-matches; None: they run inline
        self._today = today
        # tenant -> job id -> (updated_at, profile): warm Lambdas reuse it; a cache refresh drops jobs no longer active
        self._jobs: dict[str, dict[str, tuple[Any, JobProfile]]] = {}
        self._active: dict[str, _ActiveJobs] = {}  # tenant -> its active jobs as matrices and vectors
        self._people: dict[str, _Candidates] = {}  # tenant -> its parsed candidates, for a job's exhaustive pass
        self._active_lock = threading.RLock()  # the local runtime runs worker threads over one service

    @property
    def today(self) -> dt.date:
        return self._today or dt.datetime.now(dt.UTC).date()

    # --- the work queue ------------------------------------------------------------------------------

    def handle(self, message: MatchCandidate | MatchJob | RefreshBatch) -> int:
        """Carry out one queue message; returns the number of pairs scored. Safe to repeat."""
        tenant_id = str(message.tenant_id)
        if isinstance(message, MatchCandidate):
            return self.match_candidate(tenant_id, str(message.resume_id))
        if isinstance(message, MatchJob):
            return self.match_job(tenant_id, str(message.job_id))
        return self.refresh_batch(tenant_id, [str(r) for r in message.resume_ids])

    def refresh_batch(self, tenant_id: str, resume_ids: Sequence[str]) -> int:
        """Re-match each candidate; one failure never stops the others, and the batch then reports it."""
        pairs, failed = 0, []
        profiles = self.weight_profiles(tenant_id)
        with self.db.connect() as conn:  # one staleness check for the batch, not one per candidate
            active = self._active_jobs(conn, tenant_id)
        for resume_id in resume_ids:
            try:
                pairs += self.match_candidate(tenant_id, resume_id, profiles, active)
            except Exception:
                logger.exception("candidate re-match failed", extra={"resume_id": resume_id})
                failed.append(resume_id)
        if failed:
            raise RefreshIncomplete(failed)
        return pairs

    # --- weights -------------------------------------------------------------------------------------

    def weight_profiles(self, tenant_id: str) -> dict[str, WeightProfile]:
        """The profile in force for each level: the tenant's newest version, else the default."""
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT DISTINCT ON (level) level, version, settings FROM match_weight_profiles WHERE tenant_id = %s"
                " ORDER BY level, created_at DESC, version DESC",
                (tenant_id,),
            ).fetchall()
        profiles = {level: default_profile(level) for level in LEVELS}
        for row in rows:
            profiles[row["level"]] = apply_settings(row["settings"], row["version"])
        return profiles

    def set_weights(self, principal: Principal, settings: WeightSettings) -> dict[str, Any]:
        """Store a new version of the tenant's profile for one level; later scores carry its version."""
        try:
            apply_settings(settings, "check")
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
        with self.db.connect() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"weights:{principal.tenant_id}",))
            row = conn.execute(
                "SELECT count(*) AS n FROM match_weight_profiles WHERE tenant_id = %s AND level = %s",
                (principal.tenant_id, settings.level),
            ).fetchone()
            version = f"tenant-{settings.level}-v{(row['n'] if row else 0) + 1}"
            conn.execute(
                "INSERT INTO match_weight_profiles (tenant_id, level, version, settings, created_by)"
                " VALUES (%s, %s, %s, %s, %s)",
                (principal.tenant_id, settings.level, version, Json(settings.model_dump(mode="json")),
                 principal.user_id),
            )  # fmt: skip
        return self.describe_weights(principal.tenant_id)[settings.level]

    def describe_weights(self, tenant_id: str) -> dict[str, dict[str, Any]]:
        return {
            level: {"version": p.version, "level": level, "weights": p.weights, "base_credit": p.base_credit,
                    "experience_credit": p.experience_credit, "project_credit": p.project_credit,
                    "recent_credit": p.recent_credit, "filters": p.filters.__dict__}
            for level, p in self.weight_profiles(tenant_id).items()
        }  # fmt: skip

    # --- candidate -> jobs ---------------------------------------------------------------------------

    def _candidate(self, conn: Connection, tenant_id: str, resume_id: str) -> CandidateProfile | None:
        row = conn.execute(
            f"{_CANDIDATE_SELECT} WHERE r.tenant_id = %s AND r.id = %s AND r.status = 'parsed'",
            (tenant_id, resume_id),
        ).fetchone()
        if row is None:
            return None
        return candidate_profile(resume_id, _parsed(row), self.today, _preferences(row))

    def _stored_vector(self, tenant_id: str, kind: str, ref_id: str) -> list[float] | None:
        """The query's own vector, from the index port (pgvector locally, OpenSearch in the cloud)."""
        return self.vectors.get(tenant_id, kind, [ref_id]).get(ref_id)

    def _similarities(self, tenant_id: str, kind: str, query: list[float] | None, ids: list[str]) -> dict[str, float]:
        """Cosine of the query with each stored vector of the ids, fetched through the port, in numpy, rounded to 6
        places as the warm paths round it: a pair scores the same whichever path scores it."""
        if query is None or not ids:
            return {}
        stored = self.vectors.get(tenant_id, kind, ids)
        if not stored:
            return {}
        refs = list(stored)
        matrix = np.asarray([stored[ref] for ref in refs], dtype=np.float64)
        values = cosines(np.asarray(query, dtype=np.float64), matrix)
        return {ref: round(float(value), 6) for ref, value in zip(refs, values, strict=True)}

    def _job_profiles(self, conn: Connection, tenant_id: str, ids: list[str]) -> dict[str, JobProfile]:
        """Active analysed jobs among ids, from the cache when their updated_at has not moved."""
        if not ids:
            return {}
        stamps = conn.execute(
            "SELECT id::text AS id, updated_at FROM jobs WHERE tenant_id = %s AND id = ANY(%s::uuid[])"
            " AND status = 'active' AND analysis_status = 'analyzed'",
            (tenant_id, ids),
        ).fetchall()
        cache = self._jobs.setdefault(tenant_id, {})
        stale = [r["id"] for r in stamps if cache.get(r["id"], (None,))[0] != r["updated_at"]]
        if stale:
            for row in conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ANY(%s::uuid[])", (stale,)).fetchall():
                cache[str(row["id"])] = (row["updated_at"], job_profile(row))
        return {r["id"]: cache[r["id"]][1] for r in stamps}

    def _active_jobs(self, conn: Connection, tenant_id: str) -> _ActiveJobs:
        """The tenant's active analysed jobs split by weight level; one aggregate query when nothing changed."""
        with self._active_lock:
            return self._refresh_active(conn, tenant_id)

    def _refresh_active(self, conn: Connection, tenant_id: str) -> _ActiveJobs:
        head = conn.execute(
            f"SELECT count(*) AS n, coalesce(sum(hashtextextended(id::text || updated_at::text, 0)), 0) AS digest"
            f" {_ACTIVE}",
            (tenant_id,),
        ).fetchone()
        key = (int(head["n"]), head["digest"]) if head else (0, 0)
        cached = self._active.get(tenant_id)
        if cached is not None and cached.key == key:
            return cached
        stamps = conn.execute(f"SELECT id::text AS id, updated_at {_ACTIVE} ORDER BY id", (tenant_id,)).fetchall()
        found = self._job_profiles(conn, tenant_id, [r["id"] for r in stamps])
        cache = self._jobs.get(tenant_id, {})
        self._jobs[tenant_id] = {ref: cache[ref] for ref in found}  # closed and expired jobs leave the cache
        stamps = [r for r in stamps if r["id"] in found]
        jobs = [found[r["id"]] for r in stamps]
        matrix = JobMatrix(jobs)
        level = np.array([LEVELS.index(role_level(j.seniority)) for j in jobs], np.int64)
        levels = {}
        for index, name in enumerate(LEVELS):
            rows = np.flatnonzero(level == index)
            if len(rows):
                levels[name] = (rows, matrix.take(rows))
        active = _ActiveJobs(key, matrix.ids, [r["updated_at"] for r in stamps], levels=levels, jobs=jobs)
        active.keep_vectors(cached)  # a job's vector is written before its analysed row commits
        self._active[tenant_id] = active
        return active

    def _warm_vectors(
        self, tenant_id: str, kind: str, active: _Warm
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
        """Every row's unit vector (zeros where the index has none yet), fetched only where not cached."""
        with self._active_lock:
            self._fill_vectors(tenant_id, kind, active)
        if active.vectors is None or active.has_vector is None:
            return np.zeros((len(active.ids), 0), np.float32), np.zeros(len(active.ids), np.bool_)
        return active.vectors, active.has_vector

    def _warm_similarity(
        self, tenant_id: str, kind: str, warm: _Warm, query: list[float] | None
    ) -> npt.NDArray[np.float64]:
        """Cosine of the query with every cached row, rounded to 6 places so it does not hang on the BLAS build
        (the same pair gives the same score in both directions and on any worker); NaN where a vector is missing."""
        similarity = np.full(len(warm.ids), np.nan)
        if query is not None and warm.ids:
            vectors, present = self._warm_vectors(tenant_id, kind, warm)
            unit = np.asarray(query, np.float64)
            norm = float(np.linalg.norm(unit))
            if vectors.shape[1] == len(unit) and norm > 0:
                cosine = (vectors @ (unit / norm).astype(np.float32)).astype(np.float64)
                similarity = np.where(present, np.round(cosine, 6), np.nan)
        return similarity

    def _fill_vectors(self, tenant_id: str, kind: str, active: _Warm) -> None:
        missing = active.missing_vectors()
        if missing:
            position = {ref: i for i, ref in enumerate(active.ids)}
            for start in range(0, len(missing), FETCH_CHUNK):
                chunk = missing[start : start + FETCH_CHUNK]
                found = self.vectors.get(tenant_id, kind, chunk)
                if not found:
                    continue
                refs = list(found)
                rows = _unit_rows([found[ref] for ref in refs])
                if active.vectors is None or active.vectors.shape[1] != rows.shape[1]:  # first fill, or a new model
                    active.vectors = np.zeros((len(active.ids), rows.shape[1]), np.float32)
                    active.has_vector = np.zeros(len(active.ids), np.bool_)
                index = np.array([position[ref] for ref in refs], np.int64)
                active.vectors[index] = rows
                assert active.has_vector is not None
                active.has_vector[index] = True

    def _candidates(self, conn: Connection, tenant_id: str) -> _Candidates | None:
        """The tenant's parsed candidates as profiles (None past `exact_candidates_limit`: never built); one
        aggregate query when none changed (a resume's or its preferences' updated_at, or the day: profiles count
        recent skills from today)."""
        with self._active_lock:
            head = conn.execute(
                f"SELECT count(*) AS n, coalesce(sum(hashtextextended(r.id::text || {_CANDIDATE_STAMP}, 0)), 0)"
                f" AS digest {_PARSED}",
                (tenant_id,),
            ).fetchone()
            key = (int(head["n"]) if head else 0, (head["digest"] if head else 0, self.today))
            if key[0] > self.exact_candidates_limit:
                self._people.pop(tenant_id, None)
                return None
            cached = self._people.get(tenant_id)
            if cached is not None and cached.key == key:
                return cached
            stamps = conn.execute(
                f"SELECT r.id::text AS id, {_CANDIDATE_STAMP} AS stamp {_PARSED} ORDER BY r.id", (tenant_id,)
            ).fetchall()
            known = {} if cached is None or cached.key[1][1] != self.today else {
                (ref, stamp): profile for ref, stamp, profile in zip(cached.ids, cached.stamps, cached.profiles,
                                                                     strict=True)}  # fmt: skip
            stale = [r["id"] for r in stamps if (r["id"], r["stamp"]) not in known]
            fresh: dict[str, CandidateProfile] = {}
            for start in range(0, len(stale), FETCH_CHUNK):
                rows = conn.execute(
                    f"{_CANDIDATE_SELECT} WHERE r.tenant_id = %s AND r.id = ANY(%s::uuid[]) AND r.status = 'parsed'",
                    (tenant_id, stale[start : start + FETCH_CHUNK]),
                ).fetchall()
                fresh.update(
                    {r["id"]: candidate_profile(r["id"], _parsed(r), self.today, _preferences(r)) for r in rows}
                )
            kept = [r for r in stamps if (r["id"], r["stamp"]) in known or r["id"] in fresh]
            profiles = [known.get((r["id"], r["stamp"])) or fresh[r["id"]] for r in kept]
            people = _Candidates(key, [r["id"] for r in kept], [r["stamp"] for r in kept], profiles=profiles)
            people.keep_vectors(cached)  # a resume's updated_at moves when its vector is written
            self._people[tenant_id] = people
            return people

    def _catalog(self, active: _ActiveJobs) -> CatalogIndex:
        """The warm job set's first-stage index (skill postings per place x experience cell), built once a day."""
        with self._active_lock:
            if active.catalog is None or active.catalog[0] != self.today:
                active.catalog = (self.today, CatalogIndex(active.jobs, self.today))
            return active.catalog[1]

    def retrieve_jobs(
        self,
        conn: Connection,
        tenant_id: str,
        candidate: CandidateProfile,
        query: list[float] | None,
        profiles: dict[str, WeightProfile] | None = None,
        active: _ActiveJobs | None = None,
    ) -> Retrieved:
        """Stage one for a candidate, past the exhaustive limit: the vector top-K from the index port, the skill and
        structured top-K from the warm CatalogIndex (no pass over every job), hard-filtered jobs left out, RRF."""
        profiles = profiles or self.weight_profiles(tenant_id)
        active = active or self._active_jobs(conn, tenant_id)
        catalog = self._catalog(active)
        pricing = catalog.price(candidate, profiles, self.today)
        k = self.retrieve_k
        hits = self.vectors.search(tenant_id, "job", query, k) if query else []
        rows = np.array([active.position[h.ref_id] for h in hits if h.ref_id in active.position], np.int64)
        vector = rows[~catalog.excluded(pricing, rows)] if len(rows) else rows
        skill = catalog.skill_search(pricing, k, READ_PER_SKILL * k)
        structured = catalog.structured_search(pricing, k, STRUCTURED_POOL * k)
        return _fuse(*([active.ids[r] for r in found] for found in (vector, skill, structured)))

    def match_candidate(
        self,
        tenant_id: str,
        resume_id: str,
        profiles: dict[str, WeightProfile] | None = None,
        active: _ActiveJobs | None = None,
    ) -> int:
        """Score the candidate against the active jobs (all of them up to `exact_limit`, else the retrieved ones),
        store the top-N and the exclusions; returns the pairs scored."""
        profiles = profiles or self.weight_profiles(tenant_id)
        with self.db.connect() as conn:
            candidate = self._candidate(conn, tenant_id, resume_id)
            if candidate is None:
                logger.info("match skipped: resume not parsed", extra={"resume_id": resume_id})
                return 0
            query = self._stored_vector(tenant_id, "resume", resume_id)
            active = active or self._active_jobs(conn, tenant_id)
            if len(active.ids) <= self.exact_limit:
                results, excluded, titles = self._score_all(tenant_id, candidate, active, query, profiles)
                scored = len(active.ids)
                method = {"direction": "candidate", "method": "exhaustive", "jobs_scored": scored}
                pairs = [(resume_id, r, method) for r in results]
            else:
                retrieved = self.retrieve_jobs(conn, tenant_id, candidate, query, profiles, active)
                ordered = [active.jobs[active.position[ref]] for ref in retrieved.ids]
                similarity = self._similarities(tenant_id, "job", query, [j.id for j in ordered])
                results, excluded = self._score_candidate(candidate, ordered, similarity, profiles)
                scored, titles = len(ordered), {j.id: j.title for j in ordered}
                pairs = [(resume_id, r, retrieved.of(r.job_id, "candidate")) for r in results[: self.top_n]]
            keep = [r for _, r, _ in pairs]
            conn.execute(
                "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
                " AND NOT (job_id = ANY(%s::uuid[]))",
                (tenant_id, resume_id, [r.job_id for r in keep]),
            )
            self._store(conn, tenant_id, pairs, titles)
            self._store_exclusions(conn, tenant_id, resume_id, excluded, replace_all=True)
        return scored

    def _score_all(
        self,
        tenant_id: str,
        candidate: CandidateProfile,
        active: _ActiveJobs,
        query: list[float] | None,
        profiles: dict[str, WeightProfile],
    ) -> tuple[list[PairResult], list[PairResult], dict[str, str]]:
        """Every active job through the vectorized scorer; the top-N get the full breakdown, and the excluded jobs
        that would have made the top-N without their hard filter are reported with the filter's reason."""
        today = self.today
        similarity = self._warm_similarity(tenant_id, "job", active, query)
        kept: list[tuple[float, str, int, str]] = []  # (score, id, row, level)
        near: list[tuple[float, str, int, str]] = []  # excluded, by what they would have scored
        for level, (rows, matrix) in active.levels.items():
            batch = score_jobs(candidate, matrix, similarity[rows], profiles[level], today)
            passes = [(batch.scores, ~batch.excluded, kept)]
            if batch.excluded.any():  # what the excluded jobs would have scored, only when there are some
                passes.append((unfiltered_scores(batch, profiles[level]), batch.excluded, near))
            for values, mask, out in passes:
                index = np.flatnonzero(mask)
                if len(index) > self.top_n:  # the top-N of this level and everything tied with its last one
                    floor = np.partition(values[index], len(index) - self.top_n)[len(index) - self.top_n]
                    index = index[values[index] >= floor]
                out += [(float(values[i]), active.ids[rows[i]], int(rows[i]), level) for i in index]
        kept.sort(key=lambda r: (-r[0], r[1]))
        kept = kept[: self.top_n]
        bar = kept[-1][0] if len(kept) == self.top_n else -1.0
        near = sorted((r for r in near if r[0] >= bar), key=lambda r: (-r[0], r[1]))[: self.top_n]
        results = []
        for score, ref, row, level in kept:
            sim = float(similarity[row])
            result = score_pair(candidate, active.jobs[row], None if np.isnan(sim) else sim, profiles[level], today)
            if result.score != score:  # the two implementations must agree; a mismatch is a bug worth shouting
                logger.error("scorer disagreement", extra={"job_id": ref, "vectorized": score, "pair": result.score})
            results.append(result)
        excluded = []
        for _, ref, row, level in near:
            reasons = hard_filters(candidate, active.jobs[row], profiles[level].filters)
            version = {"weights_version": profiles[level].version}
            excluded.append(PairResult(ref, 0.0, "F", False, [], [], version, reasons))
        return results, excluded, {ref: active.jobs[row].title for _, ref, row, _ in kept}

    def _score_candidate(
        self,
        candidate: CandidateProfile,
        jobs: list[JobProfile],
        similarity: dict[str, float],
        profiles: dict[str, WeightProfile],
    ) -> tuple[list[PairResult], list[PairResult]]:
        """Rank with the vectorized scorer per weight profile, then the full breakdown for the ones kept."""
        ranked: list[tuple[float, str, JobProfile, WeightProfile]] = []
        excluded: list[PairResult] = []
        today = self.today
        for level in LEVELS:
            group = [j for j in jobs if role_level(j.seniority) == level]
            if not group:
                continue
            sims = np.array([similarity.get(j.id, np.nan) for j in group], np.float64)
            batch = score_jobs(candidate, JobMatrix(group), sims, profiles[level], today)
            for index, job in enumerate(group):
                if batch.excluded[index]:  # only the reasons are stored: no breakdown needed
                    reasons = hard_filters(candidate, job, profiles[level].filters)
                    version = {"weights_version": profiles[level].version}
                    excluded.append(PairResult(job.id, 0.0, "F", False, [], [], version, reasons))
                else:
                    ranked.append((float(batch.scores[index]), job.id, job, profiles[level]))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        results = []
        for score, _, job, profile in ranked[: self.top_n]:
            result = score_pair(candidate, job, similarity.get(job.id), profile, today)
            if result.score != score:  # the two implementations must agree; a mismatch is a bug worth shouting
                logger.error("scorer disagreement", extra={"job_id": job.id, "vectorized": score, "pair": result.score})
            results.append(result)
        return results, excluded

    # --- job -> candidates ---------------------------------------------------------------------------

    def _resumes_by_skill(self, conn: Connection, tenant_id: str, job: JobProfile) -> list[str]:
        names = list(dict.fromkeys(job.required + job.preferred))
        if not names:
            return []
        rows = conn.execute(
            "SELECT id::text AS id FROM resumes WHERE tenant_id = %(tenant)s AND status = 'parsed'"
            " AND skills ?| %(names)s ORDER BY"
            " 4 * (SELECT count(*) FROM jsonb_array_elements_text(skills) s WHERE s = ANY(%(req)s))"
            " + (SELECT count(*) FROM jsonb_array_elements_text(skills) s WHERE s = ANY(%(pref)s)) DESC, id"
            " LIMIT %(k)s",
            {"tenant": tenant_id, "names": names, "req": list(job.required), "pref": list(job.preferred),
             "k": self.retrieve_k},
        ).fetchall()  # fmt: skip
        return [r["id"] for r in rows]

    def match_job(self, tenant_id: str, job_id: str) -> int:
        """A new or changed job enters the lists of the candidates it now belongs to and leaves the others.

        Up to `exact_candidates_limit` parsed candidates every one is scored and the job is stored for those whose
        top-N it enters (it beats their N-th suggestion); past it, retrieval picks the candidates to score.
        """
        profiles = self.weight_profiles(tenant_id)
        with self.db.connect() as conn:
            found = self._job_profiles(conn, tenant_id, [job_id])
            if job_id not in found:
                logger.info("match skipped: job not active", extra={"job_id": job_id})
                return 0
            job = found[job_id]
            profile = profiles[role_level(job.seniority)]
            query = self._stored_vector(tenant_id, "job", job_id)
            people = self._candidates(conn, tenant_id)
            if people is not None:
                kept, excluded, scored = self._job_against_everyone(conn, tenant_id, job, query, profile, people)
                self._store_job_exclusions(conn, tenant_id, job_id, excluded)
            else:
                kept, scored = self._job_against_retrieved(conn, tenant_id, job, query, profile)
            before = {
                r["id"]: float(r["score"])
                for r in conn.execute(
                    "DELETE FROM matches WHERE tenant_id = %s AND job_id = %s AND status = 'suggested'"
                    " AND NOT (resume_id = ANY(%s::uuid[])) RETURNING resume_id::text AS id, score",
                    (tenant_id, job_id, [resume_id for resume_id, _, _ in kept]),
                ).fetchall()
            }
            before |= {
                r["id"]: float(r["score"])
                for r in conn.execute(
                    "SELECT resume_id::text AS id, score FROM matches WHERE tenant_id = %s AND job_id = %s"
                    " AND status = 'suggested'",
                    (tenant_id, job_id),
                ).fetchall()
            }
            self._store(conn, tenant_id, kept, {job.id: job.title})
            self._trim(conn, tenant_id, [resume_id for resume_id, _, _ in kept])
        # A list the job left, or where it now scores lower, may have room for a job trimmed from it earlier.
        now = {resume_id: result.score for resume_id, result, _ in kept}
        self._refill(tenant_id, sorted(ref for ref, score in before.items() if now.get(ref, -1.0) < score))
        return scored

    def _refill(self, tenant_id: str, resume_ids: list[str]) -> None:
        """Lists that lost this job have a hole a job trimmed earlier may fill: re-match those candidates."""
        if not resume_ids:
            return
        if self.queue is None:
            for resume_id in resume_ids:
                self.match_candidate(tenant_id, resume_id)
            return
        self.queue.send_batch(refresh_batches({tenant_id: resume_ids}))

    def _job_against_everyone(
        self,
        conn: Connection,
        tenant_id: str,
        job: JobProfile,
        query: list[float] | None,
        profile: WeightProfile,
        people: _Candidates,
    ) -> tuple[list[tuple[str, PairResult, dict[str, Any]]], list[tuple[str, PairResult]], int]:
        """Score the job for every candidate; keep it where it beats the candidate's N-th other suggestion, and
        report the hard filters that kept it out of a list it would otherwise have entered."""
        today = self.today
        similarity = self._warm_similarity(tenant_id, "resume", people, query)
        bars = {
            str(r["resume_id"]): (int(r["n"]), float(r["score"]))
            for r in conn.execute(
                # every list holds at most top_n suggestions (match_candidate stores that many, _trim cuts to it),
                # so a full list's floor is its minimum: a plain aggregate, ~3x cheaper than ranking every row
                "SELECT resume_id, count(*) AS n, min(score) AS score FROM matches"
                " WHERE tenant_id = %s AND status = 'suggested' AND job_id <> %s GROUP BY resume_id",
                (tenant_id, job.id),
            ).fetchall()
        }
        method = {"direction": "job", "method": "exhaustive", "candidates_scored": len(people.ids)}
        kept: list[tuple[str, PairResult, dict[str, Any]]] = []
        excluded: list[tuple[str, PairResult]] = []
        for row, (ref, candidate) in enumerate(zip(people.ids, people.profiles, strict=True)):
            sim = None if np.isnan(similarity[row]) else float(similarity[row])
            parts = component_scores(candidate, job, sim, profile, today)
            score = weighted_total(parts, profile)
            count, bar = bars.get(ref, (0, 0.0))
            if count >= self.top_n and score <= bar:
                continue  # it would not enter this candidate's list, filtered or not
            reasons = hard_filters(candidate, job, profile.filters)
            if reasons:
                version = {"weights_version": profile.version}
                excluded.append((ref, PairResult(job.id, 0.0, "F", False, [], [], version, reasons)))
            else:
                kept.append((ref, score_pair(candidate, job, sim, profile, today), method))
        return kept, excluded, len(people.ids)

    def _job_against_retrieved(
        self, conn: Connection, tenant_id: str, job: JobProfile, query: list[float] | None, profile: WeightProfile
    ) -> tuple[list[tuple[str, PairResult, dict[str, Any]]], int]:
        """Past the limit: the candidates vector and skill retrieval find, scored and stored."""
        vector_ids = (
            [h.ref_id for h in self.vectors.search(tenant_id, "resume", query, self.retrieve_k)] if query else []
        )
        retrieved = _fuse(vector_ids, self._resumes_by_skill(conn, tenant_id, job))
        rows = conn.execute(
            f"{_CANDIDATE_SELECT} WHERE r.tenant_id = %s AND r.id = ANY(%s::uuid[]) AND r.status = 'parsed'",
            (tenant_id, retrieved.ids),
        ).fetchall()
        similarity = self._similarities(tenant_id, "resume", query, [r["id"] for r in rows])
        kept: list[tuple[str, PairResult, dict[str, Any]]] = []
        for row in sorted(rows, key=lambda r: r["id"]):
            candidate = candidate_profile(row["id"], _parsed(row), self.today, _preferences(row))
            result = score_pair(candidate, job, similarity.get(row["id"]), profile, self.today)
            if result.excluded_by:
                self._store_exclusions(conn, tenant_id, row["id"], [result], replace_all=False)
            else:
                kept.append((row["id"], result, retrieved.of(row["id"], "job")))
        return kept, len(rows)

    def _store_job_exclusions(
        self, conn: Connection, tenant_id: str, job_id: str, excluded: list[tuple[str, PairResult]]
    ) -> None:
        """The job's exclusions after an exhaustive pass: these candidates', and no stale ones."""
        conn.execute(
            "DELETE FROM match_exclusions WHERE tenant_id = %s AND job_id = %s AND NOT (resume_id = ANY(%s::uuid[]))",
            (tenant_id, job_id, [ref for ref, _ in excluded]),
        )
        for ref, result in excluded:
            self._store_exclusions(conn, tenant_id, ref, [result], replace_all=False)

    def _trim(self, conn: Connection, tenant_id: str, resume_ids: list[str]) -> None:
        """Keep each candidate's untouched suggestions to their top-N."""
        if resume_ids:
            conn.execute(
                "DELETE FROM matches m USING (SELECT resume_id, job_id, row_number() OVER (PARTITION BY resume_id"
                " ORDER BY score DESC, job_id) AS rank FROM matches WHERE tenant_id = %s"
                " AND resume_id = ANY(%s::uuid[]) AND status = 'suggested') r"
                " WHERE m.resume_id = r.resume_id AND m.job_id = r.job_id AND r.rank > %s",
                (tenant_id, resume_ids, self.top_n),
            )

    # --- storage -------------------------------------------------------------------------------------

    def _store(
        self,
        conn: Connection,
        tenant_id: str,
        pairs: list[tuple[str, PairResult, dict[str, Any]]],
        titles: dict[str, str],
    ) -> None:
        """Upsert scored pairs; a row whose score and breakdown did not change is not rewritten (idempotent)."""
        if not pairs:
            return
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO matches (tenant_id, resume_id, job_id, score, matched_skills, missing_skills, scorer,"
                " breakdown, explanation, grade, recommended, weights_version, retrieval)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (resume_id, job_id) DO UPDATE SET score = EXCLUDED.score,"
                " matched_skills = EXCLUDED.matched_skills, missing_skills = EXCLUDED.missing_skills,"
                " scorer = EXCLUDED.scorer, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,"
                " grade = EXCLUDED.grade, recommended = EXCLUDED.recommended,"
                " weights_version = EXCLUDED.weights_version, retrieval = EXCLUDED.retrieval, scored_at = now()"
                " WHERE (matches.score, matches.breakdown, matches.explanation, matches.weights_version,"
                " matches.scorer) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.breakdown, EXCLUDED.explanation,"
                " EXCLUDED.weights_version, EXCLUDED.scorer)",
                [
                    (tenant_id, resume_id, r.job_id, r.score, Json(r.matched_skills), Json(r.missing_skills), SCORER,
                     Json(r.breakdown), Json(explain(r.breakdown, titles.get(r.job_id, "this"))), r.grade,
                     r.recommended, r.breakdown["weights_version"], Json(retrieval))
                    for resume_id, r, retrieval in pairs
                ],
            )  # fmt: skip

    @staticmethod
    def _store_exclusions(
        conn: Connection, tenant_id: str, resume_id: str, excluded: list[PairResult], replace_all: bool
    ) -> None:
        if replace_all:
            conn.execute(
                "DELETE FROM match_exclusions WHERE tenant_id = %s AND resume_id = %s"
                " AND NOT (job_id = ANY(%s::uuid[]))",
                (tenant_id, resume_id, [r.job_id for r in excluded]),
            )
        if excluded:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO match_exclusions (tenant_id, resume_id, job_id, reasons, weights_version)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (resume_id, job_id) DO UPDATE SET"
                    " reasons = EXCLUDED.reasons, weights_version = EXCLUDED.weights_version, evaluated_at = now()"
                    " WHERE (match_exclusions.reasons, match_exclusions.weights_version)"
                    " IS DISTINCT FROM (EXCLUDED.reasons, EXCLUDED.weights_version)",
                    [(tenant_id, resume_id, r.job_id, Json([e.as_dict() for e in r.excluded_by]),
                      r.breakdown["weights_version"]) for r in excluded],
                )  # fmt: skip
            # A job a filter now excludes leaves the untouched suggestions.
            conn.execute(
                "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
                " AND job_id = ANY(%s::uuid[])",
                (tenant_id, resume_id, [r.job_id for r in excluded]),
            )

    # --- reads ---------------------------------------------------------------------------------------

    def matches_for_resume(self, conn: Connection, tenant_id: str, resume_id: str) -> list[dict[str, Any]]:
        """The candidate's matches on active jobs, best first."""
        return conn.execute(
            "SELECT m.job_id, m.score::float AS score, m.grade, m.recommended, m.matched_skills, m.missing_skills,"
            " m.explanation->>'summary' AS summary, m.scorer, m.weights_version, m.status, m.scored_at, j.title,"
            " j.company, j.location FROM matches m JOIN jobs j ON j.id = m.job_id"
            " WHERE m.tenant_id = %s AND m.resume_id = %s AND j.status = 'active'"
            " ORDER BY m.score DESC, j.posted_at DESC, m.job_id",
            (tenant_id, resume_id),
        ).fetchall()

    def matches_for_job(self, conn: Connection, tenant_id: str, job_id: str) -> list[dict[str, Any]]:
        """The job's ranked candidates with each one's percentile among them (100: the best)."""
        return conn.execute(
            "SELECT m.resume_id, m.score::float AS score,"
            " round((cume_dist() OVER (ORDER BY m.score) * 100)::numeric, 1)::float AS percentile, m.grade,"
            " m.recommended, m.matched_skills, m.missing_skills,"
            " m.explanation->>'summary' AS summary, m.scorer, m.weights_version, m.status, m.scored_at, r.filename"
            " FROM matches m JOIN resumes r ON r.id = m.resume_id"
            " WHERE m.tenant_id = %s AND m.job_id = %s AND r.status = 'parsed' ORDER BY m.score DESC, m.resume_id",
            (tenant_id, job_id),
        ).fetchall()

    def match_detail(self, conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> dict[str, Any]:
        """One match with its full breakdown, explanation, retrieval ranks and feedback history."""
        row = conn.execute(
            "SELECT m.resume_id, m.job_id, m.score::float AS score, m.grade, m.recommended, m.matched_skills,"
            " m.missing_skills, m.breakdown, m.explanation, m.retrieval, m.scorer, m.weights_version, m.status,"
            " m.status_changed_at, m.scored_at, j.title, j.company, j.location, j.status AS job_status"
            " FROM matches m JOIN jobs j ON j.id = m.job_id"
            " WHERE m.tenant_id = %s AND m.resume_id = %s AND m.job_id::text = %s",
            (tenant_id, resume_id, job_id),
        ).fetchone()
        if row is None:
            raise NotFound("match not found")
        row["feedback"] = conn.execute(
            "SELECT role, from_status, to_status, reason, rating, created_at FROM match_feedback"
            " WHERE tenant_id = %s AND resume_id = %s AND job_id = %s ORDER BY id",
            (tenant_id, resume_id, row["job_id"]),
        ).fetchall()
        return row

    def evaluate(self, conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> dict[str, Any]:
        """One pair scored now and stored nowhere: why a job is or is not on a candidate's list. A job a hard
        filter excludes gets its reasons (and the breakdown it would have had); any other job its score,
        breakdown and explanation, and whether it made the stored list."""
        candidate = self._candidate(conn, tenant_id, resume_id)
        if candidate is None:
            raise NotFound("resume not parsed")
        row = conn.execute(
            f"SELECT {_JOB_COLUMNS}, status, analysis_status FROM jobs WHERE tenant_id = %s AND id::text = %s",
            (tenant_id, job_id),
        ).fetchone()
        if row is None:
            raise NotFound("job not found")
        if row["analysis_status"] != "analyzed":
            raise InvalidInput(f"the job is not analysed yet ({row['analysis_status']})", field="job_id")
        job = job_profile(row)
        profile = self.weight_profiles(tenant_id)[role_level(job.seniority)]
        query = self._stored_vector(tenant_id, "resume", resume_id)
        similarity = self._similarities(tenant_id, "job", query, [job.id]).get(job.id)
        result = score_pair(candidate, job, similarity, profile, self.today)
        stored = conn.execute(
            "SELECT score::float AS score, status FROM matches WHERE tenant_id = %s AND resume_id = %s AND job_id = %s",
            (tenant_id, resume_id, job.id),
        ).fetchone()
        return {
            "resume_id": resume_id, "job_id": job.id, "title": job.title, "job_status": row["status"],
            "excluded_by": [e.as_dict() for e in result.excluded_by],
            "score": None if result.excluded_by else result.score, "grade": result.grade,
            "recommended": result.recommended, "breakdown": result.breakdown,
            "explanation": explain(result.breakdown, job.title), "scorer": SCORER,
            "weights_version": profile.version, "stored_match": stored,
        }  # fmt: skip

    def exclusions_for_resume(self, conn: Connection, tenant_id: str, resume_id: str) -> list[dict[str, Any]]:
        return conn.execute(
            "SELECT x.job_id, x.reasons, x.weights_version, x.evaluated_at, j.title, j.company FROM match_exclusions x"
            " JOIN jobs j ON j.id = x.job_id WHERE x.tenant_id = %s AND x.resume_id = %s AND j.status = 'active'"
            " ORDER BY j.title, x.job_id",
            (tenant_id, resume_id),
        ).fetchall()

    # --- lifecycle -----------------------------------------------------------------------------------

    def update_status(
        self,
        conn: Connection,
        principal: Principal,
        resume_id: str,
        job_id: str,
        status: str,
        reason: str | None = None,
        rating: int | None = None,
    ) -> dict[str, Any]:
        """Move a match along its lifecycle and keep the feedback; the same status again records nothing."""
        if status not in STATUSES_BY_ROLE[principal.role]:
            allowed = ", ".join(sorted(STATUSES_BY_ROLE[principal.role]))
            raise InvalidInput(f"a {principal.role.value} may set the status to {allowed}", field="status")
        row = conn.execute(
            "SELECT job_id, status, score, weights_version FROM matches WHERE tenant_id = %s AND resume_id = %s"
            " AND job_id::text = %s FOR UPDATE",
            (principal.tenant_id, resume_id, job_id),
        ).fetchone()
        if row is None:
            raise NotFound("match not found")
        if row["status"] != status or reason or rating:
            conn.execute(
                "INSERT INTO match_feedback (tenant_id, resume_id, job_id, user_id, role, from_status, to_status,"
                " reason, rating, score, weights_version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (principal.tenant_id, resume_id, row["job_id"], principal.user_id, principal.role.value, row["status"],
                 status, reason, rating, row["score"], row["weights_version"]),
            )  # fmt: skip
        if row["status"] != status:
            conn.execute(
                "UPDATE matches SET status = %s, status_changed_at = now() WHERE resume_id = %s AND job_id = %s",
                (status, resume_id, row["job_id"]),
            )
        return {"resume_id": resume_id, "job_id": str(row["job_id"]), "status": status, "previous": row["status"]}

    # --- preferences ---------------------------------------------------------------------------------

    def preferences(self, conn: Connection, resume_id: str) -> dict[str, Any]:
        row = conn.execute(
            "SELECT salary_min::float AS salary_min, salary_currency, arrangement, relocate, updated_at"
            " FROM candidate_preferences WHERE resume_id = %s",
            (resume_id,),
        ).fetchone()
        return row or {"salary_min": None, "salary_currency": None, "arrangement": None, "relocate": False}

    def set_preferences(self, conn: Connection, tenant_id: str, resume_id: str, values: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO candidate_preferences (resume_id, tenant_id, salary_min, salary_currency, arrangement,"
            " relocate) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (resume_id) DO UPDATE SET"
            " salary_min = EXCLUDED.salary_min, salary_currency = EXCLUDED.salary_currency,"
            " arrangement = EXCLUDED.arrangement, relocate = EXCLUDED.relocate, updated_at = now()",
            (resume_id, tenant_id, values.get("salary_min"), values.get("salary_currency"), values.get("arrangement"),
             bool(values.get("relocate"))),
        )  # fmt: skip


__all__ = ["DEFAULT_VERSION", "SCORER", "STATUSES", "MatchingService", "RefreshIncomplete"]
