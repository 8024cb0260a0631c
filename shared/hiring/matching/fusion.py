"""Rank fusion of the first stage: the vector, skill and structured top-K lists fused by reciprocal rank fusion,
keeping each id's rank in each list (stored with a match as its retrieval record)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hiring.matching.retrieval import reciprocal_rank_fusion


@dataclass(frozen=True)
class Retrieved:
    """The fused first stage: ids best first, with each id's rank in each list."""

    ids: list[str]
    vector_rank: dict[str, int]
    skill_rank: dict[str, int]
    rrf: dict[str, float]
    structured_rank: dict[str, int] = field(default_factory=dict)

    def of(self, ref: str, direction: str) -> dict[str, Any]:
        return {"direction": direction, "vector_rank": self.vector_rank.get(ref),
                "skill_rank": self.skill_rank.get(ref), "structured_rank": self.structured_rank.get(ref),
                "rrf": round(self.rrf.get(ref, 0.0), 6)}  # fmt: skip


def ranks(ids: Sequence[str]) -> dict[str, int]:
    return {ref: i for i, ref in enumerate(ids, start=1)}


def fuse(vector_ids: list[str], skill_ids: list[str], structured_ids: Sequence[str] = ()) -> Retrieved:
    fused = reciprocal_rank_fusion([vector_ids, skill_ids, list(structured_ids)])
    return Retrieved(
        ids=[ref for ref, _ in fused],
        vector_rank=ranks(vector_ids),
        skill_rank=ranks(skill_ids),
        rrf=dict(fused),
        structured_rank=ranks(structured_ids),
    )
