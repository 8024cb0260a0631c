"""Optional LLM rephrasing of an explanation, accepted only when every number and skill it names is in the breakdown.

`check_rephrasing` is the gate (pure); `attempt_rephrasing` calls the model through the LLM ports, checks and
records the call; `rephrase` returns the explanation with the accepted text, or unchanged on any failure or
refusal. Off unless the caller passes a client. The prompt is the versioned file prompts/match_explanation.v1.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from hiring.config import REPO_ROOT
from hiring.llm.ports import (
    Hallucination,
    LlmCallFailed,
    LlmCallRecord,
    LlmCallRecorder,
    Outcome,
    StructuredLlm,
    Usage,
)
from hiring.llm.prompts import Prompt, load_prompt
from hiring.observability import logger

if TYPE_CHECKING:
    from hiring.llm.config import LlmSettings

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
PROMPT_ID = "match_explanation"
PROMPT_VERSION = 1


def load_rephrase_prompt(prompts_dir: Path | None = None) -> Prompt:
    """The rephrasing prompt from its versioned file (the LLM settings' prompts_dir, or the repository's)."""
    return load_prompt(prompts_dir or REPO_ROOT / "prompts", PROMPT_ID, PROMPT_VERSION)


class Rephrased(BaseModel):
    """The model's reply: one short paragraph."""

    text: str = Field(min_length=1, max_length=2000)


