"""The request guard: a pure ASGI middleware that checks every request before its route runs, and answers any
exception that escapes a route with the one error envelope instead of a reset connection.

Before the route: the path and query parameters hold no forbidden text (hiring.hygiene); the body is no larger
than the route's limit (the declared Content-Length first, then the streamed chunks counted, reading stops at the
limit: a 200 MB body is never read whole); a JSON body is UTF-8, nested no deeper than max_json_depth (checked by
a scan, before any parser sees it) and holds no forbidden text. Each refusal is a 4xx with a specific code:
413 payload_too_large, 422 too_deep, 422 invalid_text (naming the field and where it was, never echoing it).

In AWS, API Gateway refuses any request over 10 MB before Lambda sees it, and Lambda's synchronous payload is
6 MB; these limits sit under both, and hold locally where uvicorn has no limit of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiring.api.models import error_body
from hiring.config import Settings, get_settings
from hiring.hygiene import (
    FORBIDDEN_TEXT,
    TooDeep,
    check_json_depth,
    forbidden_char_paths,
    has_forbidden_chars,
    may_hold_forbidden,
    strip_control_chars,
    text_problems,
)
from hiring.observability import logger


@dataclass(frozen=True)
class BodyRules:
    """What the guard checks in one route's body; the routes that record their refusals check text themselves."""

    limit: int
    check_depth: bool = True
    check_text: bool = True


# (method, path pattern, rules). The routes named here differ from the default (a JSON body of at most
# max_json_body_bytes, depth and text checked here).
# A resume upload up to twice max_upload_bytes (plus the multipart envelope) still reaches its route, so its
# refusal is stored with the resume (status failed, too_large) as every bad upload's is; past that it is refused
# here unread, as a 200 MB body must be.
_UPLOAD = ("POST", re.compile(r"/api/resumes"))
_FEED = ("POST", re.compile(r"/api/admin/imports"))  # JSON array or JSON Lines: depth and text checked per row
_SCRAPE_UPLOAD = ("POST", re.compile(r"/api/scrape-queue/[^/]+/jobs"))  # text checked per row, refusals recorded
_POSTING = (frozenset({"POST", "PUT"}), re.compile(r"/api/jobs(?:/[^/]+)?"))  # refusals recorded (api.bodies)


def body_rules(method: str, path: str, settings: Settings) -> BodyRules:
    if method == _UPLOAD[0] and _UPLOAD[1].fullmatch(path):
        return BodyRules(2 * settings.max_upload_bytes + settings.multipart_overhead_bytes)
    if method == _FEED[0] and _FEED[1].fullmatch(path):
        return BodyRules(settings.max_bulk_body_bytes, check_depth=False, check_text=False)
    if method == _SCRAPE_UPLOAD[0] and _SCRAPE_UPLOAD[1].fullmatch(path):
        return BodyRules(settings.max_bulk_body_bytes, check_text=False)
    if method in _POSTING[0] and _POSTING[1].fullmatch(path):
        return BodyRules(settings.max_json_body_bytes, check_text=False)
    return BodyRules(settings.max_json_body_bytes)


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str
    detail: list[dict[str, str]] | None = None
    close: bool = False  # the body was not read: the connection cannot carry another request


class _Disconnected(Exception):
    """The client went away while sending its body."""


class RequestGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            refusal = _target_refusal(scope)
            if refusal is None:
                rules = body_rules(scope["method"], scope["path"], get_settings())
                body, refusal = await _read_body(scope, receive, rules.limit)
                if refusal is None:
                    refusal = _body_refusal(scope, body, rules, get_settings().max_json_depth)
            if refusal is not None:
                await _answer(send, refusal)
                return
            await self.app(scope, _replay(body, receive), tracked)
        except _Disconnected:
            return
        except Exception as exc:  # noqa: BLE001 - the last line: whatever escaped becomes one 500, never a reset
            _log_escaped(scope, exc)
            if not started:
                await _answer(send, Refusal(500, "internal_error", "the server could not answer this request"))


def _log_escaped(scope: Scope, exc: Exception) -> None:
    """The exception's type, the route and where it was raised: never its message, which may quote the input."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb else "unknown"
    logger.error(
        "unhandled error",
        extra={"error": type(exc).__name__, "method": scope.get("method"), "path": scope.get("path"), "at": where},
    )


def _target_refusal(scope: Scope) -> Refusal | None:
    """Forbidden text in the path or the query string (422 invalid_text naming the parameter)."""
    if has_forbidden_chars(scope["path"]):
        return _invalid_text([{"field": "path", "in": "path", "message": FORBIDDEN_TEXT}])
    query = scope.get("query_string", b"")
    if not query:
        return None
    problems = _form_problems(query, "query")
    return _invalid_text(problems) if problems else None


def _form_problems(encoded: bytes, where: str) -> list[dict[str, str]]:
    try:
        pairs = parse_qsl(encoded.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return [{"field": where, "in": where, "message": "is not valid UTF-8"}]
    return [
        {"field": strip_control_chars(name) or "?", "in": where, "message": FORBIDDEN_TEXT}
        for name, value in pairs
        if has_forbidden_chars(name) or has_forbidden_chars(value)
    ]


def _invalid_text(problems: list[dict[str, str]]) -> Refusal:
    return Refusal(422, "invalid_text", "the request holds text that is not allowed", problems)


async def _read_body(scope: Scope, receive: Receive, limit: int) -> tuple[bytes, Refusal | None]:
    """The whole body, or a 413 as soon as it is known to pass `limit` (declared, or counted as it streams)."""
    too_large = Refusal(
        413, "payload_too_large", f"the body is larger than the {limit:,} bytes accepted here", close=True
    )
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                if int(value) > limit:
                    return b"", too_large
            except ValueError:
                pass  # the server refuses a malformed length itself
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", too_large
        if chunk:
            chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), None


def _content_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return str(value.decode("latin-1")).split(";", 1)[0].strip().lower()
    return ""


def _body_refusal(scope: Scope, body: bytes, rules: BodyRules, max_depth: int) -> Refusal | None:
    if not body:
        return None
    kind = _content_type(scope)
    if kind.startswith("multipart/"):
        return None  # files: their text is the documents' business (stripped, hiring.resume)
    if kind == "application/x-www-form-urlencoded":
        problems = _form_problems(body, "body")
        return _invalid_text(problems) if problems else None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return _invalid_text([{"field": "body", "in": "body", "message": "is not valid UTF-8"}])
    if rules.check_depth:
        try:
            check_json_depth(body, max_depth)
        except TooDeep as exc:
            return Refusal(422, "too_deep", exc.message)
    if rules.check_text and may_hold_forbidden(body):
        try:
            document: Any = json.loads(body)
        except (ValueError, RecursionError):
            return None  # not JSON: the route answers that with its own reason
        if any(True for _ in forbidden_char_paths(document)):
            return _invalid_text(text_problems(document))
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read here, handed to the route as one message; then the client's own messages (disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _answer(send: Send, refusal: Refusal) -> None:
    detail = {"problems": refusal.detail} if refusal.detail else None
    payload = json.dumps(error_body(refusal.code, refusal.message, detail)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if refusal.close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload, "more_body": False})
