"""The explainable score of one candidate-job pair: component curves, hard filters, weighting, grade.

Every curve uses only +, -, *, /, min and max on float64, so the vectorized scorer (hiring.matching.vectorized)
reproduces each score exactly. Skill credits are integers (thousandths of a skill) for the same reason.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from hiring.matching.profiles import CandidateProfile, JobProfile, SkillFacts, skill_key
from hiring.matching.weights import COMPONENTS, FilterConfig, WeightProfile

RECOMMENDED_AT = 70.0
GRADES = ((90.0, "A+"), (80.0, "A"), (70.0, "B"), (60.0, "C"), (50.0, "D"))
SALARY_TOLERANCE = 0.10  # pay up to 10% below the expectation costs little
SEMANTIC_FLOOR, SEMANTIC_SPAN = 0.05, 0.60  # cosine 0.05 -> 0, 0.65 and above -> 100
SHORTFALL_PER_YEAR = 20.0
EXCESS_PER_YEAR, EXCESS_FLOOR, IMPLIED_RANGE_YEARS = 6.0, 40.0, 10.0
FRESH_DAYS, STALE_PER_DAY = 7, 2.0
EDUCATION_BELOW = {1: 60.0, 2: 25.0}  # levels below what is asked -> level score; further below -> 0
EDUCATION_UNKNOWN, FIELD_UNKNOWN, FIELD_OTHER = 40.0, 50.0, 30.0
TITLE_SAME_OCCUPATION = 90.0
SKILLS_UNKNOWN = 50.0  # a posting whose skills the analyser found none of
# A posting whose only skills are ESCO-linked requirements: the unknown 50 rises by at most this much, by the
# credited share of them the candidate meets (a rank-1 link on such sentences is right ~3 times in 10).
ESCO_ONLY_RISE = 25.0
LOCATION = {"same_city": 100.0, "same_region": 70.0, "same_country": 40.0, "same_country_relocate": 60.0,
            "abroad": 10.0, "abroad_relocate": 30.0, "unknown": 50.0, "remote": 100.0}  # fmt: skip
REMOTE_WANTED_CAP = {"hybrid": 50.0, "on-site": 30.0}
ONSITE_WANTED_REMOTE_CAP = 70.0


def quantize(value: float) -> float:
    """Round half up to 2 decimals with plain float operations (numpy does the same, bit for bit)."""
    return math.floor(value * 100.0 + 0.5) / 100.0


def grade_of(score: float) -> str:
    """A+ / A / B / C / D / F."""
    return next((grade for floor, grade in GRADES if score >= floor), "F")


def skill_credit(facts: SkillFacts, profile: WeightProfile) -> int:
    """Thousandths of one skill: listed, plus the stronger of job or project evidence, plus recency."""
    evidence = 0
    if "experience" in facts.sections:
        evidence = profile.experience_credit
    if "projects" in facts.sections:
        evidence = max(evidence, profile.project_credit)
    return profile.base_credit + evidence + (profile.recent_credit if facts.recent else 0)


def coverage(skills: tuple[str, ...], candidate: CandidateProfile, profile: WeightProfile) -> float | None:
    """Credited share of the listed skills the candidate has, 0-100; None when the job lists none."""
    if not skills:
        return None
    total = 0
    for name in skills:
        facts = candidate.skills.get(skill_key(name))
        if facts is not None:
            total += skill_credit(facts, profile)
    return 100.0 * total / (1000 * len(skills))


def met_credits(skills: tuple[str, ...], candidate: CandidateProfile, profile: WeightProfile) -> list[int]:
    """The credits of the listed skills the candidate has (the others are left out)."""
    found = (candidate.skills.get(skill_key(name)) for name in skills)
    return [skill_credit(facts, profile) for facts in found if facts is not None]


def skills_value(
    listed: tuple[str, ...], esco: tuple[str, ...], candidate: CandidateProfile, profile: WeightProfile
) -> tuple[float | None, bool]:
    """A skills component over the dictionary's skills (listed) and the ESCO-linked requirements (esco), and whether
    the ESCO requirements the candidate meets were counted. ESCO links only help (docs/matching.md):

    - with dictionary skills, a met ESCO requirement adds its credit and one skill to the coverage, an unmet one
      is left out; the met ones count only when that raises the coverage (a listed-only ESCO skill beside full
      dictionary credit would lower it), so the value is the higher of the coverage without and with them;
    - without dictionary skills (None when there are no ESCO ones either) the value rises from SKILLS_UNKNOWN by
      up to ESCO_ONLY_RISE, by the credited share of all the ESCO requirements asked: 50 when none is met, 75 for
      1 of 1 at full credit, 58.33 for 1 of 3.
    """
    met = met_credits(esco, candidate, profile)
    if not listed:
        if not esco:
            return None, False
        return SKILLS_UNKNOWN + ESCO_ONLY_RISE * sum(met) / (1000 * len(esco)), bool(met)
    total = sum(met_credits(listed, candidate, profile))
    plain = 100.0 * total / (1000 * len(listed))
    if not met:
        return plain, False
    counted = 100.0 * (total + sum(met)) / (1000 * (len(listed) + len(met)))
    return (counted, True) if counted >= plain else (plain, False)


def required_list(job: JobProfile) -> tuple[str, ...]:
    """The skills the required component measures: the required ones, else the preferred ones standing in."""
    return job.required or job.preferred


def required_esco(job: JobProfile) -> tuple[str, ...]:
    """The ESCO-linked requirements the required component reads: all of them when no dictionary skill is required."""
    return job.esco_required if job.required else (*job.esco_required, *job.esco_preferred)


def preferred_list(job: JobProfile) -> tuple[str, ...]:
    """The skills the preferred component measures: none when they stand in for required ones."""
    return job.preferred if job.required else ()


def preferred_esco(job: JobProfile) -> tuple[str, ...]:
    return job.esco_preferred if job.required else ()


def required_score(job: JobProfile, candidate: CandidateProfile, profile: WeightProfile) -> float:
    """Coverage of the required skills; a job that names no skills at all is unknown (50), never a free pass."""
    value, _ = skills_value(required_list(job), required_esco(job), candidate, profile)
    return SKILLS_UNKNOWN if value is None else value


def preferred_score(job: JobProfile, candidate: CandidateProfile, profile: WeightProfile) -> float | None:
    """Coverage of the preferred skills; None when the dictionary lists none (ESCO-linked ones alone never make the
    component apply: a new component could lower the total) or they stand in for required ones."""
    listed = preferred_list(job)
    return skills_value(listed, preferred_esco(job), candidate, profile)[0] if listed else None


def experience_score(years: float, minimum: float | None, maximum: float | None) -> float | None:
    """Full inside the range; a steep shortfall curve below it and a gentle overqualification curve above."""
    if minimum is None and maximum is None:
        return None
    low = minimum if minimum is not None else 0.0
    if years < low:
        return max(0.0, 100.0 - SHORTFALL_PER_YEAR * (low - years))
    high = maximum if maximum is not None else low + IMPLIED_RANGE_YEARS
    if years > high:
        return max(EXCESS_FLOOR, 100.0 - EXCESS_PER_YEAR * (years - high))
    return 100.0


def education_score(level: int, fields: frozenset[str], job_level: int, job_fields: frozenset[str]) -> float | None:
    """Level (70%) and field (30%) when the job names fields; None when the job asks for neither."""
    if job_level < 0 and not job_fields:
        return None
    if job_level < 0 or level >= job_level:
        level_score = 100.0
    elif level < 0:
        level_score = EDUCATION_UNKNOWN
    else:
        level_score = EDUCATION_BELOW.get(job_level - level, 0.0)
    if not job_fields:
        return level_score
    field_score = FIELD_UNKNOWN if not fields else 100.0 if fields & job_fields else FIELD_OTHER
    return 0.7 * level_score + 0.3 * field_score


def location_case(candidate: CandidateProfile, job: JobProfile) -> str:
    """remote, same_city, same_region, same_country(_relocate), abroad(_relocate) or unknown."""
    if job.arrangement == "remote":
        return "remote"
    relocate = candidate.preferences.relocate
    country_known = candidate.country is not None and job.country is not None
    same_country = not country_known or candidate.country == job.country
    same_region = same_country and candidate.region is not None and candidate.region == job.region
    if (
        same_country
        and candidate.city is not None
        and candidate.city == job.city
        and (candidate.region is None or job.region is None or candidate.region == job.region)
    ):
        return "same_city"
    if same_region:
        return "same_region"
    if country_known and same_country:
        return "same_country_relocate" if relocate else "same_country"
    if country_known:
        return "abroad_relocate" if relocate else "abroad"
    return "unknown"


def location_score(candidate: CandidateProfile, job: JobProfile) -> float:
    """By place (same city, state, country, abroad, unknown), capped when the arrangement is not the one wanted."""
    score = LOCATION[location_case(candidate, job)]
    wanted = candidate.preferences.arrangement
    if wanted == "remote" and job.arrangement in REMOTE_WANTED_CAP:
        score = min(score, REMOTE_WANTED_CAP[job.arrangement])
    elif wanted == "on-site" and job.arrangement == "remote":
        score = min(score, ONSITE_WANTED_REMOTE_CAP)
    return score


def salary_shortfall(candidate: CandidateProfile, job: JobProfile) -> float | None:
    """How far the job's top pay falls below the expectation (0 when it reaches it); None when not comparable."""
    expect = candidate.preferences.salary_min
    if expect is None or expect <= 0 or (job.salary_min is None and job.salary_max is None):
        return None
    want, offer = candidate.preferences.salary_currency, job.salary_currency
    if want is not None and offer is not None and want != offer:
        return None
    top = job.salary_max if job.salary_max is not None else job.salary_min
    assert top is not None
    if top >= expect:
        return 0.0
    return (expect - top) / expect


