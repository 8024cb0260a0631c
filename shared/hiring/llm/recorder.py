"""Recorders of LLM calls: a Postgres table for the services, a list in memory for the CLI and tests."""

from __future__ import annotations

from hiring.adapters.postgres import Database
from hiring.llm.ports import LlmCallRecord
from hiring.observability import metrics
from hiring.stores.audit import SYSTEM_ACTOR, record_audit
from hiring.stores.resumes import insert_llm_call


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
            call_id = insert_llm_call(conn, call)
            # The audit entry links the llm_calls row (cost, tokens, grounding) by id.
            detail = {"prompt_id": call.prompt_id, "model": call.model, "outcome": call.outcome}
            record_audit(conn, call.tenant_id, SYSTEM_ACTOR, "llm_call", "llm_call", call_id, detail)
        # The same figures as the admin's llm metrics, as CloudWatch EMF (the dashboard's LLM widget).
        metrics.add_metric(name="LlmCalls", unit="Count", value=1)
        metrics.add_metric(name="LlmTokensIn", unit="Count", value=call.usage.tokens_in)
        metrics.add_metric(name="LlmTokensOut", unit="Count", value=call.usage.tokens_out)
        metrics.add_metric(name="LlmEstimatedCostUsd", unit="None", value=call.estimated_cost_usd)
