"""Compile the canonical skill taxonomy from ESCO, O*NET, the tech-skill list and the curated aliases.

The output (data/taxonomy.json.gz) is the only thing read at run time. The build is deterministic: the same
inputs give byte-identical output (sorted inputs, sorted JSON, gzip with a zero timestamp).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hiring.skills.taxonomy import CASED, CONTEXT, CONTEXT_ANY, FREE, TAXONOMY_FILE
from hiring.skills.text import is_word, surface_key, tokenize

FORMAT_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parent
CURATED_PATH = PACKAGE_DIR / "curated_aliases.json"
DATA_DIR = PACKAGE_DIR / "data"

ESCO_ZIP = "esco-v1.1.1-en-csv.zip"
ONET_TECH = "onet-29.2-technology-skills.txt"
ONET_OCCUPATIONS = "onet-29.2-occupation-data.txt"
ONET_TITLES = "onet-29.2-alternate-titles.txt"
MS_TECH = "ms-tech-skills.json"

TECH_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "platform", "tool"})
# Words this frequent in ordinary descriptive English are skills only with a cue ("communication skills").
COMMON_RANK = 3000
MAX_WORDS = 5
_SKIP_PREFIX = re.compile(
    r"^(?:a|an|the|types?|kinds?|categories|varieties|sorts|brands|principles|fundamentals|methods|techniques"
    r"|knowledge|study|field|use|using)\s+(?:of\s+)?",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Academic disciplines: fields of study ("Computer science", "Political science", "Anthropology"), not tools.
_DISCIPLINE_HEADS = _words(
    "science sciences studies engineering humanities mathematics physics chemistry biology economics linguistics"
    " philosophy geography astronomy agronomy informatics bioinformatics genetics theology medicine pharmacy"
    " dentistry nursing literature history"
)
# Practices named like disciplines.
_NOT_DISCIPLINE = _words("reverse social prompt feature")
_NOT_DISCIPLINE_OLOGY = _words("technology technologies methodology methodologies terminology topology")
# Words that say nothing of the concept: an ESCO alternative made of these and common words only, sharing no
# word with its preferred label, is a loose paraphrase ("shape the future" for think innovatively).
_FUNCTION_WORDS = _words(
    "the a an to of in on for with and or at by as into from up out be one one's ones own your their our oneself s"
)
_VENDORS = (
    "Amazon Web Services",
    "Amazon",
    "AWS",
    "Microsoft",
    "Google",
    "Apple",
    "IBM",
    "Oracle",
    "Adobe",
    "Atlassian",
    "Apache",
    "Autodesk",
    "SAP",
    "Salesforce",
    "Red Hat",
    "VMware",
    "Cisco Systems",
    "Cisco",
    "Intuit",
    "Eclipse",
    "Facebook",
    "Meta",
    "HashiCorp",
    "JetBrains",
    "Corel",
    "Dassault Systemes",
    "ESRI",
    "SAS",
    "Bentley",
    "Trimble",
    "Hewlett Packard",
    "HP",
    "Dell",
    "Symantec",
    "McAfee",
    "Splunk",
    "Elastic",
)
_ONET_CATEGORY = {
    "Object or component oriented development software": "language",
    "Compiler and decompiler software": "tool",
    "Web platform development software": "framework",
    "Data base management system software": "database",
    "Object oriented data base management software": "database",
    "Operating system software": "platform",
    "Network operation system software": "platform",
    "Cloud-based management software": "cloud",
    "Cloud-based protection or security software": "cloud",
}


@dataclass
class _Skill:
    name: str
    category: str
    refs: set[str] = field(default_factory=set)
    hot: bool = False
    default_category: bool = False


@dataclass
class _Entry:
    """One concept from one source: its name, category and the surface forms that name it."""

    name: str
    category: str
    primary: list[str]
    secondary: list[str]
    ref: str
    hot: bool = False
    default_category: bool = False
    # ESCO alternatives are loose ("CUDA" under computer vision): when the concept merges into a skill from
    # a better source, only alternatives that contain the skill's own name are taken.
    loose_aliases: bool = False
    # Ordinary words left when the vendor is removed ("Word" of Microsoft Word): matched only as spelled, with a cue.
    remainders: list[str] = field(default_factory=list)


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

    def add_source(self, entries: Iterable[_Entry], *, curated: bool = False) -> None:
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
        self.explicit_level[key] = (level, forms | {_spaced(surface)})

    def _place(self, entry: _Entry, curated: bool) -> int | None:
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
        self.display[key] = _spaced(surface)
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
        if skill.category in TECH_CATEGORIES or _ACRONYM.match(display):
            if display != display.lower() and (rank > COMMON_RANK or _ACRONYM.match(display)):
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


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _word_count(text: str) -> int:
    return sum(1 for t in tokenize(text) if is_word(t.norm))


def load_curated(path: Path = CURATED_PATH) -> _Curated:
    """The curated alias file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    blocked = {surface_key(s) for s in data["blocked"]}
    return _Curated(data["skills"], blocked, data["cue_after"], data["cue_before"])


