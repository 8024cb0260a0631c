"""First stage: candidates for precise scoring from a vector top-K and a skill-overlap top-K, fused by RRF."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from hiring.matching.profiles import JobProfile, skill_key

RRF_K = 60  # the usual constant: damps the head of each list so one list cannot dominate


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Ids from several best-first lists by the sum of 1/(k + rank); ties broken by id, deterministic."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, ref in enumerate(ranking, start=1):
            fused[ref] = fused.get(ref, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def top_k_indices(values: npt.NDArray[np.float64], k: int, ids: Sequence[str]) -> list[int]:
    """Indices of the k largest values, best first, ties broken by id."""
    if k <= 0 or len(values) == 0:
        return []
    k = min(k, len(values))
    part = np.argpartition(-values, k - 1)[:k]
    return sorted(part.tolist(), key=lambda i: (-float(values[i]), ids[i]))


class SkillIndex:
    """An inverted index skill -> jobs: each job's share of required and preferred skills held, in one pass."""

    REQUIRED_WEIGHT, PREFERRED_WEIGHT = 4.0, 1.0  # roughly the two components' weights in the score

    def __init__(self, jobs: Sequence[JobProfile]) -> None:
        self.ids = [job.id for job in jobs]
        n = len(jobs)
        postings: dict[str, list[int]] = {}
        preferred: dict[str, list[int]] = {}
        self._required_n = np.zeros(n)
        self._preferred_n = np.zeros(n)
        for row, job in enumerate(jobs):
            for name in dict.fromkeys(skill_key(s) for s in job.required):
                postings.setdefault(name, []).append(row)
            for name in dict.fromkeys(skill_key(s) for s in job.preferred):
                preferred.setdefault(name, []).append(row)
            self._required_n[row] = len(set(map(skill_key, job.required)))
            self._preferred_n[row] = len(set(map(skill_key, job.preferred)))
        self._required = {k: np.array(v, np.int64) for k, v in postings.items()}
        self._preferred = {k: np.array(v, np.int64) for k, v in preferred.items()}

    def _held(self, index: dict[str, npt.NDArray[np.int64]], keys: set[str]) -> npt.NDArray[np.float64]:
        rows = [index[k] for k in keys if k in index]
        if not rows:
            return np.zeros(len(self.ids))
        return np.bincount(np.concatenate(rows), minlength=len(self.ids)).astype(np.float64)

    def overlap(self, skills: Iterable[str]) -> npt.NDArray[np.float64]:
        """Per job: the weighted mean of its required and preferred shares held (0 when it lists no skills)."""
        keys = {skill_key(s) for s in skills}
        with np.errstate(invalid="ignore", divide="ignore"):
            required = np.where(self._required_n > 0, self._held(self._required, keys) / self._required_n, 0.0)
            preferred = np.where(self._preferred_n > 0, self._held(self._preferred, keys) / self._preferred_n, 0.0)
            weight = self.REQUIRED_WEIGHT * (self._required_n > 0) + self.PREFERRED_WEIGHT * (self._preferred_n > 0)
            mixed = (self.REQUIRED_WEIGHT * required + self.PREFERRED_WEIGHT * preferred) / weight
        return np.where(weight > 0, mixed, 0.0)

    def search(self, skills: Iterable[str], k: int, prior: npt.NDArray[np.float64] | None = None) -> list[str]:
        """The k jobs with the highest overlap (none: left out), best first; `prior` (0-100) orders equal overlaps."""
        overlap = self.overlap(skills)
        ranking = overlap if prior is None else overlap + np.nan_to_num(prior, nan=0.0) / 1e4
        return [self.ids[i] for i in top_k_indices(ranking, k, self.ids) if overlap[i] > 0]


def structured_prior(
    components: dict[str, npt.NDArray[np.float64]], weights: dict[str, float]
) -> npt.NDArray[np.float64]:
    """The weighted mean of the cheap components (location, salary, experience, ...): 0-100 per job."""
    total = np.zeros(len(next(iter(components.values()))))
    weight_sum = np.zeros_like(total)
    for name, value in components.items():
        applies = ~np.isnan(value)
        total += weights.get(name, 0.0) * np.where(applies, value, 0.0)
        weight_sum += np.where(applies, weights.get(name, 0.0), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight_sum > 0, total / weight_sum, 0.0)


def vector_search(
    matrix: npt.NDArray[np.float32], ids: Sequence[str], query: npt.NDArray[np.float32], k: int
) -> tuple[list[str], npt.NDArray[np.float64]]:
    """Exact cosine top-K over unit vectors (one matrix-vector product), plus every similarity."""
    similarity = (matrix @ query).astype(np.float64)
    return [ids[i] for i in top_k_indices(similarity, k, ids)], similarity
