"""The cover letter draft: deterministic, quoting the candidate's own lines for the skills it cites, naming every
missing required skill as a gap; an LLM rephrasing is kept only under the grounding check."""

from __future__ import annotations

import pytest

from hiring.config import REPO_ROOT
from hiring.llm.ports import LlmCallFailed, Usage
from hiring.llm.prompts import load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.matching.profiles import skill_key
from hiring.packs.letter import PROMPT_ID, PROMPT_VERSION, CoverLetter, check_letter, cover_letter, rephrase_letter
from hiring.packs.tailor import source_lines, tailor
from tests.support.rephrasing_llm import RephrasingLlm
from tests.unit.test_pack_tailor import NAMES, _needs, _profile


def _letter(name: str) -> tuple[CoverLetter, list[str]]:
    profile = _profile(name)
    letter = cover_letter(tailor(profile, _needs()).lines, _needs(), company="Acme Data")
    return letter, [job.company for job in profile.experience if job.company]


@pytest.mark.parametrize("name", NAMES)
def test_the_letter_quotes_source_lines_and_names_every_missing_required_skill(name: str) -> None:
    profile, needs = _profile(name), _needs()
    letter, _ = _letter(name)
    assert letter == _letter(name)[0]  # deterministic
    sources = source_lines(profile)
    for paragraph in letter.paragraphs:
        for cite in paragraph.cites:
            assert sources[cite.source] == cite.text and f'"{cite.text}"' in paragraph.text
            assert skill_key(cite.skill) in {skill_key(m) for m in needs.required + needs.preferred}
    held = {skill_key(s.name) for s in profile.skills}
    assert letter.gaps == [s for s in needs.required if skill_key(s) not in held]
    for gap in letter.gaps:
        assert gap in letter.text
    for skill in letter.matched:
        assert skill_key(skill) in held


def test_the_raman_letter_cites_three_required_skills_and_names_kubernetes_as_the_gap() -> None:
    letter, _ = _letter("raman")
    assert [c.skill for p in letter.paragraphs for c in p.cites] == ["Python", "SQL", "Kafka"]
    assert letter.gaps == ["Kubernetes"]
    assert "Kubernetes, which my resume does not show" in letter.text


def test_the_grounding_check_refuses_invented_skills_numbers_companies_and_dropped_gaps() -> None:
    letter, companies = _letter("raman")
    faithful = ("I would love to join Acme Data as a Data Engineer. I built Python services on AWS, wrote SQL "
                "reports and designed Kafka ingestion. I have not yet worked with Kubernetes.")  # fmt: skip
    assert check_letter(faithful, letter, companies) == []
    assert any("Rust" in p for p in check_letter(faithful + " I also know Rust.", letter, companies))
    assert any("12" in p for p in check_letter(faithful + " I led 12 engineers.", letter, companies))
    dropped = faithful.replace(" I have not yet worked with Kubernetes.", "")
    assert check_letter(dropped, letter, companies) == ["gap Kubernetes is no longer named"]
    unnamed = [c for c in companies if c.lower() not in letter.text.lower()]
    assert unnamed
    assert check_letter(f"{faithful} At {unnamed[0]} I shipped it.", letter, companies) == [
        f"company {unnamed[0]} is not in the draft"
    ]


def test_rephrasing_is_kept_only_when_grounded_and_every_call_is_recorded() -> None:
    letter, companies = _letter("raman")
    prompt = load_prompt(REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)
    recorder = InMemoryLlmCallRecorder()
    good = "Hello. I wrote Python and SQL and Kafka pipelines. Kubernetes is new to me."
    llm = RephrasingLlm(good)
    kept = rephrase_letter(letter, llm, recorder, prompt, companies, tenant_id="t")
    assert kept.rephrased is not None and kept.rephrased.text == good and kept.text == letter.text
    assert "Priya Raman" in llm.seen[0] and "Kubernetes" in llm.seen[0]
    refused = rephrase_letter(letter, RephrasingLlm(good + " I also know Rust."), recorder, prompt, companies)
    timeout = RephrasingLlm(LlmCallFailed("timeout", "slow", Usage(), "fake-model"))
    failed = rephrase_letter(letter, timeout, recorder, prompt, companies)
    assert refused == letter and failed == letter
    assert [(c.outcome, c.prompt_id) for c in recorder.calls] == [
        ("ok", "cover_letter"), ("rejected", "cover_letter"), ("timeout", "cover_letter")
    ]  # fmt: skip
