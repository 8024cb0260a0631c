"""The vectorized scorer agrees with the per-pair one on every score; retrieval and fusion are deterministic."""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import pytest

from hiring.matching.retrieval import reciprocal_rank_fusion
from hiring.matching.score import pair_score
from hiring.matching.vectorized import JobMatrix, score_jobs, score_mixed_jobs, top_n
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


def test_one_mixed_call_scores_each_job_exactly_as_its_own_profile_does() -> None:
    # Given jobs of every level, one level under a tenant profile with other filters and fractional weights
    rng = random.Random(5)
    jobs = [random_job(rng, i) for i in range(900)]
    tenant = apply_settings(
        {"level": "entry", "weights": {"salary": 30, "title": 0.3, "semantic": 7.7}, "project_credit": 250,
         "filters": {"salary_shortfall": 0.1, "location_enabled": False, "experience_below_years": 2.5}},
        "tenant-entry-v1",
    )  # fmt: skip
    profiles = [tenant, default_profile("mid"), dataclasses.replace(default_profile("senior"), filters=FilterConfig(
        salary_enabled=False, experience_enabled=False))]  # fmt: skip
    level = np.array([rng.randrange(3) for _ in jobs])
    matrix = JobMatrix(jobs)
    for index in range(6):
        person = random_candidate(rng, index)
        similarity = np.array([rng.uniform(-0.2, 0.9) for _ in jobs])
        # When all of them are scored in one call
        mixed = score_mixed_jobs(person, matrix, similarity, profiles, level, TODAY)
        # Then each job has the very float (and exclusion) one call per profile gives it
        for which, profile in enumerate(profiles):
            rows = np.flatnonzero(level == which)
            alone = score_jobs(person, matrix.take(rows), similarity[rows], profile, TODAY)
            assert np.array_equal(mixed.scores[rows], alone.scores, equal_nan=True)
            assert np.array_equal(mixed.excluded[rows], alone.excluded)


def test_a_taken_matrix_is_the_matrix_built_from_those_jobs() -> None:
    rng = random.Random(9)
    jobs = [random_job(rng, i) for i in range(400)]
    rows = [rng.randrange(400) for _ in range(150)]
    # Given a matrix taken from a part of a part of the jobs, and one built from the same jobs
    part = JobMatrix(jobs).take(list(range(50, 400))).take([r - 50 for r in rows if r >= 50])
    built = JobMatrix([jobs[r] for r in rows if r >= 50])
    person = random_candidate(rng)
    # Then they hold the same jobs and score them the same
    assert part.ids == built.ids and part.jobs == built.jobs
    taken, direct = (score_jobs(person, m, None, default_profile("mid"), TODAY) for m in (part, built))
    assert np.array_equal(taken.scores, direct.scores, equal_nan=True)


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
