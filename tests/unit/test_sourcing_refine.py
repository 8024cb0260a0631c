"""LLM keyword refinement of a sourcing run (issue 14), without a database: a proposed term is accepted only when
found in the posting, among the taxonomy aliases of the job's skills or the O*NET titles of its occupation (compared
normalised), otherwise refused with its reason; accepted terms rebuild the boolean strings; a failed call or a bad
answer leaves the deterministic keywords with a "failed" refinement, and every call is recorded."""

from __future__ import annotations

from typing import Any

from hiring.config import REPO_ROOT
from hiring.llm.ports import LlmCallFailed, LlmReply, Usage
from hiring.llm.prompts import Prompt, load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.sourcing.keywords import boolean_strings, search_keywords, task_queries
from hiring.sourcing.refine import (
    MAX_ACCEPTED,
    PROMPT_ID,
    PROMPT_VERSION,
    REFUSED_PROTECTED,
    REFUSED_UNGROUNDED,
    Grounds,
    ProposedTerms,
    ground_terms,
    refine_keywords,
)

POSTING = "Requirements:\n• 5+ years of Python\n• Kubernetes in production\n• PostgreSQL\nNice to have: Terraform."
ANALYSIS: dict[str, Any] = {
    "title": "Senior Backend Engineer",
    "occupation": {"code": "15-1252.00", "title": "Software Developers"},
    "required_skills": ["Python", "Kubernetes", "PostgreSQL"],
    "preferred_skills": ["Terraform"],
}


class ScriptedLlm:
    """A StructuredLlm answering one parsed reply or raising what it was given (the adapter's failures)."""

    def __init__(self, reply: ProposedTerms | Exception) -> None:
        self.reply = reply
        self.seen: list[str] = []

    @property
    def model(self) -> str:
        return "scripted-model"

    def complete(self, prompt: Prompt, user_text: str, schema: Any) -> LlmReply[Any]:
        self.seen.append(user_text)
        if isinstance(self.reply, Exception):
            raise self.reply
        return LlmReply(schema.model_validate(self.reply.model_dump()), Usage(120, 30, 1, 5), "scripted-model")


def _keywords() -> Any:
    return search_keywords(ANALYSIS["title"], ANALYSIS, ["Berlin"])


def _grounds() -> Grounds:
    return Grounds(f"{ANALYSIS['title']}\n{POSTING}", ANALYSIS)


def _prompt() -> Prompt:
    return load_prompt(REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)


def test_terms_in_the_posting_the_taxonomy_or_onet_are_accepted_a_hallucinated_one_refused() -> None:
    proposed = ProposedTerms(
        titles=["Software Engineer", "Chief Happiness Officer"],
        skills=["K8S", "Rust", "postgres", "Terraform"],
        terms=["Kubernetes in production!", "blockchain"],
    )
    result = ground_terms(proposed, _grounds(), _keywords())
    accepted = {(a.term, a.kind, a.source) for a in result.accepted}
    assert accepted == {("Software Engineer", "title", "onet"), ("K8S", "skill", "taxonomy"),
                        ("Terraform", "skill", "posting"),
                        ("Kubernetes in production!", "term", "posting")}  # fmt: skip
    refused = {r.term: r.reason for r in result.refused}
    assert refused == {"Chief Happiness Officer": REFUSED_UNGROUNDED, "Rust": REFUSED_UNGROUNDED,
                       "blockchain": REFUSED_UNGROUNDED, "postgres": "already a keyword"}  # fmt: skip


def test_a_term_naming_a_protected_attribute_is_refused_even_when_the_posting_holds_it() -> None:
    grounds = Grounds(f"{ANALYSIS['title']}\n{POSTING}\nJoin our young and dynamic team of men.", ANALYSIS)
    result = ground_terms(ProposedTerms(terms=["young and dynamic", "Men", "dynamic team"]), grounds, _keywords())
    assert [(r.term, r.reason) for r in result.refused] == [("young and dynamic", REFUSED_PROTECTED),
                                                             ("Men", REFUSED_PROTECTED)]  # fmt: skip
    assert [a.term for a in result.accepted] == ["dynamic team"]