def salary_score(candidate: CandidateProfile, job: JobProfile) -> float:
    """No expectation: flexible (100). No pay stated: 70. Another currency: 60. Else the shortfall curve."""
    expect = candidate.preferences.salary_min
    if expect is None or expect <= 0:
        return 100.0
    if job.salary_min is None and job.salary_max is None:
        return 70.0
    shortfall = salary_shortfall(candidate, job)
    if shortfall is None:
        return 60.0
    if shortfall <= SALARY_TOLERANCE:
        return 100.0 - 100.0 * shortfall
    return max(0.0, 90.0 - 300.0 * (shortfall - SALARY_TOLERANCE))


def semantic_score(similarity: float | None) -> float | None:
    """Cosine similarity of the two embeddings, rescaled to 0-100."""
    if similarity is None or math.isnan(similarity):
        return None
    return min(100.0, max(0.0, (similarity - SEMANTIC_FLOOR) / SEMANTIC_SPAN * 100.0))


def title_score(candidate: CandidateProfile, job: JobProfile) -> float | None:
    """Best word overlap (Jaccard) of a recent resume title with the job title; 90 for the same O*NET occupation."""
    if not candidate.title_words or not job.title_words:
        return None
    best = 0.0
    for words in candidate.title_words:
        union = len(words | job.title_words)
        if union:
            best = max(best, 100.0 * len(words & job.title_words) / union)
    if job.occupation_code is not None and job.occupation_code in candidate.occupation_codes:
        best = max(best, TITLE_SAME_OCCUPATION)
    return best


