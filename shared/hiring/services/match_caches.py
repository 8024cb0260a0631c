"""The warm caches a matching worker keeps per tenant: the active jobs as scorer matrices per weight level, the
parsed candidates as profiles, their unit float32 vectors, and the first-stage JobIndex; plus the vector math
(cosines through the index port) both matching directions share.

Each cache is keyed by a count and a digest of every row's (id, stamp), read in one aggregate query: it is rebuilt
only when that moves, and a rebuild keeps the profiles and vectors of rows whose stamp did not move.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from hiring.adapters.postgres import Connection
from hiring.matching.profiles import CandidateProfile, JobProfile, Preferences, candidate_profile, job_profile
from hiring.matching.retrieval import JobIndex
from hiring.matching.vectorized import JobMatrix
from hiring.matching.weights import LEVELS, role_level
from hiring.ports import VectorIndex
from hiring.resume.corrections import Corrections, apply_corrections
from hiring.resume.model import ParsedResume, Skill
from hiring.stores import matches as store

FETCH_CHUNK = 2_000  # vectors asked of the index port, or candidate rows of Postgres, per request in a cache build


@dataclass
class Warm:
    """Rows a warm worker keeps for a tenant, with their unit float32 vectors (filled when first needed)."""

    key: tuple[int, Any]
    ids: list[str]
    stamps: list[Any]
    vectors: npt.NDArray[np.float32] | None = None  # None until a match needs them
    has_vector: npt.NDArray[np.bool_] | None = None

    def missing_vectors(self) -> list[str]:
        if self.has_vector is None:
            return list(self.ids)
        return [self.ids[i] for i in np.flatnonzero(~self.has_vector)]

    def keep_vectors(self, before: Warm | None) -> None:
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
class ActiveJobs(Warm):
    """A tenant's active analysed jobs, as one matrix per weight level."""

    levels: dict[str, tuple[npt.NDArray[np.int64], JobMatrix]] = field(default_factory=dict)
    jobs: list[JobProfile] = field(default_factory=list)
    index: tuple[dt.date, JobIndex] | None = None  # the first-stage index, past the exhaustive limit

    @cached_property
    def position(self) -> dict[str, int]:
        return {ref: row for row, ref in enumerate(self.ids)}


@dataclass
class Candidates(Warm):
    """A tenant's parsed candidates as scorer profiles (with their preferences), for a job's exhaustive pass."""

    profiles: list[CandidateProfile] = field(default_factory=list)


# --- rows to profiles ------------------------------------------------------------------------------------------


def row_preferences(row: dict[str, Any]) -> Preferences:
    return Preferences(
        salary_min=float(row["pref_salary_min"]) if row.get("pref_salary_min") is not None else None,
        salary_currency=row.get("pref_salary_currency"),
        arrangement=row.get("pref_arrangement"),
        relocate=bool(row.get("pref_relocate")),
    )


def parsed_resume(row: dict[str, Any]) -> ParsedResume:
    """The effective profile matching scores: the parsed one with the candidate's corrections applied."""
    if row.get("profile"):
        parsed = ParsedResume.model_validate(row["profile"])
        if row.get("corrections"):
            return apply_corrections(parsed, Corrections.model_validate(row["corrections"]))
        return parsed
    return ParsedResume(skills=[Skill(name=name) for name in row.get("skills") or []])  # an older row: names only


def candidate_from_row(row: dict[str, Any], today: dt.date) -> CandidateProfile:
    """A store candidate row (stores.matches.candidate_row) as the scorer's profile."""
    return candidate_profile(row["id"], parsed_resume(row), today, row_preferences(row), row.get("esco") or ())


# --- vector math -----------------------------------------------------------------------------------------------


