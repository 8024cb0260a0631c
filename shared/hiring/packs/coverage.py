"""ATS keyword coverage: for each of the posting's required and preferred skills, where it appears in the source
resume and in the tailored one, and whether it is prominent there.

Tailoring never adds a skill, so coverage cannot rise: a skill the source lacks stays missing after tailoring, and
the report says so. What tailoring changes is prominence: a skill is prominent where a reader (or an ATS ranking by
position) meets it first: the summary, the first `TOP_SKILLS` entries of the skills list, or the first bullet of a
job or project. A skill counts as named where the taxonomy finds it in a line (aliases included: "k8s" names
Kubernetes) or where it is an entry of the skills list."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from hiring.matching.profiles import skill_key
from hiring.packs.tailor import JobNeeds, PackLine
from hiring.resume.model import ParsedResume
from hiring.resume.skills import find_mentions

TOP_SKILLS = 5
_ENTRY = re.compile(r"^(experience|projects)\[(\d+)\]\.description\[(\d+)\]$")
_SKILL = re.compile(r"^skills\[(\d+)\]\.name$")


class SkillCoverage(BaseModel):
    skill: str
    kind: Literal["required", "preferred"]
    covered_before: bool
    covered_after: bool
    prominent_before: bool
    prominent_after: bool
    before: list[str] = Field(description="the source lines naming it (profile field references)")
    after: list[str] = Field(description="the tailored lines naming it (their source references, in output order)")


class Coverage(BaseModel):
    """Per skill, then the counts: covered can only stay equal; prominent is what tailoring moves."""

    skills: list[SkillCoverage]
    required: int
    required_covered_before: int
    required_covered_after: int
    preferred: int
    preferred_covered_before: int
    preferred_covered_after: int
    prominent_before: int
    prominent_after: int
    note: str = "tailoring reorders and shortens, it never adds: a skill missing from the resume stays missing"


def _named(text: str) -> set[str]:
    return {skill_key(m.canonical) for m in find_mentions(text)}


def _source_places(profile: ParsedResume, sources: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(ref, text, prominent) of every source line in the source's own order."""
    places: list[tuple[str, str, bool]] = []
    for ref, text in sources.items():
        entry = _ENTRY.match(ref)
        skill = _SKILL.match(ref)
        prominent = (
            ref.startswith("summary[")
            or (entry is not None and entry.group(3) == "0")
            or (skill is not None and int(skill.group(1)) < TOP_SKILLS)
        )
        places.append((ref, text, prominent))
    return places


def _tailored_places(lines: list[PackLine]) -> list[tuple[str, str, bool]]:
    places: list[tuple[str, str, bool]] = []
    skill_rank = 0
    first_bullet: set[tuple[str, int | None]] = set()
    for line in lines:
        prominent = line.section == "summary"
        if line.section == "skills":
            prominent = skill_rank < TOP_SKILLS
            skill_rank += 1
        if line.role == "bullet" and (line.section, line.entry) not in first_bullet:
            first_bullet.add((line.section, line.entry))
            prominent = True
        places.append((line.source, line.text, prominent))
    return places


def coverage(profile: ParsedResume, sources: dict[str, str], lines: list[PackLine], needs: JobNeeds) -> Coverage:
    """The coverage report of the source profile (its lines by reference) against the tailored lines."""
    before_places = _source_places(profile, sources)
    after_places = _tailored_places(lines)
    cache: dict[str, set[str]] = {}

    def names(ref: str, text: str) -> set[str]:
        if text not in cache:
            cache[text] = _named(text)
        return cache[text] | ({skill_key(text)} if _SKILL.match(ref) else set())

    items: list[SkillCoverage] = []
    asked = [(s, "required") for s in needs.required] + [(s, "preferred") for s in needs.preferred]
    for skill, kind in asked:
        key = skill_key(skill)
        before = [(ref, top) for ref, text, top in before_places if key in names(ref, text)]
        after = [(ref, top) for ref, text, top in after_places if key in names(ref, text)]
        items.append(SkillCoverage(
            skill=skill, kind=kind,  # type: ignore[arg-type]
            covered_before=bool(before), covered_after=bool(after),
            prominent_before=any(top for _, top in before), prominent_after=any(top for _, top in after),
            before=[ref for ref, _ in before], after=[ref for ref, _ in after],
        ))  # fmt: skip
    required = [i for i in items if i.kind == "required"]
    preferred = [i for i in items if i.kind == "preferred"]
    return Coverage(
        skills=items, required=len(required), preferred=len(preferred),
        required_covered_before=sum(i.covered_before for i in required),
        required_covered_after=sum(i.covered_after for i in required),
        preferred_covered_before=sum(i.covered_before for i in preferred),
        preferred_covered_after=sum(i.covered_after for i in preferred),
        prominent_before=sum(i.prominent_before for i in items), prominent_after=sum(i.prominent_after for i in items),
    )  # fmt: skip
