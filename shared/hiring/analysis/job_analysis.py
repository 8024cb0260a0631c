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
from hiring.analysis.posting_sections import (
    REQUIREMENT_KINDS,
    Section,
    posting_text,
    requirement_text,
    section_at,
    split_sections,
)
from hiring.analysis.posting_title import looks_like_sentence, posting_title
from hiring.analysis.salary import Salary, parse_salary, states_no_salary, with_country_currency
from hiring.skills.extractor import SkillMention, get_extractor

# A sentence that marks its own skills as optional.
_PREFERRED_SENTENCE = re.compile(
    r"\b(?:is|are|would be)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+)?(?:plus|bonus|advantage)|\bnice[-\s]to[-\s]have"
    r"|\bpreferred\b|\bideally\b|\bdesirable\b|\bdesired\b|\bfamiliarity with .* (?:helpful|beneficial)|\ba plus\b"
    r"|\b(?:is|are|would\s+be|considered)\s+(?:an?\s+)?(?:asset|advantage)\b|\bnot\s+required\b|\boptional\b",
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
_WORD = re.compile(r"\w+")
_STATUS_RANK = {"context": 0, "preferred": 1, "required": 2}


@dataclass
class SkillRequirement:
    name: str
    category: str
    required: bool
    evidence: str  # the snippet it was found in
    status: str = ""  # "required" | "preferred" | "context" (named in the duties or intro, not asked for)
    section: str = ""  # the kind of block it was found in: required, preferred, duties, intro, context


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
    context_skills: list[str] = field(default_factory=list)  # named in the duties or intro, not asked for
    title_source: str = "given"  # "given" | "labelled" (a "Job title:" line) | "sentence" (the role it names) | "line"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Where one sentence ends and the next begins; feeds that drop line breaks glue a list item's first word to the
# last one before it ("... iOS internalsExperience building ..."), so a capitalised requirement opener counts too.
_SENTENCE_END = re.compile(
    r"[.!?;]\s+|\n|[•·▪]|(?<=[a-z)])(?=(?:Experience|Strong|Ability|Knowledge|Proficien\w*|Excellent|Familiarity"
    r"|Deep|Solid|Proven|Demonstrated|Bachelor|Master|Minimum|Preferred|Must|Good|Working|Understanding|Expert"
    r"|Hands-on|Track|Passion|Prior|Previous|Background|Degree|BS|MS|PhD|Programming)\b)"
    # a list item whose punctuation the feed dropped: a function word capitalised mid-line
    r"|(?<=[\w)])\s+(?=(?:To|The|We|You|Our|This|If|As|In|For|Some|Any|All)\s)"
)
# A sentence that asks something of the candidate, wherever it stands ("you have", "we're looking for someone").
_ASKING_SENTENCE = re.compile(
    r"\b(?:required\b|requires?\b|must\s+(?:have|be|know)|looking\s+for\s+(?:someone|a\s+candidate|candidates|people"
    r"|(?:an?\s+)?(?:[\w-]+\s+){1,5}with)|you\s+(?:have(?!\s+(?:an?|the)\s+(?:\w+\s+)?(?:opportunity|chance))|bring|should\s+have|need|possess)|ideal\s+candidate"
    r"|candidates?\s+(?:should|must|will\s+have)|(?:prior|previous|proven|strong|solid|hands-on|demonstrated"
    r"|professional|relevant|deep)\s+(?:experience|knowledge|background|expertise|proficiency)\s+(?:with|in|of)"
    r"|proficien(?:t|cy)\s+(?:in|with)|knowledge\s+of|background\s+in\s|\d+\+?\s*(?:-\s*\d+\s*)?(?:years|yrs))",
    re.I,
)


def _sentence_around(text: str, start: int, end: int, section: Section | None = None) -> str:
    """The sentence or list item that holds text[start:end], never reaching past its block."""
    low, high = (section.start, section.end) if section else (0, len(text))
    left = low
    for boundary in _SENTENCE_END.finditer(text, low, start):
        left = boundary.end()
    following = _SENTENCE_END.search(text, end, high)
    right = following.start() + len(following.group().rstrip()) if following else high
    return text[left:right].strip()


def classify_skills(
    text: str, mentions: list[SkillMention], sections: list[Section] | None = None
) -> list[SkillRequirement]:
    """Required vs preferred for each known skill: its block first, then its own sentence's wording.

    Skills in the duties, the intro or an unnamed block are context when the posting has a requirements block
    (they say what the team does, not what it asks); without one they are what the posting asks for.
    """
    sections = split_sections(text) if sections is None else sections
    # An empty heading ("Qualifications" straight before "Preferred Qualifications:") asks nothing.
    has_required_block = any(
        s.kind == "required" and len(_WORD.findall(text[s.start : s.end])) > len(_WORD.findall(s.heading))
        for s in sections
    )
    chosen: dict[str, SkillRequirement] = {}
    for mention in mentions:
        if not mention.known:
            continue
        section = section_at(sections, mention.start)
        if section.kind == "other":
            continue  # benefits, company blurb, EEO text: not asked of the candidate
        sentence = _sentence_around(text, mention.start, mention.end, section)
        if section.kind not in REQUIREMENT_KINDS and has_required_block and not _ASKING_SENTENCE.search(sentence):
            status = "context"
        elif section.kind == "preferred" or _PREFERRED_SENTENCE.search(sentence):
            status = "preferred"
        else:
            status = "required"
        requirement = SkillRequirement(mention.canonical, mention.category, status == "required", sentence[:200],
                                       status, section.kind)  # fmt: skip
        known = chosen.get(mention.canonical)
        if known is None or _STATUS_RANK[status] > _STATUS_RANK[known.status]:
            chosen[mention.canonical] = requirement  # required anywhere means required
    if all(s.status == "context" for s in chosen.values()):
        # Requirements that name no skill ("3+ years of engineering experience"): what the team works with is
        # the only evidence of what it wants, so it counts, as nice to have.
        for skill in chosen.values():
            skill.status = "preferred"
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
    text = posting_text(description)
    given_title = title
    title, title_source = posting_title(given_title, text)
    if given_title.strip() and looks_like_sentence(given_title):
        text = f"{given_title.strip()}\n{text}"  # a first sentence taken for a title is part of the posting
    sections = split_sections(text)
    skills = classify_skills(text, get_extractor().extract(text), sections)
    title_skills = {m.canonical for m in get_extractor().extract(title) if m.known}
    for skill in skills:
        if skill.name in title_skills:
            skill.required, skill.status = True, "required"  # a skill in the title is never optional
    # Years asked in the requirements govern; the whole posting is the fallback ("5+ years" in the intro).
    experience_min, experience_max = required_experience(requirement_text(text, sections, frozenset({"required"})))
    if experience_min is None and experience_max is None:
        experience_min, experience_max = required_experience(text)
    # The occupation is read from what the job is and asks; company blurbs and benefits would pull it elsewhere.
    about_the_job = requirement_text(text, sections, frozenset({"intro", "context", "duties", "required", "preferred"}))
    match = occupation_index().match(title, about_the_job[:2000])
    seniority = seniority_of(title, experience_min)
    salary: Salary | None = None
    if salary_text and not states_no_salary(salary_text):
        salary = parse_salary(salary_text)
    if salary is None:
        salary = parse_salary(text, strict=True)
    parsed_location = parse_location(location)
    if salary is not None and parsed_location is not None:
        salary = with_country_currency(salary, parsed_location.country)
    arrangement = work_arrangement(arrangement_hint, location, title, text)
    analysis = JobAnalysis(
        title=title,
        occupation={"code": match.code, "title": match.title, "method": match.method, "score": match.score}
        if match
        else None,
        seniority=seniority,
        required_skills=[s.name for s in skills if s.required],
        preferred_skills=[s.name for s in skills if s.status == "preferred"],
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
        context_skills=[s.name for s in skills if s.status == "context"],
        title_source=title_source,
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