def curated_entries(curated: _Curated) -> Iterator[_Entry]:
    """Entries of the curated file, in file order."""
    for item in curated.skills:
        yield _Entry(item["name"], item["category"], [item["name"]], list(item.get("aliases", [])), "curated")


def english_words(esco_rows: list[dict[str, str]], onet_dir: Path, extra: Iterable[str] = ()) -> dict[str, int]:
    """Ordinary English words with their frequency rank, from the descriptions and labels in ESCO and O*NET."""
    counts: Counter[str] = Counter()
    texts = [row.get("description", "") for row in esco_rows] + list(extra)
    occupations = onet_dir / ONET_OCCUPATIONS
    if occupations.exists():
        with occupations.open(encoding="utf-8") as handle:
            texts += [f"{row['Title']} {row['Description']}" for row in csv.DictReader(handle, delimiter="\t")]
    titles = onet_dir / ONET_TITLES
    if titles.exists():
        with titles.open(encoding="utf-8") as handle:
            texts += [row["Alternate Title"] for row in csv.DictReader(handle, delimiter="\t")]
    for text in texts:
        # Only lower-case occurrences: capitalised ones are often product or language names.
        counts.update(m.group() for m in re.finditer(r"(?<![\w.])[a-z][a-z']*[a-z]\b|\b[a-z]\b", text))
    ranked = sorted((w for w, n in counts.items() if n >= 2), key=lambda w: (-counts[w], w))
    return {word: rank for rank, word in enumerate(ranked, 1)}


def read_esco(zip_path: Path) -> tuple[list[dict[str, str]], dict[str, dict[str, str]], set[str], set[str]]:
    """ESCO skills rows plus the digital-skills broader labels and the language and transversal collections."""
    with zipfile.ZipFile(zip_path) as archive:

        def rows(name: str) -> list[dict[str, str]]:
            with archive.open(name) as raw:
                return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))

        skills = sorted(rows("skills_en.csv"), key=lambda r: r["conceptUri"])
        occupations = rows("occupations_en.csv")
        for row in occupations:
            row["skillType"] = ""  # occupations only lend their text to the ordinary-English word list
        digital = {r["conceptUri"]: r for r in rows("digitalSkillsCollection_en.csv")}
        languages = {r["conceptUri"] for r in rows("languageSkillsCollection_en.csv")}
        transversal = {r["conceptUri"] for r in rows("transversalSkillsCollection_en.csv")}
    skills += sorted(occupations, key=lambda r: r["conceptUri"])
    return skills, digital, languages, transversal


