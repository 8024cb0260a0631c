"""Outcome analytics: the AUC is the share of (positive, negative) pairs the score orders right (ties half), it is
withheld with a note below the minimum sample, and applications group by band, grade and source."""

from __future__ import annotations

import itertools
import random

from hiring.packs.outcomes import MIN_CLASS, MIN_SAMPLE, Outcome, auc, band_of, outcomes, predictiveness


def _pairwise(positives: list[float], negatives: list[float]) -> float:
    pairs = list(itertools.product(positives, negatives))
    return sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)


def test_auc_equals_the_pairwise_share_with_ties_counting_half() -> None:
    assert auc([80.0, 90.0], [10.0, 20.0]) == 1.0
    assert auc([10.0], [90.0]) == 0.0
    assert auc([50.0, 50.0], [50.0]) == 0.5
    rng = random.Random(7)
    for _ in range(50):
        positives = [float(rng.randint(0, 20)) for _ in range(rng.randint(1, 15))]
        negatives = [float(rng.randint(0, 20)) for _ in range(rng.randint(1, 15))]
        assert abs(auc(positives, negatives) - _pairwise(positives, negatives)) < 1e-12


def test_too_little_data_withholds_the_auc_and_says_so() -> None:
    small = predictiveness("hired", [90.0] * (MIN_CLASS - 1), [10.0] * MIN_SAMPLE)
    assert small.auc is None and small.note is not None and "too little data" in small.note
    assert (small.positives, small.negatives, small.sample) == (MIN_CLASS - 1, MIN_SAMPLE, MIN_SAMPLE + MIN_CLASS - 1)
    enough = predictiveness("hired", [90.0] * MIN_CLASS, [10.0] * (MIN_SAMPLE - MIN_CLASS))
    assert enough.auc == 1.0 and enough.note is None


def test_groups_and_questions_count_only_decided_applications() -> None:
    items = [
        Outcome(92.0, "A+", "applied", "hired", True),
        Outcome(85.0, "A", "matched", "rejected", True),  # reached interview, then rejected
        Outcome(45.0, "D", "applied", "rejected", False),
        Outcome(70.0, "B", "sourced", "applied", False),  # open: counted in groups, not in the AUC
        Outcome(30.0, "F", "applied", "withdrawn", False),
    ]
    report = outcomes(items)
    assert report.applications == 5
    bands = {g.key: g for g in report.by_band}
    assert [g.key for g in report.by_band] == ["80-100", "60-79", "40-59", "20-39"]
    assert bands["80-100"].applications == 2 and bands["80-100"].hired == 1 and bands["80-100"].reached_interview == 2
    assert {g.key: g.applications for g in report.by_source} == {"applied": 3, "matched": 1, "sourced": 1}
    assert [g.key for g in report.by_grade] == ["A+", "A", "B", "D", "F"]
    interview, hired = report.predictiveness
    assert (interview.positives, interview.negatives) == (2, 1) and interview.auc is None
    assert (hired.positives, hired.negatives) == (1, 2)
    assert band_of(80.0) == "80-100" and band_of(79.99) == "60-79" and band_of(0.0) == "0-19"
    assert "no model" in report.learned_weights
