"""A small OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies, recording every request it gets."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

COMPLETIONS_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class ScriptedReply:
    """One scripted answer: an HTTP status, the assistant message content (or an error body), and a delay."""

    status: int = 200
    content: str | None = None
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 100
    completion_tokens: int = 50


def json_reply(payload: dict[str, Any], fenced: bool = False, **kwargs: Any) -> ScriptedReply:
    """A 200 whose message is the payload as JSON, optionally inside a ```json fence with chatter around it."""
    text = json.dumps(payload)
    if fenced:
        text = f"Here is the extracted resume:\n```json\n{text}\n```\nLet me know if you need more."
    return ScriptedReply(content=text, **kwargs)


def text_reply(content: str, **kwargs: Any) -> ScriptedReply:
    """A 200 whose message is this raw text (for invalid JSON)."""
    return ScriptedReply(content=content, **kwargs)


def error_reply(status: int, retry_after_s: float | None = None) -> ScriptedReply:
    """An OpenAI-style error response."""
    headers = {"retry-after": str(retry_after_s)} if retry_after_s is not None else {}
    return ScriptedReply(status=status, headers=headers)


@dataclass(frozen=True)
class RecordedRequest:
    """What the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class FakeOpenAIServer:
    """Serves POST /v1/chat/completions from a script, one reply per request, in order."""

    def __init__(self, *replies: ScriptedReply, rejects_response_format: bool = False) -> None:
        self._script: deque[ScriptedReply] = deque(replies)
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.rejects_response_format = rejects_response_format
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True  # a deliberately slow reply must not hold up shutdown
        # A short poll interval: shutdown() waits up to one interval, and every test stops a server.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        """The base URL an OpenAI client is configured with."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, *replies: ScriptedReply) -> None:
        """Queue the next replies."""
        with self._lock:
            self._script.extend(replies)

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, body: dict[str, Any]) -> ScriptedReply:
        with self._lock:
            if self.rejects_response_format and "response_format" in body:
                return ScriptedReply(status=400, content="response_format is not supported")
            if not self._script:
                return ScriptedReply(status=500, content="the test script has no reply left")
            return self._script.popleft()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: pytest output is for assertions

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_unparseable": raw.decode(errors="replace")}
                with server._lock:
                    server.requests.append(
                        RecordedRequest("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                if self.path != COMPLETIONS_PATH:
                    self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                    return
                reply = server._next(body)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.status != 200:
                    message = reply.content or f"scripted HTTP {reply.status}"
                    self._send(reply.status, {"error": {"message": message, "type": "scripted"}}, reply.headers)
                    return
                self._send(
                    200,
                    {
                        "id": f"chatcmpl-fake-{len(server.requests)}",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "unknown"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply.content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": reply.prompt_tokens,
                            "completion_tokens": reply.completion_tokens,
                            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                        },
                    },
                    reply.headers,
                )

            def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (the timeout test): nothing left to tell it

        return Handler