def is_field_of_study(name: str) -> bool:
    """Whether a knowledge concept's name is an academic discipline ("Computer science", "Anthropology")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    if not words or len(words) > 3 or (len(words) > 1 and words[-2] in {"of", "and", "for", "in", "on", "to"}):
        return False
    if words[0] in _NOT_DISCIPLINE:
        return False
    last = words[-1]
    if last in _DISCIPLINE_HEADS:
        return True
    return len(words) == 1 and last.endswith(("ology", "ologies")) and last not in _NOT_DISCIPLINE_OLOGY


def _esco_category(
    row: dict[str, str], digital: dict[str, dict[str, str]], languages: set[str], transversal: set[str]
) -> str:
    uri = row["conceptUri"]
    if uri in languages and row["skillType"] == "knowledge":
        return "natural_language"
    if uri in transversal or row["reuseLevel"] == "transversal":
        return "soft"
    if row["skillType"] != "knowledge":
        return "skill"
    if is_field_of_study(re.sub(r"\s*\([^)]*\)$", "", row["preferredLabel"])):
        return "field_of_study"
    broader = digital.get(uri, {}).get("broaderConceptPT", "").lower()
    if "programming" in broader and _word_count(row["preferredLabel"]) <= 3:
        return "language"
    if "database" in broader:
        return "database"
    if "methodolog" in broader:
        return "methodology"
    if "software" in broader or "tools" in broader or "environment" in broader:
        return "tool"
    return "domain"


def _stems(text: str) -> set[str]:
    """Crude stems of the content words ("slaughtering" and "slaughter" share "slaug")."""
    return {w[:5] for w in surface_key(text).split() if is_word(w) and w not in _FUNCTION_WORDS}


def _loose_paraphrase(key: str, name_stems: set[str], english: dict[str, int]) -> bool:
    words = [w for w in key.split() if is_word(w)]
    if len(words) < 2 or _stems(key) & name_stems:
        return False
    return all(w in _FUNCTION_WORDS or english.get(w, COMMON_RANK + 1) <= COMMON_RANK for w in words)


def _esco_label_ok(label: str) -> bool:
    return bool(label) and _word_count(label) <= MAX_WORDS and not _SKIP_PREFIX.match(label)


def esco_entries(
    rows: list[dict[str, str]],
    digital: dict[str, dict[str, str]],
    languages: set[str],
    transversal: set[str],
    english: dict[str, int],
) -> Iterator[_Entry]:
    """ESCO concepts with the short labels that make precise surface forms."""
    alt_counts: Counter[str] = Counter()
    for row in rows:
        alt_counts.update({surface_key(a) for a in row["altLabels"].splitlines() if a.strip()})
    for row in rows:
        if row.get("status", "released") != "released" or not row["skillType"]:
            continue
        label = _spaced(row["preferredLabel"])
        # "Python (computer programming)": the qualifier disambiguates in ESCO, nobody writes it in a resume.
        name = re.sub(r"\s*\([^)]*\)$", "", label)
        if not _esco_label_ok(name):
            continue
        stems = _stems(name)
        alts = []
        for alt in sorted({_spaced(a) for a in row["altLabels"].splitlines() if a.strip()}):
            key = surface_key(alt)
            if alt_counts[key] > 1 or not _esco_label_ok(alt):
                continue
            # One-word alternatives are often loose synonyms ("drainage" for rainwater management):
            # keep only names and acronyms, or words that are not ordinary English.
            if _word_count(alt) == 1 and alt == alt.lower() and key in english:
                continue
            # A paraphrase in common words that shares no word with the concept's name is generic in prose:
            # "shape the future" (think innovatively), "check facts" (think critically).
            if _loose_paraphrase(key, stems, english):
                continue
            alts.append(alt)
        category = _esco_category(row, digital, languages, transversal)
        ref = "esco:" + row["conceptUri"].rsplit("/", 1)[-1]
        yield _Entry(_capitalised(name), category, [name], alts, ref, loose_aliases=True)


def _expands(phrase: str, acronym: str) -> bool:
    """Whether a trailing all-caps token abbreviates the phrase ("Border Gateway Protocol BGP"), not an edition."""
    if not _ACRONYM.match(acronym):
        return False
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z]+", phrase) if w.lower() not in {"and", "of", "for", "the"}]
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not initials or not letters or letters[-1] != initials[-1]:
        return False
    return sum(1 for c in letters if c in initials) * 2 >= len(letters)


def _generic_remainder(name: str, english: dict[str, int]) -> bool:
    words = [t.norm for t in tokenize(name) if is_word(t.norm)]
    if len(words) == 1 and len(words[0]) <= 3 and not _ACRONYM.match(name):
        return True
    return len(words) == 1 and len(words[0]) <= 2 or all(w in english for w in words) and name != name.upper()


def _strip_vendor(name: str) -> str | None:
    for vendor in _VENDORS:
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 1:
            return name[len(vendor) + 1 :]
    return None


_SOFTWARE_NOUNS = _words(
    "system systems server directory platform suite tool tools program programs application applications database"
    " databases engine manager editor library compiler browser interface client utility utilities simulator emulator"
    " viewer generator checker scanner framework kit package packages driver drivers module modules"
    " monitor monitors scanners calculator calculators libraries editors viewers managers servers browsers clients"
    " compilers engines generators simulators emulators"
)


def _activity(phrase: str, english: dict[str, int]) -> bool:
    """Whether the rest of a software class names an activity ("social media", "appointment scheduling"): plain
    words, not a brand ("Cluen executive recruitment"), ending in a noun that is not a kind of program."""
    words = phrase.split()
    last = words[-1].lower()
    if last in _SOFTWARE_NOUNS or last.endswith(("al", "ic", "ive")) or words[0][1:] != words[0][1:].lower():
        return False
    return all(w.lower() in english for w in re.findall(r"[A-Za-z]+", phrase))


def _plain_word(name: str) -> bool:
    """A single capitalised ordinary-looking word ("Word", "Access", "Teams"), as a vendor-less product name."""
    return name.isalpha() and len(name) >= 4 and name[0].isupper() and name[1:].islower()


def onet_entries(path: Path, english: dict[str, int]) -> Iterator[_Entry]:
    """O*NET technology products: names without vendor prefixes, trailing acronyms split off."""
    products: dict[str, tuple[str, str, bool]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            example = _spaced(row["Example"])
            code, title = row["Commodity Code"], row["Commodity Title"]
            hot = row["Hot Technology"] == "Y"
            previous = products.get(example)
            if previous is None or (code, title) < previous[:2]:
                products[example] = (code, title, hot or (previous[2] if previous else False))
            elif hot:
                products[example] = (*previous[:2], True)
    for example in sorted(products):
        code, title, hot = products[example]
        category = _ONET_CATEGORY.get(title, "tool")
        words = example.split()
        generic = all(w == w.lower() for w in words[1:]) and not any(c.isdigit() for c in example)
        if generic:
            stripped = re.sub(r"\s+software$", "", example)
            if _word_count(example) > MAX_WORDS:
                continue
            if _word_count(stripped) < 2:
                yield _Entry(example, category, [example], [], f"onet:{code}", hot, default_category=True)
            elif not _activity(stripped, english):
                yield _Entry(example, category, [example], [stripped], f"onet:{code}", hot, default_category=True)
            else:
                # "Social media software": text that says "social media" means the activity, not a product class.
                yield _Entry(stripped, "domain", [stripped], [example], f"onet:{code}", hot, default_category=True)
            continue
        base = re.sub(r"\s+software$", "", example)
        primary, secondary = [base], [example]
        name = base
        tokens = base.split()
        shortened: list[str] = []
        remainders: list[str] = []
        if len(tokens) >= 3 and _expands(" ".join(tokens[:-1]), tokens[-1]):
            phrase, acronym = " ".join(tokens[:-1]), tokens[-1]
            name = f"{phrase} ({acronym})"
            primary.append(phrase)
            # Short acronyms of niche products collide with everything ("MPS", "EMS"); keep them for hot ones.
            if hot or len(acronym) >= 4:
                primary.append(acronym)
            shortened.append(_strip_vendor(phrase) or "")
        else:
            shortened.append(_strip_vendor(base) or "")
        if base.startswith("Microsoft ") and shortened[-1]:
            secondary.append("MS " + shortened[-1])  # "MS Access", "MS Project"
        # A vendor-less form that is ordinary words ("Microsoft Project" -> "Project", "Autodesk Building
        # Systems" -> "Building Systems") or a bare short token ("SAP IQ" -> "IQ") is not a free name; a single
        # capitalised word is kept as a remainder (exact spelling, with a cue or in a list: "Word, Excel").
        for short in shortened:
            if short and not _generic_remainder(short, english):
                primary.append(short)
            elif short and _plain_word(short):
                remainders.append(short)
        if not primary:
            continue
        yield _Entry(
            name,
            category,
            primary,
            secondary,
            f"onet:{code}",
            hot,
            default_category=category == "tool",
            remainders=remainders,
        )


def ms_entries(path: Path, english: dict[str, int]) -> Iterator[_Entry]:
    """The tech-skill list: StackShare and GitHub tools, Microsoft Academic Graph fields."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in sorted(data):
        source = data[key]["sources"][0]
        display = _spaced(source["displayName"])
        if re.search(r",\s|\s/\s|\s&\s", display):
            continue  # StackShare category names ("Build, Test, Deploy"), not skills
        academic = source["sourceName"].startswith("Microsoft Academic")
        name = re.sub(r"^The\s+", "", display)
        name = re.sub(r"\s+Language$", "", name) if name.startswith("Julia") else name
        primary = [name]
        secondary = list(data[key].get("aliases", []))
        paren = re.match(r"^(.*?)\s*\(([^)]*)\)$", name)
        if paren:
            name = paren.group(1)
            primary = [name]
            if not academic and _ACRONYM.match(name):
                secondary.append(paren.group(2))  # "SVN (Subversion)"; not "Microframeworks (Backend)"
        if name.lower().endswith(".js"):
            base = name[:-3]
            secondary += [base + "JS", base + " JS"]
            if surface_key(base) not in english and len(base) >= 3:
                secondary.append(base)
        if "-" in name:
            secondary.append(name.replace("-", " "))
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        generic = len(words) >= 2 and all(w in english for w in words)
        category = "domain" if academic or generic else "tool"
        field_of_study = academic and is_field_of_study(name)
        category = "field_of_study" if field_of_study else category
        yield _Entry(
            _capitalised(name), category, primary, secondary, f"ms:{source['id']}", default_category=not field_of_study
        )


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
