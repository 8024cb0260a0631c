"""LLM settings, validated once when first asked for; nothing reads the environment at import time."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from hiring.config import REPO_ROOT


class LlmSettings(BaseSettings):
    """The optional LLM path: any OpenAI-compatible endpoint. Environment variables use the HIRING_LLM_ prefix."""

    model_config = SettingsConfigDict(env_prefix="HIRING_LLM_", extra="ignore")

    enabled: bool = False
    base_url: str | None = None  # e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (Ollama)
    api_key: SecretStr | None = None  # SecretStr so repr(), logs and tracebacks show '**********'
    # In AWS the key lives in Secrets Manager (a JSON secret {"api_key": ...} the stack creates empty): read once
    # on first use; while it is empty or unreadable the LLM stays off (logged), never a failed request.
    api_key_secret_arn: str | None = None
    model: str | None = None
    timeout_s: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)  # retries after the first attempt
    backoff_base_s: float = Field(default=0.5, ge=0)
    backoff_max_s: float = Field(default=8.0, ge=0)
    json_mode: bool = True  # send response_format=json_object; dropped automatically if the endpoint refuses it
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_input_chars: int = Field(default=30_000, ge=1_000)  # resume text beyond this is cut before sending
    price_input_per_1k: float = Field(default=0.0, ge=0)  # USD per 1K prompt tokens, for cost estimates only
    price_output_per_1k: float = Field(default=0.0, ge=0)  # USD per 1K completion tokens
    prompts_dir: Path = REPO_ROOT / "prompts"
    prompt_id: str = "resume_extraction"
    prompt_version: int = Field(default=1, ge=1)
    confident_at: float = Field(default=0.6, ge=0, le=1)  # rule-based group confidence from which rules win

    @model_validator(mode="after")
    def _enabled_needs_an_endpoint(self) -> LlmSettings:
        if self.enabled:
            missing = [
                name
                for name, value in (
                    ("HIRING_LLM_BASE_URL", self.base_url),
                    ("HIRING_LLM_MODEL", self.model),
                    # Explicit even for Ollama/vLLM (any value works there): the openai package would
                    # otherwise fall back to OPENAI_API_KEY from the environment without saying so.
                    (
                        "HIRING_LLM_API_KEY or HIRING_LLM_API_KEY_SECRET_ARN",
                        self.api_key.get_secret_value() if self.api_key else self.api_key_secret_arn,
                    ),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"HIRING_LLM_ENABLED=true needs {', '.join(missing)}")
        return self

    @property
    def endpoint_host(self) -> str | None:
        """The endpoint's host (no path, no credentials), safe to log and store."""
        if not self.base_url:
            return None
        return urlsplit(self.base_url).hostname

    def estimate_cost(self, tokens_in: int, tokens_out: int) -> float:
        """Estimated USD for one call from the configured per-1K prices."""
        return tokens_in / 1000 * self.price_input_per_1k + tokens_out / 1000 * self.price_output_per_1k


@lru_cache(maxsize=1)
def get_llm_settings() -> LlmSettings:
    """The process-wide LLM settings, read from the environment on first use (a Lambda's cold start); an API key
    kept in Secrets Manager is read then too, and the LLM is off while that secret holds no key."""
    settings = LlmSettings()
    if not settings.enabled or settings.api_key is not None or not settings.api_key_secret_arn:
        return settings
    from hiring.adapters.aws_secrets import third_party_key

    key = third_party_key(settings.api_key_secret_arn, "api_key", os.environ.get("AWS_REGION"))
    if key is None:
        return settings.model_copy(update={"enabled": False})
    return settings.model_copy(update={"api_key": SecretStr(key)})


def reset_llm_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_llm_settings.cache_clear()
