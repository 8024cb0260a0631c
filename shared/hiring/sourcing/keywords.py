"""Search keywords and boolean search strings for a sourcing run, derived only from the job's stored analysis, the
O*NET alternate titles of its occupation and the skill taxonomy's aliases: the same job gives the same strings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from hiring.analysis.occupations import normalize_title, occupation_index
from hiring.skills.taxonomy import FREE, get_taxonomy

MAX_ALTERNATES = 6  # O*NET lists dozens of titles per occupation; the ones nearest the posting's title
MAX_ALIASES = 3  # per skill
MAX_SKILLS = 8  # required skills in the keywords
STRICT_SKILLS = 3  # skills each ANDed in the strict string
MAX_LOCATIONS = 10


class SkillKeyword(BaseModel):
    skill: str
    aliases: list[str]


Kind = Literal["title", "skill", "term"]
Source = Literal["posting", "taxonomy", "onet"]


class AcceptedTerm(BaseModel):
    term: str
    kind: Kind
    source: Source  # where it was found: the posting's text, the skill taxonomy, O*NET's titles


class RefusedTerm(BaseModel):
    term: str
    kind: Kind
    reason: str


class KeywordRefinement(BaseModel):
    """What an LLM refinement of the keywords gave: accepted terms (now in the keywords and boolean strings) and
    refused ones with their reasons; status "unavailable" (no LLM configured) or "failed" (the call failed or the
    answer was refused whole) with the reason, the keywords then being the deterministic ones."""

    status: Literal["refined", "unavailable", "failed"]
    reason: str | None = None
    model: str | None = None
    prompt: str | None = None  # sourcing_keywords.v1
    accepted: list[AcceptedTerm] = Field(default_factory=list)
    refused: list[RefusedTerm] = Field(default_factory=list)


class SearchKeywords(BaseModel):
    titles: list[str]  # the posting's title first, then O*NET alternates of its occupation (then accepted titles)
    occupation: str | None  # "15-1252.00 Software Developers"
    skills: list[SkillKeyword]
    locations: list[str]
    terms: list[str] = Field(default_factory=list, description="other search terms an LLM refinement added")
    refined: KeywordRefinement | None = Field(
        default=None, description="the LLM refinement, when the run asked for one (refine: true); None otherwise"
    )


class BooleanStrings(BaseModel):
    strict: str  # a title AND each of the first required skills AND a location
    broad: str  # a title AND any required skill (or a term an LLM refinement added)


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _any(terms: Sequence[str]) -> str:
    quoted = [_quote(t) for t in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


@lru_cache(maxsize=1)
def titles_by_code() -> dict[str, tuple[str, ...]]:
    by_code: dict[str, list[str]] = defaultdict(list)
    for title, codes in occupation_index().titles.items():
        for code in codes:
            by_code[code].append(title)
    return {code: tuple(titles) for code, titles in by_code.items()}


@lru_cache(maxsize=1)
def _aliases_by_skill() -> dict[str, tuple[str, ...]]:
    """Skill name -> its unambiguous surface forms (those that need no context cue to mean the skill)."""
    taxonomy = get_taxonomy()
    found: dict[str, list[str]] = defaultdict(list)
    for surface in taxonomy.surfaces.values():
        if surface.level == FREE:
            found[taxonomy.skills[surface.skill].name].append(surface.key)
    return {name: tuple(keys) for name, keys in found.items()}


def alternate_titles(title: str, code: str | None, limit: int = MAX_ALTERNATES) -> list[str]:
    """O*NET alternates of the occupation that share a word with the title, most shared words first, then the
    shortest, then alphabetical (deterministic)."""
    if not code:
        return []
    own = normalize_title(title)
    words = set(own.split())
    ranked = sorted(
        (t for t in titles_by_code().get(code, ()) if t != own and words & set(t.split())),
        key=lambda t: (-len(words & set(t.split())), len(t), t),
    )
    return ranked[:limit]


def _words_only(key: str) -> bool:
    return all(part[:1].isalnum() for part in key.split())


def skill_aliases(skill: str, limit: int = MAX_ALIASES) -> list[str]:
    """Other spellings of a skill from the taxonomy ("k8s" for Kubernetes), shortest first, the name left out."""
    name = skill.lower()
    keys = sorted(
        {k for k in _aliases_by_skill().get(skill, ()) if k != name and len(k) >= 2 and _words_only(k)},
        key=lambda k: (len(k), k),
    )
    return keys[:limit]


def _unique(items: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        text = " ".join(str(item).split())[:100]
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return list(seen.values())


def analysis_locations(analysis: Mapping[str, Any]) -> list[str]:
    """The posting's own place (its city, else region or country), and "Remote" for a remote job."""
    location = analysis.get("location") or {}
    place = location.get("city") or location.get("region") or location.get("country")
    found = [str(place)] if place else []
    if analysis.get("work_arrangement") == "remote":
        found.append("Remote")
    return found


def search_keywords(title: str, analysis: Mapping[str, Any], locations: Sequence[str] | None) -> SearchKeywords:
    """Keywords from the job: locations given win over the posting's own."""
    occupation = analysis.get("occupation") or None
    code = occupation.get("code") if occupation else None
    posting_title = str(analysis.get("title") or title).strip()
    titles = _unique([posting_title, normalize_title(posting_title), *alternate_titles(posting_title, code)])
    skills = [SkillKeyword(skill=s, aliases=skill_aliases(s)) for s in _unique(analysis.get("required_skills") or [])][
        :MAX_SKILLS
    ]
    places = _unique(list(locations) if locations else analysis_locations(analysis))[:MAX_LOCATIONS]
    label = f"{code} {occupation.get('title', '')}".strip() if occupation and code else None
    return SearchKeywords(titles=titles, occupation=label, skills=skills, locations=places)


def boolean_strings(keywords: SearchKeywords) -> BooleanStrings:
    titles = _any(keywords.titles) if keywords.titles else ""
    strict = [titles] if titles else []
    strict += [_any([k.skill, *k.aliases]) for k in keywords.skills[:STRICT_SKILLS]]
    if keywords.locations:
        strict.append(_any(keywords.locations))
    broad = [titles] if titles else []
    skill_terms = [k.skill for k in keywords.skills] + list(keywords.terms)
    if skill_terms:
        broad.append(_any(skill_terms))
    return BooleanStrings(strict=" AND ".join(strict), broad=" AND ".join(broad))


def task_queries(keywords: SearchKeywords) -> list[tuple[str | None, str]]:
    """(location, boolean string) for each task a run becomes: one per location, or one with no place."""
    places: list[str | None] = list(keywords.locations) or [None]
    return [
        (place, boolean_strings(keywords.model_copy(update={"locations": [place] if place else []})).strict)
        for place in places
    ]
