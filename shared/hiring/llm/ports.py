"""The LLM path's ports: a structured-output client and a recorder of calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel

from hiring.llm.prompts import Prompt

T = TypeVar("T", bound=BaseModel)

Outcome = Literal[
    "ok",
    "timeout",
    "rate_limited",
    "server_error",
    "connection_error",
    "invalid_output",
    "rejected",
    "error",
]


@dataclass(frozen=True)
class Usage:
    """What one logical call cost across all its attempts (failed attempts are billed too)."""

    tokens_in: int = 0
    tokens_out: int = 0
    attempts: int = 0
    latency_ms: int = 0


@dataclass(frozen=True)
class LlmReply(Generic[T]):
    """A reply that parsed and validated against its schema."""

    output: T
    usage: Usage
    model: str


class LlmCallFailed(Exception):
    """The call gave no valid output after its retries; carries what it cost so far."""

    def __init__(self, outcome: Outcome, message: str, usage: Usage, model: str) -> None:
        super().__init__(message)
        self.outcome: Outcome = outcome
        self.usage = usage
        self.model = model


class StructuredLlm(Protocol):
    """Sends one prompt plus input text and returns the reply validated against a pydantic model."""

    @property
    def model(self) -> str: ...

    def complete(self, prompt: Prompt, user_text: str, schema: type[T]) -> LlmReply[T]: ...


@dataclass(frozen=True)
class Hallucination:
    """One value the model returned that the source text does not contain."""

    field: str
    value: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value}


@dataclass(frozen=True)
class LlmCallRecord:
    """One row of llm_calls: prompt, model, tokens, latency, estimated cost and how it ended."""

    prompt_id: str
    prompt_version: int
    model: str
    outcome: Outcome
    usage: Usage
    estimated_cost_usd: float
    endpoint_host: str | None = None
    tenant_id: str | None = None
    resume_id: str | None = None
    hallucinations: list[Hallucination] = field(default_factory=list)
    error: str | None = None

    def as_log(self) -> dict[str, Any]:
        """Structured log fields (never the key, never the resume text)."""
        return {
            "prompt": f"{self.prompt_id}.v{self.prompt_version}",
            "model": self.model,
            "endpoint_host": self.endpoint_host,
            "outcome": self.outcome,
            "attempts": self.usage.attempts,
            "tokens_in": self.usage.tokens_in,
            "tokens_out": self.usage.tokens_out,
            "latency_ms": self.usage.latency_ms,
            "estimated_cost_usd": round(self.estimated_cost_usd, 6),
            "hallucinations": len(self.hallucinations),
            "tenant_id": self.tenant_id,
            "resume_id": self.resume_id,
        }


class LlmCallRecorder(Protocol):
    """Keeps a record of every LLM call (Postgres in the services, memory in the CLI and tests)."""

    def record(self, call: LlmCallRecord) -> None: ...
