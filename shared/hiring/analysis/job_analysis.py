"""A job description as data: occupation, seniority, required vs preferred skills, experience, education,
location, arrangement, employment type, salary, and a quality score with red flags and suggestions."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from hiring.analysis.experience import required_experience
from hiring.analysis.occupations import occupation_index, seniority_of
from hiring.analysis.posting_fields import (
    education_fields,
    education_level,
    employment_type,
    parse_location,
    work_arrangement,
)
from hiring.analysis.salary import Salary, parse_salary, states_no_salary
from hiring.skills.extractor import SkillMention, get_extractor

# Headings and cues that open a part of a posting; found inline too, since many feeds flatten the text.
_SECTION_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("preferred", re.compile(
        r"\b(?:preferred|desired|desirable|bonus|additional|nice[-\s]to[-\s]haves?|good[-\s]to[-\s]have|pluses)"
        r"(?:\s+(?:qualifications|skills|requirements|experience|points))?\s*[:\n]", re.I)),
    ("preferred", re.compile(r"^\s*(?:nice to have|bonus points|preferred|pluses|it'?s a plus)\b.*$", re.I | re.M)),
    ("required", re.compile(
        r"\b(?:basic|minimum|required|must[-\s]have|key|essential|core)\s+(?:qualifications|requirements|skills|experience)"
        r"\s*[:\n]|\b(?:requirements|qualifications|what you(?:'ll)? (?:need|bring)|who you are|you have|must haves?)\s*[:\n]",
        re.I)),
    ("other", re.compile(
        r"\b(?:benefits|perks|what we offer|about us|about the company|who we are|equal opportunity|eeo)\b\s*[:\n]"
        r"|\b\w+ is an equal opportunity employer", re.I)),
    ("duties", re.compile(r"\b(?:responsibilities|what you(?:'ll)? do|the role|your role|duties)\s*[:\n]", re.I)),
]  # fmt: skip
# A sentence that marks its own skills as optional.
_PREFERRED_SENTENCE = re.compile(
    r"\b(?:is|are|would be)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+)?(?:plus|bonus|advantage)|\bnice[-\s]to[-\s]have"
    r"|\bpreferred\b|\bideally\b|\bdesirable\b|\bdesired\b|\bfamiliarity with .* (?:helpful|beneficial)|\ba plus\b",
    re.I,
)
_EXCLUSIONARY = [
    (re.compile(r"\b(?:rock\s?star|ninja|guru|wizard|jedi|superstar)s?\b", re.I), "jargon such as 'rockstar' or 'ninja' puts many applicants off"),
    (re.compile(r"\b(?:young|youthful|energetic young|digital natives?|recent (?:college )?graduates? only)\b", re.I), "age-coded wording ('young', 'digital native') can discriminate by age"),
    (re.compile(r"\bnative (?:english )?speakers?\b", re.I), "'native speaker' excludes fluent speakers; ask for the proficiency you need"),
    (re.compile(r"\b(?:he|his|him)\b(?! or (?:she|her))", re.I), "gendered pronouns; use 'you' or 'they'"),
    (re.compile(r"\b(?:manpower|salesman|chairman|workmanlike)\b", re.I), "gendered job words; use neutral terms"),
    (re.compile(r"\bcultur(?:e|al) fit\b", re.I), "'culture fit' is vague and can screen out difference; name the values instead"),
    (re.compile(r"\bmust be (?:under|over) \d+|\bage (?:between|under|below)\b", re.I), "age limits are discriminatory in most jurisdictions"),
]  # fmt: skip
_LEVEL_YEARS = {"entry": (0, 3), "mid": (2, 7), "senior": (4, 30), "lead": (6, 40), "executive": (8, 40)}
MAX_REQUIRED_SKILLS = 15


@dataclass
class SkillRequirement:
    name: str
    category: str
    required: bool
    evidence: str  # the snippet it was found in


@dataclass
class JobAnalysis:
    title: str
    occupation: dict[str, Any] | None
    seniority: str
    required_skills: list[str]
    preferred_skills: list[str]
    experience_min: float | None
    experience_max: float | None
    education_level: str | None
    location: dict[str, Any] | None
    work_arrangement: str | None
    employment_type: str | None
    salary: dict[str, Any] | None
    quality_score: int
    red_flags: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    skills: list[SkillRequirement] = field(default_factory=list)
    education_fields: list[str] = field(default_factory=list)  # "degree in computer science" -> computer, science

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sections(text: str) -> list[tuple[int, str]]:
    """(start offset, kind) of each part of the text, in order; text before the first cue is 'intro'.

    A cue with its content on the same line ("Nice to have: Kubernetes, Terraform") covers that line only;
    the part before it resumes on the next line. A cue alone on its line covers what follows.
    """
    found = sorted((m.start(), m.end(), kind) for kind, pattern in _SECTION_CUES for m in pattern.finditer(text))
    marks = [(0, "intro")]
    for start, end, kind in found:
        line_end = text.find("\n", end)
        inline = line_end != -1 and text[end:line_end].strip() and text[end - 1] != "\n"
        previous = marks[-1][1]
        marks.append((start, kind))
        if inline:
            marks.append((line_end, previous))
    marks.sort(key=lambda m: m[0])
    return marks


def _section_at(marks: list[tuple[int, str]], offset: int) -> str:
    kind = "intro"
    for start, label in marks:
        if start > offset:
            break
        kind = label
    return kind


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("•", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end), text.find("•", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1].strip()


def classify_skills(text: str, mentions: list[SkillMention]) -> list[SkillRequirement]:
    """Required vs preferred for each known skill: its section first, then its own sentence's wording."""
    marks = _sections(text)
    has_required_section = any(kind == "required" for _, kind in marks)
    chosen: dict[str, SkillRequirement] = {}
    for mention in mentions:
        if not mention.known:
            continue
        section = _section_at(marks, mention.start)
        if section == "other":
            continue  # benefits, company blurb, EEO text: not asked of the candidate
        sentence = _sentence_around(text, mention.start, mention.end)
        preferred = section == "preferred" or bool(_PREFERRED_SENTENCE.search(sentence))
        if not preferred and has_required_section and section == "intro":
            preferred = True  # an intro mention ("our stack includes ...") is context when requirements are listed
        requirement = SkillRequirement(mention.canonical, mention.category, not preferred, sentence[:200])
        known = chosen.get(mention.canonical)
        if known is None or (requirement.required and not known.required):
            chosen[mention.canonical] = requirement  # required anywhere means required
    return list(chosen.values())


