"""Optional LLM rephrasing of an explanation, accepted only when every number and skill it names is in the breakdown.

`check_rephrasing` is the gate (pure); `rephrase` calls the model through the LLM ports and falls back to the
deterministic text on any failure or refusal. Off unless the caller passes a client.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, Field

from hiring.llm.ports import LlmCallFailed, LlmCallRecord, LlmCallRecorder, StructuredLlm, Usage
from hiring.llm.prompts import Prompt
from hiring.observability import logger

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
PROMPT = Prompt(
    id="match_explanation",
    version=1,
    purpose="rephrase a deterministic match explanation for a candidate, adding nothing",
    output_schema="hiring.matching.rephrase.Rephrased",
    body=(
        "You rewrite a job-match explanation so a candidate reads it easily. The input is JSON with the facts.\n"
        "Use only the skills and numbers in the input; do not add any skill, number, company or claim.\n"
        "Reply with JSON matching this schema:\n{{output_schema}}"
    ),
)


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
    from hiring.skills.extractor import get_extractor

    problems: list[str] = []
    exact, headline = allowed_numbers(breakdown, explanation)
    for match in _NUMBER.finditer(text):
        number = float(match.group().replace(",", ""))
        if not _matches(number, exact, headline):
            problems.append(f"number {match.group()} is not in the breakdown")
    skills = allowed_skills(breakdown)
    for mention in get_extractor().extract(text):
        if mention.known and mention.canonical.lower() not in skills:
            problems.append(f"skill {mention.canonical} is not in the breakdown")
    return sorted(set(problems))


def rephrase(
    explanation: dict[str, Any],
    breakdown: dict[str, Any],
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    tenant_id: str | None = None,
) -> dict[str, Any]:
    """The explanation with a `rephrased` text when the model's reply passes the check; unchanged otherwise."""
    facts = {"summary": explanation["summary"], "strengths": [s["text"] for s in explanation["strengths"]],
             "gaps": [g["text"] for g in explanation["gaps"]], "suggestions": explanation["suggestions"]}  # fmt: skip
    usage, model, outcome, error = Usage(), client.model, "ok", None
    accepted: str | None = None
    try:
        reply = client.complete(PROMPT, json.dumps(facts, ensure_ascii=False), Rephrased)
        usage, model = reply.usage, reply.model
        problems = check_rephrasing(reply.output.text, breakdown, explanation)
        if problems:
            outcome, error = "rejected", "; ".join(problems)[:500]
        else:
            accepted = reply.output.text
    except LlmCallFailed as failed:
        usage, model, outcome, error = failed.usage, failed.model, failed.outcome, str(failed)
    except Exception as exc:  # any adapter failure keeps the deterministic text
        outcome, error = "error", type(exc).__name__
    record = LlmCallRecord(PROMPT.id, PROMPT.version, model, outcome, usage, 0.0, tenant_id=tenant_id,  # type: ignore[arg-type]
                           error=error)  # fmt: skip
    logger.info("llm call", extra=record.as_log())
    recorder.record(record)
    if accepted is None:
        return explanation
    return {**explanation, "rephrased": accepted, "rephrased_by": model}
