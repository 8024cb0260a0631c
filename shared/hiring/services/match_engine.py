"""Matching itself: a candidate against the active jobs, a job against the candidates, one pair now (a fit).

Both directions are exhaustive while the tenant fits a warm worker's caches: a candidate is scored against every
active job (vectorized, up to `exact_limit`), a job against every parsed candidate (up to `exact_candidates_limit`),
so nothing a retrieval stage would miss is missed. Past the limits, two-stage retrieval: a vector top-K from the
index port plus a skill top-K (and, for a candidate's jobs, a structured top-K, both from the warm JobIndex),
fused by RRF (hiring.matching.fusion), then precise scoring of the fused set. Storage is stores.matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from hiring.adapters.postgres import Connection, Database
from hiring.errors import InvalidInput, NotFound
from hiring.matching.explain import explain
from hiring.matching.fusion import Retrieved, fuse
from hiring.matching.profiles import CandidateProfile, JobProfile, job_profile
from hiring.matching.retrieval import READ_PER_SKILL, STRUCTURED_POOL
from hiring.matching.score import PairResult, component_scores, hard_filters, score_pair, weighted_total
from hiring.matching.vectorized import JobMatrix, score_jobs, unfiltered_scores
from hiring.matching.weights import LEVELS, WeightProfile, role_level
from hiring.observability import logger, metrics
from hiring.ports import VectorIndex, WorkQueue
from hiring.services.match_caches import (
    ActiveJobs,
    Candidates,
    WarmCaches,
    candidate_from_row,
    similarities,
    stored_vector,
)
from hiring.services.match_models import Fit
from hiring.services.match_weights import MatchWeights
from hiring.services.messages import refresh_batches
from hiring.stores import matches as store
from hiring.stores.matches import SCORER, Pair


def _filtered(job_id: str, reasons: list[Any], profile: WeightProfile) -> PairResult:
    """A pair a hard filter excludes: only its reasons are stored, no breakdown."""
    return PairResult(job_id, 0.0, "F", False, [], [], {"weights_version": profile.version}, reasons)


def _checked(result: PairResult, vectorized: float) -> PairResult:
    if result.score != vectorized:  # the two implementations must agree; a mismatch is a bug worth shouting
        logger.error("scorer disagreement", extra={"job_id": result.job_id, "vectorized": vectorized,
                                                   "pair": result.score})  # fmt: skip
    return result


def score_candidate(
    candidate: CandidateProfile,
    jobs: list[JobProfile],
    similarity: dict[str, float],
    profiles: dict[str, WeightProfile],
    top_n: int,
    today: dt.date,
) -> tuple[list[PairResult], list[PairResult]]:
    """Rank with the vectorized scorer per weight profile, then the full breakdown for the top-N kept."""
    ranked: list[tuple[float, str, JobProfile, WeightProfile]] = []
    excluded: list[PairResult] = []
    for level in LEVELS:
        group = [j for j in jobs if role_level(j.seniority) == level]
        if not group:
            continue
        sims = np.array([similarity.get(j.id, np.nan) for j in group], np.float64)
        batch = score_jobs(candidate, JobMatrix(group), sims, profiles[level], today)
        for index, job in enumerate(group):
            if batch.excluded[index]:
                reasons = hard_filters(candidate, job, profiles[level].filters)
                excluded.append(_filtered(job.id, reasons, profiles[level]))
            else:
                ranked.append((float(batch.scores[index]), job.id, job, profiles[level]))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    results = [
        _checked(score_pair(candidate, job, similarity.get(job.id), profile, today), score)
        for score, _, job, profile in ranked[:top_n]
    ]
    return results, excluded


class Matcher:
    """Scores and stores: a candidate's top-N with exclusions, a job into the lists it belongs to."""

    def __init__(
        self,
        db: Database,
        vectors: VectorIndex,
        weights: MatchWeights,
        caches: WarmCaches,
        today: Callable[[], dt.date],
        *,
        top_n: int,
        retrieve_k: int,
        exact_limit: int,
        queue: WorkQueue | None,
    ) -> None:
        self.db = db
        self.vectors = vectors
        self.weights = weights
        self.caches = caches
        self._today = today
        self.top_n = top_n
        self.retrieve_k = retrieve_k
        self.exact_limit = exact_limit  # a candidate is scored against every active job up to this many
        self.queue = queue  # for follow-up re-matches; None: they run inline

    @property
    def today(self) -> dt.date:
        return self._today()

    def stored_vector(self, tenant_id: str, kind: str, ref_id: str) -> list[float] | None:
        return stored_vector(self.vectors, tenant_id, kind, ref_id)

    def candidate(self, conn: Connection, tenant_id: str, resume_id: str) -> CandidateProfile | None:
        row = store.candidate_row(conn, tenant_id, resume_id)
        return None if row is None else candidate_from_row(row, self.today)

    # --- candidate -> jobs -----------------------------------------------------------------------------------

    def retrieve_jobs(
        self,
        conn: Connection,
        tenant_id: str,
        candidate: CandidateProfile,
        query: list[float] | None,
        profiles: dict[str, WeightProfile] | None = None,
        active: ActiveJobs | None = None,
    ) -> Retrieved:
        """Stage one for a candidate, past the exhaustive limit: the vector top-K from the index port, the skill and
        structured top-K from the warm JobIndex (no pass over every job), hard-filtered jobs left out, RRF."""
        profiles = profiles or self.weights.profiles(tenant_id)
        active = active or self.caches.active_jobs(conn, tenant_id)
        index = self.caches.job_index(active)
        pricing = index.price(candidate, profiles, self.today)
        k = self.retrieve_k
        hits = self.vectors.search(tenant_id, "job", query, k) if query else []
        rows = np.array([active.position[h.ref_id] for h in hits if h.ref_id in active.position], np.int64)
        vector = rows[~index.excluded(pricing, rows)] if len(rows) else rows
        skill = index.skill_search(pricing, k, READ_PER_SKILL * k)
        structured = index.structured_search(pricing, k, STRUCTURED_POOL * k)
        return fuse(*([active.ids[r] for r in found] for found in (vector, skill, structured)))

    def match_candidate(
        self,
        tenant_id: str,
        resume_id: str,
        profiles: dict[str, WeightProfile] | None = None,
        active: ActiveJobs | None = None,
    ) -> int:
        """Score the candidate against the active jobs (all of them up to `exact_limit`, else the retrieved ones),
        store the top-N and the exclusions; returns the pairs scored."""
        profiles = profiles or self.weights.profiles(tenant_id)
        with self.db.connect() as conn:
            candidate = self.candidate(conn, tenant_id, resume_id)
            if candidate is None:
                logger.info("match skipped: resume not parsed", extra={"resume_id": resume_id})
                return 0
            query = self.stored_vector(tenant_id, "resume", resume_id)
            active = active or self.caches.active_jobs(conn, tenant_id)
            pairs: list[Pair]
            if len(active.ids) <= self.exact_limit:
                results, excluded, titles = self._score_all(tenant_id, candidate, active, query, profiles)
                scored = len(active.ids)
                method = {"direction": "candidate", "method": "exhaustive", "jobs_scored": scored}
                pairs = [(resume_id, r, method) for r in results]
            else:
                retrieved = self.retrieve_jobs(conn, tenant_id, candidate, query, profiles, active)
                ordered = [active.jobs[active.position[ref]] for ref in retrieved.ids]
                similarity = similarities(self.vectors, tenant_id, "job", query, [j.id for j in ordered])
                results, excluded = score_candidate(candidate, ordered, similarity, profiles, self.top_n, self.today)
                scored, titles = len(ordered), {j.id: j.title for j in ordered}
                pairs = [(resume_id, r, retrieved.of(r.job_id, "candidate")) for r in results[: self.top_n]]
            store.drop_candidate_suggestions(conn, tenant_id, resume_id, [r.job_id for _, r, _ in pairs])
            store.store_pairs(conn, tenant_id, pairs, titles)
            store.store_exclusions(conn, tenant_id, resume_id, excluded, replace_all=True)
        metrics.add_metric(name="MatchScoresStored", unit="Count", value=len(pairs))
        return scored

    def _score_all(
        self,
        tenant_id: str,
        candidate: CandidateProfile,
        active: ActiveJobs,
        query: list[float] | None,
        profiles: dict[str, WeightProfile],
    ) -> tuple[list[PairResult], list[PairResult], dict[str, str]]:
        """Every active job through the vectorized scorer; the top-N get the full breakdown, and the excluded jobs
        that would have made the top-N without their hard filter are reported with the filter's reason."""
        today = self.today
        similarity = self.caches.similarity(tenant_id, "job", active, query)
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
        for score, _, row, level in kept:
            sim = float(similarity[row])
            pair = score_pair(candidate, active.jobs[row], None if np.isnan(sim) else sim, profiles[level], today)
            results.append(_checked(pair, score))
        excluded = [
            _filtered(ref, hard_filters(candidate, active.jobs[row], profiles[level].filters), profiles[level])
            for _, ref, row, level in near
        ]
        return results, excluded, {ref: active.jobs[row].title for _, ref, row, _ in kept}

    # --- job -> candidates -----------------------------------------------------------------------------------

    def match_job(self, tenant_id: str, job_id: str) -> int:
        """A new or changed job enters the lists of the candidates it now belongs to and leaves the others.

        Up to `exact_candidates_limit` parsed candidates every one is scored and the job is stored for those whose
        top-N it enters (it beats their N-th suggestion); past it, retrieval picks the candidates to score.
        """
        profiles = self.weights.profiles(tenant_id)
        with self.db.connect() as conn:
            found = self.caches.job_profiles(conn, tenant_id, [job_id])
            if job_id not in found:
                logger.info("match skipped: job not active", extra={"job_id": job_id})
                return 0
            job = found[job_id]
            profile = profiles[role_level(job.seniority)]
            query = self.stored_vector(tenant_id, "job", job_id)
            people = self.caches.candidates(conn, tenant_id)
            if people is not None:
                kept, excluded, scored = self._job_against_everyone(conn, tenant_id, job, query, profile, people)
                store.store_job_exclusions(conn, tenant_id, job_id, excluded)
            else:
                kept, scored = self._job_against_retrieved(conn, tenant_id, job, query, profile)
            before = store.job_suggestion_scores(conn, tenant_id, job_id, [resume_id for resume_id, _, _ in kept])
            store.store_pairs(conn, tenant_id, kept, {job.id: job.title})
            store.trim(conn, tenant_id, [resume_id for resume_id, _, _ in kept], self.top_n)
        metrics.add_metric(name="MatchScoresStored", unit="Count", value=len(kept))
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
        people: Candidates,
    ) -> tuple[list[Pair], list[tuple[str, PairResult]], int]:
        """Score the job for every candidate; keep it where it beats the candidate's N-th other suggestion, and
        report the hard filters that kept it out of a list it would otherwise have entered."""
        today = self.today
        similarity = self.caches.similarity(tenant_id, "resume", people, query)
        bars = store.list_floors(conn, tenant_id, job.id)
        method = {"direction": "job", "method": "exhaustive", "candidates_scored": len(people.ids)}
        kept: list[Pair] = []
        excluded: list[tuple[str, PairResult]] = []
        for row, (ref, candidate) in enumerate(zip(people.ids, people.profiles, strict=True)):
            sim = None if np.isnan(similarity[row]) else float(similarity[row])
            score = weighted_total(component_scores(candidate, job, sim, profile, today), profile)
            count, bar = bars.get(ref, (0, 0.0))
            if count >= self.top_n and score <= bar:
                continue  # it would not enter this candidate's list, filtered or not
            reasons = hard_filters(candidate, job, profile.filters)
            if reasons:
                excluded.append((ref, _filtered(job.id, reasons, profile)))
            else:
                kept.append((ref, score_pair(candidate, job, sim, profile, today), method))
        return kept, excluded, len(people.ids)

    def _job_against_retrieved(
        self, conn: Connection, tenant_id: str, job: JobProfile, query: list[float] | None, profile: WeightProfile
    ) -> tuple[list[Pair], int]:
        """Past the limit: the candidates vector and skill retrieval find, scored and stored."""
        vector_ids = (
            [h.ref_id for h in self.vectors.search(tenant_id, "resume", query, self.retrieve_k)] if query else []
        )
        skill_ids = store.resumes_by_skill(conn, tenant_id, job.required, job.preferred, self.retrieve_k)
        retrieved = fuse(vector_ids, skill_ids)
        rows = store.candidate_rows(conn, tenant_id, retrieved.ids)
        similarity = similarities(self.vectors, tenant_id, "resume", query, [r["id"] for r in rows])
        kept: list[Pair] = []
        for row in sorted(rows, key=lambda r: r["id"]):
            candidate = candidate_from_row(row, self.today)
            result = score_pair(candidate, job, similarity.get(row["id"]), profile, self.today)
            if result.excluded_by:
                store.store_exclusions(conn, tenant_id, row["id"], [result], replace_all=False)
            else:
                kept.append((row["id"], result, retrieved.of(row["id"], "job")))
        return kept, len(rows)

    # --- one pair now ----------------------------------------------------------------------------------------

    def fit(self, conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> Fit:
        """One pair scored now and stored nowhere: why a job is or is not on a candidate's list. A job a hard
        filter excludes gets its reasons (and the breakdown it would have had); any other job its score,
        breakdown and explanation, and whether it made the stored list."""
        candidate = self.candidate(conn, tenant_id, resume_id)
        if candidate is None:
            raise NotFound("resume not parsed")
        row = store.job_row(conn, tenant_id, job_id)
        if row is None:
            raise NotFound("job not found")
        if row["analysis_status"] != "analyzed":
            raise InvalidInput(f"the job is not analysed yet ({row['analysis_status']})", field="job_id")
        job = job_profile(row)
        profile = self.weights.profiles(tenant_id)[role_level(job.seniority)]
        query = self.stored_vector(tenant_id, "resume", resume_id)
        similarity = similarities(self.vectors, tenant_id, "job", query, [job.id]).get(job.id)
        result = score_pair(candidate, job, similarity, profile, self.today)
        return Fit.model_validate({
            "resume_id": resume_id, "job_id": job.id, "title": job.title, "job_status": row["status"],
            "excluded_by": [e.as_dict() for e in result.excluded_by],
            "score": None if result.excluded_by else result.score, "grade": result.grade,
            "recommended": result.recommended, "breakdown": result.breakdown,
            "explanation": explain(result.breakdown, job.title), "scorer": SCORER,
            "weights_version": profile.version, "stored_match": store.stored_match(conn, tenant_id, resume_id, job.id),
        })  # fmt: skip
