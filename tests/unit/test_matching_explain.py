"""Explanation templates and the gate an LLM rephrasing must pass."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from typing import Any

import pytest

from hiring.config import REPO_ROOT
from hiring.llm.ports import LlmCallFailed, Usage
from hiring.llm.prompts import load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.matching.explain import explain
from hiring.matching.profiles import CandidateProfile, JobProfile, Preferences, SkillFacts
from hiring.matching.rephrase import Rephrased, check_rephrasing, load_rephrase_prompt, rephrase
from hiring.matching.score import score_pair
from hiring.matching.weights import default_profile
from tests.support.rephrasing_llm import RephrasingLlm

TODAY = dt.date(2025, 6, 1)
PERSON = CandidateProfile(
    id="c",
    skills={
        "python": SkillFacts("Python", 36, frozenset({"experience", "skills"}), True,
                             (("experience", "Built data pipelines in Python on Azure."),)),
        "kubernetes": SkillFacts("Kubernetes", 0, frozenset({"skills"}), False, (("skills", "Python, Kubernetes"),)),
    },
    years=3.0, seniority="mid", education=2, fields=frozenset(), titles=("Data Engineer",),
    title_words=(frozenset({"data", "engineer"}),), occupation_codes=frozenset(), city="seattle", region="wa",
    country="us", preferences=Preferences(salary_min=150_000.0),
)  # fmt: skip
POSTING = JobProfile(
    id="j", title="Platform Engineer", seniority="mid", required=("Python", "Kubernetes", "Rust"), preferred=("Go",),
    experience_min=5.0, experience_max=None, education=-1, fields=frozenset(),
    title_words=frozenset({"platform", "engineer"}), occupation_code=None, occupation_title=None, city=None,
    region=None, country=None, arrangement="remote", salary_min=120_000.0, salary_max=130_000.0,
    salary_currency="USD", posted=TODAY,
)  # fmt: skip


def _pair() -> tuple[dict[str, Any], dict[str, Any]]:
    result = score_pair(PERSON, POSTING, 0.42, default_profile("mid"), TODAY)
    return result.breakdown, explain(result.breakdown, POSTING.title)


def test_strengths_name_each_matched_skill_with_where_it_was_shown() -> None:
    _, explanation = _pair()
    python = next(s for s in explanation["strengths"] if s.get("skill") == "Python")
    assert (
        python["text"] == "Python (required): shown in a job and the skills list, 36 months, used in the last two years"
    )
    assert python["evidence"] == [{"section": "experience", "text": "Built data pipelines in Python on Azure."}]
    assert any(s["kind"] == "location" and "remote" in s["text"] for s in explanation["strengths"])


def test_gaps_name_missing_skills_experience_and_pay() -> None:
    _, explanation = _pair()
    texts = [g["text"] for g in explanation["gaps"]]
    assert "Rust is required and not on the resume" in texts
    assert "Go is nice to have and not on the resume" in texts
    assert "2 years short of the 5 years asked" in texts
    assert any(g["kind"] == "salary" and g["percent"] == 13.3 for g in explanation["gaps"])


def test_suggestions_are_concrete() -> None:
    _, explanation = _pair()
    assert explanation["suggestions"][0].startswith("If you have used Rust, add it with the job or project")
    assert explanation["suggestions"][1] == (
        "Kubernetes appears only in a list: describe a job or project where you used it."
    )
    assert any("asks for 5 years" in s for s in explanation["suggestions"])


def test_the_summary_states_grade_score_and_coverage_and_is_deterministic() -> None:
    breakdown, explanation = _pair()
    assert explanation["summary"].endswith(f"({breakdown['grade']}, {breakdown['score']:g}): 2 of 3 required skills.")
    assert explain(breakdown, POSTING.title) == explanation


def test_an_excluded_pair_is_explained_by_its_filter() -> None:
    result = score_pair(PERSON, POSTING.__class__(**{**POSTING.__dict__, "salary_max": 60_000.0}), 0.4,
                        default_profile("mid"), TODAY)  # fmt: skip
    assert explain(result.breakdown, "x")["summary"].startswith("Excluded: the job pays up to 60,000 USD")


# --- grammar: counts of 0, 1 and 2, one skill or several; surplus experience is never a gap -----------------


def _explained(person: CandidateProfile, posting: JobProfile) -> dict[str, Any]:
    return explain(score_pair(person, posting, 0.42, default_profile("mid"), TODAY).breakdown, posting.title)


def _with_skills(months: dict[str, int], listed_only: bool = False) -> CandidateProfile:
    sections = frozenset({"skills"}) if listed_only else frozenset({"experience", "skills"})
    skills = {
        name.lower(): SkillFacts(name, count, sections, True, (("experience", f"Shipped services in {name}."),))
        for name, count in months.items()
    }
    return dataclasses.replace(PERSON, skills=skills)


@pytest.mark.parametrize(("months", "shown"), [(1, "1 month"), (2, "2 months"), (18, "18 months")])
def test_months_of_use_take_the_noun_their_count_needs(months: int, shown: str) -> None:
    explanation = _explained(_with_skills({"Python": months}), POSTING)
    python = next(s for s in explanation["strengths"] if s.get("skill") == "Python")
    assert f", {shown}," in python["text"]


def test_a_skill_with_no_months_states_none() -> None:
    explanation = _explained(_with_skills({"Python": 0}), POSTING)
    python = next(s for s in explanation["strengths"] if s.get("skill") == "Python")
    assert "month" not in python["text"]


@pytest.mark.parametrize(
    ("skills", "sentence"),
    [
        (["Python"], "Python appears only in a list: describe a job or project where you used it."),
        (["Python", "Rust"], "Python and Rust appear only in a list: describe a job or project where you used them."),
        (["Python", "Kubernetes", "Rust"],
         "Python, Kubernetes and Rust appear only in a list: describe a job or project where you used them."),
    ],
)  # fmt: skip
def test_skills_only_listed_are_named_with_a_verb_that_agrees(skills: list[str], sentence: str) -> None:
    explanation = _explained(_with_skills(dict.fromkeys(skills, 0), listed_only=True), POSTING)
    assert sentence in explanation["suggestions"]


@pytest.mark.parametrize(
    ("required", "summary_end"),
    [(("Python",), "1 of 1 required skill."), (("Python", "Rust"), "1 of 2 required skills."),
     (("Rust",), "0 of 1 required skill."), (("Rust", "Go"), "0 of 2 required skills.")],
)  # fmt: skip
def test_the_summary_counts_required_skills_in_good_english(required: tuple[str, ...], summary_end: str) -> None:
    posting = dataclasses.replace(POSTING, required=required, preferred=())
    assert _explained(_with_skills({"Python": 12}), posting)["summary"].endswith(summary_end)


@pytest.mark.parametrize(
    ("candidate_years", "experience_min", "text"),
    [(1.0, 2.0, "1 year short of the 2 years asked"), (3.0, 5.0, "2 years short of the 5 years asked"),
     (0.5, 1.0, "0.5 years short of the 1 year asked")],
)  # fmt: skip
def test_a_shortfall_is_a_gap_with_years_in_good_english(
    candidate_years: float, experience_min: float, text: str
) -> None:
    person = dataclasses.replace(PERSON, years=candidate_years)
    posting = dataclasses.replace(POSTING, experience_min=experience_min)
    gaps = [g["text"] for g in _explained(person, posting)["gaps"] if g["kind"] == "experience"]
    assert gaps == [text]


def test_surplus_experience_is_a_strength_never_a_gap() -> None:
    person = dataclasses.replace(PERSON, years=18.1)
    explanation = _explained(person, dataclasses.replace(POSTING, experience_min=4.0, experience_max=None))
    assert not [g for g in explanation["gaps"] if g["kind"] == "experience"]
    assert {"kind": "experience", "text": "18.1 years of experience, above the 4+ years asked"} in explanation[
        "strengths"
    ]
    assert not any("short" in s for s in explanation["suggestions"])


def test_experience_over_a_stated_maximum_is_only_noted() -> None:
    person = dataclasses.replace(PERSON, years=9.0)
    explanation = _explained(person, dataclasses.replace(POSTING, experience_min=2.0, experience_max=4.0))
    assert not [g for g in explanation["gaps"] if g["kind"] == "experience"]
    assert not [s for s in explanation["strengths"] if s["kind"] == "experience"]
    assert explanation["notes"] == [
        {"kind": "experience", "text": "9 years of experience, more than the 2-4 years the job states"}
    ]


def test_a_job_that_states_only_a_ceiling_reads_as_one() -> None:
    person = dataclasses.replace(PERSON, years=1.0)
    explanation = _explained(person, dataclasses.replace(POSTING, experience_min=None, experience_max=2.0))
    assert {"kind": "experience", "text": "1 year of experience, within the job's limit of 2 years"} in explanation[
        "strengths"
    ]


def test_one_year_within_the_range_is_singular() -> None:
    person = dataclasses.replace(PERSON, years=1.0)
    explanation = _explained(person, dataclasses.replace(POSTING, experience_min=1.0, experience_max=1.0))
    assert {"kind": "experience", "text": "1 year of experience, within the 1 year asked"} in explanation["strengths"]


# --- the LLM rephrasing gate ----------------------------------------------------------------------------


def test_a_faithful_rephrasing_passes() -> None:
    breakdown, explanation = _pair()
    text = (f"You match 2 of 3 required skills (score {breakdown['score']}). Python is a strength; "
            "Rust is missing and you are 2 years short of the 5 asked.")  # fmt: skip
    assert check_rephrasing(text, breakdown, explanation) == []


def test_an_invented_number_is_refused() -> None:
    breakdown, explanation = _pair()
    problems = check_rephrasing("You have 9 years of Python.", breakdown, explanation)
    assert problems == ["number 9 is not in the breakdown"]


def test_an_invented_skill_is_refused() -> None:
    breakdown, explanation = _pair()
    problems = check_rephrasing("Your Python and Terraform work stands out.", breakdown, explanation)
    assert problems == ["skill Terraform is not in the breakdown"]


def test_the_rephrasing_prompt_is_a_versioned_file_that_names_the_rephrased_schema() -> None:
    prompt = load_prompt(REPO_ROOT / "prompts", "match_explanation", 1)

    assert prompt.ref == "match_explanation.v1" and load_rephrase_prompt() == prompt
    module, _, name = prompt.output_schema.rpartition(".")
    assert getattr(importlib.import_module(module), name) is Rephrased
    system = prompt.system_message(Rephrased)
    assert system.startswith("You rewrite a job-match explanation so a candidate reads it easily.")
    assert "{{output_schema}}" not in system and '"title": "Rephrased"' in system


def test_rephrase_keeps_an_accepted_text_and_records_the_call() -> None:
    breakdown, explanation = _pair()
    recorder = InMemoryLlmCallRecorder()
    llm = RephrasingLlm("Python is your strength; Rust is the gap.")
    out = rephrase(explanation, breakdown, llm, recorder)
    assert out["rephrased"] == "Python is your strength; Rust is the gap." and out["summary"] == explanation["summary"]
    assert [(c.outcome, c.prompt_id, c.prompt_version) for c in recorder.calls] == [("ok", "match_explanation", 1)]
    assert [p.ref for p in llm.prompts] == ["match_explanation.v1"]  # the prompt file, not an inline copy


def test_rephrase_falls_back_when_the_reply_invents_or_the_call_fails() -> None:
    breakdown, explanation = _pair()
    recorder = InMemoryLlmCallRecorder()
    assert rephrase(explanation, breakdown, RephrasingLlm("You know Java well."), recorder) == explanation
    failed = LlmCallFailed("timeout", "slow", Usage(), "fake-model")
    assert rephrase(explanation, breakdown, RephrasingLlm(failed), recorder) == explanation
    assert [c.outcome for c in recorder.calls] == ["rejected", "timeout"]
