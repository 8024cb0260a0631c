"""Outcome analytics: the tenant's applications by outcome per score band, grade and source, and how predictive the
score has been: the AUC of the application's score against reaching an interview and against being hired, with the
sample it rests on. An application counts for a question only once it is decided: reached interview (interview,
offer or hired, now or ever) against rejected; hired against rejected. Open and withdrawn applications say nothing
either way and are left out. Below MIN_SAMPLE decided applications, or MIN_CLASS of either side, the AUC is None
with a note saying so. Learned weights are only evaluated offline (hiring.packs.learned: fitted on 70 % of the
decided applications' snapshotted components, compared with the fixed weights on the held-back 30 %) and offered as
a proposal when they beat the fixed ones; nothing here feeds back into the score, which keeps its fixed weights."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from hiring.packs.learned import Decided, LearnedWeights, auc, decided_from, evaluate

MIN_SAMPLE = 20
MIN_CLASS = 5
BANDS = ((80.0, "80-100"), (60.0, "60-79"), (40.0, "40-59"), (20.0, "20-39"), (0.0, "0-19"))
STATUSES = ("applied", "screening", "interview", "offer", "hired", "rejected", "withdrawn")
REACHED = {"interview", "offer", "hired"}


@dataclass(frozen=True)
class Outcome:
    score: float
    grade: str
    source: str
    status: str
    reached_interview: bool  # now or at any time (the pipeline's events)
    id: str = ""
    components: dict[str, Any] | None = None  # the snapshotted breakdown's {component: {score, weight}}
    excluded: bool = False  # a hard filter excluded the job (score 0)


class Group(BaseModel):
    key: str
    applications: int
    by_status: dict[str, int]
    reached_interview: int
    hired: int


class Predictiveness(BaseModel):
    question: str
    auc: float | None = Field(
        description="P(score of a positive > score of a negative), ties count half; None: too little data"
    )
    positives: int
    negatives: int
    sample: int
    note: str | None = None


class Outcomes(BaseModel):
    applications: int
    by_band: list[Group]
    by_grade: list[Group]
    by_source: list[Group]
    predictiveness: list[Predictiveness]
    learned_weights: str = (
        "none applied: the score keeps its fixed weights; no model trained on these outcomes changes it (see "
        "learned_weights_evaluation for the offline evaluation and any proposal)"
    )
    learned_weights_evaluation: LearnedWeights = Field(
        description="learned weights against the fixed ones on held-back outcomes; weights only when better, as a "
        "proposal that nothing applies automatically"
    )


def band_of(score: float) -> str:
    return next(name for floor, name in BANDS if score >= floor)


def predictiveness(question: str, positives: list[float], negatives: list[float]) -> Predictiveness:
    sample = len(positives) + len(negatives)
    if sample < MIN_SAMPLE or min(len(positives), len(negatives)) < MIN_CLASS:
        note = (f"too little data: {len(positives)} positive and {len(negatives)} negative decided applications; "
                f"an AUC needs {MIN_SAMPLE} with at least {MIN_CLASS} of each")  # fmt: skip
        return Predictiveness(question=question, auc=None, positives=len(positives), negatives=len(negatives),
                              sample=sample, note=note)  # fmt: skip
    return Predictiveness(question=question, auc=round(auc(positives, negatives), 4), positives=len(positives),
                          negatives=len(negatives), sample=sample)  # fmt: skip


def _groups(items: list[Outcome], key_of: object, order: list[str]) -> list[Group]:
    grouped: dict[str, list[Outcome]] = {}
    for item in items:
        grouped.setdefault(key_of(item), []).append(item)  # type: ignore[operator]
    keys = [k for k in order if k in grouped] + sorted(k for k in grouped if k not in order)
    out = []
    for key in keys:
        members = grouped[key]
        counted = Counter(m.status for m in members)
        out.append(Group(key=key, applications=len(members), by_status={s: counted.get(s, 0) for s in STATUSES},
                         reached_interview=sum(m.reached_interview for m in members),
                         hired=counted.get("hired", 0)))  # fmt: skip
    return out


def _decided(items: list[Outcome]) -> list[Decided]:
    """The applications decided either way (reached an interview, or rejected before one) with components."""
    found = []
    for o in items:
        if o.id and (o.reached_interview or o.status == "rejected"):
            row = {"id": o.id, "reached": o.reached_interview, "score": o.score, "components": o.components,
                   "excluded": o.excluded}  # fmt: skip
            if (item := decided_from(row)) is not None:
                found.append(item)
    return found


def outcomes(items: list[Outcome]) -> Outcomes:
    reached = [o.score for o in items if o.reached_interview]
    rejected_early = [o.score for o in items if o.status == "rejected" and not o.reached_interview]
    hired = [o.score for o in items if o.status == "hired"]
    rejected = [o.score for o in items if o.status == "rejected"]
    return Outcomes(
        applications=len(items),
        by_band=_groups(items, lambda o: band_of(o.score), [name for _, name in BANDS]),
        by_grade=_groups(items, lambda o: o.grade, ["A+", "A", "B", "C", "D", "F"]),
        by_source=_groups(items, lambda o: o.source, ["applied", "matched", "imported", "sourced"]),
        predictiveness=[
            predictiveness("reached interview", reached, rejected_early),
            predictiveness("hired", hired, rejected),
        ],  # fmt: skip
        learned_weights_evaluation=evaluate(_decided(items)),
    )
