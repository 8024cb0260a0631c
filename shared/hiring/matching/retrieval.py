"""First stage, past the exhaustive limit: candidates for precise scoring from a vector top-K (the index port),
a skill top-K and a structured top-K, fused by reciprocal rank fusion.

JobIndex answers the skill and structured lists from postings and per-key tables without touching every job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from hiring.matching.profiles import CandidateProfile, JobProfile, skill_key
from hiring.matching.score import SKILLS_UNKNOWN, skill_credit
from hiring.matching.vectorized import JobMatrix, structured_components
from hiring.matching.weights import LEVELS, FilterConfig, WeightProfile, default_profile, role_level

RRF_K = 60  # the usual constant: damps the head of each list so one list cannot dominate
# JobIndex reads, per list of K: about READ_PER_SKILL x K postings per candidate skill for the skill list and
# STRUCTURED_POOL x K jobs for the structured list (bench/matching_bench.py sweeps K with these multiples).
READ_PER_SKILL, STRUCTURED_POOL = 3, 5


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Ids from several best-first lists by the sum of 1/(k + rank); ties broken by id, deterministic."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, ref in enumerate(ranking, start=1):
            fused[ref] = fused.get(ref, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# Each structured component reads one group of a job's fields and nothing else.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "experience": ("experience_min", "experience_max"),
    "education": ("education", "fields"),
    "location": ("city", "region", "country", "arrangement"),
    "salary": ("salary_min", "salary_max", "salary_currency"),
    "recency": ("posted",),
}
ESTIMATED = ("required_skills", "preferred_skills", *FIELD_GROUPS)  # every component but semantic and title
_NEUTRAL_JOB = JobProfile(
    id="", title="", seniority="mid", required=(), preferred=(), experience_min=None, experience_max=None,
    education=-1, fields=frozenset(), title_words=frozenset(), occupation_code=None, occupation_title=None,
    city=None, region=None, country=None, arrangement=None, salary_min=None, salary_max=None, salary_currency=None,
    posted=None,
)  # fmt: skip
_NEUTRAL_CANDIDATE = CandidateProfile(
    id="", skills={}, years=0.0, seniority="mid", education=-1, fields=frozenset(), titles=(), title_words=(),
    occupation_codes=frozenset(), city=None, region=None, country=None,
)  # fmt: skip


def ranges(starts: Ints, lengths: Ints) -> Ints:
    """The concatenation of range(start, start + length) for each pair, without a Python loop."""
    lengths = np.asarray(lengths, np.int64)
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    return np.repeat(np.asarray(starts, np.int64) - (ends - lengths), lengths) + np.arange(total)


def collapse(rows: Ints, weights: Floats | None = None) -> tuple[Ints, Floats]:
    """The distinct rows and each one's summed weight (1 each without weights), without sorting.

    np.unique sorts; this costs a few passes over `rows` (plus an uninitialised scratch array), whatever the
    catalogue size. The distinct rows come in no particular order.
    """
    if not len(rows):
        return rows, np.zeros(0)
    slot = np.empty(int(rows.max()) + 1, np.int64)
    position = np.arange(len(rows))
    slot[rows] = position  # one position per distinct row wins; which one does not matter
    owner = slot[rows]
    first = owner == position
    return rows[first], np.bincount(owner, weights, minlength=len(rows))[first]


def fuse_rows(rankings: Sequence[Ints], k: int = RRF_K) -> Ints:
    """Rows from several best-first lists by the sum of 1/(k + rank), ties by row: RRF on row numbers."""
    lists = [np.asarray(r, np.int64) for r in rankings if len(r)]
    if not lists:
        return np.zeros(0, np.int64)
    credit = np.concatenate([1.0 / (k + np.arange(1, len(r) + 1)) for r in lists])
    rows, fused = collapse(np.concatenate(lists), credit)
    return rows[np.lexsort((rows, -fused))]


@dataclass(frozen=True)
class Pricing:
    """One candidate priced against a JobIndex: per distinct key, the component values and hard filters."""

    values: dict[str, Floats]  # group -> value per key (NaN: the component does not apply)
    excluded: tuple[dict[str, Bools], ...]  # per weight level: group -> the key fails a hard filter
    credits: Floats  # (level, skill + 1) thousandths of one skill; the last column is padding, 0
    weights: Floats  # (level, component of ESTIMATED)
    skills: Ints  # the candidate's skills the index knows
    # the rough estimate's per-key terms under the mid-level weights (-inf where a hard filter excludes)
    cell_value: Floats
    salary_value: Floats
    education_value: Floats


class JobIndex:
    """A job catalogue indexed so a candidate's skill and structured top-K lists never pass over every job.

    Each structured component reads one group of a job's fields (place, experience range, pay, ...) and a
    catalogue has few distinct values per group, so one representative job per value lets the vectorized scorer
    price every value for a candidate in one small call, hard filters included. A job's estimate, its precise
    score without the semantic and title components, is then look-ups plus its skill coverage.

    Jobs are grouped by cell (place x experience range, the fields the location and experience filters read), so
    a query skips excluded cells' postings unread. Lists are ranked by a rough estimate (mid-level weights, skill
    credit from the postings read) that costs a few array operations per job read; the precise scorer reorders.
    Skill postings start per (skill, cell) in a dense table: fine for a few thousand cells; a catalogue with
    many more places would bucket them (metro, region) first.
    """

    HALVING = 2.0  # points of estimate a cell may fall below the best before its share of the pool halves

    def __init__(self, jobs: Sequence[JobProfile], today: dt.date) -> None:
        """Build every table once; `today` fixes the rough estimate's recency term (`price` takes its own date)."""
        self.ids = [job.id for job in jobs]
        n = len(jobs)
        self.level = np.array([LEVELS.index(role_level(job.seniority)) for job in jobs], np.int64)
        # per field group: each job's key, and one representative job per key
        representatives: list[JobProfile] = []
        self._slices: dict[str, slice] = {}
        self._keys = np.zeros((n, len(FIELD_GROUPS)), np.int64)
        for column, (group, fields) in enumerate(FIELD_GROUPS.items()):
            seen: dict[tuple[Any, ...], int] = {}
            for row, job in enumerate(jobs):
                self._keys[row, column] = seen.setdefault(tuple(getattr(job, f) for f in fields), len(seen))
            start = len(representatives)
            representatives += [replace(_NEUTRAL_JOB, **dict(zip(fields, key, strict=True))) for key in seen]
            self._slices[group] = slice(start, len(representatives))
        self._representatives = JobMatrix(representatives)
        key = {group: self._keys[:, i].copy() for i, group in enumerate(FIELD_GROUPS)}
        self._salary_key, self._education_key = key["salary"], key["education"]
        # cells: (place, experience range) pairs
        span = int(key["experience"].max()) + 1 if n else 1
        cell_keys, cell = np.unique(key["location"] * span + key["experience"], return_inverse=True)
        self._cell = cell.reshape(-1).astype(np.int64)
        self._cell_location, self._cell_experience = cell_keys // span, cell_keys % span
        # skills: each job's required and preferred skill ids, padded with an id whose credit is always 0
        self.vocabulary: dict[str, int] = {}
        required = [[self._skill_id(s) for s in job.required] for job in jobs]
        preferred = [[self._skill_id(s) for s in job.preferred] for job in jobs]
        self._required, self._required_n = self._padded(required)
        self._preferred, self._preferred_n = self._padded(preferred)
        self._scale, self._static, best_case, coef = self._static_terms(today)
        self._typical_scale = float(np.median(self._scale)) if n else 0.0
        # jobs by cell, best case first
        self._by_cell = np.lexsort((np.arange(n), -best_case, self._cell))
        self._cell_start = np.searchsorted(self._cell[self._by_cell], np.arange(len(cell_keys) + 1))
        # postings per (skill, cell): the job's weight per credit of the skill (its pull in the rough estimate),
        # largest first
        ids = np.hstack([self._required, self._preferred])
        listed = ids < len(self.vocabulary)
        pair, where = np.unique(ids[listed] * n + np.nonzero(listed)[0], return_inverse=True)
        skill, owner, weight = pair // max(n, 1), pair % max(n, 1), np.bincount(where.reshape(-1), coef[listed])
        cells = len(cell_keys)
        order = np.lexsort((owner, -best_case[owner], -weight, self._cell[owner], skill))
        self._posting_rows, self._posting_weight = owner[order], weight[order]
        bucket = skill[order] * cells + self._cell[self._posting_rows]
        starts = np.searchsorted(bucket, np.arange(len(self.vocabulary) * cells + 1))
        # row s: where skill s's postings in each cell begin, then where those of the last cell end
        self._posting_start = starts[np.arange(len(self.vocabulary))[:, None] * cells + np.arange(cells + 1)]

    def _skill_id(self, name: str) -> int:
        return self.vocabulary.setdefault(skill_key(name), len(self.vocabulary))

    def _padded(self, lists: Sequence[Sequence[int]]) -> tuple[Ints, Ints]:
        counts = np.array([len(x) for x in lists], np.int64)
        ids = np.full((len(lists), max(1, int(counts.max(initial=0)))), len(self.vocabulary), np.int64)
        for row, x in enumerate(lists):
            ids[row, : len(x)] = x
        return ids, counts

    def _static_terms(self, today: dt.date) -> tuple[Floats, Floats, Floats, Floats]:
        """The rough estimate's per-job terms under the default mid-level weights, and the best case.

        Per job: 1 / the weight of the components that apply; the recency (and unknown-skills) part; each listed
        skill's weight per credit (required, then preferred, padded as `_required` and `_preferred` are); and the
        estimate if every structured value were 100 and no skill held, which orders jobs within a cell.
        """
        neutral = self.price(_NEUTRAL_CANDIDATE, {lv: default_profile(lv) for lv in LEVELS}, today)
        rows = np.arange(len(self.ids))
        values = self._components(neutral, rows)
        w = dict(zip(ESTIMATED, neutral.weights[LEVELS.index("mid")], strict=True))
        has_required, has_preferred = self._required_n > 0, self._preferred_n > 0
        values[:, 0] = np.where(has_required | has_preferred, 0.0, SKILLS_UNKNOWN)
        values[:, 1] = np.where(np.isnan(values[:, 1]), np.nan, 0.0)
        applies = ~np.isnan(values)
        scale = 1.0 / np.maximum((applies * neutral.weights[LEVELS.index("mid")]).sum(axis=1), 1e-9)
        static = (
            np.nan_to_num(values[:, ESTIMATED.index("recency")]) * w["recency"] + values[:, 0] * w["required_skills"]
        )
        # a skill's component is credits / (10 x listed); preferred skills count as required when none are
        required = np.where(has_required, w["required_skills"], 0.0) / (10 * np.maximum(self._required_n, 1))
        preferred = np.where(has_required, w["preferred_skills"], w["required_skills"]) / (
            10 * np.maximum(self._preferred_n, 1)
        )
        coef = np.hstack([np.repeat(required[:, None], self._required.shape[1], axis=1),
                          np.repeat(preferred[:, None], self._preferred.shape[1], axis=1)])  # fmt: skip
        values[:, 2:6] = np.where(np.isnan(values[:, 2:6]), np.nan, 100.0)  # experience .. salary
        return scale, static, self._combine(neutral, rows, values), coef

    def price(self, candidate: CandidateProfile, profiles: dict[str, WeightProfile], today: dt.date) -> Pricing:
        """The candidate's value and hard filter for every key, credits per skill and weights, per weight level."""
        by_filters: dict[FilterConfig, dict[str, Bools]] = {}
        values: dict[str, Floats] = {}
        for level in LEVELS:
            filters = profiles[level].filters
            if filters not in by_filters:
                components, failed = structured_components(candidate, self._representatives, profiles[level], today)
                by_filters[filters] = {g: failed[part] for g, part in self._slices.items()}
                values = {g: components[g][part] for g, part in self._slices.items()}
        credits = np.zeros((len(LEVELS), len(self.vocabulary) + 1))
        known = {self.vocabulary[key]: facts for key, facts in candidate.skills.items() if key in self.vocabulary}
        for index, level in enumerate(LEVELS):
            for skill, facts in known.items():
                credits[index, skill] = skill_credit(facts, profiles[level])
        skills = np.array(sorted(known), np.int64)
        # the rough estimate's terms
        weight = dict(zip(ESTIMATED, (profiles["mid"].weight(c) for c in ESTIMATED), strict=True))
        excluded = by_filters[profiles["mid"].filters]
        closed = excluded["location"][self._cell_location] | excluded["experience"][self._cell_experience]
        place = weight["location"] * values["location"][self._cell_location]
        experience = values["experience"][self._cell_experience]
        seniority = weight["experience"] * np.where(np.isnan(experience), 0.0, experience)
        pay = weight["salary"] * values["salary"]
        return Pricing(
            values=values,
            excluded=tuple(by_filters[profiles[level].filters] for level in LEVELS),
            credits=credits,
            weights=np.array([[profiles[level].weight(c) for c in ESTIMATED] for level in LEVELS]),
            skills=skills,
            cell_value=np.where(closed, -np.inf, place + seniority),
            salary_value=np.where(excluded["salary"], -np.inf, pay),
            education_value=weight["education"] * np.where(np.isnan(values["education"]), 0.0, values["education"]),
        )

    def excluded(self, pricing: Pricing, rows: Ints) -> Bools:
        """Whether a hard filter excludes each of the given jobs."""
        keys = self._keys[rows]

        def failing(table: dict[str, Bools]) -> Bools:
            out = np.zeros(len(rows), np.bool_)
            for column, group in enumerate(FIELD_GROUPS):
                out |= table[group][keys[:, column]]
            return out

        tables = pricing.excluded
        if all(table is tables[0] for table in tables):
            return failing(tables[0])
        levels = self.level[rows]
        return np.select([levels == i for i in range(len(tables))], [failing(t) for t in tables], False)

    def _components(self, pricing: Pricing, rows: Ints) -> Floats:
        """(row, component of ESTIMATED): the values the scorer would give, NaN where one does not apply."""
        keys, levels = self._keys[rows], self.level[rows]
        values = np.empty((len(rows), len(ESTIMATED)))
        shares = []
        for ids, counts in ((self._required, self._required_n), (self._preferred, self._preferred_n)):
            held = pricing.credits[levels[:, None], ids[rows]].sum(axis=1)
            listed = counts[rows]
            with np.errstate(invalid="ignore", divide="ignore"):
                shares.append(np.where(listed > 0, 100.0 * held / (1000 * listed), np.nan))
        required, preferred = shares
        has_required, has_preferred = ~np.isnan(required), ~np.isnan(preferred)
        values[:, 0] = np.where(has_required, required, np.where(has_preferred, preferred, SKILLS_UNKNOWN))
        values[:, 1] = np.where(has_required & has_preferred, preferred, np.nan)
        for column, group in enumerate(FIELD_GROUPS):
            values[:, 2 + column] = pricing.values[group][keys[:, column]]
        return values

    def _combine(self, pricing: Pricing, rows: Ints, values: Floats) -> Floats:
        weights = pricing.weights[self.level[rows]]
        applies = ~np.isnan(values)
        total = (weights * np.where(applies, values, 0.0)).sum(axis=1)
        weight = (weights * applies).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(weight > 0, total / weight, 0.0)

    def estimate(self, pricing: Pricing, rows: Ints) -> Floats:
        """Each job's precise score without semantic and title (both left out of the weighted mean), unrounded."""
        return self._combine(pricing, rows, self._components(pricing, rows))

    def rough(self, pricing: Pricing, rows: Ints, skills: Floats | float = 0.0) -> Floats:
        """A cheap stand-in for `estimate`, -inf where a location, experience or salary filter excludes.

        Every job is weighed as a mid-level role: per-key terms by the given mid-level profile, per-job terms (skills,
        recency, which components apply) by the default one, fixed at build; `skills` is each job's weighted
        credit for the candidate's skills it lists (0: none).
        """
        value = pricing.cell_value[self._cell[rows]] + pricing.salary_value[self._salary_key[rows]]
        value += pricing.education_value[self._education_key[rows]] + self._static[rows] + skills
        return value * self._scale[rows]

    @staticmethod
    def _top(rows: Ints, value: Floats, k: int) -> Ints:
        """The k rows with the highest finite value, best first, ties by row."""
        keep = np.isfinite(value)
        rows, value = rows[keep], value[keep]
        if len(rows) > k:
            best = np.argpartition(-value, k - 1)[:k]
            rows, value = rows[best], value[best]
        return rows[np.lexsort((rows, -value))]

    def skill_search(self, pricing: Pricing, k: int, per_skill: int) -> Ints:
        """Rows of the k open jobs with the best rough estimate among about per_skill postings read per skill.

        A skill's postings are read from every open cell in proportion to its postings there, largest weight
        first; a job is credited for the candidate's skills whose postings reached it.
        """
        if k <= 0 or not len(pricing.skills):
            return np.zeros(0, np.int64)
        start = self._posting_start[pricing.skills]
        sizes = np.diff(start, axis=1) * np.isfinite(pricing.cell_value)
        # A skill's postings are read mostly from the cells whose place and experience suit the candidate: when
        # thousands of jobs list the same skills, those are the ones whose other components rank them first.
        weighted = sizes * self._cell_weights(pricing)
        share = per_skill / np.maximum(weighted.sum(axis=1, keepdims=True), 1e-9)
        read = np.minimum(sizes, np.ceil(weighted * share).astype(np.int64))
        everything = sizes.sum(axis=1) <= per_skill  # a budget that covers every posting reads every posting
        read[everything] = sizes[everything]
        read = read.ravel()
        entries = ranges(start[:, :-1].ravel(), read)
        credit = np.repeat(np.repeat(pricing.credits[LEVELS.index("mid"), pricing.skills], sizes.shape[1]), read)
        rows, skills = collapse(self._posting_rows[entries], self._posting_weight[entries] * credit)
        return self._top(rows, self.rough(pricing, rows, skills), k)

    def _cell_weights(self, pricing: Pricing) -> np.ndarray:
        """Each cell's share of what a list reads: 1 for the best open cell, halving per `HALVING` points of
        estimate its place and experience value falls below it; 0 for a cell a hard filter closed."""
        open_cells = np.isfinite(pricing.cell_value)
        weights = np.zeros(len(pricing.cell_value))
        if open_cells.any():
            values = pricing.cell_value[open_cells]
            weights[open_cells] = np.exp2(-((values.max() - values) * self._typical_scale) / self.HALVING)
        return weights

    def structured_search(self, pricing: Pricing, k: int, pool: int) -> Ints:
        """Rows of the k open jobs with the best rough estimate without skills, among about `pool` jobs read best
        case first from the open cells: each cell gives in proportion to its size, less the further its place and
        experience value falls below the best cell's (by half per `HALVING` points of estimate)."""
        if k <= 0:
            return np.zeros(0, np.int64)
        cells = np.flatnonzero(np.isfinite(pricing.cell_value))
        if not len(cells):
            return np.zeros(0, np.int64)
        sizes = np.diff(self._cell_start)[cells]
        share = sizes * self._cell_weights(pricing)[cells]
        take = np.minimum(sizes, np.ceil(pool * share / share.sum()).astype(np.int64))
        rows = self._by_cell[ranges(self._cell_start[cells], take)]
        return self._top(rows, self.rough(pricing, rows), k)
