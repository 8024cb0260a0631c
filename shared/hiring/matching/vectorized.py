"""One candidate against N jobs at once with numpy: the same formula as hiring.matching.score, array by array.

Each step mirrors the per-pair code operation for operation, so both give the same float for every pair
(tests and bench/matching_bench.py hold them to it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hiring.matching import score as S
from hiring.matching.profiles import CandidateProfile, JobProfile, skill_key
from hiring.matching.weights import COMPONENTS, WeightProfile

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
_ARRANGEMENT_CODE = {None: 0, "remote": 1, "hybrid": 2, "on-site": 3}
MISSING, UNMATCHED = -1, -2  # no value / a value no job has


@dataclass
class _Sets:
    """Per-job sets as CSR: entry e belongs to row rows[e] and holds vocabulary id ids[e]."""

    rows: Ints
    ids: Ints
    counts: Ints

    @classmethod
    def build(cls, per_job: Sequence[Sequence[int]]) -> _Sets:
        counts = np.fromiter((len(s) for s in per_job), dtype=np.int64, count=len(per_job))
        ids = np.fromiter((i for s in per_job for i in s), dtype=np.int64, count=int(counts.sum()))
        return cls(np.repeat(np.arange(len(per_job), dtype=np.int64), counts), ids, counts)

    def take(self, rows: Ints) -> _Sets:
        """The sets of the given rows, renumbered 0..len(rows)-1."""
        counts = self.counts[rows]
        starts = np.cumsum(self.counts) - self.counts
        shift = np.repeat(starts[rows] - (np.cumsum(counts) - counts), counts)
        picked = self.ids[shift + np.arange(int(counts.sum()), dtype=np.int64)]
        return _Sets(np.repeat(np.arange(len(rows), dtype=np.int64), counts), picked, counts)

    def sums(self, values: Floats, n: int) -> Floats:
        """Per-job sum of values[id] over the job's entries (exact for integer-valued floats)."""
        return np.bincount(self.rows, weights=values[self.ids], minlength=n).astype(np.float64)


class _Vocabulary:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def add(self, value: str | None) -> int:
        if value is None:
            return MISSING
        return self.ids.setdefault(value, len(self.ids))

    def find(self, value: str | None) -> int:
        if value is None:
            return MISSING
        return self.ids.get(value, UNMATCHED)


class JobMatrix:
    """N analysed jobs as columns: built once, scored against any number of candidates."""

    def __init__(self, jobs: Sequence[JobProfile]) -> None:
        self.jobs = list(jobs)
        self.ids = [job.id for job in jobs]
        self.n = len(jobs)
        self.skills, self.words, self.fields = _Vocabulary(), _Vocabulary(), _Vocabulary()
        self.places, self.codes, self.currencies = _Vocabulary(), _Vocabulary(), _Vocabulary()
        self.required = _Sets.build([self._skill_ids(j.required) for j in jobs])
        self.preferred = _Sets.build([self._skill_ids(j.preferred) for j in jobs])
        self.title = _Sets.build([sorted(self.words.add(w) for w in j.title_words) for j in jobs])
        self.field = _Sets.build([sorted(self.fields.add(w) for w in j.fields) for j in jobs])
        nan = float("nan")
        self.exp_min = np.array([nan if j.experience_min is None else j.experience_min for j in jobs], np.float64)
        self.exp_max = np.array([nan if j.experience_max is None else j.experience_max for j in jobs], np.float64)
        self.education = np.array([j.education for j in jobs], np.int64)
        self.occupation = np.array([self.codes.add(j.occupation_code) for j in jobs], np.int64)
        self.city = np.array([self.places.add(j.city) for j in jobs], np.int64)
        self.region = np.array([self.places.add(j.region) for j in jobs], np.int64)
        self.country = np.array([self.places.add(j.country) for j in jobs], np.int64)
        self.arrangement = np.array([_ARRANGEMENT_CODE.get(j.arrangement, 4) for j in jobs], np.int64)
        self.salary_min = np.array([nan if j.salary_min is None else j.salary_min for j in jobs], np.float64)
        self.salary_max = np.array([nan if j.salary_max is None else j.salary_max for j in jobs], np.float64)
        self.currency = np.array([self.currencies.add(j.salary_currency) for j in jobs], np.int64)
        self.posted = np.array([MISSING if j.posted is None else j.posted.toordinal() for j in jobs], np.int64)

    def take(self, rows: Sequence[int] | Ints) -> JobMatrix:
        """A matrix of some of these jobs (same vocabularies), without rebuilding anything from profiles."""
        index = np.asarray(rows, dtype=np.int64)
        part = object.__new__(JobMatrix)
        part.__dict__.update(self.__dict__)
        part.jobs = [self.jobs[i] for i in index]
        part.ids = [self.ids[i] for i in index]
        part.n = len(index)
        for name in ("required", "preferred", "title", "field"):
            setattr(part, name, getattr(self, name).take(index))
        for name in ("exp_min", "exp_max", "education", "occupation", "city", "region", "country", "arrangement",
                     "salary_min", "salary_max", "currency", "posted"):  # fmt: skip
            setattr(part, name, getattr(self, name)[index])
        return part

    def _skill_ids(self, names: Sequence[str]) -> list[int]:
        return [self.skills.add(skill_key(name)) for name in names]


