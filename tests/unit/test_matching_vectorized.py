"""The vectorized scorer agrees with the per-pair one on every score; retrieval and fusion are deterministic."""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import pytest

from hiring.matching.retrieval import reciprocal_rank_fusion
from hiring.matching.score import pair_score
from hiring.matching.vectorized import JobMatrix, score_jobs, top_n
from hiring.matching.weights import FilterConfig, apply_settings, default_profile
from tests.unit.matching_factories import TODAY, random_candidate, random_job


@pytest.mark.parametrize("level", ["entry", "mid", "senior"])
def test_vectorized_and_per_pair_scores_agree_exactly(level: str) -> None:
    rng = random.Random(level)
    jobs = [random_job(rng, i) for i in range(1500)]
    matrix = JobMatrix(jobs)
    profile = default_profile(level)
    compared = excluded = 0
    for index in range(12):
        person = random_candidate(rng, index)
        similarity = np.array([rng.uniform(-0.2, 0.9) if rng.random() < 0.9 else np.nan for _ in jobs])
        batch = score_jobs(person, matrix, similarity, profile, TODAY)
        for i, job in enumerate(jobs):
            cosine = None if math.isnan(similarity[i]) else float(similarity[i])
            expected = pair_score(person, job, cosine, profile, TODAY)
            got = None if batch.excluded[i] else float(batch.scores[i])
            assert got == expected, (index, job.id)
            compared += 1
            excluded += expected is None
    assert compared == 18_000 and 0 < excluded < compared  # the filters were exercised, not everything excluded


def test_agreement_holds_under_a_tenant_profile_with_filters_changed() -> None:
    rng = random.Random(7)
    jobs = [random_job(rng, i) for i in range(500)]
    profile = apply_settings(
        {"level": "senior", "weights": {"salary": 30, "title": 0}, "project_credit": 250,
         "filters": {"salary_shortfall": 0.1, "location_enabled": False}},
        "tenant-senior-v1",
    )  # fmt: skip
    person = random_candidate(rng)
    batch = score_jobs(person, JobMatrix(jobs), None, profile, TODAY)
    for i, job in enumerate(jobs):
        expected = pair_score(person, job, None, profile, TODAY)
        assert (None if batch.excluded[i] else float(batch.scores[i])) == expected


def test_a_changed_curve_in_one_implementation_would_be_caught() -> None:
    rng = random.Random(3)
    jobs = [dataclasses.replace(random_job(rng, i), experience_min=5.0, experience_max=None) for i in range(50)]
    person = dataclasses.replace(random_candidate(rng), years=4.0)
    strict = dataclasses.replace(default_profile("mid"), filters=FilterConfig(experience_enabled=False))
    batch = score_jobs(person, JobMatrix(jobs), None, strict, TODAY)
    assert set(batch.components["experience"].tolist()) == {80.0}  # one year short, as the per-pair curve says


def test_top_n_is_best_first_ties_by_id_and_skips_excluded() -> None:
    rng = random.Random(11)
    jobs = [random_job(rng, i) for i in range(300)]
    person = random_candidate(rng)
    batch = score_jobs(person, JobMatrix(jobs), None, default_profile("mid"), TODAY)
    best = top_n(batch, [j.id for j in jobs], 40)
    assert [s for _, s in best] == sorted((s for _, s in best), reverse=True)
    excluded_ids = {jobs[i].id for i in np.flatnonzero(batch.excluded)}
    assert not excluded_ids & {ref for ref, _ in best}
    ties = [(a, b) for (a, s), (b, t) in zip(best, best[1:], strict=False) if s == t]
    assert all(a < b for a, b in ties)


def test_reciprocal_rank_fusion_rewards_agreement_and_breaks_ties_by_id() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]])
    assert [ref for ref, _ in fused] == ["a", "c", "b", "d"]
    assert reciprocal_rank_fusion([["y"], ["x"]])[0][0] == "x"
