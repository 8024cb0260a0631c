"""Matching, one service for its callers (the worker, the routes, the CLI) over the modules that do the work:

- services/match_dispatch.py   queue dispatch: a work message carried out, a refresh batch that reports failures
- services/match_engine.py     matching: a candidate against the jobs, a job against the candidates, a fit now
- services/match_caches.py     the warm caches (numpy): active jobs, parsed candidates, vectors, the JobIndex
- services/match_lifecycle.py  the lifecycle (status changes with feedback) and candidate preferences
- services/match_weights.py    weight administration: the profile in force per level, new versions
- services/match_models.py     what the routes answer (pydantic)
- stores/matches.py            ALL the SQL on matches, feedback, exclusions, preferences and weights
- matching/fusion.py           rank fusion of the first stage, next to matching/retrieval.py

The route-facing methods take the principal and open their own transaction (visibility checked in it); the
methods taking a `conn` serve callers that already hold one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from hiring.adapters.postgres import Connection, Database
from hiring.errors import NotFound
from hiring.matching.fusion import Retrieved
from hiring.matching.profiles import CandidateProfile
from hiring.matching.weights import DEFAULT_VERSION, WeightProfile, WeightSettings
from hiring.ports import VectorIndex, WorkQueue
from hiring.principal import Principal
from hiring.services import match_dispatch, match_lifecycle
from hiring.services.match_caches import ActiveJobs, WarmCaches
from hiring.services.match_dispatch import RefreshIncomplete
from hiring.services.match_engine import Matcher
from hiring.services.match_lifecycle import STATUSES
from hiring.services.match_models import (
    Candidate,
    CandidatePreferences,
    ExcludedJob,
    Fit,
    JobCandidate,
    MatchDetail,
    PreferencesSaved,
    ResumeMatch,
    StatusChange,
    WeightProfileOut,
)
from hiring.services.match_weights import MatchWeights
from hiring.services.messages import MatchCandidate, MatchJob, RefreshBatch
from hiring.services.privacy import unranked_last
from hiring.stores import candidates as candidates_store
from hiring.stores import matches as store
from hiring.stores.matches import SCORER
from hiring.stores.privacy import unranked_resumes

if TYPE_CHECKING:
    from hiring.services.match_rephrase import MatchRephraser

Visibility = Callable[[Connection, Principal, str], None]  # raises NotFound unless the principal may see the resume


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
        *,
        visible: Visibility | None = None,
        rephraser: Callable[[], MatchRephraser | None] | None = None,
    ) -> None:
        if vectors is None:  # the local wiring; the container passes the configured index
            from hiring.adapters.pgvector_index import PgVectorIndex

            vectors = PgVectorIndex(db)
        self.db = db
        self.vectors = vectors
        self.queue = queue  # for follow-up re-matches; None: they run inline
        self._today = today
        self._visible = visible
        self._rephraser = rephraser or (lambda: None)
        self.weights = MatchWeights(db)
        self.caches = WarmCaches(vectors, lambda: self.today, exact_candidates_limit)
        self.matcher = Matcher(db, vectors, self.weights, self.caches, lambda: self.today, top_n=top_n,
                               retrieve_k=retrieve_k, exact_limit=exact_limit, queue=queue)  # fmt: skip

    @property
    def today(self) -> dt.date:
        return self._today or dt.datetime.now(dt.UTC).date()

    @property
    def top_n(self) -> int:
        return self.matcher.top_n

    @property
    def retrieve_k(self) -> int:
        return self.matcher.retrieve_k

    # --- the work queue and matching --------------------------------------------------------------------------

    def handle(self, message: MatchCandidate | MatchJob | RefreshBatch) -> int:
        """Carry out one queue message; returns the number of pairs scored. Safe to repeat."""
        return match_dispatch.handle(self.matcher, message)

    def refresh_batch(self, tenant_id: str, resume_ids: Sequence[str]) -> int:
        return match_dispatch.refresh_batch(self.matcher, tenant_id, resume_ids)

    def match_candidate(
        self,
        tenant_id: str,
        resume_id: str,
        profiles: dict[str, WeightProfile] | None = None,
        active: ActiveJobs | None = None,
    ) -> int:
        return self.matcher.match_candidate(tenant_id, resume_id, profiles, active)

    def match_job(self, tenant_id: str, job_id: str) -> int:
        return self.matcher.match_job(tenant_id, job_id)

    def retrieve_jobs(
        self, conn: Connection, tenant_id: str, candidate: CandidateProfile, query: list[float] | None
    ) -> Retrieved:
        return self.matcher.retrieve_jobs(conn, tenant_id, candidate, query)

    # --- weights ----------------------------------------------------------------------------------------------

    def weight_profiles(self, tenant_id: str) -> dict[str, WeightProfile]:
        return self.weights.profiles(tenant_id)

    def describe_weights(self, tenant_id: str) -> dict[str, WeightProfileOut]:
        return self.weights.describe(tenant_id)

    def set_weights(self, principal: Principal, settings: WeightSettings) -> WeightProfileOut:
        return self.weights.add(principal, settings)

    # --- what the routes ask, each in its own transaction -----------------------------------------------------

    def _check(self, conn: Connection, principal: Principal, resume_id: str) -> None:
        if self._visible is None:
            raise RuntimeError("MatchingService was built without a resume visibility check")
        self._visible(conn, principal, resume_id)

    def resume_matches(self, principal: Principal, resume_id: str) -> list[ResumeMatch]:
        """The candidate's matches on active jobs, best first."""
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            rows = store.matches_for_resume(conn, principal.tenant_id, resume_id)
            blocked = set(candidates_store.blocked_for_resume(conn, principal.tenant_id, resume_id))
        return [ResumeMatch.model_validate(row) for row in rows if (row["company"] or "").lower() not in blocked]

    def job_matches(self, tenant_id: str, job_id: str) -> list[JobCandidate]:
        """The job's ranked candidates with their percentiles (the caller has checked the job is visible)."""
        with self.db.connect() as conn:
            rows = store.matches_for_job(conn, tenant_id, job_id)
            unranked = unranked_resumes(conn, tenant_id, [str(row["resume_id"]) for row in rows])
        return [JobCandidate.model_validate({**row, "candidate": Candidate.of(row)})
                for row in unranked_last(rows, unranked)]  # fmt: skip

    def detail(self, principal: Principal, resume_id: str, job_id: str) -> MatchDetail:
        """One match with its breakdown; with HIRING_MATCH_REPHRASE=on-view, also the explanation's checked LLM
        rephrasing (asked once per explanation, after the transaction: a model call can take seconds)."""
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            found = self.match_detail(conn, principal.tenant_id, resume_id, job_id)
        rephraser = self._rephraser()
        if rephraser is not None:
            found = rephraser.with_rephrasing(principal.tenant_id, found)
        return MatchDetail.model_validate(found)

    def fit(self, principal: Principal, resume_id: str, job_id: str) -> Fit:
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            return self.matcher.fit(conn, principal.tenant_id, resume_id, job_id)

    def exclusions(self, principal: Principal, resume_id: str) -> list[ExcludedJob]:
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            rows = store.exclusions_for_resume(conn, principal.tenant_id, resume_id)
        return [ExcludedJob.model_validate(row) for row in rows]

    def change_status(
        self, principal: Principal, resume_id: str, job_id: str, status: str, reason: str | None, rating: int | None
    ) -> StatusChange:
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            return match_lifecycle.update_status(conn, principal, resume_id, job_id, status, reason, rating)

    def candidate_preferences(self, principal: Principal, resume_id: str) -> CandidatePreferences:
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            return match_lifecycle.preferences(conn, resume_id)

    def save_preferences(self, principal: Principal, resume_id: str, values: dict[str, Any]) -> PreferencesSaved:
        """Store the candidate's preferences, then re-match them from the queue (inline without one)."""
        with self.db.connect() as conn:
            self._check(conn, principal, resume_id)
            match_lifecycle.set_preferences(conn, principal.tenant_id, resume_id, values)
        message = MatchCandidate(tenant_id=principal.tenant_id, resume_id=resume_id)  # type: ignore[arg-type]
        if self.queue is None:
            self.handle(message)
        else:
            self.queue.send(message, dedup_key=f"match_candidate:{resume_id}")
        return PreferencesSaved(**values, rematch="queued")

    # --- for callers holding a transaction ---------------------------------------------------------------------

    def matches_for_resume(self, conn: Connection, tenant_id: str, resume_id: str) -> list[dict[str, Any]]:
        return store.matches_for_resume(conn, tenant_id, resume_id)

    def matches_for_job(self, conn: Connection, tenant_id: str, job_id: str) -> list[dict[str, Any]]:
        return store.matches_for_job(conn, tenant_id, job_id)

    def match_detail(self, conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> dict[str, Any]:
        row = store.match_detail(conn, tenant_id, resume_id, job_id)
        if row is None:
            raise NotFound("match not found")
        return row

    def exclusions_for_resume(self, conn: Connection, tenant_id: str, resume_id: str) -> list[dict[str, Any]]:
        return store.exclusions_for_resume(conn, tenant_id, resume_id)

    def update_status(
        self,
        conn: Connection,
        principal: Principal,
        resume_id: str,
        job_id: str,
        status: str,
        reason: str | None = None,
        rating: int | None = None,
    ) -> StatusChange:
        return match_lifecycle.update_status(conn, principal, resume_id, job_id, status, reason, rating)

    def set_preferences(self, conn: Connection, tenant_id: str, resume_id: str, values: dict[str, Any]) -> None:
        match_lifecycle.set_preferences(conn, tenant_id, resume_id, values)


__all__ = ["DEFAULT_VERSION", "SCORER", "STATUSES", "MatchingService", "RefreshIncomplete"]