def age_days(posted: dt.date | None, today: dt.date) -> int | None:
    return None if posted is None else (today - posted).days


def recency_score(age: int | None) -> float | None:
    """Fresh for a week, then two points a day."""
    if age is None:
        return None
    if age <= FRESH_DAYS:
        return 100.0
    return max(0.0, 100.0 - STALE_PER_DAY * (age - FRESH_DAYS))


@dataclass(frozen=True)
class Exclusion:
    """A hard filter that excluded the job, with its reason in words."""

    filter: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"filter": self.filter, "reason": self.reason}


def hard_filters(candidate: CandidateProfile, job: JobProfile, config: FilterConfig) -> list[Exclusion]:
    """Every enabled hard filter that excludes this job for this candidate."""
    found: list[Exclusion] = []
    if config.salary_enabled:
        shortfall = salary_shortfall(candidate, job)
        if shortfall is not None and shortfall >= config.salary_shortfall:
            found.append(Exclusion(
                "salary",
                f"the job pays up to {_money(job)}, {round(shortfall * 100)}% below the expected "
                f"{candidate.preferences.salary_min:,.0f}",
            ))  # fmt: skip
    if config.location_enabled:
        wanted = candidate.preferences.arrangement
        if wanted == "remote" and job.arrangement == "on-site":
            found.append(Exclusion("location", "the job is on-site and the candidate wants remote work"))
        elif location_case(candidate, job) == "abroad" and job.arrangement in {"on-site", "hybrid", None}:
            found.append(Exclusion(
                "location", f"the job is in {job.country.upper() if job.country else '?'}, the candidate in "
                f"{candidate.country.upper() if candidate.country else '?'} and not willing to relocate",
            ))  # fmt: skip
    if config.experience_enabled:
        years = candidate.years
        if job.experience_min is not None and years + config.experience_below_years <= job.experience_min:
            found.append(Exclusion(
                "experience", f"{years:.1f} years of experience against a minimum of {job.experience_min:g}",
            ))  # fmt: skip
        elif job.experience_max is not None and years >= job.experience_max + config.experience_above_years:
            found.append(Exclusion(
                "experience", f"{years:.1f} years of experience against a maximum of {job.experience_max:g}",
            ))  # fmt: skip
    return found


