"""What a change of weights would do to one job's ranking, before it is made: the job's current top candidates (its
stored matches) scored now by the real scorer (hiring.matching.score.score_pair) under the weights in force and
under the proposed ones, ranked both ways. Nothing is stored: the admin stores the proposal with
POST /api/admin/match-weights, whose body the proposal mirrors (the job's level is the one it would change)."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hiring.errors import InvalidInput, NotFound
from hiring.matching.profiles import job_profile
from hiring.matching.score import PairResult, score_pair
from hiring.matching.weights import FilterSettings, WeightProfile, WeightSettings, apply_settings, role_level
from hiring.principal import Principal
from hiring.services.match_caches import candidate_from_row, similarities
from hiring.services.match_engine import Matcher
from hiring.stores import matches as store
from hiring.stores.privacy import unranked_resumes

PROPOSED_VERSION = "proposed"


class WeightsPreviewIn(BaseModel):
    """A proposed profile for the job's level (as POST /api/admin/match-weights takes it, without the level)."""

    model_config = ConfigDict(extra="forbid")

    job_id: uuid.UUID
    limit: int = Field(default=20, ge=1, le=100, description="how many of the job's top candidates to re-rank")
    weights: dict[str, float] = Field(default_factory=dict, description="component -> weight; omitted: default")
    base_credit: int | None = Field(default=None, ge=0, le=1000)
    experience_credit: int | None = Field(default=None, ge=0, le=1000)
    project_credit: int | None = Field(default=None, ge=0, le=1000)
    recent_credit: int | None = Field(default=None, ge=0, le=1000)
    filters: FilterSettings = Field(default_factory=FilterSettings)


class PreviewCandidate(BaseModel):
    resume_id: uuid.UUID
    name: str | None = Field(description="the person's name as parsed")
    filename: str
    rank_before: int | None = Field(description="1 is the best; null when the weights in force exclude the pair")
    rank_after: int | None = Field(description="under the proposal; null when its filters exclude the pair")
    moved: int | None = Field(description="places gained (positive) or lost (negative); null when excluded")
    score_before: float | None
    score_after: float | None
    grade_before: str
    grade_after: str
    excluded_after: list[dict[str, str]] = Field(description="the proposal's hard filters that exclude the pair")


class WeightsPreview(BaseModel):
    job_id: uuid.UUID
    title: str
    level: str = Field(description="the job's role level, whose profile the proposal replaces")
    current_version: str
    current_weights: dict[str, float]
    proposed_weights: dict[str, float] = Field(description="the proposal with the level's defaults filled in")
    candidates: list[PreviewCandidate] = Field(description="ordered by rank under the proposal (excluded last)")
    unranked: int = Field(description="top candidates left out: they refused automated ranking (GDPR Art. 22)")


def _ranks(results: dict[str, PairResult]) -> dict[str, int]:
    """1-based ranks by score, ties by resume id as the stored lists order them; excluded pairs have none."""
    kept = sorted((ref for ref, r in results.items() if not r.excluded_by), key=lambda ref: (-results[ref].score, ref))
    return {ref: n for n, ref in enumerate(kept, start=1)}


def proposed_profile(level: str, body: WeightsPreviewIn) -> WeightProfile:
    """The profile POST /api/admin/match-weights would store for the level with this body (defaults underneath)."""
    values: dict[str, Any] = body.model_dump(exclude={"job_id", "limit"}, exclude_none=True)
    try:
        settings = WeightSettings.model_validate({**values, "level": level})
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise InvalidInput(str(problem["msg"]).removeprefix("Value error, "), field="weights") from exc
    try:
        return apply_settings(settings, PROPOSED_VERSION)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="weights") from exc


class WeightsPreviewer:
    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def preview(self, principal: Principal, body: WeightsPreviewIn) -> WeightsPreview:
        tenant_id, job_id, matcher = principal.tenant_id, str(body.job_id), self.matcher
        current_profiles = matcher.weights.profiles(tenant_id)
        with matcher.db.connect() as conn:
            row = store.job_row(conn, tenant_id, job_id)
            if row is None:
                raise NotFound("job not found")
            if row["analysis_status"] != "analyzed":
                raise InvalidInput(f"the job is not analysed yet ({row['analysis_status']})", field="job_id")
            listed = store.matches_for_job(conn, tenant_id, job_id)
            refused = unranked_resumes(conn, tenant_id, [str(m["resume_id"]) for m in listed])
            top = [m for m in listed if str(m["resume_id"]) not in refused][: body.limit]
            rows = store.candidate_rows(conn, tenant_id, [str(m["resume_id"]) for m in top])
        job = job_profile(row)
        level = role_level(job.seniority)
        current, proposed = current_profiles[level], proposed_profile(level, body)
        query = matcher.stored_vector(tenant_id, "job", job_id)
        similarity = similarities(matcher.vectors, tenant_id, "resume", query, [str(r["id"]) for r in rows])
        today = matcher.today
        before: dict[str, PairResult] = {}
        after: dict[str, PairResult] = {}
        people: dict[str, str | None] = {}
        for candidate_row in rows:
            ref = str(candidate_row["id"])
            people[ref] = (candidate_row["profile"] or {}).get("name")
            candidate = candidate_from_row(candidate_row, today)
            before[ref] = score_pair(candidate, job, similarity.get(ref), current, today)
            after[ref] = score_pair(candidate, job, similarity.get(ref), proposed, today)
        rank_before, rank_after = _ranks(before), _ranks(after)
        names = {str(m["resume_id"]): str(m["filename"]) for m in top}
        candidates = []
        for ref in before:
            old, new = rank_before.get(ref), rank_after.get(ref)
            candidates.append(
                PreviewCandidate(
                    resume_id=uuid.UUID(ref),
                    name=people[ref],
                    filename=names[ref],
                    rank_before=old,
                    rank_after=new,
                    moved=None if old is None or new is None else old - new,
                    score_before=None if before[ref].excluded_by else before[ref].score,
                    score_after=None if after[ref].excluded_by else after[ref].score,
                    grade_before=before[ref].grade,
                    grade_after=after[ref].grade,
                    excluded_after=[e.as_dict() for e in after[ref].excluded_by],
                )  # fmt: skip
            )
        candidates.sort(key=lambda c: (c.rank_after is None, c.rank_after or 0, c.rank_before or 0, str(c.resume_id)))
        return WeightsPreview(
            job_id=body.job_id, title=job.title, level=level, current_version=current.version,
            current_weights=current.weights, proposed_weights=proposed.weights, candidates=candidates,
            unranked=len([m for m in listed if str(m["resume_id"]) in refused]),
        )  # fmt: skip
