"""Learned weights' offline evaluation (hiring.packs.learned) without a database: the proposal is applied as the
scorer applies weights; the split holds back 30 % of each outcome by keyed hash; too little data, or too few of an
outcome held back, offers nothing; a strong component wins "better" with it weighted up; random outcomes rarely pass
(at most 10 of 200 seeded tenants); the answer is the same for the same applications in any order."""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

from hiring.matching.score import weighted_total
from hiring.matching.weights import COMPONENTS, default_profile
from hiring.packs.learned import MIN_DECIDED, MIN_HELD_CLASS, Decided, decided_from, evaluate, split, weighted_scores
from hiring.packs.outcomes import Outcome, outcomes

PROFILE = default_profile("senior")


def _items(count: int, seed: int, follows: str | None, positives: float = 0.5) -> list[Decided]:
    rng = random.Random(seed)
    items = []
    for k in range(count):
        values: dict[str, float | None] = {n: float(rng.randint(0, 100)) for n in COMPONENTS}
        if rng.random() < 0.3:
            values["recency"] = None
        reached = ((values[follows] or 0) + rng.gauss(0, 10) > 50) if follows else rng.random() < positives
        items.append(Decided(f"{seed}-{k}", reached, weighted_total(values, PROFILE), values, dict(PROFILE.weights),
                             False))  # fmt: skip
    return items


def test_the_proposal_is_scored_as_the_scorer_scores_and_an_excluded_job_stays_at_0() -> None:
    items = _items(30, 1, None)
    weights = {n: float(i + 1) for i, n in enumerate(COMPONENTS)}
    profile = PROFILE.__class__("x", "mid", weights)
    expected = [weighted_total(i.components, profile) for i in items]
    assert np.allclose(weighted_scores(items, weights), expected, atol=0.006)  # the scorer rounds to 2 decimals
    excluded = Decided("x", True, 0.0, items[0].components, items[0].weights, True)
    assert weighted_scores([excluded], weights).tolist() == [0.0]


def test_the_split_holds_back_30_percent_of_each_outcome_by_a_keyed_hash_in_any_order() -> None:
    items = _items(101, 2, None, positives=0.3)
    train, held = split(items)
    shuffled = list(items)
    random.Random(9).shuffle(shuffled)
    assert {i.id for i in split(shuffled)[1]} == {i.id for i in held} and len(train) + len(held) == 101
    for label in (True, False):
        assert sum(i.reached is label for i in held) == math.ceil(0.3 * sum(i.reached is label for i in items))
    assert evaluate(shuffled) == evaluate(items)


def test_too_little_data_below_the_minimum_or_with_too_few_of_an_outcome_held_back() -> None:
    assert evaluate([]).status == "too_little_data"
    small = evaluate(_items(MIN_DECIDED - 1, 3, "location"))
    assert small.status == "too_little_data" and small.weights is None and small.auc_learned is None
    lopsided = _items(200, 4, None, positives=0.05)  # ~10 positives: ~3 held back
    result = evaluate(lopsided)
    assert sum(i.reached for i in split(lopsided)[1]) < MIN_HELD_CLASS and result.status == "too_little_data"
    assert result.sample_size == 200 and result.weights is None


def test_a_component_the_outcomes_follow_is_weighted_up_and_random_outcomes_rarely_pass() -> None:
    found = evaluate(_items(120, 5, "education"))  # senior roles weigh education 3 %
    assert found.status == "better" and found.weights is not None and found.fixed_weights is not None
    assert max(found.weights, key=found.weights.__getitem__) == "education"
    assert found.weights["education"] > 10 * found.fixed_weights["education"]
    assert found.auc_learned is not None and found.auc_fixed is not None and found.auc_learned > found.auc_fixed
    passed = [seed for seed in range(200) if evaluate(_items(100, 100 + seed, None)).status == "better"]
    assert len(passed) <= 10, passed  # at most 5 % of 200 tenants whose outcomes are coin flips


def test_outcome_analytics_carry_the_evaluation_of_decided_applications_with_a_breakdown() -> None:
    rows: list[Outcome] = []
    for item in _items(60, 6, "location"):
        parts: dict[str, Any] = {n: {"score": v, "weight": PROFILE.weight(n)} for n, v in item.components.items()}
        rows.append(Outcome(item.score, "B", "applied", "interview" if item.reached else "rejected", item.reached,
                            item.id, parts))  # fmt: skip
    rows += [Outcome(50.0, "D", "applied", "applied", False, "open-1", rows[0].components),
             Outcome(50.0, "D", "applied", "withdrawn", False, "gone-1", rows[0].components),
             Outcome(50.0, "D", "applied", "rejected", False, "no-breakdown", None)]  # fmt: skip
    report = outcomes(rows)
    assert report.applications == 63 and report.learned_weights_evaluation.sample_size == 60
    assert "no model" in report.learned_weights
    assert decided_from({"id": "x", "reached": True, "score": 1.0, "components": {}}) is None
