"""An in-process StructuredLlm for the rephrasing paths (match explanations, rejection feedback, cover letters,
outreach): answers a fixed text as `Rephrased`, or raises the exception it was given; keeps what it was asked."""

from __future__ import annotations

from typing import Any

from hiring.llm.ports import LlmReply, Usage
from hiring.llm.prompts import Prompt
from hiring.matching.rephrase import Rephrased


class RephrasingLlm:
    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.seen: list[str] = []  # the user texts, in order
        self.prompts: list[Prompt] = []

    @property
    def model(self) -> str:
        return "fake-model"

    def complete(self, prompt: Prompt, user_text: str, schema: Any) -> LlmReply[Rephrased]:
        self.prompts.append(prompt)
        self.seen.append(user_text)
        if isinstance(self.reply, Exception):
            raise self.reply
        return LlmReply(Rephrased(text=self.reply), Usage(10, 5, 1, 3), "fake-model")
