"""The OpenAI embedder through the real openai package over HTTP, against a local /v1/embeddings server."""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from hiring.adapters.openai_embedder import EmbeddingFailed, OpenAIEmbedder

API_KEY = "sk-embeddings-test-key"


@dataclass(frozen=True)
class Reply:
    """What the server does with one request: a status, an optional Retry-After, a delay, or a broken size."""

    status: int = 200
    retry_after: str | None = None
    delay_s: float = 0.0
    dims: int | None = None  # reply with this many dimensions whatever was asked


def raw_vector(text: str, dims: int) -> list[float]:
    """The server's deterministic, deliberately unnormalised vector for a text."""
    digest = hashlib.sha256(text.encode()).digest()
    return [float(digest[i % len(digest)] + 1) for i in range(dims)]


def unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector]


class EmbeddingsServer:
    """POST /v1/embeddings on 127.0.0.1: replies from a script (default 200), data in reverse index order."""

    native_dims = 1536

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._script: deque[Reply] = deque()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True  # a slow reply must not hold up shutdown
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        self._script.extend(replies)

    def _reply_for(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        reply = self._script.popleft() if self._script else Reply()
        time.sleep(reply.delay_s)
        if reply.status != 200:
            headers = {"retry-after": reply.retry_after} if reply.retry_after else {}
            return reply.status, {"error": {"message": f"scripted {reply.status}", "type": "test"}}, headers
        dims = reply.dims or body.get("dimensions") or self.native_dims
        data = [
            {"object": "embedding", "index": i, "embedding": raw_vector(text, dims)}
            for i, text in enumerate(body["input"])
        ]
        usage = {"prompt_tokens": len(data), "total_tokens": len(data)}
        return 200, {"object": "list", "data": data[::-1], "model": body["model"], "usage": usage}, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.bodies.append(body)
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path == "/v1/embeddings":
                    status, payload, headers = server._reply_for(body)
                else:
                    status, payload, headers = 404, {"error": {"message": self.path}}, {}
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out first

        return Handler

    def __enter__(self) -> EmbeddingsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[EmbeddingsServer]:
    with EmbeddingsServer() as running:
        yield running


@pytest.fixture
def slept() -> list[float]:
    return []


def _embedder(server: EmbeddingsServer, slept: list[float], **overrides: Any) -> OpenAIEmbedder:
    options: dict[str, Any] = {"base_url": server.base_url, "timeout_s": 2.0, "sleep": slept.append, **overrides}
    return OpenAIEmbedder(API_KEY, options.pop("model", "text-embedding-3-small"), **options)


def test_the_request_names_the_model_the_inputs_and_the_dimensions(
    server: EmbeddingsServer, slept: list[float]
) -> None:
    embedder = _embedder(server, slept, dimensions=256)

    vectors = embedder.embed(["Senior Python developer", "Registered nurse"])

    [body] = server.bodies
    assert body == {
        "model": "text-embedding-3-small",
        "input": ["Senior Python developer", "Registered nurse"],
        "dimensions": 256,
        "encoding_format": "float",
    }
    assert server.headers[0]["authorization"] == f"Bearer {API_KEY}"
    assert (embedder.dim, embedder.model_name) == (256, "openai:text-embedding-3-small:256")
    expected = [unit(raw_vector("Senior Python developer", 256)), unit(raw_vector("Registered nurse", 256))]
    np.testing.assert_allclose(vectors, expected, rtol=1e-12)


def test_without_dimensions_the_models_native_size_is_used(server: EmbeddingsServer, slept: list[float]) -> None:
    embedder = _embedder(server, slept)

    [vector] = embedder.embed(["Kubernetes"])

    assert "dimensions" not in server.bodies[0]
    assert embedder.dim == len(vector) == 1536
    assert math.fsum(v * v for v in vector) == pytest.approx(1.0)


def test_texts_are_sent_in_batches_and_come_back_in_order(server: EmbeddingsServer, slept: list[float]) -> None:
    texts = [f"job posting number {n}" for n in range(5)]

    vectors = _embedder(server, slept, dimensions=8, batch_size=2).embed(texts)

    assert [body["input"] for body in server.bodies] == [texts[0:2], texts[2:4], texts[4:5]]
    np.testing.assert_allclose(vectors, [unit(raw_vector(text, 8)) for text in texts], rtol=1e-12)


def test_a_batch_also_closes_at_its_character_budget(server: EmbeddingsServer, slept: list[float]) -> None:
    texts = ["a" * 60, "b" * 60, "c" * 60]

    _embedder(server, slept, dimensions=8, max_batch_chars=130).embed(texts)

    assert [len(body["input"]) for body in server.bodies] == [2, 1]


def test_an_overlong_text_is_cut_before_it_is_sent(server: EmbeddingsServer, slept: list[float]) -> None:
    _embedder(server, slept, dimensions=8, max_input_chars=100).embed(["x" * 5000])

    assert server.bodies[0]["input"] == ["x" * 100]


def test_a_429_is_retried_after_the_servers_retry_after(server: EmbeddingsServer, slept: list[float]) -> None:
    server.script(Reply(status=429, retry_after="0.3"))

    [vector] = _embedder(server, slept, dimensions=8, backoff_base_s=0.01).embed(["Kubernetes"])

    assert len(server.bodies) == 2 and slept == [0.3]
    assert vector == pytest.approx(unit(raw_vector("Kubernetes", 8)))


def test_repeated_server_errors_back_off_exponentially_then_fail(server: EmbeddingsServer, slept: list[float]) -> None:
    server.script(Reply(status=500), Reply(status=502), Reply(status=500), Reply(status=200))
    embedder = _embedder(server, slept, dimensions=8, max_retries=2, backoff_base_s=0.25, backoff_max_s=0.4)

    with pytest.raises(EmbeddingFailed, match="failed after 3 attempts: HTTP 500"):
        embedder.embed(["Kubernetes"])

    assert len(server.bodies) == 3  # bounded: the scripted success is never asked for
    assert slept == [0.25, 0.4]  # doubled, then capped


def test_a_timeout_is_retried_then_reported(server: EmbeddingsServer, slept: list[float]) -> None:
    server.script(Reply(delay_s=0.6), Reply(delay_s=0.6))

    with pytest.raises(EmbeddingFailed, match="failed after 2 attempts: timed out"):
        _embedder(server, slept, dimensions=8, timeout_s=0.2, max_retries=1).embed(["Kubernetes"])

    assert len(server.bodies) == 2


def test_a_rejected_request_is_not_retried(server: EmbeddingsServer, slept: list[float]) -> None:
    server.script(Reply(status=400))

    with pytest.raises(EmbeddingFailed, match="refused the request: HTTP 400: .*scripted 400"):
        _embedder(server, slept, dimensions=8).embed(["Kubernetes"])

    assert len(server.bodies) == 1 and slept == []


def test_a_reply_of_the_wrong_size_is_an_error(server: EmbeddingsServer, slept: list[float]) -> None:
    server.script(Reply(dims=12))

    with pytest.raises(EmbeddingFailed, match="returned 12 dimensions, expected 8"):
        _embedder(server, slept, dimensions=8).embed(["Kubernetes"])


def test_blank_text_is_refused_before_any_request(server: EmbeddingsServer, slept: list[float]) -> None:
    with pytest.raises(ValueError, match=r"empty or blank text \(positions \[1, 2\]\)"):
        _embedder(server, slept, dimensions=8).embed(["Kubernetes", "", "  \n"])

    assert server.bodies == []


def test_a_model_without_a_known_size_needs_one_configured() -> None:
    with pytest.raises(ValueError, match="output size of nomic-embed-text is unknown"):
        OpenAIEmbedder(API_KEY, "nomic-embed-text", base_url="http://127.0.0.1:9/v1")

    assert OpenAIEmbedder(API_KEY, "nomic-embed-text", base_url="http://127.0.0.1:9/v1", native_dim=768).dim == 768


def test_ada_002_cannot_be_shortened() -> None:
    with pytest.raises(ValueError, match="text-embedding-ada-002 does not accept a dimensions parameter"):
        OpenAIEmbedder(API_KEY, "text-embedding-ada-002", dimensions=256)
