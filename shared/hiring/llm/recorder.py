"""Recorders of LLM calls: a Postgres table for the services, a list in memory for the CLI and tests."""

from __future__ import annotations

from hiring.adapters.postgres import Database, Json
from hiring.llm.ports import LlmCallRecord


class InMemoryLlmCallRecorder:
    """Keeps records in a list (the CLI prints them; tests read them)."""

    def __init__(self) -> None:
        self.calls: list[LlmCallRecord] = []

    def record(self, call: LlmCallRecord) -> None:
        self.calls.append(call)


class PostgresLlmCallRecorder:
    """Writes one llm_calls row per call, in its own transaction so a failed parse still leaves its cost."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, call: LlmCallRecord) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO llm_calls (tenant_id, resume_id, prompt_id, prompt_version, model, endpoint_host,"
                " outcome, attempts, tokens_in, tokens_out, latency_ms, estimated_cost_usd, hallucinations,"
                " dropped, error) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    call.tenant_id,
                    call.resume_id,
                    call.prompt_id,
                    call.prompt_version,
                    call.model,
                    call.endpoint_host,
                    call.outcome,
                    call.usage.attempts,
                    call.usage.tokens_in,
                    call.usage.tokens_out,
                    call.usage.latency_ms,
                    round(call.estimated_cost_usd, 6),
                    len(call.hallucinations),
                    Json([h.as_dict() for h in call.hallucinations]),
                    call.error,
                ),
            )
