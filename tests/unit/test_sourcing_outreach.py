"""Outreach drafts (issue 14): deterministic, citing only the prospect's evidence; the optional LLM rephrasing of
the evidence paragraph is kept only when grounded (matching.rephrase.ungrounded plus companies), every call recorded;
the greeting and opt-out sentence never change; suppression digests normalise like de-duplication."""

from __future__ import annotations

from hiring.config import REPO_ROOT
from hiring.llm.ports import LlmCallFailed, Usage
from hiring.llm.prompts import load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.sourcing.outreach import (
    PROMPT_ID,
    PROMPT_VERSION,
    check_outreach,
    draft_outreach,
    rephrase_outreach,
    suppression_digest,
)
from hiring.sourcing.profiles import ProspectProfile
from hiring.sourcing.scoring import FactorScore
from tests.support.rephrasing_llm import RephrasingLlm

PROFILE = ProspectProfile.model_validate({
    "name": "Ada Example", "profile_url": "https://example.org/p/ada", "source": "bot",
    "experience": [{"title": "Data Engineer", "company": "Initrode", "current": True},
                   {"title": "Analyst", "company": "Globex"}],
})  # fmt: skip
FACTORS = [FactorScore(factor="experience", score=7.0, weight=25,
                       evidence=["4 years in related roles of 2 listed", "required skills shown: Python, SQL; not "
                                 "shown: Kafka"])]  # fmt: skip
GITHUB = {"repos": ["etl-kit", "notes", "old"], "skills": ["Python"]}


def test_the_draft_cites_roles_skills_shown_and_repositories_and_nothing_else() -> None:
    draft = draft_outreach(PROFILE, "Data Platform Engineer", FACTORS, GITHUB)
    assert draft == draft_outreach(PROFILE, "Data Platform Engineer", FACTORS, GITHUB)
    assert [c.sentence for c in draft.citations] == [
        "Your work as Data Engineer at Initrode caught our attention.",
        "Your profile shows Python, SQL, which our Data Platform Engineer role asks for.",
        "We also looked at your public repositories (etl-kit, notes).",
    ]
    assert "Kafka" not in draft.body and "Globex" not in draft.body
    assert draft.body.startswith("Hello Ada,") and "will not contact you again" in draft.body
    bare = draft_outreach(PROFILE.model_copy(update={"experience": []}), "X", [], None)
    assert bare.citations == [] and "We came across your profile." in bare.body


def test_rephrasing_is_kept_only_when_grounded_and_every_call_is_recorded() -> None:
    draft = draft_outreach(PROFILE, "Data Platform Engineer", FACTORS, GITHUB)
    prompt = load_prompt(REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)
    recorder = InMemoryLlmCallRecorder()
    good = "Your Python and SQL work at Initrode, and your etl-kit repository, fit our Data Platform Engineer role."
    llm = RephrasingLlm(good)
    kept = rephrase_outreach(draft, "Data Platform Engineer", ["Initrode", "Globex"], llm, recorder, prompt)
    assert kept.rephrased is not None and kept.body == draft.body
    assert kept.rephrased.body.split("\n\n") == [draft.body.split("\n\n")[0], good, draft.body.split("\n\n")[-1]]
    assert "etl-kit" in llm.seen[0]
    assert check_outreach(good + " You know Kafka too.", draft, []) == ["skill Kafka is not in the draft"]
    assert check_outreach("Your 9 years at Globex.", draft, ["Globex"]) == [
        "company Globex is not in the draft", "number 9 is not in the draft"
    ]  # fmt: skip
    refused = rephrase_outreach(draft, "X", ["Globex"], RephrasingLlm("Your time at Globex."), recorder, prompt)
    failed = rephrase_outreach(draft, "X", [], RephrasingLlm(LlmCallFailed("timeout", "slow", Usage(), "fake-model")),
                               recorder, prompt)  # fmt: skip
    unchanged = {"refused": None}  # the draft stands; only the reason it was not reworded is added (not stored)
    assert refused.model_copy(update=unchanged) == draft and failed.model_copy(update=unchanged) == draft
    assert refused.refused == "rejected: company Globex is not in the draft"
    assert failed.refused is not None and failed.refused.startswith("timeout: ")
    assert [(c.outcome, c.prompt_id) for c in recorder.calls] == [
        ("ok", "outreach"), ("rejected", "outreach"), ("timeout", "outreach")
    ]  # fmt: skip


def test_suppression_digests_normalise_like_deduplication_and_differ_per_tenant() -> None:
    url = suppression_digest("t1", "profile_url", "https://www.Example.org/p/ada/?ref=x")
    assert url == suppression_digest("t1", "profile_url", "http://example.org/p/ada")
    assert suppression_digest("t1", "email", " Ada@Example.org") == suppression_digest("t1", "email", "ada@example.org")
    assert suppression_digest("t2", "email", "ada@example.org") != suppression_digest("t1", "email", "ada@example.org")
    assert len(url) == 64 and int(url, 16) >= 0  # a hex digest, not the address
