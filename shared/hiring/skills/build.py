"""Compile the canonical skill taxonomy from ESCO, O*NET, the tech-skill list and the curated aliases.

The output (data/taxonomy.json.gz) is the only thing read at run time. The build is deterministic: the same
inputs give byte-identical output (sorted inputs, sorted JSON, gzip with a zero timestamp). The sources are read
into entries by hiring.skills.sources; here they are merged into canonical skills with their match levels.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hiring.skills.sources import (
    ACRONYM,
    COMMON_RANK,
    ESCO_ZIP,
    MS_TECH,
    ONET_TECH,
    Entry,
    english_words,
    esco_entries,
    ms_entries,
    onet_entries,
    read_esco,
    spaced,
)
from hiring.skills.taxonomy import CASED, CONTEXT, CONTEXT_ANY, FREE, TAXONOMY_FILE
from hiring.skills.text import is_word, surface_key

FORMAT_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parent
CURATED_PATH = PACKAGE_DIR / "curated_aliases.json"
DATA_DIR = PACKAGE_DIR / "data"

TECH_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "platform", "tool"})


@dataclass
class _Skill:
    name: str
    category: str
    refs: set[str] = field(default_factory=set)
    hot: bool = False
    default_category: bool = False


@dataclass
class _Curated:
    skills: list[dict[str, Any]]
    blocked: set[str]
    cue_after: list[str]
    cue_before: list[str]


class TaxonomyBuilder:
    """Merges source entries into canonical skills; earlier (higher-priority) sources own a surface form first."""

    def __init__(self, english: dict[str, int], blocked: set[str]) -> None:
        self.english = english
        self.blocked = blocked
        self.skills: list[_Skill] = []
        self.owner: dict[str, int] = {}
        self.display: dict[str, str] = {}
        self.explicit_level: dict[str, tuple[int, set[str]]] = {}
        self.origin: dict[str, str] = {}
        # Vendor-less product names that are ordinary words ("Word" of Microsoft Word): exact spelling, with a cue.
        self.remainders: set[str] = set()

    def add_source(self, entries: Iterable[Entry], *, curated: bool = False) -> None:
        """Add one source: primary names first (to merge or create skills), then every alias."""
        entries = list(entries)
        created_before = len(self.skills)
        ids = [self._place(entry, curated) for entry in entries]
        for entry, skill_id in zip(entries, ids, strict=True):
            if skill_id is None:
                continue
            name_key = surface_key(entry.primary[0])
            for surface in entry.secondary:
                merged = skill_id < created_before
                if entry.loose_aliases and merged and name_key not in surface_key(surface):
                    continue
                self._claim(surface, skill_id, entry.ref, curated)
            for surface in entry.remainders:
                key = surface_key(surface)
                if key not in self.owner:
                    self._claim(surface, skill_id, entry.ref, curated)
                    if self.owner.get(key) == skill_id:
                        self.remainders.add(key)

    def set_level(self, surface: str, level: int) -> None:
        """Force the match level of a curated surface form (its spelling is kept as the accepted form)."""
        key = surface_key(surface)
        forms = self.explicit_level.get(key, (level, set()))[1]
        self.explicit_level[key] = (level, forms | {spaced(surface)})

    def _place(self, entry: Entry, curated: bool) -> int | None:
        keys = [surface_key(s) for s in entry.primary]
        owned = next((self.owner[k] for k in keys if k in self.owner), None)
        if owned is None:
            if not curated and all(k in self.blocked or not k for k in keys):
                return None
            self.skills.append(_Skill(entry.name, entry.category, default_category=entry.default_category))
            owned = len(self.skills) - 1
        skill = self.skills[owned]
        skill.refs.add(entry.ref)
        skill.hot = skill.hot or entry.hot
        if skill.default_category and not entry.default_category and entry.category in TECH_CATEGORIES:
            skill.category, skill.default_category = entry.category, False
        for surface in entry.primary:
            self._claim(surface, owned, entry.ref, curated)
        return owned

    def _claim(self, surface: str, skill_id: int, ref: str, curated: bool) -> None:
        key = surface_key(surface)
        if not key or key in self.owner or (not curated and key in self.blocked):
            return
        if not any(is_word(t) and not t.isdigit() for t in key.split()):
            return
        self.owner[key] = skill_id
        self.display[key] = spaced(surface)
        self.origin[key] = ref.split(":", 1)[0]

    def level(self, key: str) -> tuple[int, list[str]]:
        """The match level of a surface form and the spellings accepted where the level asks for one."""
        if key in self.explicit_level:
            level, forms = self.explicit_level[key]
            return level, sorted(forms)
        skill = self.skills[self.owner[key]]
        display = self.display[key]
        tokens = key.split()
        if len(tokens) > 1:
            return FREE, []
        word = tokens[0]
        rank = self.english.get(word)
        if key in self.remainders:
            return CONTEXT, [display]
        if len(word) == 1:
            return CONTEXT, [display.upper()]
        if len(word) == 2:
            return (CONTEXT if rank is not None else CASED), sorted({display, display.upper()})
        if rank is None:
            return FREE, []
        if skill.category in TECH_CATEGORIES or ACRONYM.match(display):
            if display != display.lower() and (rank > COMMON_RANK or ACRONYM.match(display)):
                # An ordinary word spelled "Less" or "PASS" starts sentences and fills headings: its spelling
                # counts only with a technical cue or in a list. Inner capitals ("PowerPoint") are enough.
                reviewed = self.origin[key] == "curated" or _inner_capital(display)
                return (CASED if reviewed else CONTEXT), [display]
            return CONTEXT_ANY, []
        if rank <= COMMON_RANK or self.origin[key] == "ms":
            return CONTEXT_ANY, []
        return FREE, []

    def add_hyphen_variants(self) -> None:
        """Every "a - b" form also as "a b" ("e-commerce" / "e commerce"); the extractor skips glued hyphens."""
        for key in sorted(self.owner):
            if " - " in key:
                variant = key.replace(" - ", " ")
                if variant not in self.owner and variant not in self.blocked:
                    self.owner[variant] = self.owner[key]
                    self.display[variant] = self.display[key].replace("-", " ")
                    self.origin[variant] = self.origin[key]
                    if key in self.explicit_level:
                        self.explicit_level[variant] = self.explicit_level[key]

    def compile(self) -> dict[str, Any]:
        """The compiled taxonomy as plain JSON data."""
        surfaces = []
        for key in sorted(self.owner):
            level, forms = self.level(key)
            row: list[Any] = [key, self.owner[key], level]
            if forms:
                row.append(forms)
            surfaces.append(row)
        skills = [[s.name, s.category, sorted(s.refs), int(s.hot)] for s in self.skills]
        return {"format": FORMAT_VERSION, "skills": skills, "surfaces": surfaces}


def _inner_capital(word: str) -> bool:
    """Capitals inside a word ("PowerPoint", "PuTTY") mark a product name in any position; a word that is only
    capitalised ("Less", "Slack") or all capitals ("FIRST", "PASS") may be prose, a sentence start or a heading."""
    return word[1:] != word[1:].lower() and word != word.upper()


def load_curated(path: Path = CURATED_PATH) -> _Curated:
    """The curated alias file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    blocked = {surface_key(s) for s in data["blocked"]}
    return _Curated(data["skills"], blocked, data["cue_after"], data["cue_before"])


