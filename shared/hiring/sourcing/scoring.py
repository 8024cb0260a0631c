"""The six-factor prospect score (issue 14): experience, education, career trajectory, company relevance, location
and tenure, each 0-10 with the evidence it read, weighted per tenant into a 0-10 total and a tier.

Company relevance is the relevance of the prospect's roles, companies and industries to the job (its occupation and
skills), never prestige. Only the fields of ProspectProfile are read: none holds a protected attribute (age, gender,
ethnicity, ...), so no factor can use one; dates serve only to measure years in roles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from hiring.analysis.occupations import normalize_title, occupation_index, seniority_of
from hiring.analysis.posting_fields import EDUCATION_LEVELS
from hiring.sourcing.profiles import Experience, ProspectProfile

FACTORS = ("experience", "education", "career_trajectory", "company_relevance", "location", "tenure")
DEFAULT_WEIGHTS: dict[str, float] = {
    "experience": 25,
    "education": 20,
    "career_trajectory": 20,
    "company_relevance": 15,
    "location": 10,
    "tenure": 10,
}
TIERS = ((9.0, "STRONG_MATCH"), (8.0, "GOOD_MATCH"), (7.0, "CONSIDER"), (6.0, "WEAK_MATCH"))
_SENIORITY = ("entry", "mid", "senior", "lead", "executive")
_DEGREE = (
    ("doctorate", re.compile(r"\bph\.?\s?d\b|\bdoctor", re.I)),
    ("master", re.compile(r"\bmaster|\bm\.?sc?\b|\bmba\b|\bm\.?eng\b|\bm\.?a\.?\b", re.I)),
    ("bachelor", re.compile(r"\bbachelor|\bb\.?sc?\b|\bb\.?a\.?\b|\bb\.?tech\b|\bb\.?eng\b|\bundergraduate", re.I)),
    ("associate", re.compile(r"\bassociate", re.I)),
    ("high_school", re.compile(r"\bhigh\s+school|\bdiploma\b|\bged\b", re.I)),
)


class FactorScore(BaseModel):
    factor: str
    score: float  # 0-10
    weight: float  # percent
    evidence: list[str]


class ProspectScore(BaseModel):
    score: float  # 0-10
    tier: str
    factors: list[FactorScore]


def tier_of(score: float) -> str:
    return next((name for floor, name in TIERS if score >= floor), "REJECT")


def _month(text: str | None) -> int | None:
    if not text:
        return None
    year, _, month = text.partition("-")
    return int(year) * 12 + (int(month) - 1 if month else 0)


def _years(item: Experience, today: dt.date) -> float | None:
    start = _month(item.start)
    end = today.year * 12 + today.month - 1 if item.current or (item.start and not item.end) else _month(item.end)
    if start is None or end is None or end < start:
        return None
    return round((end - start + 1) / 12, 1)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9+#]+", text.lower()))


def _has_skill(profile: ProspectProfile, skill: str) -> bool:
    if skill.lower() in {s.lower() for s in profile.skills}:
        return True
    text = " ".join([profile.headline or ""] + [f"{e.title or ''} {e.description or ''}" for e in profile.experience])
    return re.search(rf"(?<![\w+#]){re.escape(skill.lower())}(?![\w+#])", text.lower()) is not None


def _occupations(title: str) -> set[str]:
    """The O*NET occupations that list the title (exactly or by its head phrase): no fuzzy search per prospect."""
    titles = occupation_index().titles
    words = normalize_title(title).split()
    for i in range(len(words)):
        codes = titles.get(" ".join(words[i:]))
        if codes:
            return set(codes)
    return set()


def _related(item: Experience, job: Mapping[str, Any]) -> list[str]:
    """Why a role relates to the job's work: the same O*NET occupation, or the job's skills named in the role."""
    code = (job.get("occupation") or {}).get("code")
    skills = list(job.get("required_skills") or []) + list(job.get("preferred_skills") or [])
    reasons = []
    if code and code in _occupations(item.title or ""):
        reasons.append("same occupation")
    text = f"{item.title or ''} {item.industry or ''} {item.description or ''}".lower()
    named = [s for s in skills if re.search(rf"(?<![\w+#]){re.escape(s.lower())}(?![\w+#])", text)]
    if named:
        reasons.append(f"uses {', '.join(named[:3])}")
    return reasons


def _experience(
    profile: ProspectProfile, job: Mapping[str, Any], today: dt.date, enriched: set[str]
) -> tuple[float, list[str]]:
    """Years in roles related to the job against the years it asks, and the required skills the profile shows
    (or its enrichment evidence, e.g. a GitHub repository's language)."""
    spans = [(_years(e, today), bool(_related(e, job))) for e in profile.experience]
    years = round(sum(y for y, related in spans if y is not None and related), 1)
    required = float(job.get("experience_min") or 0)
    years_part = min(1.0, years / required) if required else min(1.0, years / 2)
    skills = list(job.get("required_skills") or [])
    found = [s for s in skills if _has_skill(profile, s) or s in enriched]
    skill_part = len(found) / len(skills) if skills else 1.0
    from_source = [s for s in found if not _has_skill(profile, s)]
    asked = f"; the job asks {required:g}+" if required else ""
    evidence = [f"{years:g} years in related roles of {len(profile.experience)} listed{asked}"]
    if skills:
        missing = [s for s in skills if s not in found]
        shown = f"required skills shown: {', '.join(found) or 'none'}"
        evidence.append(shown + (f"; not shown: {', '.join(missing)}" if missing else ""))
    if from_source:
        evidence.append(f"shown by public repositories only: {', '.join(from_source)}")
    return 10 * (0.5 * years_part + 0.5 * skill_part), evidence


def _education(profile: ProspectProfile, job: Mapping[str, Any]) -> tuple[float, list[str]]:
    asked = job.get("education_level")
    held = max((lvl for e in profile.education for lvl, rx in _DEGREE if rx.search(e.degree or "")),
               key=EDUCATION_LEVELS.index, default=None)  # fmt: skip
    if not asked:
        return 10.0, ["the job asks for no degree"]
    if held is None:
        return 4.0, [f"the job asks for a {asked} degree; none is listed"]
    gap = EDUCATION_LEVELS.index(asked) - EDUCATION_LEVELS.index(held)
    score = 10.0 if gap <= 0 else 6.0 if gap == 1 else 3.0
    evidence = [f"holds a {held} degree; the job asks for {asked}"]
    fields = set(job.get("education_fields") or [])
    if fields and score > 0:
        studied = set().union(*(_words(e.field or e.degree or "") for e in profile.education))
        if studied & fields:
            evidence.append(f"field of study matches: {', '.join(sorted(studied & fields))}")
        else:
            score = max(0.0, score - 2)
            evidence.append(f"field of study not among {', '.join(sorted(fields))}")
    return score, evidence


def _chronological(profile: ProspectProfile) -> list[Experience]:
    dated = [e for e in profile.experience if e.title]
    if all(e.start for e in dated):
        return sorted(dated, key=lambda e: _month(e.start) or 0)
    return list(reversed(dated))  # profiles list the latest first


def _trajectory(profile: ProspectProfile, job: Mapping[str, Any]) -> tuple[float, list[str]]:
    roles = _chronological(profile)
    if not roles:
        return 5.0, ["no titled roles to read a trajectory from"]
    ranks = [_SENIORITY.index(seniority_of(e.title or "")) for e in roles]
    wanted = _SENIORITY.index(job["seniority"]) if job.get("seniority") in _SENIORITY else 1
    score = 6.0
    if ranks[-1] >= wanted - 1:
        score += 2
    if all(b >= a for a, b in zip(ranks, ranks[1:], strict=False)):
        score += 2
    path = " -> ".join(f"{e.title} ({_SENIORITY[r]})" for e, r in zip(roles, ranks, strict=True))
    return score, [path, f"the job is {_SENIORITY[wanted]} level"]


def _company_relevance(profile: ProspectProfile, job: Mapping[str, Any]) -> tuple[float, list[str]]:
    """The share of roles whose work (occupation, industry, skills used) relates to the job: never the company's
    name or standing."""
    if not profile.experience:
        return 5.0, ["no roles listed"]
    evidence = []
    for item in profile.experience:
        reasons = _related(item, job)
        if reasons:
            where = " at ".join(x for x in (item.title, item.company) if x) or "a role"
            evidence.append(f"{where}: {'; '.join(reasons)}")
    relevant = len(evidence)
    evidence.insert(0, f"{relevant} of {len(profile.experience)} roles related to the job's work")
    return 10 * relevant / len(profile.experience), evidence


def _location(profile: ProspectProfile, job: Mapping[str, Any], places: Sequence[str]) -> tuple[float, list[str]]:
    if job.get("work_arrangement") == "remote" or any(p.lower() == "remote" for p in places):
        return 10.0, ["the job can be done remotely"]
    if not profile.location:
        return 5.0, ["no location listed"]
    hit = [p for p in places if _words(p) and _words(p) <= _words(profile.location)]
    if hit:
        return 10.0, [f"{profile.location} is in {hit[0]}"]
    return 2.0, [f"{profile.location} is outside {', '.join(places) or 'the job location'}"]


def _tenure(profile: ProspectProfile, today: dt.date) -> tuple[float, list[str]]:
    spans = [y for e in profile.experience if (y := _years(e, today)) is not None]
    if not spans:
        return 5.0, ["no dated roles"]
    average = sum(spans) / len(spans)
    score = 10.0 if average >= 2 else 7.0 if average >= 1 else 4.0
    return score, [f"{average:.1f} years per role on average over {len(spans)} dated roles"]


def score_prospect(
    profile: ProspectProfile,
    job: Mapping[str, Any],
    places: Sequence[str],
    weights: Mapping[str, float] | None = None,
    today: dt.date | None = None,
    enrichment: Mapping[str, Any] | None = None,
) -> ProspectScore:
    """The six factors against the job's analysis and the run's locations, weighted (percent) into 0-10."""
    today = today or dt.date.today()
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    found = {
        "experience": _experience(profile, job, today, set((enrichment or {}).get("skills") or [])),
        "education": _education(profile, job),
        "career_trajectory": _trajectory(profile, job),
        "company_relevance": _company_relevance(profile, job),
        "location": _location(profile, job, places),
        "tenure": _tenure(profile, today),
    }
    factors = [
        FactorScore(factor=name, score=round(found[name][0], 1), weight=weights[name], evidence=found[name][1])
        for name in FACTORS
    ]
    total_weight = sum(f.weight for f in factors) or 1.0
    total = round(sum(f.score * f.weight for f in factors) / total_weight, 2)
    return ProspectScore(score=total, tier=tier_of(total), factors=factors)
