"""Learned weights, offered only behind an offline evaluation (issue 14, outcome analytics).

Over the tenant's decided applications (reached an interview, now or ever, against rejected before one) a small
L2-regularised logistic model is fitted on the score components snapshotted with each application (its breakdown:
required skills, experience, location ...) and turned into a proposal of weights in percent (the positive
coefficients per point of each component, normalised; a negative one proposes 0). The split is deterministic: within
each outcome, applications are ordered by a keyed hash of their id and the first 30 % are held back; the model never
sees them. On the held-back part the proposal is applied as the score applies weights (the weighted mean of the
components that apply; 0 when a hard filter excluded the job) and its AUC compared with the AUC of the fixed-weight
score each application was snapshotted with; a paired bootstrap of the held-back part (fixed seed) gives the 2.5th
percentile of the gain (the lower end of its 95 % interval). Status "better" only when that bound is above 0; the
weights are shown then and only then, as a proposal: nothing here applies them, the score keeps its fixed weights
until an admin changes them.
Below MIN_DECIDED decided applications, or fewer than MIN_HELD_CLASS of either outcome in the held-back part, the
status is "too_little_data" and nothing is offered. numpy only."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from hiring.matching.weights import COMPONENTS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MIN_DECIDED = 40
MIN_HELD_CLASS = 5
HELD_BACK = 0.3
SPLIT_KEY = "learned-weights-v1"
SEED = 14
BOOTSTRAP = 1000
L2 = 1.0  # ridge penalty on the standardised coefficients (the intercept is free)
NEWTON_STEPS = 50
GAIN_PERCENTILE = 2.5  # the lower end of a two-sided 95 % interval of the gain


@dataclass(frozen=True)
class Decided:
    """One decided application: whether it reached an interview, its snapshotted score and components."""

    id: str
    reached: bool
    score: float  # the fixed-weight score (0-100) it was snapshotted with
    components: dict[str, float | None]  # component score 0-100, None where it did not apply
    weights: dict[str, float]  # the weights it was scored with
    excluded: bool  # a hard filter excluded the job: the score is 0 whatever the weights


class LearnedWeights(BaseModel):
    """The offline evaluation of learned weights against the fixed ones; a proposal only, never applied."""

    status: Literal["too_little_data", "not_better", "better"]
    sample_size: int = Field(description="decided applications with a snapshotted breakdown")
    positives: int = Field(description="of them, reached an interview")
    negatives: int = Field(description="of them, rejected before an interview")
    held_back: int = Field(description="held back from fitting, the evaluation's sample (30 %)")
    auc_fixed: float | None = Field(description="held-back AUC of the fixed-weight score the applications had")
    auc_learned: float | None = Field(description="held-back AUC of the score with the proposed weights")
    gain_low: float | None = Field(description="2.5th percentile of the AUC gain over a paired bootstrap")
    fixed_weights: dict[str, float] | None = Field(description="the fixed weights in percent (mean of the sample)")
    weights: dict[str, float] | None = Field(
        description="the proposed weights in percent, only when status is better; never applied automatically"
    )
    applied: Literal[False] = False
    note: str


def decided_from(row: dict[str, Any]) -> Decided | None:
    """A Decided from an application's stored fields (id, reached, score, components, excluded), or None when its
    breakdown holds no components."""
    parts = row.get("components") or {}
    if not isinstance(parts, dict) or not parts:
        return None
    components: dict[str, float | None] = {}
    weights: dict[str, float] = {}
    for name in COMPONENTS:
        part = parts.get(name) or {}
        value = part.get("score") if isinstance(part, dict) else None
        components[name] = None if value is None else float(value)
        weights[name] = float(part.get("weight") or 0.0) if isinstance(part, dict) else 0.0
    return Decided(str(row["id"]), bool(row["reached"]), float(row["score"]), components, weights,
                   bool(row.get("excluded")))  # fmt: skip


def _rank(item: Decided) -> str:
    return hashlib.sha256(f"{SPLIT_KEY}\x00{item.id}".encode()).hexdigest()


def split(items: Sequence[Decided]) -> tuple[list[Decided], list[Decided]]:
    """(train, held back): within each outcome the first HELD_BACK share by keyed hash of the id is held back."""
    train: list[Decided] = []
    held: list[Decided] = []
    for label in (True, False):
        group = sorted((i for i in items if i.reached is label), key=_rank)
        cut = math.ceil(len(group) * HELD_BACK)
        held += group[:cut]
        train += group[cut:]
    return train, held


def auc(positives: list[float], negatives: list[float]) -> float:
    """The Mann-Whitney AUC, the one of the outcome analytics and of this evaluation: the share of (positive,
    negative) pairs the score orders right, ties counting half."""
    ordered = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # the average 1-based rank of the tied run
        rank_sum += mid * sum(label for _, label in ordered[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _batch_auc(scores: NDArray[np.float64], pos: NDArray[np.intp], neg: NDArray[np.intp]) -> NDArray[np.float64]:
    """auc for each row of resampled positive and negative indices (vectorised: the bootstrap's thousands)."""
    p, n = scores[pos][:, :, None], scores[neg][:, None, :]
    result: NDArray[np.float64] = ((p > n).sum(axis=(1, 2)) + 0.5 * (p == n).sum(axis=(1, 2))) / (
        pos.shape[1] * neg.shape[1]
    )
    return result


def _matrix(items: Sequence[Decided]) -> NDArray[np.float64]:
    import numpy as np

    rows = [[math.nan if (v := i.components[n]) is None else v / 100.0 for n in COMPONENTS] for i in items]
    return np.array(rows, dtype=np.float64).reshape(len(items), len(COMPONENTS))


def fit_logistic(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """Coefficients per raw unit of each column (missing values at the column's mean; a constant column gets 0),
    from an L2-regularised logistic regression on the standardised columns by Newton's method."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        mean = np.nanmean(np.where(np.isnan(x).all(axis=0), 0.0, x), axis=0)
    filled = np.where(np.isnan(x), mean, x)
    std = filled.std(axis=0)
    usable = std > 1e-9
    z = np.zeros_like(filled)
    z[:, usable] = (filled[:, usable] - mean[usable]) / std[usable]
    design = np.hstack([np.ones((len(z), 1)), z])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30, 30)))
        gradient = design.T @ (y - p) - penalty * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta = beta + step
        if np.abs(step).max() < 1e-8:
            break
    raw = np.zeros(x.shape[1])
    raw[usable] = beta[1:][usable] / std[usable]
    return raw


def weighted_scores(items: Sequence[Decided], weights: dict[str, float]) -> NDArray[np.float64]:
    """The score with these weights as the scorer applies them: the weighted mean of the components that apply
    (weights re-normalised over them), 0 for an excluded job or when no weighted component applies."""
    import numpy as np

    out = np.zeros(len(items))
    for k, item in enumerate(items):
        if item.excluded:
            continue
        used = [(weights[n], v) for n, v in item.components.items() if v is not None and weights.get(n, 0) > 0]
        total = sum(w for w, _ in used)
        out[k] = sum(w * v for w, v in used) / total if total > 0 else 0.0
    return out


def _percent(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {n: round(100.0 * w / total, 1) if total > 0 else 0.0 for n, w in weights.items()}


def _fixed_weights(items: Sequence[Decided]) -> dict[str, float]:
    shares = [_percent(i.weights) for i in items]
    return {n: round(sum(s[n] for s in shares) / len(shares), 1) for n in COMPONENTS}


def _result(status: str, items: Sequence[Decided], held: int, note: str, **figures: Any) -> LearnedWeights:
    positives = sum(i.reached for i in items)
    values: dict[str, Any] = {"auc_fixed": None, "auc_learned": None, "gain_low": None, "fixed_weights": None,
                              "weights": None, **figures}  # fmt: skip
    return LearnedWeights.model_validate({"status": status, "sample_size": len(items), "positives": positives,
                                          "negatives": len(items) - positives, "held_back": held, "note": note,
                                          **values})  # fmt: skip


def evaluate(items: Sequence[Decided]) -> LearnedWeights:
    """Fit on the train part, compare on the held-back part; deterministic for the same applications."""
    import numpy as np

    train, held = split(items)
    held_pos = sum(i.reached for i in held)
    if len(items) < MIN_DECIDED or min(held_pos, len(held) - held_pos) < MIN_HELD_CLASS:
        note = (f"too little data: {len(items)} decided applications with a snapshotted breakdown, {held_pos} "
                f"reached an interview and {len(held) - held_pos} rejected in the held-back part; learning weights "
                f"needs {MIN_DECIDED} with at least {MIN_HELD_CLASS} of each outcome held back. Nothing is offered; "
                "the score keeps its fixed weights")  # fmt: skip
        return _result("too_little_data", items, len(held), note)
    fixed = _fixed_weights(items)
    raw = fit_logistic(_matrix(train), np.array([float(i.reached) for i in train]))
    proposal = {n: max(float(c), 0.0) for n, c in zip(COMPONENTS, raw, strict=True)}
    labels = np.array([i.reached for i in held])
    fixed_scores = np.array([i.score for i in held])
    auc_fixed = auc(fixed_scores[labels].tolist(), fixed_scores[~labels].tolist())
    if sum(proposal.values()) <= 0:
        note = "not better: no component predicts reaching an interview in these outcomes; the fixed weights stay"
        return _result("not_better", items, len(held), note, auc_fixed=round(auc_fixed, 4), fixed_weights=fixed)
    weights = _percent(proposal)
    learned_scores = weighted_scores(held, weights)
    auc_learned = auc(learned_scores[labels].tolist(), learned_scores[~labels].tolist())
    rng = np.random.default_rng(SEED)
    pos, neg = np.flatnonzero(labels), np.flatnonzero(~labels)
    # Resampled within each outcome (both always present), the same draws for both scores: a paired bootstrap.
    pick_pos = rng.choice(pos, (BOOTSTRAP, len(pos)))
    pick_neg = rng.choice(neg, (BOOTSTRAP, len(neg)))
    gains = _batch_auc(learned_scores, pick_pos, pick_neg) - _batch_auc(fixed_scores, pick_pos, pick_neg)
    gain_low = float(np.percentile(gains, GAIN_PERCENTILE))
    figures = {"auc_fixed": round(auc_fixed, 4), "auc_learned": round(auc_learned, 4),
               "gain_low": round(gain_low, 4), "fixed_weights": fixed}  # fmt: skip
    if auc_learned > auc_fixed and gain_low > 0:
        note = ("better on the held-back outcomes: the proposed weights are offered for an admin to review; nothing "
                "applies them, the score keeps its fixed weights until they are changed")  # fmt: skip
        return _result("better", items, len(held), note, weights=weights, **figures)
    note = ("not better: on the held-back outcomes the learned weights do not beat the fixed ones with confidence "
            "(the lower end of the gain's 95 % bootstrap interval is not above 0); nothing is offered")  # fmt: skip
    return _result("not_better", items, len(held), note, **figures)
