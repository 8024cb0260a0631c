"""LLM calls recorded in the real Postgres llm_calls table (migration 0004)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from pydantic import SecretStr

from hiring.llm.config import LlmSettings
from hiring.llm.enhance import maybe_enhance
from hiring.llm.recorder import PostgresLlmCallRecorder
from hiring.resume.model import ParsedResume
from tests.support.fake_openai_server import FakeOpenAIServer, error_reply, json_reply

TEXT = "Jane Doe\njane@example.com\nAcme Corp, Data Engineer, 2021-02 to present\nSkills: Python, Airflow\n"
REPLY = {
    "name": "Jane Doe",
    "experience": [{"company": "Acme Corp", "title": "Data Engineer"}, {"company": "Umbrella Corp"}],
    "skills": ["Python", "Airflow", "Snowflake"],
}


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


def _settings(server: FakeOpenAIServer) -> LlmSettings:
    return LlmSettings(
        enabled=True,
        base_url=server.base_url,
        api_key=SecretStr("sk-test"),
        model="test-model",
        max_retries=1,
        backoff_base_s=0.01,
        price_input_per_1k=0.5,
        price_output_per_1k=1.5,
    )


def _tenant_and_resume(container: Any) -> tuple[str, str]:
    with container.db.connect() as conn:
        tenant = conn.execute(
            "INSERT INTO tenants (slug, name) VALUES (%s, 'LLM test') RETURNING id", (f"llm-{uuid.uuid4().hex[:8]}",)
        ).fetchone()
        resume = conn.execute(
            "INSERT INTO resumes (tenant_id, source, filename, inbox_key, status)"
            " VALUES (%s, 'api', 'cv.pdf', 'inbox/x/cv.pdf', 'parsed') RETURNING id",
            (tenant["id"],),
        ).fetchone()
    return str(tenant["id"]), str(resume["id"])


def _rows(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT * FROM llm_calls ORDER BY created_at").fetchall()


def test_a_successful_call_stores_tokens_latency_cost_prompt_and_hallucinations(
    container: Any, server: FakeOpenAIServer
) -> None:
    tenant_id, resume_id = _tenant_and_resume(container)
    server.script(json_reply(REPLY, prompt_tokens=1200, completion_tokens=300))

    maybe_enhance(
        ParsedResume(),
        TEXT,
        _settings(server),
        PostgresLlmCallRecorder(container.db),
        tenant_id=tenant_id,
        resume_id=resume_id,
    )

    [row] = _rows(container)
    assert (str(row["tenant_id"]), str(row["resume_id"])) == (tenant_id, resume_id)
    assert (row["prompt_id"], row["prompt_version"], row["model"]) == ("resume_extraction", 1, "test-model")
    assert (row["outcome"], row["attempts"], row["tokens_in"], row["tokens_out"]) == ("ok", 1, 1200, 300)
    assert row["estimated_cost_usd"] == Decimal("1.050000")
    assert row["latency_ms"] >= 0 and row["endpoint_host"] == "127.0.0.1"
    assert row["hallucinations"] == 2
    assert sorted(item["value"] for item in row["dropped"]) == ["Snowflake", "Umbrella Corp"]


def test_a_failed_call_outside_any_tenant_is_stored_with_its_outcome(container: Any, server: FakeOpenAIServer) -> None:
    server.script(error_reply(503), error_reply(503))

    result = maybe_enhance(ParsedResume(), TEXT, _settings(server), PostgresLlmCallRecorder(container.db))

    [row] = _rows(container)
    assert (row["tenant_id"], row["resume_id"], row["outcome"], row["attempts"]) == (None, None, "server_error", 2)
    assert row["tokens_in"] == 0 and row["error"] == "HTTP 503"
    assert result.warnings[-1].startswith("LLM enhancement failed (server_error)")