@dataclass
class BatchScores:
    """Scores for every job (NaN where a hard filter excluded it) and the component arrays behind them."""

    scores: Floats
    excluded: Bools
    components: dict[str, Floats]  # NaN where the component does not apply


def _coverage(sets: _Sets, credits: Floats, n: int) -> Floats:
    total = sets.sums(credits, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = 100.0 * total / (1000 * sets.counts)
    return np.where(sets.counts > 0, value, np.nan)


def score_jobs(
    candidate: CandidateProfile,
    matrix: JobMatrix,
    similarity: Floats | None,
    profile: WeightProfile,
    today: dt.date,
) -> BatchScores:
    """Score one candidate against every job in the matrix; similarity[i] is the cosine with job i (NaN: none)."""
    n, m = matrix.n, matrix
    credits = np.zeros(len(m.skills.ids), np.float64)
    for key, facts in candidate.skills.items():
        index = m.skills.ids.get(key)
        if index is not None:
            credits[index] = S.skill_credit(facts, profile)
    required, preferred = _coverage(m.required, credits, n), _coverage(m.preferred, credits, n)
    has_required, has_preferred = m.required.counts > 0, m.preferred.counts > 0
    components: dict[str, Floats] = {
        "required_skills": np.where(has_required, required, np.where(has_preferred, preferred, S.SKILLS_UNKNOWN)),
        "preferred_skills": np.where(has_required & has_preferred, preferred, np.nan),
    }

    structured, excluded = structured_components(candidate, m, profile, today)
    components.update(structured)

    # semantic
    if similarity is None:
        components["semantic"] = np.full(n, np.nan)
    else:
        components["semantic"] = np.minimum(
            100.0, np.maximum(0.0, (similarity - S.SEMANTIC_FLOOR) / S.SEMANTIC_SPAN * 100.0)
        )

    # title
    if candidate.title_words:
        best = np.zeros(n)
        for words in candidate.title_words:
            member = np.zeros(len(m.words.ids), np.float64)
            for word in words:
                if word in m.words.ids:
                    member[m.words.ids[word]] = 1.0
            inter = m.title.sums(member, n)
            union = len(words) + m.title.counts - inter
            with np.errstate(invalid="ignore", divide="ignore"):
                best = np.where(union > 0, np.maximum(best, 100.0 * inter / union), best)
        codes = [m.codes.ids[c] for c in candidate.occupation_codes if c in m.codes.ids]
        same = np.isin(m.occupation, codes) & (m.occupation >= 0)
        best = np.where(same, np.maximum(best, S.TITLE_SAME_OCCUPATION), best)
        components["title"] = np.where(m.title.counts > 0, best, np.nan)
    else:
        components["title"] = np.full(n, np.nan)

    return _combine(components, excluded, profile)


def structured_components(
    candidate: CandidateProfile, matrix: JobMatrix, profile: WeightProfile, today: dt.date
) -> tuple[dict[str, Floats], Bools]:
    """Experience, education, location, salary and recency for every job, plus the hard-filter mask.

    Cheap (no per-skill work): the first stage also uses them, to order jobs the skill and vector lists tie on.
    """
    n, m = matrix.n, matrix
    prefs = candidate.preferences
    components: dict[str, Floats] = {}
    # experience
    years = candidate.years
    has_min, has_max = ~np.isnan(m.exp_min), ~np.isnan(m.exp_max)
    low = np.where(has_min, m.exp_min, 0.0)
    high = np.where(has_max, m.exp_max, low + S.IMPLIED_RANGE_YEARS)
    short = np.maximum(0.0, 100.0 - S.SHORTFALL_PER_YEAR * (low - years))
    over = np.maximum(S.EXCESS_FLOOR, 100.0 - S.EXCESS_PER_YEAR * (years - high))
    experience = np.where(years < low, short, np.where(years > high, over, 100.0))
    components["experience"] = np.where(has_min | has_max, experience, np.nan)

    # education
    level = candidate.education
    diff = m.education - level
    below = np.where(diff == 1, S.EDUCATION_BELOW[1], np.where(diff == 2, S.EDUCATION_BELOW[2], 0.0))
    level_score = np.where(
        (m.education < 0) | (level >= m.education), 100.0, S.EDUCATION_UNKNOWN if level < 0 else below
    )
    has_fields = m.field.counts > 0
    if candidate.fields:
        member = np.zeros(len(m.fields.ids), np.float64)
        for word in candidate.fields:
            if word in m.fields.ids:
                member[m.fields.ids[word]] = 1.0
        field_score = np.where(m.field.sums(member, n) > 0, 100.0, S.FIELD_OTHER)
    else:
        field_score = np.full(n, S.FIELD_UNKNOWN)
    education = np.where(has_fields, 0.7 * level_score + 0.3 * field_score, level_score)
    components["education"] = np.where((m.education >= 0) | has_fields, education, np.nan)

    # location
    city, region, country = (m.places.find(v) for v in (candidate.city, candidate.region, candidate.country))
    remote = m.arrangement == 1
    country_known = (m.country >= 0) & (country != MISSING)
    same_country = ~country_known | (m.country == country)
    same_region = same_country & (region != MISSING) & (m.region == region)
    same_city = (
        same_country
        & (city != MISSING)
        & (m.city == city)
        & ((region == MISSING) | (m.region < 0) | (m.region == region))
    )
    relocate = prefs.relocate
    in_country = S.LOCATION["same_country_relocate" if relocate else "same_country"]
    abroad_score = S.LOCATION["abroad_relocate" if relocate else "abroad"]
    location = np.select(
        [remote, same_city, same_region, country_known & same_country, country_known],
        [S.LOCATION["remote"], S.LOCATION["same_city"], S.LOCATION["same_region"], in_country, abroad_score],
        S.LOCATION["unknown"],
    )
    if prefs.arrangement == "remote":
        location = np.where(m.arrangement == 2, np.minimum(location, S.REMOTE_WANTED_CAP["hybrid"]), location)
        location = np.where(m.arrangement == 3, np.minimum(location, S.REMOTE_WANTED_CAP["on-site"]), location)
    elif prefs.arrangement == "on-site":
        location = np.where(remote, np.minimum(location, S.ONSITE_WANTED_REMOTE_CAP), location)
    components["location"] = location

    # salary
    expect = prefs.salary_min
    has_pay = ~np.isnan(m.salary_min) | ~np.isnan(m.salary_max)
    if expect is None or expect <= 0:
        components["salary"] = np.full(n, 100.0)
        comparable = np.zeros(n, np.bool_)
        shortfall = np.zeros(n)
    else:
        want = m.currencies.find(prefs.salary_currency)
        mismatch = (want != MISSING) & (m.currency >= 0) & (m.currency != want)
        top = np.where(~np.isnan(m.salary_max), m.salary_max, m.salary_min)
        with np.errstate(invalid="ignore"):
            shortfall = np.where(top >= expect, 0.0, (expect - top) / expect)
            curve = np.where(
                shortfall <= S.SALARY_TOLERANCE,
                100.0 - 100.0 * shortfall,
                np.maximum(0.0, 90.0 - 300.0 * (shortfall - S.SALARY_TOLERANCE)),
            )
        components["salary"] = np.where(~has_pay, 70.0, np.where(mismatch, 60.0, curve))
        comparable = has_pay & ~mismatch

    # recency
    age = today.toordinal() - m.posted
    recency = np.where(age <= S.FRESH_DAYS, 100.0, np.maximum(0.0, 100.0 - S.STALE_PER_DAY * (age - S.FRESH_DAYS)))
    components["recency"] = np.where(m.posted != MISSING, recency, np.nan)

    # hard filters
    filters = profile.filters
    excluded = np.zeros(n, np.bool_)
    if filters.salary_enabled:
        excluded |= comparable & (shortfall >= filters.salary_shortfall)
    if filters.location_enabled:
        if prefs.arrangement == "remote":
            excluded |= m.arrangement == 3
        abroad = ~remote & country_known & ~same_country & ~same_city & ~same_region
        if not relocate:
            excluded |= abroad & (m.arrangement != 1) & (m.arrangement != 4)
    if filters.experience_enabled:
        with np.errstate(invalid="ignore"):
            excluded |= has_min & (years + filters.experience_below_years <= m.exp_min)
            excluded |= has_max & (years >= m.exp_max + filters.experience_above_years)

    return components, excluded


def _combine(components: dict[str, Floats], excluded: Bools, profile: WeightProfile) -> BatchScores:
    n = len(excluded)
    total = np.zeros(n)
    weight_sum = np.zeros(n)
    for name in COMPONENTS:
        value = components[name]
        applies = ~np.isnan(value)
        weight = profile.weight(name)
        total = total + weight * np.where(applies, value, 0.0)
        weight_sum = weight_sum + np.where(applies, weight, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(weight_sum > 0, np.floor(total / weight_sum * 100.0 + 0.5) / 100.0, 0.0)
    return BatchScores(np.where(excluded, np.nan, scores), excluded, components)


def unfiltered_scores(batch: BatchScores, profile: WeightProfile) -> Floats:
    """What every job would score if no hard filter applied: ranks the exclusions worth reporting."""
    return _combine(batch.components, np.zeros(len(batch.excluded), np.bool_), profile).scores


def top_n(batch: BatchScores, ids: Sequence[str], n: int) -> list[tuple[str, float]]:
    """The n best (id, score) pairs, best first, ties broken by id; excluded jobs never appear."""
    order = sorted((i for i in range(len(ids)) if not batch.excluded[i]), key=lambda i: (-batch.scores[i], ids[i]))
    return [(ids[i], float(batch.scores[i])) for i in order[:n]]
