"""OpenAI embeddings (or any OpenAI-compatible /v1/embeddings endpoint) behind the Embedder port."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import openai

from hiring.observability import logger

# Output sizes when no `dimensions` is requested; only the text-embedding-3 models accept `dimensions`.
NATIVE_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}
_SHORTENABLE = frozenset({"text-embedding-3-small", "text-embedding-3-large"})
_RETRYABLE_STATUS = frozenset({408, 409, 429})


class EmbeddingFailed(RuntimeError):
    """The endpoint did not return usable embeddings, after any retries allowed."""


class OpenAIEmbedder:
    """Unit vectors from an OpenAI-compatible embeddings endpoint, batched, with bounded retries and backoff."""

    def __init__(
        self,
        api_key: str,
        model: str = "text-embedding-3-small",
        *,
        base_url: str | None = None,
        dimensions: int | None = None,
        native_dim: int | None = None,
        batch_size: int = 96,
        max_batch_chars: int = 300_000,
        max_input_chars: int = 16_000,
        timeout_s: float = 30.0,
        max_retries: int = 3,
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not api_key:
            # Explicit: the openai package would otherwise read OPENAI_API_KEY from the environment unasked.
            raise ValueError("the OpenAI embedder needs an API key")
        if dimensions is not None and model in NATIVE_DIMS and model not in _SHORTENABLE:
            raise ValueError(f"{model} does not accept a dimensions parameter")
        dim = dimensions or native_dim or NATIVE_DIMS.get(model)
        if dim is None or dim < 1:
            raise ValueError(f"the output size of {model} is unknown: configure dimensions or native_dim")
        if batch_size < 1 or max_retries < 0:
            raise ValueError("batch_size must be >= 1 and max_retries >= 0")
        self._model = model
        self._dimensions = dimensions
        self._dim = dim
        self._batch_size = batch_size
        self._max_batch_chars = max_batch_chars
        self._max_input_chars = max_input_chars
        self._max_retries = max_retries
        self._backoff_base_s = backoff_base_s
        self._backoff_max_s = backoff_max_s
        self._sleep = sleep
        # The package's own retries are off: this class retries, so every attempt is logged and bounded here.
        self._client = openai.OpenAI(api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=0)

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_name(self) -> str:
        return f"openai:{self._model}:{self._dim}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector per text, in the order given; empty or blank texts are refused before any call."""
        blank = [i for i, text in enumerate(texts) if not text.strip()]
        if blank:
            # The API answers a blank input inside a list with an unhelpful HTTP 400 for the whole batch.
            raise ValueError(f"OpenAI embeddings refuse empty or blank text (positions {blank[:10]})")
        vectors: list[list[float]] = []
        for batch in self._batches([text[: self._max_input_chars] for text in texts]):
            vectors.extend(self._embed_batch(batch))
        return vectors

    def _batches(self, texts: list[str]) -> Iterator[list[str]]:
        # Requests are capped by input count and by total size (the API limits tokens per request).
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and (len(batch) == self._batch_size or size + len(text) > self._max_batch_chars):
                yield batch
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            yield batch

    def backoff_s(self, retry: int, retry_after: str | None = None) -> float:
        """Delay before retry `retry` (1-based): base * 2^(retry-1), capped; a Retry-After is honoured up to the cap."""
        delay = min(self._backoff_max_s, self._backoff_base_s * 2 ** (retry - 1))
        try:
            asked = float(retry_after) if retry_after is not None else 0.0
        except ValueError:
            asked = 0.0  # an HTTP date: our own backoff is enough
        return max(delay, min(asked, self._backoff_max_s))

    def _embed_batch(self, batch: list[str]) -> list[list[float]]:
        reason = ""
        for attempt in range(1, self._max_retries + 2):
            retry_after = None
            # Sent only when configured: ada-002 and many compatible servers reject the parameter.
            shortening: dict[str, Any] = {"dimensions": self._dimensions} if self._dimensions else {}
            try:
                response = self._client.embeddings.create(
                    model=self._model,
                    input=batch,
                    # Plain floats: the package's default base64 is not served by every compatible endpoint.
                    encoding_format="float",
                    **shortening,
                )
            except openai.APITimeoutError:
                reason = "timed out"
            except openai.APIConnectionError as error:
                reason = f"connection failed ({type(error.__cause__ or error).__name__})"
            except openai.APIStatusError as error:
                if error.status_code < 500 and error.status_code not in _RETRYABLE_STATUS:
                    detail = f"HTTP {error.status_code}: {error.message[:200]}"
                    raise EmbeddingFailed(f"{self._model} refused the request: {detail}") from error
                reason = f"HTTP {error.status_code}"
                retry_after = error.response.headers.get("retry-after")
            else:
                return self._vectors(batch, [(item.index, item.embedding) for item in response.data])
            logger.warning(
                "embedding attempt failed",
                extra={"model": self._model, "attempt": attempt, "reason": reason, "texts": len(batch)},
            )
            if attempt <= self._max_retries:
                self._sleep(self.backoff_s(attempt, retry_after))
        raise EmbeddingFailed(f"{self._model} embeddings failed after {self._max_retries + 1} attempts: {reason}")

    def _vectors(self, batch: list[str], items: list[tuple[int, list[float]]]) -> list[list[float]]:
        if sorted(index for index, _ in items) != list(range(len(batch))):
            raise EmbeddingFailed(f"{self._model} returned {len(items)} embeddings for {len(batch)} texts")
        vectors = []
        for _, vector in sorted(items):  # the API's `index` is authoritative, not the reply's order
            if len(vector) != self._dim:
                raise EmbeddingFailed(f"{self._model} returned {len(vector)} dimensions, expected {self._dim}")
            norm = math.sqrt(sum(v * v for v in vector))
            if norm == 0.0:
                raise EmbeddingFailed(f"{self._model} returned a zero vector")
            vectors.append([v / norm for v in vector])
        return vectors
