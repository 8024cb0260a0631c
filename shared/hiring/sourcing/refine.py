"""Optional LLM refinement of a sourcing run's search keywords (issue 14).

The deterministic keywords (hiring.sourcing.keywords) always stay. The model may propose extra titles, skills and
terms; `ground_terms` accepts a proposed term only when, compared normalised (hiring.llm.grounding.normalise), it
occurs in the posting's text (title and description), is a taxonomy alias of one of the job's own skills, or is an
O*NET alternate title of the job's occupation, and names no protected attribute; every other term is refused with
its reason. `refine_keywords` calls the model once through the LLM port, records the call (an llm_calls row and its
audit entry, the ungrounded terms as its "dropped" values) and never raises: a failed call or a bad answer (not
JSON, wrong shape) gives a refinement with status "failed" and the reason, and the keywords stay deterministic.
Off unless the caller asks for it and an LLM is configured (HIRING_LLM_*); the prompt is
prompts/sourcing_keywords.v1.md. Only the posting (the tenant's own text) is sent, never a prospect's or a
candidate's data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from hiring.analysis.occupations import normalize_title
from hiring.llm.grounding import normalise
from hiring.llm.ports import Hallucination, LlmCallFailed, LlmCallRecorder, Outcome, StructuredLlm, Usage
from hiring.llm.prompts import Prompt
from hiring.matching.rephrase import record_call
from hiring.observability import logger
from hiring.skills.taxonomy import get_taxonomy
from hiring.sourcing.keywords import (
    AcceptedTerm,
    KeywordRefinement,
    Kind,
    RefusedTerm,
    SearchKeywords,
    SkillKeyword,
    Source,
    titles_by_code,
)

if TYPE_CHECKING:
    from hiring.llm.config import LlmSettings

PROMPT_ID, PROMPT_VERSION = "sourcing_keywords", 1
MAX_PROPOSED = 20  # per kind in the model's answer; more is a wrong shape
MAX_ACCEPTED = 6  # per kind kept in the keywords
MAX_TERM_CHARS = 60
MAX_POSTING_CHARS = 8000  # of the description sent to the model
# Words naming a protected attribute (age, sex, family, religion, origin, disability): a term holding one is refused
# even when the posting holds it ("young and dynamic team"), so no search string selects people by them.
PROTECTED_WORDS = frozenset(
    {
        "young", "younger", "youthful", "old", "older", "elderly", "age", "aged", "ageing", "aging",
        "male", "female", "man", "woman", "men", "women", "gentleman", "lady", "ladies", "girl", "girls", "boy", "boys",
        "gender", "married", "unmarried", "mother", "mothers", "father", "fathers", "pregnant", "pregnancy",
        "religion", "religious", "christian", "muslim", "jewish", "hindu", "catholic",
        "race", "racial", "ethnic", "ethnicity", "caucasian", "hispanic", "latino", "nationality",
        "disabled", "disability", "handicapped",
    }
)  # fmt: skip
REFUSED_PROTECTED = "names a protected attribute (age, sex, family, religion, origin or disability)"
REFUSED_UNGROUNDED = "not in the posting, nor an alias of the job's skills, nor an O*NET title of its occupation"


class ProposedTerms(BaseModel):
    """The model's answer: extra search terms by kind (titles, skills, other terms)."""

    model_config = ConfigDict(extra="forbid")

    titles: list[str] = Field(default_factory=list, max_length=MAX_PROPOSED)
    skills: list[str] = Field(default_factory=list, max_length=MAX_PROPOSED)
    terms: list[str] = Field(default_factory=list, max_length=MAX_PROPOSED)


@lru_cache(maxsize=1)
def _surfaces_by_skill() -> dict[str, tuple[str, ...]]:
    """Skill name (lower case) -> the normalised surface forms of the taxonomy naming it."""
    taxonomy = get_taxonomy()
    found: dict[str, set[str]] = {}
    for surface in taxonomy.surfaces.values():
        found.setdefault(taxonomy.skills[surface.skill].name.lower(), set()).add(normalise(surface.key))
    return {name: tuple(sorted(keys)) for name, keys in found.items()}


