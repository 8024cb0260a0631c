"""Fixtures the integration tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hiring.llm.config import reset_llm_settings
from tests.support.fake_openai_server import FakeOpenAIServer


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    """The LLM switched on (HIRING_LLM_*) against a local OpenAI-compatible server that records every request;
    one attempt per call, so one reply per call."""
    with FakeOpenAIServer() as server:
        for name, value in {"ENABLED": "true", "BASE_URL": server.base_url, "API_KEY": "sk-test",
                            "MODEL": "test-model", "MAX_RETRIES": "0", "TIMEOUT_S": "10"}.items():  # fmt: skip
            monkeypatch.setenv(f"HIRING_LLM_{name}", value)
        reset_llm_settings()
        yield server
    reset_llm_settings()
