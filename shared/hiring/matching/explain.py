"""Deterministic explanations of a scored pair: strengths with their evidence, gaps, concrete suggestions."""

from __future__ import annotations

from typing import Any

TEMPLATE_VERSION = "explain-v4"  # v3: ESCO-linked requirements; v4: an unmet one is a note, never a gap
_SECTION_WORDS = {"experience": "a job", "projects": "a project", "skills": "the skills list", "summary": "the summary",
                  "education": "education", "certifications": "certifications"}  # fmt: skip
_STRENGTH_LABEL = {"A+": "An excellent match", "A": "A strong match", "B": "A good match", "C": "A partial match",
                   "D": "A weak match", "F": "A poor match"}  # fmt: skip
MAX_SKILL_LINES = 6


def _where(sections: list[str]) -> str:
    named = [_SECTION_WORDS.get(s, s) for s in sections if s in _SECTION_WORDS] or ["the resume"]
    return " and ".join(named[:2])


def _count(value: float, noun: str, plural: str | None = None) -> str:
    """'1 month', '2 months', '0.5 years': the number with its noun in the form English gives it."""
    return f"{value:g} {noun if value == 1 else plural or noun + 's'}"


def _years(value: float) -> str:
    return _count(value, "year")


def _names(skills: list[str]) -> str:
    """'Python', 'Python and Go', 'Python, Go and SQL'."""
    return skills[0] if len(skills) == 1 else ", ".join(skills[:-1]) + " and " + skills[-1]


