"""The LLM path's entry points: enhance a rule-based resume with verified model output, or fall back."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime

from pydantic import ValidationError

from hiring.llm.config import LlmSettings, get_llm_settings
from hiring.llm.grounding import SkillVocabulary, ground
from hiring.llm.merge import merge
from hiring.llm.ports import LlmCallFailed, LlmCallRecord, LlmCallRecorder, Outcome, StructuredLlm, Usage
from hiring.llm.prompts import Prompt, PromptError, load_prompt
from hiring.llm.recorder import InMemoryLlmCallRecorder
from hiring.llm.schema import LlmResume
from hiring.observability import logger
from hiring.resume.model import ParsedResume

_client_lock = threading.Lock()
_cached_client: tuple[LlmSettings, StructuredLlm] | None = None


def _fallback(parsed: ParsedResume, reason: str) -> ParsedResume:
    return parsed.model_copy(update={"warnings": [*parsed.warnings, f"{reason}; the rule-based result is kept"]})


def _record(recorder: LlmCallRecorder, call: LlmCallRecord) -> None:
    logger.info("llm call", extra=call.as_log())
    try:
        recorder.record(call)
    except Exception:  # a lost cost record must not cost the candidate their parse
        logger.exception("llm call record not stored", extra=call.as_log())


def enhance_with_llm(
    parsed: ParsedResume,
    text: str,
    client: StructuredLlm,
    recorder: LlmCallRecorder,
    *,
    settings: LlmSettings,
    prompt: Prompt | None = None,
    vocabulary: SkillVocabulary | None = None,
    tenant_id: str | None = None,
    resume_id: str | None = None,
    today: date | None = None,
) -> ParsedResume:
    """The rule-based resume plus the model's verified fields; on any failure the input plus a warning."""
    try:
        prompt = prompt or load_prompt(settings.prompts_dir, settings.prompt_id, settings.prompt_version)
    except PromptError as error:
        logger.error("llm prompt unavailable", extra={"error": str(error)})
        return _fallback(parsed, "LLM enhancement skipped: its prompt file is unavailable")
    if vocabulary is None:
        from hiring.llm.vocabulary import default_vocabulary

        vocabulary = default_vocabulary()

    def call_record(outcome: Outcome, usage: Usage, model: str, error: str | None = None) -> LlmCallRecord:
        return LlmCallRecord(
            prompt_id=prompt.id,
            prompt_version=prompt.version,
            model=model,
            outcome=outcome,
            usage=usage,
            estimated_cost_usd=settings.estimate_cost(usage.tokens_in, usage.tokens_out),
            endpoint_host=settings.endpoint_host,
            tenant_id=tenant_id,
            resume_id=resume_id,
            error=error,
        )

    try:
        reply = client.complete(prompt, text, LlmResume)
    except LlmCallFailed as failed:
        _record(recorder, call_record(failed.outcome, failed.usage, failed.model, str(failed)))
        return _fallback(parsed, f"LLM enhancement failed ({failed.outcome})")
    except Exception as error:  # the contract is: any failure falls back, whatever the adapter raised
        logger.exception("llm call raised unexpectedly")
        _record(recorder, call_record("error", Usage(), client.model, type(error).__name__))
        return _fallback(parsed, "LLM enhancement failed (error)")

    try:
        grounded = ground(reply.output, text, vocabulary)
        merged = merge(parsed, grounded, text, settings.confident_at, today or datetime.now(UTC).date())
    except Exception as error:
        logger.exception("llm output could not be merged")
        _record(recorder, call_record("error", reply.usage, reply.model, type(error).__name__))
        return _fallback(parsed, "LLM enhancement failed (merge)")

    record = call_record("ok", reply.usage, reply.model)
    _record(recorder, replace(record, hallucinations=grounded.hallucinations))
    warnings = list(merged.resume.warnings)
    if merged.from_llm:
        warnings.append(
            f"from the LLM ({reply.model}, prompt {prompt.ref}), checked against the resume text: "
            + ", ".join(merged.from_llm)
        )
    if grounded.hallucinations:
        fields = sorted({h.field for h in grounded.hallucinations})
        warnings.append(
            f"{len(grounded.hallucinations)} LLM values not found in the resume text were dropped ({', '.join(fields)})"
        )
    return merged.resume.model_copy(update={"warnings": warnings})


def _client_for(settings: LlmSettings) -> StructuredLlm:
    """One client per settings object, so a warm Lambda reuses its HTTP connections."""
    global _cached_client
    with _client_lock:
        if _cached_client is None or _cached_client[0] is not settings:
            # Imported here: with the LLM off, the openai package is never even loaded.
            from hiring.llm.openai_client import OpenAICompatibleClient

            _cached_client = (settings, OpenAICompatibleClient(settings))
        return _cached_client[1]


def maybe_enhance(
    parsed: ParsedResume,
    text: str,
    settings: LlmSettings | None = None,
    recorder: LlmCallRecorder | None = None,
    *,
    tenant_id: str | None = None,
    resume_id: str | None = None,
) -> ParsedResume:
    """The parse pipeline's one call: returns `parsed` itself when the LLM is off, never building a client."""
    if settings is None:
        try:
            settings = get_llm_settings()
        except ValidationError as error:
            # Switched on but misconfigured: the container should have failed at cold start; here the parse
            # must still go through, so say so on the resume and in the log.
            logger.error("llm settings invalid", extra={"errors": error.error_count()})
            return _fallback(parsed, "LLM enhancement skipped: HIRING_LLM_* settings are invalid")
    if not settings.enabled:
        return parsed
    try:
        client = _client_for(settings)
    except Exception as error:
        logger.exception("llm client could not be built", extra={"error_type": type(error).__name__})
        return _fallback(parsed, "LLM enhancement failed (client)")
    return enhance_with_llm(
        parsed,
        text,
        client,
        recorder or InMemoryLlmCallRecorder(),
        settings=settings,
        tenant_id=tenant_id,
        resume_id=resume_id,
    )
