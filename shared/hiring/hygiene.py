"""Input hygiene, in one place: what text, numbers, JSON and URLs must look like before they reach the store.

Every boundary (API bodies and query parameters, feeds and scraper uploads, parsed documents, the inbox) applies
these rules, so a NUL byte, a lone surrogate or a control character never reaches Postgres (which refuses NUL in
text and jsonb) and never turns into a server error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# C0 controls but tab, newline and carriage return; DEL; lone UTF-16 surrogates (not encodable as UTF-8).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def strip_control_chars(text: str) -> str:
    """The text without characters no document means: NUL and other C0 controls, DEL, lone surrogates."""
    return _FORBIDDEN.sub("", text)


def has_forbidden_chars(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def forbidden_char_paths(value: Any, path: str = "") -> Iterator[str]:
    """The JSON paths ("jobs.3.title", "basics.name") of every string, key included, holding a forbidden character."""
    if isinstance(value, str):
        if has_forbidden_chars(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and has_forbidden_chars(key):
                yield child
            yield from forbidden_char_paths(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from forbidden_char_paths(item, f"{path}.{index}" if path else str(index))


def scrub_for_storage(value: Any) -> Any:
    """A JSON value safe to keep in jsonb as evidence of a refusal: forbidden characters shown as U+FFFD."""
    if isinstance(value, str):
        return _FORBIDDEN.sub("\ufffd", value)
    if isinstance(value, dict):
        return {scrub_for_storage(k): scrub_for_storage(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_for_storage(v) for v in value]
    return value