def explain(breakdown: dict[str, Any], job_title: str) -> dict[str, Any]:
    """Strengths, gaps and suggestions from a breakdown (hiring.matching.score.score_pair); pure and deterministic."""
    parts = breakdown["components"]
    required, preferred = parts["required_skills"], parts["preferred_skills"]
    experience, location, salary = parts["experience"], parts["location"], parts["salary"]
    strengths: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    suggestions: list[str] = []

    label = "required" if required.get("measured", "required") == "required" else "asked for"
    for item in required["matched"][:MAX_SKILL_LINES]:
        if _through_esco(item):
            strengths.append(_esco_strength("required_skill", item, label))
            continue
        shown = _where(item["sections"])
        recent = ", used in the last two years" if item["recent"] else ""
        months = f", {_count(item['months'], 'month')}" if item["months"] else ""
        evidence = _strongest(item["evidence"])
        strengths.append({
            "kind": "required_skill", "skill": item["skill"],
            "text": f"{item['skill']} ({label}): shown in {shown}{months}{recent}",
            "evidence": evidence[:2],
        })  # fmt: skip
    for item in preferred["matched"][:3]:
        if _through_esco(item):
            strengths.append(_esco_strength("preferred_skill", item, "nice to have"))
            continue
        strengths.append({
            "kind": "preferred_skill", "skill": item["skill"],
            "text": f"{item['skill']} (nice to have): shown in {_where(item['sections'])}",
            "evidence": _strongest(item["evidence"])[:1],
        })  # fmt: skip
    notes: list[dict[str, Any]] = []  # neither strength nor gap: facts a candidate may want to know
    measured = experience["applies"] and experience["score"] is not None and experience["gap_years"] == 0
    have, asked = _years(experience["candidate_years"]), _asked(experience)
    if measured and experience["score"] == 100.0:
        within = (
            f"within the {asked} asked" if experience["min_years"] is not None else f"within the job's limit of {asked}"
        )
        strengths.append({"kind": "experience", "text": f"{have} of experience, {within}"})
    elif measured and experience["max_years"] is not None and experience["candidate_years"] > experience["max_years"]:
        # only a job that states a ceiling makes more experience worth mentioning, and then only neutrally
        notes.append({"kind": "experience", "text": f"{have} of experience, more than the {asked} the job states"})
    elif measured and experience["candidate_years"] > (experience["min_years"] or 0):
        strengths.append({"kind": "experience", "text": f"{have} of experience, above the {asked} asked"})
    if location["case"] in {"remote", "same_city"}:
        text = "the job is remote" if location["case"] == "remote" else "the job is in the candidate's city"
        strengths.append({"kind": "location", "text": text.capitalize()})
    if salary["shortfall_pct"] == 0.0:
        strengths.append({"kind": "salary", "text": "The pay reaches the candidate's expectation"})

    missing = required["missing"]
    for skill in missing:
        gaps.append({"kind": "missing_skill", "skill": skill, "required": label == "required",
                     "text": f"{skill} is {label} and not on the resume"})  # fmt: skip
    for skill in preferred["missing"][:3]:
        gaps.append({"kind": "missing_skill", "skill": skill, "required": False,
                     "text": f"{skill} is nice to have and not on the resume"})  # fmt: skip
    # An ESCO-linked requirement that did not count (unmet, or met where it would not raise the coverage) is a
    # neutral note: its link is too often wrong to call it a gap (docs/matching.md, ESCO-linked requirements).
    for asked in [*required.get("esco", []), *preferred.get("esco", [])]:
        if not asked.get("counted", True):
            notes.append({"kind": "esco_not_counted", "skill": asked["skill"], "asked": asked["asked"],
                          "text": f"{asked['skill']}: asked in the posting ('{asked['asked']}'), linked by meaning, "
                                  "not counted"})  # fmt: skip
    if experience["applies"] and experience["gap_years"] > 0:
        short, asked = _years(experience["gap_years"]), _years(experience["min_years"])
        gaps.append(
            {"kind": "experience", "years": experience["gap_years"], "text": f"{short} short of the {asked} asked"}
        )
    if salary["shortfall_pct"]:
        gaps.append({"kind": "salary", "percent": salary["shortfall_pct"],
                     "text": f"The pay tops out {salary['shortfall_pct']:g}% below the expectation"})  # fmt: skip
    if location["case"] in {"abroad", "same_country"} or (
        location["score"] is not None and location["score"] < 50.0 and location["case"] != "remote"
    ):
        gaps.append(
            {"kind": "location", "text": f"The job is {location['arrangement'] or 'on-site'} away from the candidate"}
        )

    for skill in missing[:3]:
        suggestions.append(
            f"If you have used {skill}, add it with the job or project where you used it; "
            f"otherwise {skill} is the gap to close first."
        )
    listed_only = [m["skill"] for m in required["matched"]
                   if not {"experience", "projects"} & set(m["sections"]) and not _through_esco(m)]  # fmt: skip
    if listed_only:
        named = listed_only[:3]
        verb, pronoun = ("appears", "it") if len(named) == 1 else ("appear", "them")
        suggestions.append(
            f"{_names(named)} {verb} only in a list: describe a job or project where you used {pronoun}."
        )
    if experience["applies"] and experience["gap_years"] > 0:
        suggestions.append(
            f"The role asks for {_years(experience['min_years'])}; put the projects, internships or freelance work "
            "that add to your experience on the resume."
        )
    if not strengths and not gaps:
        suggestions.append(f"Add the skills the {job_title} role asks for, with where you used them.")

    matched_count, required_count = len(required["matched"]), len(required["matched"]) + len(missing)
    grade = breakdown["grade"]
    if breakdown["excluded_by"]:
        summary = "Excluded: " + "; ".join(e["reason"] for e in breakdown["excluded_by"])
    elif required_count and required.get("measured") != "esco":  # ESCO-only: the met ones are not a share
        summary = (f"{_STRENGTH_LABEL[grade]} for {job_title} ({grade}, {breakdown['score']:g}): "
                   f"{matched_count} of {_count(required_count, 'required skill')}.")  # fmt: skip
    else:
        summary = f"{_STRENGTH_LABEL[grade]} for {job_title} ({grade}, {breakdown['score']:g})."
    return {"version": TEMPLATE_VERSION, "summary": summary, "strengths": strengths, "gaps": gaps,
            "suggestions": suggestions, "notes": notes}  # fmt: skip


def _asked(experience: dict[str, Any]) -> str:
    low, high = experience["min_years"], experience["max_years"]
    if low is not None and high is not None:
        return _years(low) if low == high else f"{low:g}-{high:g} years"
    if low is not None:
        return f"{low:g}+ years"
    return _years(high) if high is not None else "experience"


def _through_esco(item: dict[str, Any]) -> bool:
    """A skill met by a resume sentence linked to the same ESCO skill (not by the dictionary's own match)."""
    esco: dict[str, Any] = item.get("esco") or {}
    return bool(esco) and not esco.get("resume_dictionary") and bool(item["evidence"])


def _esco_strength(kind: str, item: dict[str, Any], label: str) -> dict[str, Any]:
    """A skill met through ESCO, with the resume's sentence that shows it, quoted: "communicate with stakeholders
    (required): 'Presented quarterly results to the board and key stakeholders'"."""
    evidence = _strongest(item["evidence"])
    return {"kind": kind, "skill": item["skill"], "esco": item["esco"]["uri"], "evidence": evidence[:1],
            "text": f"{item['skill']} ({label}): '{evidence[0]['text']}'"}  # fmt: skip


def _strongest(evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """Evidence from jobs and projects first: it shows the skill used, not only listed."""
    return [e for e in evidence if e["section"] in {"experience", "projects"}] or evidence