def unit_rows(vectors: list[list[float]]) -> npt.NDArray[np.float32]:
    matrix = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.where(norms > 0, matrix / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


def cosines(query: npt.NDArray[np.float64], matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Cosine of the query with each row: a dot product of unit vectors (normalised here, so any vector works)."""
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norms > 0, (matrix @ query) / norms, 0.0)


def stored_vector(index: VectorIndex, tenant_id: str, kind: str, ref_id: str) -> list[float] | None:
    """The query's own vector, from the index port (pgvector locally, OpenSearch in the cloud)."""
    return index.get(tenant_id, kind, [ref_id]).get(ref_id)


def similarities(
    index: VectorIndex, tenant_id: str, kind: str, query: list[float] | None, ids: list[str]
) -> dict[str, float]:
    """Cosine of the query with each stored vector of the ids, fetched through the port, in numpy, rounded to 6
    places as the warm paths round it: a pair scores the same whichever path scores it."""
    if query is None or not ids:
        return {}
    stored = index.get(tenant_id, kind, ids)
    if not stored:
        return {}
    refs = list(stored)
    matrix = np.asarray([stored[ref] for ref in refs], dtype=np.float64)
    values = cosines(np.asarray(query, dtype=np.float64), matrix)
    return {ref: round(float(value), 6) for ref, value in zip(refs, values, strict=True)}


# --- the caches ------------------------------------------------------------------------------------------------


class WarmCaches:
    """Per tenant: job profiles by updated_at, the active jobs, the parsed candidates, and their vectors."""

    def __init__(self, vectors: VectorIndex, today: Callable[[], dt.date], exact_candidates_limit: int) -> None:
        self.vectors = vectors
        self.today = today
        self.exact_candidates_limit = exact_candidates_limit  # past this many candidates: never built
        # tenant -> job id -> (updated_at, profile): warm Lambdas reuse it; a cache refresh drops jobs no longer active
        self._jobs: dict[str, dict[str, tuple[Any, JobProfile]]] = {}
        self._active: dict[str, ActiveJobs] = {}  # tenant -> its active jobs as matrices and vectors
        self._people: dict[str, Candidates] = {}  # tenant -> its parsed candidates, for a job's exhaustive pass
        self.lock = threading.RLock()  # the local runtime runs worker threads over one service

    def job_profiles(self, conn: Connection, tenant_id: str, ids: list[str]) -> dict[str, JobProfile]:
        """Active analysed jobs among ids, from the cache when their updated_at has not moved."""
        if not ids:
            return {}
        stamps = store.active_job_stamps(conn, tenant_id, ids)
        cache = self._jobs.setdefault(tenant_id, {})
        stale = [r["id"] for r in stamps if cache.get(r["id"], (None,))[0] != r["updated_at"]]
        if stale:
            for row in store.job_rows(conn, stale):
                cache[str(row["id"])] = (row["updated_at"], job_profile(row))
        return {r["id"]: cache[r["id"]][1] for r in stamps}

    def active_jobs(self, conn: Connection, tenant_id: str) -> ActiveJobs:
        """The tenant's active analysed jobs split by weight level; one aggregate query when nothing changed."""
        with self.lock:
            return self._refresh_active(conn, tenant_id)

    def _refresh_active(self, conn: Connection, tenant_id: str) -> ActiveJobs:
        key = store.active_digest(conn, tenant_id)
        cached = self._active.get(tenant_id)
        if cached is not None and cached.key == key:
            return cached
        stamps = store.active_stamps(conn, tenant_id)
        found = self.job_profiles(conn, tenant_id, [r["id"] for r in stamps])
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
        active = ActiveJobs(key, matrix.ids, [r["updated_at"] for r in stamps], levels=levels, jobs=jobs)
        active.keep_vectors(cached)  # a job's vector is written before its analysed row commits
        self._active[tenant_id] = active
        return active

    def candidates(self, conn: Connection, tenant_id: str) -> Candidates | None:
        """The tenant's parsed candidates as profiles (None past `exact_candidates_limit`: never built); one
        aggregate query when none changed (a resume's or its preferences' updated_at, or the day: profiles count
        recent skills from today)."""
        today = self.today()
        with self.lock:
            count, digest = store.parsed_digest(conn, tenant_id)
            key = (count, (digest, today))
            if count > self.exact_candidates_limit:
                self._people.pop(tenant_id, None)
                return None
            cached = self._people.get(tenant_id)
            if cached is not None and cached.key == key:
                return cached
            stamps = store.parsed_stamps(conn, tenant_id)
            known = {} if cached is None or cached.key[1][1] != today else {
                (ref, stamp): profile for ref, stamp, profile in zip(cached.ids, cached.stamps, cached.profiles,
                                                                     strict=True)}  # fmt: skip
            stale = [r["id"] for r in stamps if (r["id"], r["stamp"]) not in known]
            fresh: dict[str, CandidateProfile] = {}
            for start in range(0, len(stale), FETCH_CHUNK):
                rows = store.candidate_rows(conn, tenant_id, stale[start : start + FETCH_CHUNK])
                fresh.update({r["id"]: candidate_from_row(r, today) for r in rows})
            kept = [r for r in stamps if (r["id"], r["stamp"]) in known or r["id"] in fresh]
            profiles = [known.get((r["id"], r["stamp"])) or fresh[r["id"]] for r in kept]
            people = Candidates(key, [r["id"] for r in kept], [r["stamp"] for r in kept], profiles=profiles)
            people.keep_vectors(cached)  # a resume's updated_at moves when its vector is written
            self._people[tenant_id] = people
            return people

    def job_index(self, active: ActiveJobs) -> JobIndex:
        """The warm job set's first-stage index (skill postings per place x experience cell), built once a day."""
        today = self.today()
        with self.lock:
            if active.index is None or active.index[0] != today:
                active.index = (today, JobIndex(active.jobs, today))
            return active.index[1]

    def warm_vectors(
        self, tenant_id: str, kind: str, warm: Warm
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
        """Every row's unit vector (zeros where the index has none yet), fetched only where not cached."""
        with self.lock:
            self._fill_vectors(tenant_id, kind, warm)
        if warm.vectors is None or warm.has_vector is None:
            return np.zeros((len(warm.ids), 0), np.float32), np.zeros(len(warm.ids), np.bool_)
        return warm.vectors, warm.has_vector

    def similarity(self, tenant_id: str, kind: str, warm: Warm, query: list[float] | None) -> npt.NDArray[np.float64]:
        """Cosine of the query with every cached row, rounded to 6 places so it does not hang on the BLAS build
        (the same pair gives the same score in both directions and on any worker); NaN where a vector is missing."""
        result = np.full(len(warm.ids), np.nan)
        if query is not None and warm.ids:
            vectors, present = self.warm_vectors(tenant_id, kind, warm)
            unit = np.asarray(query, np.float64)
            norm = float(np.linalg.norm(unit))
            if vectors.shape[1] == len(unit) and norm > 0:
                cosine = (vectors @ (unit / norm).astype(np.float32)).astype(np.float64)
                result = np.where(present, np.round(cosine, 6), np.nan)
        return result

    def _fill_vectors(self, tenant_id: str, kind: str, warm: Warm) -> None:
        missing = warm.missing_vectors()
        if missing:
            position = {ref: i for i, ref in enumerate(warm.ids)}
            for start in range(0, len(missing), FETCH_CHUNK):
                chunk = missing[start : start + FETCH_CHUNK]
                found = self.vectors.get(tenant_id, kind, chunk)
                if not found:
                    continue
                refs = list(found)
                rows = unit_rows([found[ref] for ref in refs])
                if warm.vectors is None or warm.vectors.shape[1] != rows.shape[1]:  # first fill, or a new model
                    warm.vectors = np.zeros((len(warm.ids), rows.shape[1]), np.float32)
                    warm.has_vector = np.zeros(len(warm.ids), np.bool_)
                index = np.array([position[ref] for ref in refs], np.int64)
                warm.vectors[index] = rows
                assert warm.has_vector is not None
                warm.has_vector[index] = True
