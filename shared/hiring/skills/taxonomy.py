"""The compiled skill taxonomy shipped with the package: canonical skills and their matchable surface forms."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TAXONOMY_FILE = "taxonomy.json.gz"
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / TAXONOMY_FILE
# Match levels of a surface form: free; exact spelling (or a skills list); exact spelling with a technical
# cue or in a skills list; any spelling but only with a cue or in a skills list.
FREE, CASED, CONTEXT, CONTEXT_ANY = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Skill:
    """A canonical skill: its display name, category and where it comes from (esco:, onet:, ms:, curated)."""

    name: str
    category: str
    sources: tuple[str, ...]
    hot: bool


@dataclass(frozen=True, slots=True)
class Surface:
    """A matchable surface form: the skill it names, its match level and the spellings a level may require."""

    key: str
    skill: int
    level: int
    forms: frozenset[str]


@dataclass(frozen=True)
class Taxonomy:
    """Skills, surface forms by key, cue words and the ordinary-English word list."""

    skills: tuple[Skill, ...]
    surfaces: dict[str, Surface]
    cue_after: frozenset[str]
    cue_before: frozenset[str]
    english: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Taxonomy:
        """A taxonomy from compiled JSON data (what `hiring skills build-taxonomy` writes)."""
        skills = tuple(Skill(name, category, tuple(refs), bool(hot)) for name, category, refs, hot in data["skills"])
        none: frozenset[str] = frozenset()
        surfaces = {
            row[0]: Surface(row[0], row[1], row[2], frozenset(row[3]) if len(row) > 3 else none)
            for row in data["surfaces"]
        }
        return cls(
            skills,
            surfaces,
            frozenset(data["cue_after"]),
            frozenset(data["cue_before"]),
            frozenset(data["english"].split()),
        )

    def find(self, name: str) -> Skill | None:
        """The skill a surface form names, if any (exact key lookup, no context rules)."""
        from hiring.skills.text import surface_key

        surface = self.surfaces.get(surface_key(name))
        return self.skills[surface.skill] if surface else None


def load_taxonomy(path: Path = DEFAULT_PATH) -> Taxonomy:
    """Load a compiled taxonomy file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return Taxonomy.from_data(json.load(handle))


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once per process."""
    return load_taxonomy()
