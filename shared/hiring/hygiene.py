"""Input hygiene, in one place: what text, numbers, JSON and URLs must look like before they reach the store.

Every boundary (API bodies and query parameters, feeds and scraper uploads, parsed documents, the inbox) applies
these rules, so a NUL byte, a lone surrogate or a control character never reaches Postgres (which refuses NUL in
text and jsonb) and never turns into a server error.

What each boundary does with text that breaks them (issue 10):

- API JSON bodies, query parameters, path parameters and form fields holding a NUL, another C0 control but tab,
  newline and carriage return, DEL or a lone surrogate are REFUSED with 422 and the code ``invalid_text``, each
  problem naming its field path ("basics.name", "jobs.3.title") and where it was ("body", "query", "path"). A body
  that is not UTF-8 is refused the same way. The input itself is never echoed back. The API's request guard
  (hiring.api.guards) applies this before any route runs; the routes that record their refusals (postings,
  scraper uploads) apply it themselves through hiring.api.bodies, so the refusal is stored (scrubbed) as well.
- JSON is bounded before it is parsed: at most MAX_JSON_DEPTH levels of nesting (``too_deep``), checked by a
  scan of the brackets outside strings, never by recursion; bodies are bounded in bytes by the request guard.
- Feed rows (admin imports, scraper uploads, `hiring jobs import`, board imports) holding such text are refused
  ONE ROW AT A TIME with the reason naming the field; the batch goes on. So are rows whose url is not http(s),
  whose posted_at is not a date (never replaced by the import time) and whose title or description is longer
  than the posting limits (never cut).
- Parsed documents (resumes) are stripped of these characters (strip_control_chars): a document is what it is.
- Anything stored as evidence of a refusal (rejected_inputs, import_errors) goes through scrub_for_storage.
- Integers from the outside are bounded (MAX_OFFSET for paging) before they reach SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit

from hiring.errors import InvalidInput

MAX_JSON_DEPTH = 64  # nesting levels; real documents (JSON Resume, schema.org postings) use fewer than ten
MAX_OFFSET = 1_000_000  # paging past this is a search, not a page; far below a bigint either way
FORBIDDEN_TEXT = "holds a NUL or control character"


class InvalidText(InvalidInput):
    """Text holding a NUL, a control character or a lone surrogate, or a body that is not UTF-8."""

    code = "invalid_text"


class TooDeep(InvalidInput):
    """JSON nested deeper than MAX_JSON_DEPTH."""

    code = "too_deep"


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


def text_problems(value: Any, where: str = "body", prefix: str = "") -> list[dict[str, str]]:
    """One problem ({"field", "in", "message"}) per string of `value` that holds a forbidden character."""
    return [{"field": path, "in": where, "message": FORBIDDEN_TEXT} for path in forbidden_char_paths(value, prefix)]


# --- JSON depth, without recursion ------------------------------------------------------------------------------

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def json_depth(data: bytes | str) -> int:
    """The deepest nesting of brackets outside strings: a scan, so a 2,000-bracket body costs nothing."""
    brackets = _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", _as_bytes(data)))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def check_json_depth(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> None:
    """TooDeep when the JSON nests deeper than max_depth (a body with fewer brackets than that is not scanned)."""
    raw = _as_bytes(data)
    if raw.count(b"[") + raw.count(b"{") > max_depth and json_depth(raw) > max_depth:
        raise TooDeep(f"the JSON is nested deeper than {max_depth} levels")


def loads_bounded(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """json.loads after the depth check: TooDeep instead of a RecursionError; JSON errors as json raises them."""
    check_json_depth(data, max_depth)
    return json.loads(data)


# An escape that may decode to a forbidden character (\u0000-\u001f, \u007f, a surrogate) or a raw control byte:
# cheap to look for in the raw body; only a body that has one is parsed to find the field.
_MAY_HOLD_FORBIDDEN = re.compile(
    rb"\\u(?:00[01][0-9a-fA-F]|007[fF]|[dD][89a-fA-F][0-9a-fA-F]{2})|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def may_hold_forbidden(raw: bytes) -> bool:
    return _MAY_HOLD_FORBIDDEN.search(raw) is not None


# --- URLs -------------------------------------------------------------------------------------------------------


def is_http_url(value: str) -> bool:
    """An absolute http(s) address: what a posting's link may be (never javascript:, data:, file:)."""
    text = value.strip()
    if not text or has_forbidden_chars(text) or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)
