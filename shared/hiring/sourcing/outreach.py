"""Outreach drafts and suppression keys for sourcing (issue 14). A draft is a template filled only with the
prospect's own evidence (the score's factor evidence: roles, skills, GitHub repositories) and the job's title; each
sentence that states a fact lists the evidence it cites. Suppression keys are keyed hashes of an email, a profile
URL or a GitHub login, normalised the way prospects are de-duplicated."""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from hiring.llm.ports import LlmCallRecorder, StructuredLlm
from hiring.llm.prompts import Prompt
from hiring.matching.rephrase import attempt_rephrasing, numbers_in, ungrounded
from hiring.sourcing.profiles import ProspectProfile, current_company
from hiring.sourcing.scoring import FactorScore

if TYPE_CHECKING:
    from hiring.llm.config import LlmSettings

PROMPT_ID, PROMPT_VERSION = "outreach", 1
STATUSES = ("drafted", "sent", "replied", "converted", "opted_out")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "drafted": ("sent", "opted_out"),
    "sent": ("replied", "opted_out"),
    "replied": ("converted", "opted_out"),
    "converted": ("opted_out",),
    "opted_out": (),
}
SUPPRESSION_KINDS = ("email", "profile_url", "github_login")
_SHOWN = "required skills shown: "


class Citation(BaseModel):
    sentence: str
    evidence: list[str]  # the factor evidence or profile field the sentence rests on


class RephrasedOutreach(BaseModel):
    body: str  # the greeting and the opt-out sentence unchanged around the model's evidence paragraph
    model: str


class OutreachDraft(BaseModel):
    subject: str
    body: str
    citations: list[Citation]
    rephrased: RephrasedOutreach | None = None
    refused: str | None = None  # why an asked-for rephrasing was not kept (not stored)


def draft_outreach(profile: ProspectProfile, job_title: str, factors: list[FactorScore],
                   enrichment: dict[str, Any] | None) -> OutreachDraft:  # fmt: skip
    """The same prospect, job and evidence always give the same draft; nothing is said the evidence does not hold."""
    first = profile.name.split()[0]
    citations: list[Citation] = []
    company = current_company(profile)
    role = next((e.title for e in profile.experience if e.title), None)
    if role:
        where = f" at {company}" if company else ""
        citations.append(Citation(sentence=f"Your work as {role}{where} caught our attention.",
                                  evidence=[f"profile experience: {role}{where}"]))  # fmt: skip
    experience = next((f for f in factors if f.factor == "experience"), None)
    shown_line = next((x for x in (experience.evidence if experience else []) if x.startswith(_SHOWN)), None)
    shown = shown_line.split(";", 1)[0].removeprefix(_SHOWN) if shown_line else "none"
    if shown != "none":
        citations.append(Citation(sentence=f"Your profile shows {shown}, which our {job_title} role asks for.",
                                  evidence=[f"experience factor: {_SHOWN}{shown}"]))  # fmt: skip
    repos = [str(r) for r in ((enrichment or {}).get("repos") or []) if r][:2]
    if repos:
        citations.append(Citation(sentence=f"We also looked at your public repositories ({', '.join(repos)}).",
                                  evidence=[f"GitHub repository: {r}" for r in repos]))  # fmt: skip
    opening = f"Hello {first},"
    ask = (
        f"We are hiring a {job_title} and would like to tell you more. If you are not interested, reply 'no' and "
        "we will not contact you again."
    )
    body = "\n\n".join([opening, " ".join(c.sentence for c in citations) or "We came across your profile.", ask])
    return OutreachDraft(subject=f"{job_title}: would you like to hear more?", body=body, citations=citations)


def suppression_digest(tenant_id: str, kind: str, value: str) -> str:
    """A keyed hash (the tenant id keys it, so two tenants' lists never compare) of the normalised value."""
    if kind == "profile_url":
        value = value.lower().split("://", 1)[-1].removeprefix("www.").split("?", 1)[0].rstrip("/")
    else:
        value = value.strip().lower()
    return hashlib.sha256(f"{tenant_id}\x00{kind}\x00{value}".encode()).hexdigest()


def suppression_digests(tenant_id: str, profile: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, digest) of each of a profile's email, profile URL and GitHub login it has."""
    return [(kind, suppression_digest(tenant_id, kind, str(profile[kind])))
            for kind in SUPPRESSION_KINDS if profile.get(kind)]  # fmt: skip


def is_suppressed(tenant_id: str, profile: dict[str, Any], digests: set[str]) -> bool:
    """Whether any of the profile's email, profile URL or GitHub login is on the list of digests."""
    return any(digest in digests for _, digest in suppression_digests(tenant_id, profile))


def check_outreach(text: str, draft: OutreachDraft, companies: list[str]) -> list[str]:
    """Problems with a rephrased evidence paragraph (matching.rephrase.ungrounded over the draft's own numbers and
    skills, plus any of the prospect's companies the draft does not name). Empty: accept."""
    from hiring.skills.extractor import get_extractor

    numbers = numbers_in(draft.body)
    skills = {m.canonical.lower() for m in get_extractor().extract(draft.body) if m.known}
    problems = ungrounded(text, numbers, numbers, skills, source="the draft")
    for company in companies:
        named = re.search(rf"(?<!\w){re.escape(company)}(?!\w)", text, re.IGNORECASE)
        if named and company.lower() not in draft.body.lower():
            problems.append(f"company {company} is not in the draft")
    return sorted(set(problems))


def rephrase_outreach(
    draft: OutreachDraft,
    job_title: str,
    companies: list[str],
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    prompt: Prompt,
    *,
    settings: LlmSettings | None = None,
    tenant_id: str | None = None,
) -> OutreachDraft:
    """The draft with `rephrased` when the model's evidence paragraph passes check_outreach; unchanged when it is
    refused or the call fails (attempt_rephrasing records the call either way). Only the evidence paragraph is
    rewritten: the greeting and the opt-out sentence stay as drafted. A draft with no evidence is not sent."""
    if not draft.citations:
        return draft.model_copy(update={"refused": "the draft cites no evidence to reword"})
    facts = json.dumps({"job_title": job_title, "sentences": [c.sentence for c in draft.citations]},
                       ensure_ascii=False)  # fmt: skip
    result = attempt_rephrasing({}, {}, client, recorder, prompt, settings=settings, tenant_id=tenant_id, facts=facts,
                                check=lambda text: check_outreach(text, draft, companies))  # fmt: skip
    if result.text is None:
        return draft.model_copy(update={"refused": f"{result.call.outcome}: {result.call.error or 'no text'}"})
    parts = draft.body.split("\n\n")
    body = "\n\n".join([parts[0], result.text.strip(), parts[-1]])
    return draft.model_copy(update={"rephrased": RephrasedOutreach(body=body, model=result.call.model)})