def _money(job: JobProfile) -> str:
    top = job.salary_max if job.salary_max is not None else job.salary_min
    return f"{top:,.0f}{' ' + job.salary_currency if job.salary_currency else ''}"


def component_scores(
    candidate: CandidateProfile, job: JobProfile, similarity: float | None, profile: WeightProfile, today: dt.date
) -> dict[str, float | None]:
    """Each component 0-100, None where it does not apply."""
    return {
        "required_skills": required_score(job, candidate, profile),
        "preferred_skills": preferred_score(job, candidate, profile),
        "experience": experience_score(candidate.years, job.experience_min, job.experience_max),
        "education": education_score(candidate.education, candidate.fields, job.education, job.fields),
        "location": location_score(candidate, job),
        "salary": salary_score(candidate, job),
        "semantic": semantic_score(similarity),
        "title": title_score(candidate, job),
        "recency": recency_score(age_days(job.posted, today)),
    }


def weighted_total(components: dict[str, float | None], profile: WeightProfile) -> float:
    """The weighted mean of the components that apply (their weights re-normalised), quantized."""
    total = 0.0
    weight_sum = 0.0
    for name in COMPONENTS:
        value = components[name]
        if value is not None:
            weight = profile.weight(name)
            total = total + weight * value
            weight_sum = weight_sum + weight
    return quantize(total / weight_sum) if weight_sum > 0 else 0.0


def pair_score(
    candidate: CandidateProfile, job: JobProfile, similarity: float | None, profile: WeightProfile, today: dt.date
) -> float | None:
    """The score alone (None when a hard filter excludes the job): the per-pair reference implementation."""
    if hard_filters(candidate, job, profile.filters):
        return None
    return weighted_total(component_scores(candidate, job, similarity, profile, today), profile)


@dataclass
class PairResult:
    """A scored pair with everything needed to store and explain it."""

    job_id: str
    score: float
    grade: str
    recommended: bool
    matched_skills: list[str]
    missing_skills: list[str]
    breakdown: dict[str, Any]
    excluded_by: list[Exclusion] = field(default_factory=list)


def _skill_details(
    skills: tuple[str, ...], candidate: CandidateProfile, profile: WeightProfile, job: JobProfile
) -> tuple[list[dict[str, Any]], list[str]]:
    matched: list[dict[str, Any]] = []
    missing: list[str] = []
    asked = {name: (uri, sentence) for name, uri, sentence in job.esco}
    for name in skills:
        facts = candidate.skills.get(skill_key(name))
        if facts is None:
            missing.append(name)
            continue
        item = {
            "skill": name, "credit": skill_credit(facts, profile) / 1000, "months": facts.months,
            "recent": facts.recent, "sections": sorted(facts.sections),
            "evidence": [{"section": s, "text": t} for s, t in facts.evidence],
        }  # fmt: skip
        if name in asked or facts.esco_uri is not None:  # met through an ESCO link of a sentence
            item["esco"] = {"uri": facts.esco_uri or asked[name][0], "asked": asked[name][1] if name in asked else None,
                            "resume_dictionary": facts.esco_uri is None}  # fmt: skip
        matched.append(item)
    return matched, missing