def _job_skills(analysis: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ("required_skills", "preferred_skills", "skills"):
        for item in analysis.get(key) or []:
            name = item.get("name") if isinstance(item, Mapping) else item
            if name and str(name) not in names:
                names.append(str(name))
    return names


class Grounds:
    """What a proposed term may rest on for one job: its posting text, its skills' taxonomy aliases, and the O*NET
    alternate titles of its occupation; all compared normalised."""

    def __init__(self, posting_text: str, analysis: Mapping[str, Any]) -> None:
        self.text = f" {normalise(posting_text)} "
        self.aliases: dict[str, str] = {}  # normalised alias -> the job's skill it names
        for skill in _job_skills(analysis):
            for alias in (normalise(skill), *_surfaces_by_skill().get(skill.lower(), ())):
                self.aliases.setdefault(alias, skill)
        occupation = analysis.get("occupation") or {}
        code = occupation.get("code") if isinstance(occupation, Mapping) else None
        self.titles = {normalise(t) for t in titles_by_code().get(code, ())} if code else set()

    def source(self, term: str) -> Source | None:
        key = normalise(term)
        if not key:
            return None
        if f" {key} " in self.text:
            return "posting"
        if key in self.aliases:
            return "taxonomy"
        if key in self.titles or normalise(normalize_title(term)) in self.titles:
            return "onet"
        return None


def _existing(keywords: SearchKeywords) -> set[str]:
    found = {normalise(t) for t in keywords.titles} | {normalise(t) for t in keywords.terms}
    for skill in keywords.skills:
        found |= {normalise(skill.skill), *(normalise(a) for a in skill.aliases)}
    return found


def ground_terms(proposed: ProposedTerms, grounds: Grounds, keywords: SearchKeywords) -> KeywordRefinement:
    """Each proposed term accepted (with where it was found) or refused (with why), in the order proposed."""
    accepted: list[AcceptedTerm] = []
    refused: list[RefusedTerm] = []
    seen = _existing(keywords)
    kinds: list[tuple[Kind, list[str]]] = [("title", proposed.titles), ("skill", proposed.skills),
                                           ("term", proposed.terms)]  # fmt: skip
    for kind, terms in kinds:
        kept = 0
        for raw in terms:
            term = " ".join(str(raw).split())
            key = normalise(term)
            reason: str | None = None
            source: Source | None = None
            if len(key) < 2:
                reason = "empty or shorter than 2 characters"
            elif len(term) > MAX_TERM_CHARS:
                reason = f"longer than {MAX_TERM_CHARS} characters"
            elif PROTECTED_WORDS & set(key.split()):
                reason = REFUSED_PROTECTED
            elif key in seen:
                reason = "already a keyword"
            elif (source := grounds.source(term)) is None:
                reason = REFUSED_UNGROUNDED
            elif kept >= MAX_ACCEPTED:
                reason = f"more than {MAX_ACCEPTED} {kind}s accepted already"
            if reason is not None or source is None:
                refused.append(RefusedTerm(term=term[:100], kind=kind, reason=reason or REFUSED_UNGROUNDED))
                continue
            seen.add(key)
            kept += 1
            accepted.append(AcceptedTerm(term=term, kind=kind, source=source))
    return KeywordRefinement(status="refined", accepted=accepted, refused=refused)


def apply_refinement(keywords: SearchKeywords, refinement: KeywordRefinement, grounds: Grounds) -> SearchKeywords:
    """The keywords with the accepted terms added after the deterministic ones (titles to the titles; a skill that
    is an alias of a keyword skill to its aliases, another skill as a new skill; terms to the terms) and the
    refinement recorded; boolean_strings() of the result uses them."""
    titles = list(keywords.titles)
    skills = [s.model_copy(deep=True) for s in keywords.skills]
    terms = list(keywords.terms)
    for item in refinement.accepted:
        if item.kind == "title":
            titles.append(item.term)
        elif item.kind == "term":
            terms.append(item.term)
        else:
            named = grounds.aliases.get(normalise(item.term))
            target = next((s for s in skills if named and s.skill.lower() == named.lower()), None)
            if target is not None:
                target.aliases.append(item.term)
            else:
                skills.append(SkillKeyword(skill=item.term, aliases=[]))
    return keywords.model_copy(update={"titles": titles, "skills": skills, "terms": terms, "refined": refinement})


def unavailable(reason: str) -> KeywordRefinement:
    return KeywordRefinement(status="unavailable", reason=reason)


def facts(title: str, description: str, keywords: SearchKeywords) -> str:
    """What the model is shown: the posting and the deterministic keywords (no person's data)."""
    return json.dumps({"title": title, "posting": description[:MAX_POSTING_CHARS],
                       "keywords": {"titles": keywords.titles, "skills": [s.skill for s in keywords.skills],
                                    "locations": keywords.locations}}, ensure_ascii=False)  # fmt: skip


def refine_keywords(
    keywords: SearchKeywords,
    posting_title: str,
    description: str,
    analysis: Mapping[str, Any],
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    prompt: Prompt,
    *,
    settings: LlmSettings | None = None,
    tenant_id: str | None = None,
) -> SearchKeywords:
    """The keywords with the grounded terms the model proposed, and `refined` saying what was accepted and refused;
    the deterministic keywords with a "failed" refinement when the call fails or its answer is refused whole. One
    llm_calls row either way (outcome ok, rejected when every term was refused, or the failure's outcome)."""
    usage, model, error = Usage(), client.model, None
    outcome: Outcome = "ok"
    grounds = Grounds(f"{posting_title}\n{description}", analysis)
    refinement: KeywordRefinement
    try:
        reply = client.complete(prompt, facts(posting_title, description, keywords), ProposedTerms)
        usage, model = reply.usage, reply.model
        refinement = ground_terms(reply.output, grounds, keywords)
        if refinement.refused and not refinement.accepted:
            outcome, error = "rejected", f"all {len(refinement.refused)} proposed terms refused"
    except LlmCallFailed as failed:
        usage, model, outcome, error = failed.usage, failed.model, failed.outcome, str(failed)[:500]
        refinement = KeywordRefinement(status="failed", reason=f"the model's answer was refused ({outcome}): {error}")
    except Exception as exc:  # any adapter failure keeps the deterministic keywords
        logger.exception("llm call raised unexpectedly")
        outcome, error = "error", type(exc).__name__
        refinement = KeywordRefinement(status="failed", reason=f"the call failed: {error}")
    refinement = refinement.model_copy(update={"model": model, "prompt": prompt.ref})
    dropped = [Hallucination(field=r.kind, value=r.term) for r in refinement.refused if r.reason == REFUSED_UNGROUNDED]
    record_call(recorder, prompt, model, outcome, usage, error, settings=settings, tenant_id=tenant_id,
                hallucinations=dropped)  # fmt: skip
    if refinement.status != "refined":
        return keywords.model_copy(update={"refined": refinement})
    return apply_refinement(keywords, refinement, grounds)
