"""LLM settings and versioned prompt files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from hiring.config import REPO_ROOT
from hiring.llm.config import LlmSettings, get_llm_settings, reset_llm_settings
from hiring.llm.prompts import PromptError, load_prompt
from hiring.llm.schema import LlmResume


@pytest.fixture(autouse=True)
def _clean_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ENABLED", "BASE_URL", "API_KEY", "MODEL", "TIMEOUT_S", "PRICE_INPUT_PER_1K"):
        monkeypatch.delenv(f"HIRING_LLM_{name}", raising=False)
    reset_llm_settings()


def test_the_llm_is_off_unless_switched_on() -> None:
    assert LlmSettings().enabled is False


def test_settings_come_from_hiring_llm_variables_when_first_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIRING_LLM_ENABLED", "true")
    monkeypatch.setenv("HIRING_LLM_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("HIRING_LLM_API_KEY", "ollama")
    monkeypatch.setenv("HIRING_LLM_MODEL", "llama3.1")
    monkeypatch.setenv("HIRING_LLM_PRICE_INPUT_PER_1K", "0.5")

    settings = get_llm_settings()

    assert (settings.enabled, settings.model, settings.endpoint_host) == (True, "llama3.1", "localhost")
    assert settings.estimate_cost(2000, 0) == pytest.approx(1.0)
    reset_llm_settings()


def test_switching_it_on_without_an_endpoint_is_refused_with_the_missing_names() -> None:
    with pytest.raises(ValidationError, match="HIRING_LLM_BASE_URL, HIRING_LLM_MODEL, HIRING_LLM_API_KEY"):
        LlmSettings(enabled=True)


def test_the_key_never_shows_in_the_settings_repr_or_dump() -> None:
    settings = LlmSettings(
        enabled=True, base_url="https://api.example/v1", api_key=SecretStr("sk-very-secret"), model="m"
    )

    assert "sk-very-secret" not in repr(settings)
    assert "sk-very-secret" not in settings.model_dump_json()


def test_the_shipped_extraction_prompt_loads_with_its_header() -> None:
    prompt = load_prompt(REPO_ROOT / "prompts", "resume_extraction", 1)

    assert (prompt.id, prompt.version, prompt.ref) == ("resume_extraction", 1, "resume_extraction.v1")
    assert prompt.output_schema == "hiring.llm.schema.LlmResume"
    system = prompt.system_message(LlmResume)
    assert "{{output_schema}}" not in system
    assert '"certifications"' in system and "JSON" in system


def test_a_prompt_whose_header_disagrees_with_its_file_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "resume_extraction.v2.md").write_text(
        "---\nid: resume_extraction\nversion: 1\npurpose: p\noutput_schema: s\n---\nbody\n"
    )

    with pytest.raises(PromptError, match="file name says resume_extraction v2"):
        load_prompt(tmp_path, "resume_extraction", 2)


def test_a_missing_prompt_file_is_a_prompt_error(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="no prompt file"):
        load_prompt(tmp_path, "resume_extraction", 9)