def _skills_part(
    listed: tuple[str, ...], esco: tuple[str, ...], candidate: CandidateProfile, profile: WeightProfile, job: JobProfile
) -> dict[str, Any]:
    """A skills component's facts: matched (the dictionary's skills met, and the ESCO requirements met when they
    counted), missing (the dictionary's only: an unmet ESCO requirement is never a gap) and every ESCO requirement
    with the posting's sentence, whether the candidate meets it and whether it counted."""
    _, counted = skills_value(listed, esco, candidate, profile)
    matched, missing = _skill_details(listed, candidate, profile, job)
    met, _ = _skill_details(esco, candidate, profile, job)
    met_names = {m["skill"] for m in met}
    if counted:
        matched += met
    uris = {name: (uri, sentence) for name, uri, sentence in job.esco}
    asked = [{"skill": name, "uri": uris[name][0], "asked": uris[name][1], "met": name in met_names,
              "counted": counted and name in met_names} for name in esco]  # fmt: skip
    return {"matched": matched, "missing": missing, "esco": asked}


def score_pair(
    candidate: CandidateProfile, job: JobProfile, similarity: float | None, profile: WeightProfile, today: dt.date
) -> PairResult:
    """The score with its full breakdown: every component's value, weight, contribution and the facts behind it."""
    excluded = hard_filters(candidate, job, profile.filters)
    components = component_scores(candidate, job, similarity, profile, today)
    score = 0.0 if excluded else weighted_total(components, profile)
    weight_sum = sum(profile.weight(n) for n in COMPONENTS if components[n] is not None)
    required = _skills_part(required_list(job), required_esco(job), candidate, profile, job)
    preferred = _skills_part(preferred_list(job), preferred_esco(job), candidate, profile, job)
    measured = "required" if job.required else "preferred" if job.preferred else "esco" if required["esco"] else "none"
    shortfall = salary_shortfall(candidate, job)
    details: dict[str, dict[str, Any]] = {
        "required_skills": {**required, "measured": measured},
        "preferred_skills": preferred,
        "experience": {
            "candidate_years": round(candidate.years, 1), "min_years": job.experience_min,
            "max_years": job.experience_max,
            "gap_years": round(job.experience_min - candidate.years, 1)
            if job.experience_min is not None and candidate.years < job.experience_min else 0.0,
        },
        "education": {"candidate_level": candidate.education, "required_level": job.education,
                      "fields": sorted(job.fields)},
        "location": {"case": location_case(candidate, job), "arrangement": job.arrangement,
                     "wanted_arrangement": candidate.preferences.arrangement,
                     "job_place": [job.city, job.region, job.country],
                     "candidate_place": [candidate.city, candidate.region, candidate.country]},
        "salary": {"expected_min": candidate.preferences.salary_min, "job_min": job.salary_min,
                   "job_max": job.salary_max, "currency": job.salary_currency,
                   "shortfall_pct": None if shortfall is None else round(shortfall * 100, 1)},
        "semantic": {"cosine": None if similarity is None or math.isnan(similarity) else round(similarity, 4)},
        "title": {"job_title": job.title, "candidate_titles": list(candidate.titles),
                  "same_occupation": job.occupation_code is not None
                  and job.occupation_code in candidate.occupation_codes},
        "recency": {"age_days": age_days(job.posted, today)},
    }  # fmt: skip
    breakdown_components: dict[str, Any] = {}
    for name in COMPONENTS:
        value = components[name]
        weight = profile.weight(name)
        breakdown_components[name] = {
            "score": None if value is None else quantize(value),
            "weight": weight,
            "applies": value is not None,
            "points": None if value is None or weight_sum <= 0 else quantize(weight * value / weight_sum),
            **details[name],
        }
    grade = "F" if excluded else grade_of(score)
    breakdown = {
        "score": score, "grade": grade, "recommended": not excluded and score >= RECOMMENDED_AT,
        "weights_version": profile.version, "level": profile.level,
        "components": breakdown_components,
        "excluded_by": [e.as_dict() for e in excluded],
    }  # fmt: skip
    return PairResult(
        job_id=job.id,
        score=score,
        grade=grade,
        recommended=bool(breakdown["recommended"]),
        matched_skills=[m["skill"] for m in required["matched"]],
        missing_skills=list(required["missing"]),
        breakdown=breakdown,
        excluded_by=excluded,
    )
