"""Versioned prompt files: prompts/<id>.v<version>.md with a small header, loaded by id and version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

_SCHEMA_SLOT = "{{output_schema}}"
_REQUIRED = ("id", "version", "purpose", "output_schema")


class PromptError(ValueError):
    """A prompt file is missing, or its header does not match its name."""


@dataclass(frozen=True)
class Prompt:
    """One versioned prompt: its header fields and the system message it renders to."""

    id: str
    version: int
    purpose: str
    output_schema: str  # dotted name of the pydantic model the reply must validate against
    body: str

    @property
    def ref(self) -> str:
        """The id and version as one label, e.g. resume_extraction.v1."""
        return f"{self.id}.v{self.version}"

    def system_message(self, schema: type[BaseModel]) -> str:
        """The body with the output model's JSON schema in its slot, so prompt and validator cannot drift."""
        return self.body.replace(_SCHEMA_SLOT, json.dumps(schema.model_json_schema(), indent=1))


def prompt_path(prompts_dir: Path, prompt_id: str, version: int) -> Path:
    """Where a prompt version lives."""
    return prompts_dir / f"{prompt_id}.v{version}.md"


def load_prompt(prompts_dir: Path, prompt_id: str, version: int) -> Prompt:
    """Read and check one prompt file; the header sits between two '---' lines at the top."""
    path = prompt_path(prompts_dir, prompt_id, version)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise PromptError(f"no prompt file {path}") from missing
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        raise PromptError(f"{path.name}: the header must open and close with '---'")
    close = 1 + [line.strip() for line in lines[1:]].index("---")
    header: dict[str, str] = {}
    for line in lines[1:close]:
        key, sep, value = line.partition(":")
        if sep:
            header[key.strip()] = value.strip()
    absent = [key for key in _REQUIRED if not header.get(key)]
    if absent:
        raise PromptError(f"{path.name}: header lacks {', '.join(absent)}")
    if header["id"] != prompt_id or header["version"] != str(version):
        raise PromptError(
            f"{path.name}: header says {header['id']} v{header['version']}, the file name says {prompt_id} v{version}"
        )
    body = "\n".join(lines[close + 1 :]).strip()
    if not body:
        raise PromptError(f"{path.name}: the prompt body is empty")
    return Prompt(
        id=prompt_id, version=version, purpose=header["purpose"], output_schema=header["output_schema"], body=body
    )
