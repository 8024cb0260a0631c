"""The tailored resume: the candidate's own profile reordered and emphasised for one job, never added to.

Every output line is a source line (a field of the effective profile, or one line of a multi-line field) or a
prefix of one (an irrelevant bullet shortened by dropping its trailing clauses); each carries the reference of the
field it came from (`experience[0].description[2]`), so a reader, and a test, can trace every line back. Nothing is
reworded, merged or invented: the order and the length change, the words do not. Jobs keep their order (a reordered
history would mislead); within a job the bullets naming the posting's required skills come first, then those naming
its preferred ones, then at most `keep_irrelevant` others, each shortened to its first clause."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from hiring.matching.profiles import skill_key
from hiring.resume.jsonresume import SCHEMA
from hiring.resume.model import ParsedResume
from hiring.resume.skills import find_mentions

Section = Literal[
    "basics", "summary", "skills", "experience", "projects", "education", "certifications", "languages"
]  # fmt: skip
# Where a clause ends: a comma, semicolon, colon or dash set off by a space. A shortened bullet ends before one.
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–—]\s|\s\(")
_MIN_SHORT = 25  # a shortened bullet keeps at least this many characters (a first clause, not a fragment)


class PackLine(BaseModel):
    """One line of the tailored resume and the source line it came from."""

    section: Section
    entry: int | None = Field(default=None, description="the job, project or school it belongs to (output order)")
    role: str = Field(description="what the line is: name, title, company, dates, bullet, skill, ...")
    text: str
    source: str = Field(description="the profile field it came from: summary[0], experience[1].description[3], ...")
    shortened: bool = Field(default=False, description="true when the text is a prefix of its source line")
    skills: list[str] = Field(default_factory=list, description="the posting's skills the line names")


@dataclass(frozen=True)
class JobNeeds:
    """What the posting asks for: its title and its required and preferred skills (canonical names)."""

    title: str
    required: tuple[str, ...]
    preferred: tuple[str, ...]

    def kind(self, name: str) -> str | None:
        key = skill_key(name)
        if key in {skill_key(s) for s in self.required}:
            return "required"
        if key in {skill_key(s) for s in self.preferred}:
            return "preferred"
        return None


@dataclass
class Tailored:
    """The tailored resume: its lines (each with its source) and the JSON Resume built from them."""

    lines: list[PackLine]
    json_resume: dict[str, Any]
    sources: dict[str, str] = field(default_factory=dict)  # every source line by reference


def _split(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def source_lines(profile: ParsedResume) -> dict[str, str]:
    """Every line of the profile by reference: single fields whole, descriptions and the summary line by line."""
    found: dict[str, str] = {}

    def put(ref: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            found[ref] = value.strip()

    for key in ("name", "email", "phone", "location"):
        put(key, getattr(profile, key))
    for key in ("linkedin", "github", "portfolio"):
        put(f"links.{key}", getattr(profile.links, key))
    for j, line in enumerate(_split(profile.summary)):
        put(f"summary[{j}]", line)
    for i, job in enumerate(profile.experience):
        for key in ("title", "company", "location", "start", "end"):
            put(f"experience[{i}].{key}", getattr(job, key))
        for j, line in enumerate(_split(job.description)):
            put(f"experience[{i}].description[{j}]", line)
    for i, project in enumerate(profile.projects):
        for key in ("title", "url", "start", "end"):
            put(f"projects[{i}].{key}", getattr(project, key))
        for j, line in enumerate(_split(project.description)):
            put(f"projects[{i}].description[{j}]", line)
        for j, tech in enumerate(project.technologies):
            put(f"projects[{i}].technologies[{j}]", tech)
    for i, school in enumerate(profile.education):
        for key in ("institution", "degree", "field", "start", "end"):
            put(f"education[{i}].{key}", getattr(school, key))
    for i, skill in enumerate(profile.skills):
        put(f"skills[{i}].name", skill.name)
    for i, text in enumerate(profile.certifications):
        put(f"certifications[{i}]", text)
    for i, text in enumerate(profile.languages):
        put(f"languages[{i}]", text)
    return found


def named_skills(text: str, needs: JobNeeds) -> list[str]:
    """The posting's skills a line names (taxonomy mentions, canonical), required before preferred."""
    names: list[str] = []
    for mention in find_mentions(text):
        if needs.kind(mention.canonical) and mention.canonical not in names:
            names.append(mention.canonical)
    return sorted(names, key=lambda n: needs.kind(n) != "required")


def _weight(skills: list[str], needs: JobNeeds) -> int:
    return sum(2 if needs.kind(s) == "required" else 1 for s in skills)


def shorten(text: str) -> str:
    """The line up to its first clause end past _MIN_SHORT characters (a prefix), or the line when it has none."""
    for match in _CLAUSE_END.finditer(text):
        if match.start() >= _MIN_SHORT:
            return text[: match.start()].rstrip()
    return text


def _bullets(
    prefix: str, lines: list[str], needs: JobNeeds, keep_irrelevant: int
) -> list[tuple[str, str, bool, list[str]]]:
    """(ref, text, shortened, skills) of one entry's description: relevant lines first, then a few shortened."""
    scored = [(f"{prefix}.description[{j}]", line, named_skills(line, needs)) for j, line in enumerate(lines)]
    relevant = sorted((s for s in scored if s[2]), key=lambda s: -_weight(s[2], needs))  # stable: source order ties
    others = [s for s in scored if not s[2]][:keep_irrelevant]
    out = [(ref, text, False, skills) for ref, text, skills in relevant]
    for ref, text, _ in others:
        short = shorten(text)
        out.append((ref, short, short != text, []))
    return out