def test_empty_long_repeated_and_surplus_terms_are_refused_each_with_its_reason() -> None:
    posting_words = ["Python", "production", "Requirements", "years", "Nice", "have", "Terraform", "PostgreSQL"]
    proposed = ProposedTerms(terms=["", "x" * 61, "in production", "IN  production", *posting_words])
    result = ground_terms(proposed, _grounds(), _keywords())
    reasons = [(r.term, r.reason) for r in result.refused]
    assert ("", "empty or shorter than 2 characters") in reasons
    assert ("x" * 61, "longer than 60 characters") in reasons
    assert ("IN production", "already a keyword") in reasons  # the same as an accepted one, normalised
    assert ("Python", "already a keyword") in reasons and ("PostgreSQL", "already a keyword") in reasons
    assert len(result.accepted) == MAX_ACCEPTED
    assert ("Terraform", f"more than {MAX_ACCEPTED} terms accepted already") in reasons  # the seventh grounded one


def test_accepted_terms_rebuild_the_boolean_strings_and_the_tasks_queries() -> None:
    client = ScriptedLlm(ProposedTerms(titles=["Software Engineer"], skills=["k8s", "Terraform"], terms=["on-call"]))
    before = _keywords()
    after = refine_keywords(before, ANALYSIS["title"], POSTING + " You join the on-call rota.", ANALYSIS, client,
                            InMemoryLlmCallRecorder(), _prompt())  # fmt: skip
    assert after.titles == [*before.titles, "Software Engineer"]
    kubernetes = next(s for s in after.skills if s.skill == "Kubernetes")
    assert kubernetes.aliases[-1] == "k8s" and after.skills[-1].skill == "Terraform" and after.terms == ["on-call"]
    strings = boolean_strings(after)
    assert '"k8s"' in strings.strict and '"Software Engineer"' in strings.strict and '"Terraform"' not in strings.strict
    assert '"Terraform"' in strings.broad and '"on-call"' in strings.broad
    assert all('"k8s"' in query for _, query in task_queries(after))
    assert boolean_strings(before).strict != strings.strict
    assert "Kubernetes in production" in client.seen[0] and "Berlin" in client.seen[0]  # the posting and keywords


def test_a_failed_call_or_a_bad_answer_keeps_the_deterministic_keywords_and_is_recorded() -> None:
    before = _keywords()
    for outcome in ("invalid_output", "timeout"):
        recorder = InMemoryLlmCallRecorder()
        failure = LlmCallFailed(outcome, "1 schema errors, first at titles", Usage(80, 10, 1, 4), "scripted-model")  # type: ignore[arg-type]
        after = refine_keywords(before, ANALYSIS["title"], POSTING, ANALYSIS, ScriptedLlm(failure), recorder,
                                _prompt())  # fmt: skip
        assert after.refined is not None and after.refined.status == "failed"
        assert after.refined.reason is not None and outcome in after.refined.reason
        assert after.model_copy(update={"refined": None}) == before
        assert boolean_strings(after) == boolean_strings(before)
        (call,) = recorder.calls
        assert (call.outcome, call.usage.tokens_in, call.prompt_id) == (outcome, 80, PROMPT_ID)
    crashed = refine_keywords(before, ANALYSIS["title"], POSTING, ANALYSIS, ScriptedLlm(RuntimeError("boom")),
                              InMemoryLlmCallRecorder(), _prompt())  # fmt: skip
    assert (
        crashed.refined is not None
        and crashed.refined.status == "failed"
        and "RuntimeError" in str(crashed.refined.reason)
    )


def test_an_answer_whose_every_term_is_refused_is_recorded_as_rejected_with_the_terms_dropped() -> None:
    recorder = InMemoryLlmCallRecorder()
    after = refine_keywords(_keywords(), ANALYSIS["title"], POSTING, ANALYSIS,
                            ScriptedLlm(ProposedTerms(skills=["Rust", "COBOL"])), recorder, _prompt())  # fmt: skip
    assert after.refined is not None and after.refined.status == "refined" and after.refined.accepted == []
    assert [r.term for r in after.refined.refused] == ["Rust", "COBOL"]
    (call,) = recorder.calls
    assert call.outcome == "rejected" and [h.value for h in call.hallucinations] == ["Rust", "COBOL"]
    assert boolean_strings(after) == boolean_strings(_keywords())
