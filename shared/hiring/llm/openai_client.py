"""The LLM adapter: any OpenAI-compatible endpoint through the `openai` package, with bounded retries."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import openai
from pydantic import ValidationError

from hiring.llm.config import LlmSettings
from hiring.llm.ports import LlmCallFailed, LlmReply, Outcome, T, Usage
from hiring.llm.prompts import Prompt
from hiring.llm.replies import InvalidReply, extract_json_object
from hiring.observability import logger

_RETRYABLE_STATUS = frozenset({408, 409, 429})


class OpenAICompatibleClient:
    """Chat completions with JSON output, validated into a pydantic model, retried with exponential backoff."""

    def __init__(
        self,
        settings: LlmSettings,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not settings.base_url or not settings.model or settings.api_key is None:
            raise ValueError("the LLM client needs a base URL, a model and an API key")
        self._settings = settings
        self._model = settings.model
        self._sleep = sleep
        self._clock = clock
        # The package's own retries are off: this class retries, so it can count attempts, bill failed
        # attempts and also retry replies that are not valid JSON.
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key.get_secret_value(),
            timeout=settings.timeout_s,
            max_retries=0,
        )
        self._json_mode = settings.json_mode

    @property
    def model(self) -> str:
        return self._model

    def backoff_s(self, retry: int, retry_after_s: float | None = None) -> float:
        """Delay before retry `retry` (1-based): base * 2^(retry-1) capped, or a server's Retry-After up to the cap."""
        delay = min(self._settings.backoff_max_s, self._settings.backoff_base_s * 2 ** (retry - 1))
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self._settings.backoff_max_s))
        return delay

    def complete(self, prompt: Prompt, user_text: str, schema: type[T]) -> LlmReply[T]:
        """One logical call: at most 1 + max_retries attempts; raises LlmCallFailed with the cost so far."""
        messages = [
            {"role": "system", "content": prompt.system_message(schema)},
            {"role": "user", "content": user_text[: self._settings.max_input_chars]},
        ]
        started = self._clock()
        tokens_in = tokens_out = attempts = 0
        outcome: Outcome = "error"
        detail = ""
        retry_after: float | None = None

        def usage() -> Usage:
            elapsed_ms = int(round((self._clock() - started) * 1000))
            return Usage(tokens_in=tokens_in, tokens_out=tokens_out, attempts=attempts, latency_ms=elapsed_ms)

        for attempt in range(1, self._settings.max_retries + 2):
            if attempt > 1:
                self._sleep(self.backoff_s(attempt - 1, retry_after))
            retry_after = None
            attempts = attempt
            try:
                completion = self._client.chat.completions.create(**self._request(messages))
            except openai.APITimeoutError:
                outcome, detail = "timeout", f"no reply within {self._settings.timeout_s}s"
            except openai.APIConnectionError as error:
                outcome, detail = "connection_error", type(error.__cause__ or error).__name__
            except openai.APIStatusError as error:
                status = error.status_code
                if status == 400 and self._json_mode:
                    # Some OpenAI-compatible servers refuse response_format; ask again without it.
                    self._json_mode = False
                    outcome, detail = "rejected", "HTTP 400 with response_format; retrying without it"
                    logger.warning("llm endpoint refused response_format", extra={"status": status})
                    continue
                if status >= 500 or status in _RETRYABLE_STATUS:
                    outcome = "rate_limited" if status == 429 else "server_error"
                    detail = f"HTTP {status}"
                    retry_after = _retry_after_s(error.response.headers.get("retry-after"))
                else:
                    raise LlmCallFailed("rejected", f"HTTP {status}", usage(), self._model) from error
            else:
                if completion.usage is not None:
                    tokens_in += completion.usage.prompt_tokens or 0
                    tokens_out += completion.usage.completion_tokens or 0
                content = completion.choices[0].message.content if completion.choices else None
                try:
                    output = schema.model_validate(extract_json_object(content))
                except (InvalidReply, ValidationError) as error:
                    outcome, detail = "invalid_output", _short(error)
                else:
                    return LlmReply(output=output, usage=usage(), model=completion.model or self._model)
            logger.warning(
                "llm attempt failed",
                extra={"attempt": attempt, "outcome": outcome, "detail": detail, "prompt": prompt.ref},
            )
        raise LlmCallFailed(outcome, detail, usage(), self._model)

    def _request(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self._model,
            "messages": messages,
            "temperature": self._settings.temperature,
        }
        if self._json_mode:
            request["response_format"] = {"type": "json_object"}
        return request


def _retry_after_s(header: str | None) -> float | None:
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return f"{error.error_count()} schema errors, first at {'.'.join(map(str, error.errors()[0]['loc']))}"
    return str(error)[:200]