def tailor(profile: ParsedResume, needs: JobNeeds, keep_irrelevant: int = 2) -> Tailored:
    """The tailored resume of the effective profile for the posting (see the module docstring)."""
    sources = source_lines(profile)
    lines: list[PackLine] = []

    def add(section: Section, role: str, ref: str, entry: int | None = None, text: str | None = None,
            shortened: bool = False, skills: list[str] | None = None) -> None:  # fmt: skip
        if ref in sources:
            lines.append(PackLine(section=section, entry=entry, role=role, text=sources[ref] if text is None else text,
                                  source=ref, shortened=shortened, skills=skills or []))  # fmt: skip

    for key in ("name", "email", "phone", "location"):
        add("basics", key, key)
    for key in ("linkedin", "github", "portfolio"):
        add("basics", key, f"links.{key}")
    for j, line in enumerate(_split(profile.summary)):
        add("summary", "summary", f"summary[{j}]", skills=named_skills(line, needs))

    def skill_rank(item: tuple[int, Any]) -> tuple[int, int]:
        i, skill = item
        kind = needs.kind(skill.name)
        evidenced = bool(skill.evidence) or skill.months > 0
        rank = {"required": 0, "preferred": 2}.get(kind or "", 4) + (0 if evidenced else 1)
        return rank, i

    for i, skill in sorted(enumerate(profile.skills), key=skill_rank):
        add("skills", needs.kind(skill.name) or "other", f"skills[{i}].name",
            skills=[skill.name] if needs.kind(skill.name) else [])  # fmt: skip

    for out_i, (i, job) in enumerate(enumerate(profile.experience)):
        for key in ("title", "company", "location", "start", "end"):
            add("experience", key, f"experience[{i}].{key}", out_i)
        for ref, text, short, skills in _bullets(f"experience[{i}]", _split(job.description), needs, keep_irrelevant):
            add("experience", "bullet", ref, out_i, text, short, skills)

    def project_weight(item: tuple[int, Any]) -> tuple[int, int]:
        i, project = item
        text = "\n".join([project.title or "", project.description, ", ".join(project.technologies)])
        return -_weight(named_skills(text, needs), needs), i

    for out_i, (i, project) in enumerate(sorted(enumerate(profile.projects), key=project_weight)):
        for key in ("title", "url", "start", "end"):
            add("projects", key, f"projects[{i}].{key}", out_i)
        for ref, text, short, skills in _bullets(f"projects[{i}]", _split(project.description), needs, keep_irrelevant):
            add("projects", "bullet", ref, out_i, text, short, skills)
        for j, tech in sorted(enumerate(project.technologies), key=lambda t: (needs.kind(t[1]) is None, t[0])):
            add("projects", "technology", f"projects[{i}].technologies[{j}]", out_i,
                skills=[tech] if needs.kind(tech) else [])  # fmt: skip

    for i, _school in enumerate(profile.education):
        for key in ("institution", "degree", "field", "start", "end"):
            add("education", key, f"education[{i}].{key}", i)
    for i in range(len(profile.certifications)):
        add("certifications", "certificate", f"certifications[{i}]")
    for i in range(len(profile.languages)):
        add("languages", "language", f"languages[{i}]")
    return Tailored(lines=lines, json_resume=json_resume(lines), sources=sources)


def _entries(lines: list[PackLine], section: Section) -> list[dict[str, Any]]:
    grouped: dict[int, dict[str, Any]] = {}
    for line in lines:
        if line.section == section and line.entry is not None:
            entry = grouped.setdefault(line.entry, {})
            if line.role in ("bullet", "technology"):
                entry.setdefault(line.role, []).append(line.text)
            else:
                entry[line.role] = line.text
    return [grouped[k] for k in sorted(grouped)]


def json_resume(lines: list[PackLine]) -> dict[str, Any]:
    """The JSON Resume (schema v1) of the tailored lines: every string in it is one of the lines' texts."""
    basics_of = {line.role: line.text for line in lines if line.section == "basics"}
    first_title = next((line.text for line in lines if line.section == "experience" and line.role == "title"), "")
    profiles = [{"network": net, "url": basics_of[key]} for net, key in (("LinkedIn", "linkedin"), ("GitHub", "github"))
                if key in basics_of]  # fmt: skip
    basics = {
        "name": basics_of.get("name", ""), "label": first_title, "email": basics_of.get("email", ""),
        "phone": basics_of.get("phone", ""), "url": basics_of.get("portfolio", ""),
        "summary": "\n".join(line.text for line in lines if line.section == "summary"),
        "location": {"address": basics_of.get("location", "")}, "profiles": profiles,
    }  # fmt: skip
    work = [_drop_empty({"position": e.get("title"), "name": e.get("company"), "location": e.get("location"),
                         "startDate": e.get("start"), "endDate": e.get("end"), "highlights": e.get("bullet")})
            for e in _entries(lines, "experience")]  # fmt: skip
    projects = [_drop_empty({"name": e.get("title"), "url": e.get("url"), "startDate": e.get("start"),
                             "endDate": e.get("end"), "highlights": e.get("bullet"), "keywords": e.get("technology")})
                for e in _entries(lines, "projects")]  # fmt: skip
    education = [_drop_empty({"institution": e.get("institution"), "studyType": e.get("degree"), "area": e.get("field"),
                              "startDate": e.get("start"), "endDate": e.get("end")})
                 for e in _entries(lines, "education")]  # fmt: skip
    return {
        "$schema": SCHEMA,
        "basics": basics,
        "work": work,
        "projects": projects,
        "education": education,
        "skills": [{"name": line.text} for line in lines if line.section == "skills"],
        "certificates": [{"name": line.text} for line in lines if line.section == "certifications"],
        "languages": [{"language": line.text} for line in lines if line.section == "languages"],
        "meta": {"version": "v1.0.0", "x-tailored": True},
    }


def _drop_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, "", [])}
