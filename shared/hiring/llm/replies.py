"""Pull the JSON object out of a model's reply, which may arrive wrapped in a Markdown fence or prose."""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```[A-Za-z0-9_-]*\s*\n?(.*?)```", re.DOTALL)


class InvalidReply(ValueError):
    """The reply holds no JSON object."""


def extract_json_object(content: str | None) -> dict[str, Any]:
    """The JSON object in a reply: bare, inside a ``` fence, or the outermost {...} in surrounding prose."""
    if not content or not content.strip():
        raise InvalidReply("the reply is empty")
    candidates = [content.strip()]
    candidates += [match.strip() for match in _FENCE.findall(content)]
    first, last = content.find("{"), content.rfind("}")
    if 0 <= first < last:
        candidates.append(content[first : last + 1])
    for candidate in candidates:
        try:
            value = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    raise InvalidReply("the reply holds no JSON object")