def curated_entries(curated: _Curated) -> Iterator[Entry]:
    """Entries of the curated file, in file order."""
    for item in curated.skills:
        yield Entry(item["name"], item["category"], [item["name"]], list(item.get("aliases", [])), "curated")


def build(source_dir: Path, *, esco_limit: int | None = None) -> dict[str, Any]:
    """Build the compiled taxonomy from the source folder (esco_limit keeps only the first N ESCO rows, for tests)."""
    curated = load_curated()
    esco_rows, digital, languages, transversal = read_esco(source_dir / ESCO_ZIP)
    labels = [f"{r['preferredLabel']} {r['altLabels']}" for r in esco_rows]
    english = english_words(esco_rows, source_dir, labels)
    esco_rows = [r for r in esco_rows if r["skillType"]]
    if esco_limit is not None:
        esco_rows = esco_rows[:esco_limit]
    builder = TaxonomyBuilder(english, curated.blocked)
    builder.add_source(curated_entries(curated), curated=True)
    for item in curated.skills:
        for level, field_name in ((FREE, "free"), (CASED, "cased"), (CONTEXT, "context"), (CONTEXT_ANY, "context_any")):
            for surface in item.get(field_name, []):
                builder.set_level(surface, level)
    builder.add_source(ms_entries(source_dir / MS_TECH, english))
    builder.add_source(onet_entries(source_dir / ONET_TECH, english))
    builder.add_source(esco_entries(esco_rows, digital, languages, transversal, english))
    builder.add_hyphen_variants()
    compiled = builder.compile()
    compiled["cue_after"] = sorted(surface_key(w) for w in curated.cue_after)
    compiled["cue_before"] = sorted(surface_key(w) for w in curated.cue_before)
    compiled["english"] = " ".join(sorted(english))
    compiled["sources"] = {
        "esco": "ESCO v1.1.1 (European Commission), CC BY 4.0",
        "onet": "O*NET 29.2 Technology Skills (USDOL/ETA), CC BY 4.0",
        "ms": "microsoft/SkillsExtractorCognitiveSearch tech skills, MIT",
        "curated": "curated_aliases.json (this project)",
    }
    return compiled