def analyze_job(
    title: str,
    description: str,
    location: str | None = None,
    salary_text: str | None = None,
    employment_hint: str | None = None,
    arrangement_hint: str | None = None,
) -> JobAnalysis:
    """Analyse one posting. Pure: the same input always gives the same analysis."""
    text = f"{description}"
    skills = classify_skills(text, get_extractor().extract(text))
    title_skills = {m.canonical for m in get_extractor().extract(title) if m.known}
    for skill in skills:
        if skill.name in title_skills:
            skill.required = True  # a skill in the title is never optional
    experience_min, experience_max = required_experience(text)
    match = occupation_index().match(title, description[:2000])
    seniority = seniority_of(title, experience_min)
    salary: Salary | None = None
    if salary_text and not states_no_salary(salary_text):
        salary = parse_salary(salary_text)
    if salary is None:
        salary = parse_salary(text, strict=True)
    parsed_location = parse_location(location)
    arrangement = work_arrangement(arrangement_hint, location, title, text)
    analysis = JobAnalysis(
        title=title,
        occupation={"code": match.code, "title": match.title, "method": match.method, "score": match.score}
        if match
        else None,
        seniority=seniority,
        required_skills=[s.name for s in skills if s.required],
        preferred_skills=[s.name for s in skills if not s.required],
        experience_min=experience_min,
        experience_max=experience_max,
        education_level=education_level(text),
        location=parsed_location.as_dict() if parsed_location else None,
        work_arrangement=arrangement,
        employment_type=employment_type(employment_hint, title, text),
        salary=salary.as_dict() if salary else None,
        quality_score=100,
        skills=skills,
        education_fields=education_fields(text),
    )
    _score_quality(analysis, text, salary_text)
    return analysis


def _score_quality(analysis: JobAnalysis, text: str, salary_text: str | None) -> None:
    """Start from 100 and take points off for each problem a candidate would notice, saying how to fix it."""
    penalties: list[tuple[int, str, str]] = []
    if analysis.salary is None:
        said = " ('Competitive' is not a range)" if salary_text and states_no_salary(salary_text) else ""
        penalties.append(
            (15, f"no salary range{said}", "publish a salary range; postings with pay get more applicants")
        )
    if analysis.location is None and analysis.work_arrangement is None:
        penalties.append(
            (
                10,
                "no location or work arrangement",
                "state where the job is and whether it is remote, hybrid or on-site",
            )
        )
    elif analysis.work_arrangement is None:
        penalties.append((5, "work arrangement not stated", "say whether the role is remote, hybrid or on-site"))
    if analysis.employment_type is None:
        penalties.append((5, "employment type not stated", "say whether it is full-time, part-time or a contract"))
    low, high = _LEVEL_YEARS.get(analysis.seniority, (0, 40))
    if analysis.experience_min is not None and analysis.experience_min > high:
        penalties.append((10, f"{analysis.experience_min:g}+ years asked for a {analysis.seniority}-level title",
                          "align the years of experience with the level in the title"))  # fmt: skip
    elif analysis.experience_max is not None and analysis.experience_max < low:
        penalties.append((10, f"at most {analysis.experience_max:g} years for a {analysis.seniority}-level title",
                          "align the years of experience with the level in the title"))  # fmt: skip
    if len(analysis.required_skills) > MAX_REQUIRED_SKILLS:
        penalties.append((10, f"{len(analysis.required_skills)} required skills",
                          f"keep required skills to the essential {MAX_REQUIRED_SKILLS} or fewer; move the rest to preferred"))  # fmt: skip
    if not analysis.required_skills and analysis.experience_min is None and analysis.education_level is None:
        penalties.append((10, "vague requirements: no skills, experience or education stated",
                          "list the concrete skills and experience the role needs"))  # fmt: skip
    if len(text) < 400:
        penalties.append((15, "description under 400 characters", "describe the work, the team and the requirements"))
    flagged = 0
    for pattern, advice in _EXCLUSIONARY:
        found = pattern.search(text) or pattern.search(analysis.title)
        if found and flagged < 3:
            flagged += 1
            penalties.append((5, f"exclusionary wording: '{found.group(0)}'", advice))
    analysis.quality_score = max(0, 100 - sum(p for p, _, _ in penalties))
    analysis.red_flags = [flag for _, flag, _ in penalties]
    analysis.suggestions = list(dict.fromkeys(s for _, _, s in penalties))
