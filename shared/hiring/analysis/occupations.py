"""Job titles to O*NET occupations and seniority levels.

The index is compiled once from O*NET 29.2 (occupation data + alternate titles, CC BY 4.0) by
`build_occupation_index` and shipped as package data; at run time only the compiled file is read.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

COMPILED = "occupations.json.gz"

_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "sde": "software development engineer",
    "swe": "software engineer", "sre": "site reliability engineer", "eng": "engineer", "engr": "engineer",
    "mgr": "manager", "dev": "developer", "devops": "devops engineer", "qa": "quality assurance",
    "ml": "machine learning", "ai": "artificial intelligence", "ui": "user interface", "ux": "user experience",
    "hr": "human resources", "vp": "vice president", "rn": "registered nurse", "cna": "certified nursing assistant",
    "pm": "project manager", "tpm": "technical program manager", "dba": "database administrator",
    "frontend": "front end", "backend": "back end", "fullstack": "full stack",
}  # fmt: skip
# Words that say the level, not the occupation: stripped before lookup, read by seniority_of.
_LEVEL_WORDS = {
    "senior", "junior", "principal", "staff", "lead", "intern", "internship", "trainee", "graduate", "entry",
    "level", "associate", "mid", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "5", "head", "remote", "hybrid",
}  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9+#]+")


def _tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower().replace("&", " and "))
    expanded: list[str] = []
    for word in words:
        expanded.extend(_ABBREVIATIONS.get(word, word).split())
    return expanded


def normalize_title(title: str) -> str:
    """Lower case, abbreviations spelled out, level words and qualifiers (team, location) removed."""
    core = re.split(r"\s[-–—|/]\s|,|\(|\[|:", title, maxsplit=1)[0]
    words = [w for w in _tokens(core) if w not in _LEVEL_WORDS]
    return " ".join(words)


@dataclass(frozen=True)
class OccupationMatch:
    code: str
    title: str  # the O*NET occupation title
    matched: str  # the alternate title that matched
    score: float  # 100 for exact, the fuzzy ratio otherwise
    method: str  # "exact" | "head" (the title's last words) | "fuzzy"


class OccupationIndex:
    def __init__(self, data: dict[str, Any]) -> None:
        self.occupations: dict[str, str] = data["occupations"]
        self.descriptions: dict[str, set[str]] = {c: set(d) for c, d in data["description_tokens"].items()}
        # code -> word -> share of the code's titles that contain the word
        self.title_tokens: dict[str, dict[str, float]] = data["title_tokens"]
        self.titles: dict[str, list[str]] = data["titles"]
        self._choices = list(self.titles)

    def _key(self, title: str, min_score: float) -> tuple[str, float, str] | None:
        """The alternate title a title matches, with the score and how it matched."""
        normalized = normalize_title(title)
        if not normalized:
            return None
        if normalized in self.titles:
            return normalized, 100.0, "exact"
        words = normalized.split()
        # A title is modifiers + an occupation ("Quantum Software Engineer"): try the head phrases too.
        heads = [" ".join(words[i:]) for i in range(1, len(words) - 1) if " ".join(words[i:]) in self.titles]
        if heads:
            return heads[0], 100.0, "head"
        best = process.extractOne(normalized, self._choices, scorer=fuzz.token_sort_ratio, score_cutoff=min_score)
        return None if best is None else (best[0], float(best[1]), "fuzzy")

    def codes(self, title: str, min_score: float = 88) -> tuple[str, ...]:
        """Every occupation that lists the title (a resume's "Data Engineer" may be any of the three that do)."""
        found = self._key(title, min_score)
        return () if found is None else tuple(self.titles[found[0]])

    def match(self, title: str, description: str = "", min_score: float = 88) -> OccupationMatch | None:
        found = self._key(title, min_score)
        if found is None:
            return None
        key, score, method = found
        # "technical" in "technical program manager"; a fuzzy match's leftover words are misspellings, not modifiers
        modifiers = set(normalize_title(title).split()) - set(key.split()) if method == "head" else set()
        codes = self._candidates(key, method, set(_tokens(f"{title} {description}")))
        code = self._disambiguate(codes, key, description, modifiers) if len(codes) > 1 else codes[0]
        return OccupationMatch(code, self.occupations[code], key, round(score, 1), method)

    @lru_cache(maxsize=1024)  # noqa: B019 - one index per process, held for its life
    def _head_family(self, key: str) -> tuple[tuple[str, str], ...]:
        """(occupation, longer title) for each title that ends in the key ("it program manager" for "program
        manager"): the senses a bare title can take in a field whose own titles add a modifier."""
        suffix = " " + key
        return tuple((code, title) for title, codes in self.titles.items() if title.endswith(suffix) for code in codes)

    @cached_property
    def _stemmed_title_shares(self) -> dict[str, dict[str, float]]:
        """title_tokens with each word stemmed ("networking" and "network" count as one)."""
        shares: dict[str, dict[str, float]] = {}
        for code, words in self.title_tokens.items():
            stemmed: dict[str, float] = {}
            for word, share in words.items():
                stem = _stem(word)
                stemmed[stem] = max(share, stemmed.get(stem, 0.0))
            shares[code] = stemmed
        return shares

    @cached_property
    def _group_shares(self) -> dict[str, dict[str, float]]:
        """SOC major group ("15" computer, "47" construction) -> stemmed word -> share of the group's titles that
        hold it: the vocabulary of a whole field, which a single occupation's few titles do not show."""
        title_counts: dict[str, int] = defaultdict(int)
        for codes in self.titles.values():
            for code in codes:
                title_counts[code] += 1
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        totals: dict[str, int] = defaultdict(int)
        for code, shares in self._stemmed_title_shares.items():
            group, count = code[:2], title_counts.get(code, 0)
            totals[group] += count
            for word, share in shares.items():
                sums[group][word] += share * count
        everywhere: dict[str, float] = defaultdict(float)
        for words in sums.values():
            for word, n in words.items():
                everywhere[word] += n
        overall = sum(totals.values())
        # How much likelier a word is in the group's titles than in all titles: a word every field uses
        # ("engineer") lifts none of them much, a field's own words ("cloud", "youth", "site") lift it.
        # Each word counts by its share of the group's titles times how much likelier it is there than anywhere
        # (a relative-entropy term): a field's own frequent words ("construction", "software") weigh most.
        return {
            g: {w: math.log((n / totals[g]) / (everywhere[w] / overall)) for w, n in words.items() if n >= 1}
            for g, words in sums.items()
            if totals[g]
        }

    @cached_property
    def _title_word_weights(self) -> dict[str, float]:
        """How much a title word tells occupations apart: log(occupations / occupations whose titles hold it)."""
        holders: dict[str, int] = defaultdict(int)
        for words in self._stemmed_title_shares.values():
            for word in words:
                holders[word] += 1
        total = len(self._stemmed_title_shares)
        return {word: math.log(total / n) for word, n in holders.items()}

    @cached_property
    def _stemmed_descriptions(self) -> dict[str, set[str]]:
        return {code: {_stem(w) for w in words} for code, words in self.descriptions.items()}

    def _candidates(self, key: str, method: str, posting_words: set[str]) -> list[str]:
        """The occupations that list the title; when none of them is in the posting's field, also those of that
        field that list it under a modifier ("IT Program Manager" for a program manager in a software posting).
        """
        listed = list(self.titles[key])
        if len(listed) == 1 and method == "exact":
            return listed  # one occupation lists exactly this title: O*NET has settled it
        field = self._posting_field(posting_words - set(key.split()))
        if field is None or any(code[:2] == field for code in listed):
            return listed
        family = [code for code, _ in self._head_family(key) if code[:2] == field]
        return listed + [code for code in dict.fromkeys(family) if code not in listed]

    def _field_score(self, group: str, stems: set[str]) -> float:
        """How much the posting's words lift a SOC major group's title vocabulary."""
        shares = self._group_shares.get(group, {})
        return sum(max(0.0, shares.get(w, 0.0)) for w in stems)

    def _posting_field(self, words: set[str]) -> str | None:
        """The SOC major group the posting's words point to most: a program manager in a posting about cloud
        releases is a computing program manager, whatever modifier O*NET gives that sense ("IT Program Manager")."""
        stems = {_stem(w) for w in words if len(w) > 2} - _STOP
        scores = {group: self._field_score(group, stems) for group in self._group_shares}
        best = max(scores, key=lambda g: scores[g], default=None)
        return best if best is not None and scores[best] > 0 else None

    def _disambiguate(self, codes: list[str], key: str, description: str, modifiers: set[str] | None = None) -> str:
        """The sense of a title that the posting's own words point to.

        An occupation named exactly by the title ("Marketing Manager") is that title's sense. Otherwise the
        posting's field comes first: the SOC major group whose titles its words are most typical of (weighted by
        how rare each word is among occupations' titles), so a software posting's "cloud", "release" and
        "developers" choose computer occupations and "outreach" and "volunteers" community service. Within the
        field, an occupation that lists the title itself beats one listing it under a modifier, then the
        description's and the title's own modifier words decide.
        """
        own = [c for c in codes if normalize_title(self.occupations[c]).removesuffix("s") == key]
        if own:
            return own[0]
        listed = set(self.titles.get(key, ()))
        title_words = {_stem(w) for w in _tokens(key)} - _STOP
        words = {_stem(w) for w in _tokens(description) if len(w) > 2} - _STOP - title_words or title_words
        extra = {_stem(w) for w in modifiers or set()} - _STOP
        weights = self._title_word_weights

        fields = {code[:2]: self._field_score(code[:2], words | extra) for code in codes}
        top_field = max(fields.values()) or 1.0

        def score(code: str) -> tuple[float, int]:
            shares = self._stemmed_title_shares.get(code, {})
            # a word any of the occupation's titles holds counts by its rarity, not by how many titles hold it
            typical = sum(weights.get(w, 0.0) for w in words - extra if w in shares)
            typical += _MODIFIER_WEIGHT * sum(weights.get(w, 0.0) for w in extra if w in shares)
            described = len(words & self._stemmed_descriptions.get(code, set()))
            prior = _LISTED_PRIOR if code in listed else 0.0
            in_field = _FIELD_WEIGHT * fields[code[:2]] / top_field
            return round(typical + _DESCRIBED_WEIGHT * described + prior + in_field, 3), -codes.index(code)

        return max(codes, key=score)


_FIELD_WEIGHT = 10
_MODIFIER_WEIGHT = 3.0  # the title's own words ("Secondary" Mathematics Teacher) outweigh the description's
_LISTED_PRIOR = 3  # listing the title itself counts, but less than the posting's own words
_DESCRIBED_WEIGHT = 0.5  # a word of the occupation's O*NET description the posting shares


def _stem(word: str) -> str:
    """A light stem so that plural and -ing forms meet ("services"/"service", "networking"/"network")."""
    for suffix in ("ing", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_YEARS_IN_TITLE = re.compile(r"\b\d+\s*(?:[-–]\s*\d+\s*)?\+?\s*(?:yrs?|years?)\b", re.I)
_STAFF_LEVEL_ROLES = {
    "engineer", "developer", "scientist", "architect", "designer", "researcher", "swe", "sde", "programmer",
    "sre", "product", "analyst",
}  # fmt: skip


def seniority_of(title: str, years: float | None = None) -> str:
    """entry / mid / senior / lead / executive, from the title's level words, else from years asked for."""
    title = _YEARS_IN_TITLE.sub(" ", title)  # "Java Developer | Pune | 2-4 Yrs": the 4 is no level
    raw = set(_TOKEN.findall(title.lower().replace("sr.", "senior ").replace("jr.", "junior ")))
    words = raw | {x for w in raw for x in _ABBREVIATIONS.get(w, w).split()}
    if words & {"chief", "vp", "vice", "president", "director", "cto", "cio", "ceo", "cfo", "head"}:
        return "executive"
    # "Staff Engineer" is a level above senior; a "Staff Nurse" or "Staff Accountant" is a regular post.
    staff_level = "staff" in words and bool(words & _STAFF_LEVEL_ROLES)
    if words & {"principal", "architect", "distinguished", "fellow"} or staff_level:
        return "lead"
    if words & {"senior", "iii", "iv", "3", "4", "expert"}:
        return "senior"
    if words & {"intern", "internship", "junior", "trainee", "graduate", "entry", "apprentice", "i", "1"}:
        return "entry"
    if words & {"ii", "2", "mid", "intermediate"}:
        return "mid"
    if words & {"lead", "manager", "supervisor"}:
        return "lead"
    if years is not None:
        return "entry" if years < 2 else "mid" if years < 5 else "senior"
    return "mid"


@lru_cache(maxsize=1)
def occupation_index() -> OccupationIndex:
    raw = (resources.files("hiring.analysis") / "data" / COMPILED).read_bytes()
    return OccupationIndex(json.loads(gzip.decompress(raw)))


_STOP = {"and", "or", "the", "of", "to", "in", "for", "a", "an", "with", "on", "as", "by", "such", "other", "may"}


def build_occupation_index(source_dir: Path, out_path: Path) -> dict[str, int]:
    """Compile O*NET occupation data and alternate titles into the shipped index (deterministic output)."""
    occupations: dict[str, str] = {}
    description_tokens: dict[str, list[str]] = {}
    with (source_dir / "onet-29.2-occupation-data.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code = row["O*NET-SOC Code"]
            occupations[code] = row["Title"]
            words = set(_tokens(row["Description"] + " " + row["Title"])) - _STOP
            description_tokens[code] = sorted(w for w in words if len(w) > 2)
    titles: dict[str, list[str]] = defaultdict(list)
    title_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    title_totals: dict[str, int] = defaultdict(int)

    def add(title: str, code: str) -> None:
        key = normalize_title(title)
        if key and code not in titles[key]:
            titles[key].append(code)
            title_totals[code] += 1
            for word in set(key.split()) - _STOP:
                if len(word) > 2:
                    title_counts[code][word] += 1

    for code, title in occupations.items():
        add(title.rstrip("s") if title.endswith("ers") else title, code)
    with (source_dir / "onet-29.2-alternate-titles.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            add(row["Alternate Title"], row["O*NET-SOC Code"])
            if row["Short Title"] and row["Short Title"] != "n/a":
                add(row["Short Title"], row["O*NET-SOC Code"])
    data = {
        "source": "O*NET 29.2 Database, U.S. Department of Labor, Employment and Training Administration (CC BY 4.0)",
        "occupations": dict(sorted(occupations.items())),
        "description_tokens": dict(sorted(description_tokens.items())),
        "title_tokens": {
            c: {w: round(n / title_totals[c], 3) for w, n in sorted(words.items()) if n > 1 or title_totals[c] < 5}
            for c, words in sorted(title_counts.items())
        },
        "titles": dict(sorted(titles.items())),
    }
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return {"occupations": len(occupations), "titles": len(titles), "bytes": out_path.stat().st_size}