def _numbers(value: Any, found: set[float]) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        found.add(float(value))
    elif isinstance(value, dict):
        for item in value.values():
            _numbers(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _numbers(item, found)
    elif isinstance(value, str):
        for match in _NUMBER.finditer(value):
            found.add(float(match.group().replace(",", "")))


def allowed_numbers(breakdown: dict[str, Any], explanation: dict[str, Any]) -> tuple[set[float], set[float]]:
    """(exact, roundable): every number in the breakdown and explanation, and the headline values that a
    paraphrase may round to a whole number (the score, component scores, years, percentages)."""
    exact: set[float] = set()
    _numbers(breakdown, exact)
    _numbers(explanation, exact)
    parts = breakdown["components"]
    for key in ("required_skills", "preferred_skills"):
        matched, missing = len(parts[key]["matched"]), len(parts[key]["missing"])
        exact |= {float(matched), float(missing), float(matched + missing)}
    headline = {float(breakdown["score"])}
    for part in parts.values():
        for key in ("score", "candidate_years", "gap_years", "min_years", "max_years", "shortfall_pct", "age_days"):
            if isinstance(part.get(key), int | float):
                headline.add(float(part[key]))
    for skill in parts["required_skills"]["matched"] + parts["preferred_skills"]["matched"]:
        headline.add(skill["months"] / 12)
    return exact, headline


def allowed_skills(breakdown: dict[str, Any]) -> set[str]:
    """The skills the breakdown names (matched or missing, required or preferred), lower case."""
    parts = breakdown["components"]
    names = set()
    for key in ("required_skills", "preferred_skills"):
        names |= {m["skill"].lower() for m in parts[key]["matched"]}
        names |= {s.lower() for s in parts[key]["missing"]}
    return names


def _matches(number: float, exact: set[float], headline: set[float]) -> bool:
    return any(abs(number - a) < 0.051 for a in exact | headline) or any(round(a) == number for a in headline)


def check_rephrasing(text: str, breakdown: dict[str, Any], explanation: dict[str, Any]) -> list[str]:
    """Problems with a rephrased explanation: numbers or skills the breakdown does not hold. Empty: accept."""
    exact, headline = allowed_numbers(breakdown, explanation)
    return ungrounded(text, exact, headline, allowed_skills(breakdown))


def numbers_in(value: Any) -> set[float]:
    """Every number in a JSON-like value (numbers, and the numbers written in its strings)."""
    found: set[float] = set()
    _numbers(value, found)
    return found


def ungrounded(
    text: str, exact: set[float], headline: set[float], skills: set[str], source: str = "the breakdown"
) -> list[str]:
    """The grounding check: numbers (exact, or a headline value rounded) and known skills (lower case) the text
    names that its source does not hold. Empty: accept."""
    from hiring.skills.extractor import get_extractor

    problems: list[str] = []
    for match in _NUMBER.finditer(text):
        number = float(match.group().replace(",", ""))
        if not _matches(number, exact, headline):
            problems.append(f"number {match.group()} is not in {source}")
    for mention in get_extractor().extract(text):
        if mention.known and mention.canonical.lower() not in skills:
            problems.append(f"skill {mention.canonical} is not in {source}")
    return sorted(set(problems))


@dataclass(frozen=True)
class Rephrasing:
    """One call's result: the accepted text (None when refused or failed) and what was recorded about it."""

    text: str | None
    call: LlmCallRecord


def _facts(explanation: dict[str, Any]) -> str:
    """What the model is shown: the explanation's texts, never the resume or the evidence lines."""
    facts = {"summary": explanation["summary"], "strengths": [s["text"] for s in explanation["strengths"]],
             "gaps": [g["text"] for g in explanation["gaps"]], "suggestions": explanation["suggestions"]}  # fmt: skip
    return json.dumps(facts, ensure_ascii=False)


def record_call(
    recorder: LlmCallRecorder,
    prompt: Prompt,
    model: str,
    outcome: Outcome,
    usage: Usage,
    error: str | None,
    *,
    settings: LlmSettings | None = None,
    tenant_id: str | None = None,
    resume_id: str | None = None,
    hallucinations: Sequence[Hallucination] = (),
) -> LlmCallRecord:
    """Log and record one call (an llm_calls row through the recorder) with its cost estimate; a lost record is
    logged, never raised."""
    call = LlmCallRecord(
        prompt_id=prompt.id,
        prompt_version=prompt.version,
        model=model,
        outcome=outcome,
        usage=usage,
        estimated_cost_usd=settings.estimate_cost(usage.tokens_in, usage.tokens_out) if settings else 0.0,
        endpoint_host=settings.endpoint_host if settings else None,
        tenant_id=tenant_id,
        resume_id=resume_id,
        hallucinations=list(hallucinations),
        error=error,
    )
    logger.info("llm call", extra=call.as_log())
    try:
        recorder.record(call)
    except Exception:  # a lost cost record must not cost the reader their text
        logger.exception("llm call record not stored", extra=call.as_log())
    return call


def attempt_rephrasing(
    explanation: dict[str, Any],
    breakdown: dict[str, Any],
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    prompt: Prompt,
    *,
    settings: LlmSettings | None = None,
    tenant_id: str | None = None,
    resume_id: str | None = None,
    facts: str | None = None,
    check: Callable[[str], list[str]] | None = None,
) -> Rephrasing:
    """Call the model once, check its text against the breakdown, record the call; never raises for the model.
    Another text (a rejection's feedback) passes its own `facts` for the model and its own grounding `check`."""
    usage, model, error = Usage(), client.model, None
    outcome: Outcome = "ok"
    accepted: str | None = None
    try:
        reply = client.complete(prompt, _facts(explanation) if facts is None else facts, Rephrased)
        usage, model = reply.usage, reply.model
        text = reply.output.text
        problems = check(text) if check is not None else check_rephrasing(text, breakdown, explanation)
        if problems:
            outcome, error = "rejected", "; ".join(problems)[:500]
        else:
            accepted = reply.output.text
    except LlmCallFailed as failed:
        usage, model, outcome, error = failed.usage, failed.model, failed.outcome, str(failed)
    except Exception as exc:  # any adapter failure keeps the deterministic text
        logger.exception("llm call raised unexpectedly")
        outcome, error = "error", type(exc).__name__
    call = record_call(recorder, prompt, model, outcome, usage, error, settings=settings, tenant_id=tenant_id,
                       resume_id=resume_id)  # fmt: skip
    return Rephrasing(accepted, call)


def rephrase(
    explanation: dict[str, Any],
    breakdown: dict[str, Any],
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    tenant_id: str | None = None,
    *,
    prompt: Prompt | None = None,
) -> dict[str, Any]:
    """The explanation with a `rephrased` text when the model's reply passes the check; unchanged otherwise."""
    result = attempt_rephrasing(
        explanation, breakdown, client, recorder, prompt or load_rephrase_prompt(), tenant_id=tenant_id
    )
    if result.text is None:
        return explanation
    return {**explanation, "rephrased": result.text, "rephrased_by": result.call.model}
