"""The cover letter draft: a fixed template filled with the posting's title, the candidate's own lines that show its
required and preferred skills (quoted exactly, each with its source reference) and the required skills the resume
does not show, named as gaps. Deterministic: the same profile and posting give the same letter.

`check_letter` is the grounding check of an optional LLM rephrasing (matching.rephrase.ungrounded over the letter's
own numbers and skills, as the feedback rephrasing does), plus two checks of its own: a company of the candidate's
that the draft does not name is refused, and every gap the draft names must still be named (a rephrasing may not
drop an honest gap)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from hiring.llm.ports import LlmCallRecorder, StructuredLlm
from hiring.llm.prompts import Prompt
from hiring.matching.profiles import skill_key
from hiring.matching.rephrase import attempt_rephrasing, numbers_in, ungrounded
from hiring.packs.tailor import JobNeeds, PackLine

if TYPE_CHECKING:
    from hiring.llm.config import LlmSettings

MAX_CITED = 3


class Citation(BaseModel):
    skill: str
    text: str = Field(description="the candidate's own line, quoted exactly")
    source: str = Field(description="the profile field it came from")


class Paragraph(BaseModel):
    text: str
    cites: list[Citation] = Field(default_factory=list)


class RephrasedLetter(BaseModel):
    text: str
    model: str
    grounded: bool = True


class CoverLetter(BaseModel):
    """The deterministic draft (text = the paragraphs joined), what it cites and the gaps it names."""

    text: str
    paragraphs: list[Paragraph]
    matched: list[str] = Field(description="the posting's skills the letter cites evidence for")
    gaps: list[str] = Field(description="the posting's required skills the resume does not show")
    rephrased: RephrasedLetter | None = None


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _evidence(lines: list[PackLine], skill: str) -> PackLine | None:
    """The first tailored bullet naming the skill (experience before projects, as the tailored order has them)."""
    key = skill_key(skill)
    for section in ("experience", "projects", "summary"):
        for line in lines:
            usable = line.section == section and line.role in ("bullet", "summary") and not line.shortened
            if usable and key in {skill_key(s) for s in line.skills}:
                return line
    return None


def cover_letter(lines: list[PackLine], needs: JobNeeds, company: str | None = None) -> CoverLetter:
    """The draft from the tailored lines: cited evidence for up to MAX_CITED skills, the other held skills named,
    the missing required skills named as gaps."""
    name = next((line.text for line in lines if line.section == "basics" and line.role == "name"), "")
    held = {skill_key(line.text) for line in lines if line.section == "skills"}
    held |= {skill_key(s) for line in lines for s in line.skills}
    asked = [*needs.required, *needs.preferred]
    have = [s for s in asked if skill_key(s) in held]
    gaps = [s for s in needs.required if skill_key(s) not in held]
    at = f" at {company}" if company else ""
    paragraphs = [Paragraph(text="Dear hiring team,"),
                  Paragraph(text=f"I am applying for the {needs.title} role{at}.")]  # fmt: skip
    cites: list[Citation] = []
    for skill in have:
        line = _evidence(lines, skill)
        if line is not None and len(cites) < MAX_CITED and all(c.source != line.source for c in cites):
            cites.append(Citation(skill=skill, text=line.text, source=line.source))
    if cites:
        quoted = " ".join(f'For {c.skill}: "{c.text}".' for c in cites)
        paragraphs.append(Paragraph(text=f"Where my resume shows the skills the posting names: {quoted}", cites=cites))
    rest = [s for s in have if s not in {c.skill for c in cites}]
    if rest:
        paragraphs.append(Paragraph(text=f"My resume also lists {_list(rest)}."))
    if gaps:
        those = "that gap" if len(gaps) == 1 else "those gaps"
        gap_text = (f"The posting asks for {_list(gaps)}, which my resume does not show; "
                    f"I would welcome the chance to discuss how I would close {those}.")  # fmt: skip
        paragraphs.append(Paragraph(text=gap_text))
    paragraphs.append(Paragraph(text="Thank you for considering my application."))
    if name:
        paragraphs.append(Paragraph(text=name))
    return CoverLetter(text="\n\n".join(p.text for p in paragraphs), paragraphs=paragraphs,
                       matched=[c.skill for c in cites] + rest, gaps=gaps)  # fmt: skip


def check_letter(text: str, letter: CoverLetter, companies: list[str]) -> list[str]:
    """Problems with a rephrased letter. Empty: accept."""
    from hiring.skills.extractor import get_extractor

    numbers = numbers_in(letter.text)
    skills = {m.canonical.lower() for m in get_extractor().extract(letter.text) if m.known}
    skills |= {s.lower() for s in letter.matched + letter.gaps}
    problems = ungrounded(text, numbers, numbers, skills, source="the draft")
    for company in companies:
        named = re.search(rf"(?<!\w){re.escape(company)}(?!\w)", text, re.IGNORECASE)
        if named and company.lower() not in letter.text.lower():
            problems.append(f"company {company} is not in the draft")
    for gap in letter.gaps:
        if not re.search(rf"(?<!\w){re.escape(gap)}(?!\w)", text, re.IGNORECASE):
            problems.append(f"gap {gap} is no longer named")
    return sorted(set(problems))


PROMPT_ID = "cover_letter"
PROMPT_VERSION = 1


def rephrase_letter(
    letter: CoverLetter,
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    prompt: Prompt,
    companies: list[str],
    *,
    settings: LlmSettings | None = None,
    tenant_id: str | None = None,
    resume_id: str | None = None,
) -> CoverLetter:
    """The letter with `rephrased` when the model's reply passes check_letter; unchanged when it is refused or the
    call fails (matching.rephrase.attempt_rephrasing records the call either way). The caller decides whether an
    LLM may see the person's data at all (privacy ai_processing)."""
    facts = json.dumps({"paragraphs": [p.text for p in letter.paragraphs]}, ensure_ascii=False)
    result = attempt_rephrasing(
        {}, {}, client, recorder, prompt, settings=settings, tenant_id=tenant_id, resume_id=resume_id, facts=facts,
        check=lambda text: check_letter(text, letter, companies),
    )  # fmt: skip
    if result.text is None:
        return letter
    return letter.model_copy(update={"rephrased": RephrasedLetter(text=result.text, model=result.call.model)})
