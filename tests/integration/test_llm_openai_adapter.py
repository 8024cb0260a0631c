"""The real openai package over real HTTP against a local OpenAI-compatible server with scripted replies."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from hiring.config import REPO_ROOT
from hiring.llm.config import LlmSettings
from hiring.llm.enhance import maybe_enhance
from hiring.llm.openai_client import OpenAICompatibleClient
from hiring.llm.ports import LlmCallFailed
from hiring.llm.prompts import load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.llm.schema import LlmResume
from hiring.resume.model import ParsedResume
from tests.support.fake_openai_server import FakeOpenAIServer, error_reply, json_reply, text_reply

API_KEY = "sk-test-4f9a1c0e-never-logged"
TEXT = """Jane Doe
jane.doe@example.com | +1 (415) 555-0100 | San Francisco, CA
Experience
Acme Corp — Senior Software Engineer, Mar 2020 – Present
Skills: Python, PostgreSQL, k8s
"""
GOOD = {
    "name": "Jane Doe",
    "email": "jane.doe@example.com",
    "phone": "+1 (415) 555-0100",
    "location": "San Francisco, CA",
    "experience": [
        {"company": "Acme Corp", "title": "Senior Software Engineer", "start": "2020-03", "end": None, "current": True}
    ],
    "skills": ["Python", "PostgreSQL", "Kubernetes"],
}


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


def _settings(server: FakeOpenAIServer, **overrides: object) -> LlmSettings:
    values: dict[str, object] = {
        "enabled": True,
        "base_url": server.base_url,
        "api_key": API_KEY,
        "model": "test-model-7b",
        "timeout_s": 2.0,
        "max_retries": 2,
        "backoff_base_s": 0.01,  # keep the retry tests fast; the delays themselves are asserted separately
        "backoff_max_s": 0.05,
    }
    return LlmSettings(**{**values, **overrides})  # type: ignore[arg-type]


def _enhance(server: FakeOpenAIServer, recorder: InMemoryLlmCallRecorder, **overrides: object) -> ParsedResume:
    return maybe_enhance(ParsedResume(), TEXT, _settings(server, **overrides), recorder)


def test_the_request_carries_the_model_the_versioned_prompt_the_text_and_json_mode(server: FakeOpenAIServer) -> None:
    server.script(json_reply(GOOD))

    _enhance(server, InMemoryLlmCallRecorder())

    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.body["model"] == "test-model-7b"
    assert request.body["response_format"] == {"type": "json_object"}
    system, user = request.body["messages"]
    prompt = load_prompt(REPO_ROOT / "prompts", "resume_extraction", 1)
    assert system == {"role": "system", "content": prompt.system_message(LlmResume)}
    assert user == {"role": "user", "content": TEXT}


def test_a_valid_reply_fills_the_resume_and_is_recorded_with_tokens_and_cost(server: FakeOpenAIServer) -> None:
    server.script(json_reply(GOOD, prompt_tokens=1200, completion_tokens=300))
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder, price_input_per_1k=0.5, price_output_per_1k=1.5)

    assert (result.name, result.email, result.phone) == ("Jane Doe", "jane.doe@example.com", "+1 (415) 555-0100")
    assert [(job.company, job.current) for job in result.experience] == [("Acme Corp", True)]
    assert [skill.name for skill in result.skills] == ["Python", "PostgreSQL", "Kubernetes"]
    [call] = recorder.calls
    assert (call.outcome, call.model, call.usage.attempts) == ("ok", "test-model-7b", 1)
    assert (call.usage.tokens_in, call.usage.tokens_out) == (1200, 300)
    assert call.estimated_cost_usd == pytest.approx(0.6 + 0.45)
    assert call.usage.latency_ms >= 0 and call.endpoint_host == "127.0.0.1"


def test_json_in_a_markdown_fence_is_accepted(server: FakeOpenAIServer) -> None:
    server.script(json_reply(GOOD, fenced=True))

    assert _enhance(server, InMemoryLlmCallRecorder()).name == "Jane Doe"


def test_invalid_json_is_retried_and_both_attempts_are_billed(server: FakeOpenAIServer) -> None:
    server.script(text_reply("{name: Jane Doe", prompt_tokens=900, completion_tokens=10), json_reply(GOOD))
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder)

    assert result.name == "Jane Doe" and len(server.requests) == 2
    [call] = recorder.calls
    assert (call.outcome, call.usage.attempts, call.usage.tokens_in) == ("ok", 2, 900 + 100)


def test_a_reply_that_breaks_the_schema_is_retried(server: FakeOpenAIServer) -> None:
    server.script(json_reply({"experience": "ten years at Acme"}), json_reply(GOOD))

    assert _enhance(server, InMemoryLlmCallRecorder()).experience[0].company == "Acme Corp"
    assert len(server.requests) == 2


def test_a_hallucinated_company_and_skill_are_dropped_and_counted(server: FakeOpenAIServer) -> None:
    invented = {
        **GOOD,
        "experience": [*GOOD["experience"], {"company": "Google", "title": "Staff Engineer"}],  # type: ignore[list-item]
        "skills": ["Python", "Rust"],
    }
    server.script(json_reply(invented))
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder)

    assert [job.company for job in result.experience] == ["Acme Corp"]
    assert [skill.name for skill in result.skills] == ["Python"]
    assert sorted(h.value for h in recorder.calls[0].hallucinations) == ["Google", "Rust"]
    assert any("2 LLM values not found in the resume text were dropped" in w for w in result.warnings)


def test_a_429_is_retried_then_succeeds(server: FakeOpenAIServer) -> None:
    server.script(error_reply(429, retry_after_s=0.01), json_reply(GOOD))
    recorder = InMemoryLlmCallRecorder()

    assert _enhance(server, recorder).name == "Jane Doe"
    assert len(server.requests) == 2 and recorder.calls[0].usage.attempts == 2


def test_server_errors_are_retried_with_exponential_backoff_then_give_up(server: FakeOpenAIServer) -> None:
    server.script(error_reply(500), error_reply(502), error_reply(503), json_reply(GOOD))
    slept: list[float] = []
    client = OpenAICompatibleClient(_settings(server, backoff_base_s=0.01, backoff_max_s=1.0), sleep=slept.append)

    with pytest.raises(LlmCallFailed) as failed:
        client.complete(load_prompt(REPO_ROOT / "prompts", "resume_extraction", 1), TEXT, LlmResume)

    assert failed.value.outcome == "server_error" and failed.value.usage.attempts == 3
    assert slept == [0.01, 0.02]
    assert len(server.requests) == 3  # bounded: the fourth scripted reply is never asked for


def test_persistent_server_errors_fall_back_to_the_rule_based_result(server: FakeOpenAIServer) -> None:
    server.script(error_reply(500), error_reply(500), error_reply(500))
    parsed = ParsedResume(name="Jane Doe", warnings=["rule warning"])
    recorder = InMemoryLlmCallRecorder()

    result = maybe_enhance(parsed, TEXT, _settings(server), recorder)

    assert result.model_dump(exclude={"warnings"}) == parsed.model_dump(exclude={"warnings"})
    assert result.warnings == ["rule warning", "LLM enhancement failed (server_error); the rule-based result is kept"]
    assert (recorder.calls[0].outcome, recorder.calls[0].usage.attempts) == ("server_error", 3)


def test_a_slow_reply_times_out_and_falls_back(server: FakeOpenAIServer) -> None:
    server.script(json_reply(GOOD, delay_s=1.5), json_reply(GOOD, delay_s=1.5))
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder, timeout_s=0.3, max_retries=1)

    assert result.name is None
    assert "LLM enhancement failed (timeout)" in result.warnings[-1]
    assert (recorder.calls[0].outcome, recorder.calls[0].usage.attempts) == ("timeout", 2)


def test_connection_refused_falls_back(server: FakeOpenAIServer) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder, base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)

    assert "LLM enhancement failed (connection_error)" in result.warnings[-1]
    assert recorder.calls[0].outcome == "connection_error"


def test_an_endpoint_without_json_mode_is_asked_again_without_it() -> None:
    with FakeOpenAIServer(json_reply(GOOD), rejects_response_format=True) as server:
        result = _enhance(server, InMemoryLlmCallRecorder())

    assert result.name == "Jane Doe"
    assert ["response_format" in r.body for r in server.requests] == [True, False]


def test_an_unauthorised_key_is_not_retried(server: FakeOpenAIServer) -> None:
    server.script(error_reply(401), json_reply(GOOD))
    recorder = InMemoryLlmCallRecorder()

    result = _enhance(server, recorder)

    assert len(server.requests) == 1 and recorder.calls[0].outcome == "rejected"
    assert "LLM enhancement failed (rejected)" in result.warnings[-1]


def test_the_api_key_never_reaches_the_logs(
    server: FakeOpenAIServer, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    server.script(error_reply(500), text_reply("nope"), error_reply(401))

    _enhance(server, InMemoryLlmCallRecorder())

    out, err = capsys.readouterr()
    logged = out + err + "".join(repr(record.__dict__) for record in caplog.records)
    assert "llm attempt failed" in logged  # the failures were logged ...
    assert API_KEY not in logged  # ... without the key


def test_nothing_is_sent_when_the_llm_is_disabled(server: FakeOpenAIServer) -> None:
    server.script(json_reply(GOOD))
    parsed = ParsedResume()

    result = maybe_enhance(parsed, TEXT, _settings(server, enabled=False), InMemoryLlmCallRecorder())

    assert result is parsed and server.requests == []
