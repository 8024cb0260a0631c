"""Merging verified model output into the rule-based resume, and falling back on any failure."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hiring.config import REPO_ROOT
from hiring.llm import enhance as enhance_module
from hiring.llm.config import LlmSettings, reset_llm_settings
from hiring.llm.enhance import enhance_with_llm, maybe_enhance
from hiring.llm.grounding import Grounded
from hiring.llm.merge import merge, months_between, total_months
from hiring.llm.ports import LlmCallFailed, LlmCallRecord, LlmReply, T, Usage
from hiring.llm.prompts import Prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.llm.schema import LlmResume
from hiring.resume.model import Confidences, Education, Experience, ParsedResume, Skill

TODAY = date(2024, 6, 15)
TEXT = """Jane Doe  jane@example.com  Berlin
Experience
Acme Corp, Backend Engineer, 2021-01 to present. Python, Kafka.
Initech, Developer, 2019-03 to 2021-06
Education
TU Berlin, MSc Computer Science
Skills: Python, Kafka, Terraform
"""
LLM_OUTPUT: dict[str, Any] = {
    "name": "Jane Doe",
    "email": "jane@example.com",
    "location": "Berlin",
    "experience": [
        {"company": "Acme Corp", "title": "Backend Engineer", "start": "2021-01", "end": "Present"},
        {"company": "Initech", "title": "Developer", "start": "2019-03", "end": "2021-06"},
    ],
    "education": [{"institution": "TU Berlin", "degree": "MSc", "field": "Computer Science", "level": "master"}],
    "skills": ["Python", "Kafka", "Terraform", "Haskell"],
}


def _settings(**overrides: object) -> LlmSettings:
    values: dict[str, object] = {"enabled": True, "base_url": "http://llm.invalid/v1", "api_key": "k", "model": "m"}
    return LlmSettings(**{**values, **overrides})  # type: ignore[arg-type]


class ScriptedLlm:
    """An in-process StructuredLlm: returns a fixed output or raises."""

    def __init__(self, output: dict[str, Any] | None = None, error: Exception | None = None) -> None:
        self.output, self.error, self.calls = output, error, 0

    @property
    def model(self) -> str:
        return "scripted-model"

    def complete(self, prompt: Prompt, user_text: str, schema: type[T]) -> LlmReply[T]:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return LlmReply(schema.model_validate(self.output), Usage(1000, 200, 1, 12), "scripted-model")


def _run(parsed: ParsedResume, llm: ScriptedLlm, recorder: InMemoryLlmCallRecorder | None = None) -> ParsedResume:
    return enhance_with_llm(parsed, TEXT, llm, recorder or InMemoryLlmCallRecorder(), settings=_settings(), today=TODAY)


def test_months_count_inclusively_and_overlapping_jobs_count_once() -> None:
    jobs = [
        Experience(company="A", start="2020-01", end="2020-12"),
        Experience(company="B", start="2020-07", end="2021-06"),
        Experience(company="C", start="2024-01", current=True),
    ]

    assert months_between("2020-01", "2020-12", False, TODAY) == 12
    assert total_months(jobs, TODAY) == 18 + 6


def test_a_rule_based_result_with_gaps_is_filled_from_verified_model_output() -> None:
    result = _run(ParsedResume(), ScriptedLlm(LLM_OUTPUT))

    assert (result.name, result.email, result.location) == ("Jane Doe", "jane@example.com", "Berlin")
    assert [job.company for job in result.experience] == ["Acme Corp", "Initech"]
    assert result.experience[0].current and result.experience[0].months == 42
    assert result.total_experience_months == 42 + 28 - 6  # Jan-Jun 2021 overlap counts once
    assert [skill.name for skill in result.skills] == ["Python", "Kafka", "Terraform"]
    assert any("from the LLM" in w and "experience" in w and "skills" in w for w in result.warnings)
    assert any("1 LLM values not found" in w and "skills" in w for w in result.warnings)


def test_confident_rule_based_fields_win_over_the_model() -> None:
    parsed = ParsedResume(
        name="J. Doe",
        email="jane@example.com",
        experience=[Experience(company="Acme Corp", title="Engineer", start="2021-01", current=True, months=42)],
        confidences=Confidences(contact=0.9, experience=0.9),
        skills=[Skill(name="Python", months=42)],
    )

    result = _run(parsed, ScriptedLlm(LLM_OUTPUT))

    assert result.name == "J. Doe"
    assert [(job.company, job.title) for job in result.experience] == [("Acme Corp", "Engineer")]
    assert result.location == "Berlin"  # a gap, so the model fills it
    assert [s.name for s in result.skills] == ["Python", "Kafka", "Terraform"]
    assert result.skills[0].months == 42  # the rule-based skill is untouched


def test_low_confidence_contact_fields_give_way_to_verified_model_values() -> None:
    parsed = ParsedResume(name="Curriculum Vitae", confidences=Confidences(contact=0.2))

    assert _run(parsed, ScriptedLlm(LLM_OUTPUT)).name == "Jane Doe"


def test_a_confident_entry_only_has_its_empty_fields_filled() -> None:
    parsed = ParsedResume(
        education=[Education(institution="TU Berlin", degree="M.Sc.")],
        confidences=Confidences(education=0.95),
    )
    grounded = Grounded(resume=LlmResume.model_validate(LLM_OUTPUT))

    merged = merge(parsed, grounded, TEXT, 0.6, TODAY)

    school = merged.resume.education[0]
    assert (school.degree, school.field, school.level) == ("M.Sc.", "Computer Science", "master")


@pytest.mark.parametrize(
    "error",
    [
        LlmCallFailed("timeout", "no reply", Usage(0, 0, 3, 900), "m"),
        LlmCallFailed("invalid_output", "bad json", Usage(500, 80, 3, 40), "m"),
        ConnectionRefusedError("refused"),
    ],
)
def test_any_failure_returns_the_rule_based_result_unchanged_plus_a_warning(error: Exception) -> None:
    parsed = ParsedResume(name="Jane Doe", confidence=0.7, warnings=["earlier warning"])

    result = _run(parsed, ScriptedLlm(error=error))

    assert result.model_dump(exclude={"warnings"}) == parsed.model_dump(exclude={"warnings"})
    assert result.warnings[0] == "earlier warning"
    assert result.warnings[1].startswith("LLM enhancement failed") and "rule-based result is kept" in result.warnings[1]


def test_a_failed_call_is_still_recorded_with_what_it_cost() -> None:
    recorder = InMemoryLlmCallRecorder()

    _run(
        ParsedResume(), ScriptedLlm(error=LlmCallFailed("invalid_output", "bad", Usage(500, 80, 3, 40), "m")), recorder
    )

    [call] = recorder.calls
    assert (call.outcome, call.usage.attempts, call.usage.tokens_in) == ("invalid_output", 3, 500)


def test_a_successful_call_is_recorded_with_its_cost_and_hallucinations() -> None:
    recorder = InMemoryLlmCallRecorder()

    enhance_with_llm(
        ParsedResume(),
        TEXT,
        ScriptedLlm(LLM_OUTPUT),
        recorder,
        settings=_settings(price_input_per_1k=0.15, price_output_per_1k=0.6),
        tenant_id="t-1",
        today=TODAY,
    )

    [call] = recorder.calls
    assert (call.outcome, call.prompt_id, call.prompt_version, call.tenant_id) == ("ok", "resume_extraction", 1, "t-1")
    assert call.estimated_cost_usd == pytest.approx(0.15 + 0.12)
    assert [h.value for h in call.hallucinations] == ["Haskell"]


def test_a_recorder_that_fails_does_not_fail_the_parse() -> None:
    class Broken:
        def record(self, call: LlmCallRecord) -> None:
            raise RuntimeError("database down")

    result = enhance_with_llm(ParsedResume(), TEXT, ScriptedLlm(LLM_OUTPUT), Broken(), settings=_settings())

    assert result.name == "Jane Doe"


def test_a_missing_prompt_file_falls_back_without_calling_the_model(tmp_path: Path) -> None:
    llm = ScriptedLlm(LLM_OUTPUT)

    result = enhance_with_llm(
        ParsedResume(), TEXT, llm, InMemoryLlmCallRecorder(), settings=_settings(prompts_dir=tmp_path)
    )

    assert llm.calls == 0 and result.name is None
    assert "prompt file is unavailable" in result.warnings[-1]


def test_when_disabled_no_client_is_built_and_the_input_comes_back_as_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_client(settings: LlmSettings) -> None:
        raise AssertionError("a client was built while the LLM is off")

    monkeypatch.setattr(enhance_module, "_client_for", no_client)
    parsed = ParsedResume(name="Jane Doe")

    assert maybe_enhance(parsed, TEXT, LlmSettings(enabled=False)) is parsed


def test_the_repository_prompt_is_the_default() -> None:
    assert _settings().prompts_dir == REPO_ROOT / "prompts"


def test_with_no_llm_variables_set_the_pipeline_call_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ENABLED", "BASE_URL", "API_KEY", "MODEL"):
        monkeypatch.delenv(f"HIRING_LLM_{name}", raising=False)
    reset_llm_settings()
    parsed = ParsedResume(name="Jane Doe")

    assert maybe_enhance(parsed, TEXT) is parsed
    reset_llm_settings()


def test_switched_on_but_misconfigured_the_parse_still_goes_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIRING_LLM_ENABLED", "true")
    monkeypatch.delenv("HIRING_LLM_BASE_URL", raising=False)
    reset_llm_settings()
    parsed = ParsedResume(name="Jane Doe")

    result = maybe_enhance(parsed, TEXT)

    assert result.name == "Jane Doe"
    assert result.warnings == [
        "LLM enhancement skipped: HIRING_LLM_* settings are invalid; the rule-based result is kept"
    ]
    reset_llm_settings()