def serialise(compiled: dict[str, Any]) -> bytes:
    """Deterministic gzip of the compiled taxonomy (no timestamp, no file name)."""
    raw = json.dumps(compiled, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(raw)
    return buffer.getvalue()


SOURCES_TEXT = """# Sources of the compiled skill taxonomy

`taxonomy.json.gz` is generated by `hiring skills build-taxonomy` from the data below plus
`../curated_aliases.json` (this project's own curated names, aliases, categories and match rules).
Labels were selected (short labels only), merged across sources and normalised; descriptions are not shipped.

- ESCO classification v1.1.1, English (skills with altLabels; digital, language and transversal
  collections; occupation descriptions for the ordinary-English word list), European Commission, via
  tabiya-tech/tabiya-esco-datasets-and-tools. Licence: CC BY 4.0 (ESCO), MIT (the repository).
  Files: LICENSES/ESCO-NOTICE.txt, LICENSES/esco-tabiya-LICENSE.txt
- O*NET 29.2 Technology Skills, occupation data and alternate titles, U.S. Department of Labor,
  Employment and Training Administration (USDOL/ETA). Licence: CC BY 4.0. File: LICENSES/ONET-NOTICE.txt
- Technology skills list (StackShare, GitHub topics, Microsoft Academic Graph) from
  microsoft/SkillsExtractorCognitiveSearch. Licence: MIT. File: LICENSES/ms-tech-skills-LICENSE.txt

ESCO: "This service uses the ESCO classification of the European Commission." Modified: labels filtered
and merged with other sources. Licence: https://creativecommons.org/licenses/by/4.0/

O*NET: "This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. USDOL/ETA has not
approved, endorsed, or tested these modifications." O*NET(R) is a trademark of USDOL/ETA.

# Source of the skill span tagger

`skill_tagger.crfsuite` (a CRF model) and `skill_tagger.lexicon.json.gz` (the taxonomy's word lexicon it was
trained with) are generated by `python -m hiring.skills.train_tagger` from the SkillSpan train split:

- SkillSpan (Zhang et al., NAACL 2022), job-posting sentences with Skill and Knowledge spans.
  Licence: MIT. File: LICENSES/SkillSpan-LICENSE.txt. No text of the data set is shipped, only the model's
  feature weights.

# Source of the ESCO linking index

`esco_index.npz` is generated by `hiring skills build-esco-index` from ESCO v1.1.1 (English; the same files and
licence as above: CC BY 4.0, "This service uses the ESCO classification of the European Commission."): the
preferred and alternative labels and the descriptions of the 13,890 skills, embedded with the local
all-MiniLM-L6-v2 model (int8 ONNX) and stored as int8 vectors with the labels, URIs and the model's name.
Modified: alternative labels whose vector is very close to a kept label of the same skill are not stored.
"""

ESCO_NOTICE = """ESCO - European Skills, Competences, Qualifications and Occupations, v1.1.1 (English).
(c) European Union. This service uses the ESCO classification of the European Commission.
Reused under the Creative Commons Attribution 4.0 International licence (CC BY 4.0):
https://creativecommons.org/licenses/by/4.0/legalcode
Changes: only short labels kept, labels merged with O*NET and other lists, qualifiers removed.
The CSV distribution used was prepared by tabiya-tech (MIT licence, see esco-tabiya-LICENSE.txt).
"""

ONET_NOTICE = """O*NET 29.2 Database (Technology Skills, Occupation Data).
This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license:
https://creativecommons.org/licenses/by/4.0/legalcode
USDOL/ETA has not approved, endorsed, or tested these modifications (product names shortened, vendors
removed, merged with other lists). O*NET(R) is a trademark of USDOL/ETA.
"""


def write(source_dir: Path, out_dir: Path = DATA_DIR) -> tuple[Path, dict[str, Any]]:
    """Build and write the compiled taxonomy, the sources file and the licence files into out_dir."""
    compiled = build(source_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / TAXONOMY_FILE
    target.write_bytes(serialise(compiled))
    (out_dir / "SOURCES.md").write_text(SOURCES_TEXT, encoding="utf-8")
    licences = out_dir / "LICENSES"
    licences.mkdir(exist_ok=True)
    (licences / "ESCO-NOTICE.txt").write_text(ESCO_NOTICE, encoding="utf-8")
    (licences / "ONET-NOTICE.txt").write_text(ONET_NOTICE, encoding="utf-8")
    for name in ("esco-tabiya-LICENSE.txt", "ms-tech-skills-LICENSE.txt"):
        shutil.copyfile(source_dir / name, licences / name)
    return target, compiled
