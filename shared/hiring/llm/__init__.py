"""The optional LLM path (off by default): extraction through any OpenAI-compatible endpoint, grounded in the text."""

from hiring.llm.config import LlmSettings, get_llm_settings, reset_llm_settings
from hiring.llm.enhance import enhance_with_llm, maybe_enhance
from hiring.llm.ports import LlmCallRecord, LlmCallRecorder
from hiring.llm.recorder import InMemoryLlmCallRecorder, PostgresLlmCallRecorder

__all__ = [
    "InMemoryLlmCallRecorder",
    "LlmCallRecord",
    "LlmCallRecorder",
    "LlmSettings",
    "PostgresLlmCallRecorder",
    "enhance_with_llm",
    "get_llm_settings",
    "maybe_enhance",
    "reset_llm_settings",
]
