"""The GitHub enrichment adapter (issue 14) against a local HTTP server answering the REST API's documented shapes
(GET /users/{login}, /users/{login}/repos, /repos/{owner}/{repo}/languages): repositories, languages and recent
activity become evidence; a second look revalidates with If-None-Match (304); a spent rate limit stops the calls
until its reset; an unknown login is None."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from hiring.sourcing.enrichment import EnrichmentRateLimited, GitHubAdapter

NOW = 1_800_000_000.0  # 2027-01-15
USER = {"login": "octo", "id": 1, "public_repos": 3, "type": "User"}
REPOS = [
    {
        "name": "api",
        "fork": False,
        "language": "Python",
        "pushed_at": "2027-01-10T08:00:00Z",
        "owner": {"login": "octo"},
    },
    {"name": "fork", "fork": True, "language": "C", "pushed_at": "2027-01-11T08:00:00Z", "owner": {"login": "octo"}},
    {"name": "old", "fork": False, "language": "Go", "pushed_at": "2020-05-01T08:00:00Z", "owner": {"login": "octo"}},
]
LANGUAGES = {"/repos/octo/api/languages": {"Python": 9000, "Shell": 100}, "/repos/octo/old/languages": {"Go": 5000}}


class FakeGitHub(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        self.remaining = 60
        self.reset = NOW + 600


class _Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path.split("?", 1)[0]
        self.server.requests.append((self.path, self.headers.get("If-None-Match")))
        limits = {"x-ratelimit-limit": "60", "x-ratelimit-reset": str(int(self.server.reset))}
        if self.server.remaining <= 0:
            return self._send(403, {"message": "API rate limit exceeded"}, {**limits, "x-ratelimit-remaining": "0"})
        body: Any = {"/users/octo": USER, "/users/octo/repos": REPOS}.get(path, LANGUAGES.get(path))
        if body is None:
            return self._send(404, {"message": "Not Found"}, limits)
        etag = f'"{abs(hash(json.dumps(body, sort_keys=True)))}"'
        if self.headers.get("If-None-Match") == etag:  # a 304 does not count against the limit
            return self._send(304, None, {**limits, "x-ratelimit-remaining": str(self.server.remaining), "ETag": etag})
        self.server.remaining -= 1
        return self._send(200, body, {**limits, "x-ratelimit-remaining": str(self.server.remaining), "ETag": etag})

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    server = FakeGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _adapter(server: FakeGitHub) -> GitHubAdapter:
    return GitHubAdapter(f"http://127.0.0.1:{server.server_address[1]}", clock=lambda: NOW)


def test_repositories_languages_and_recent_activity_become_evidence(github: FakeGitHub) -> None:
    evidence = _adapter(github).enrich("octo")
    assert evidence is not None
    assert evidence.repos == ["api", "old"]  # forks are not the person's own work
    assert evidence.languages == {"Python": 9000, "Go": 5000, "Shell": 100}
    assert {"Python", "Go"} <= set(evidence.skills)
    assert evidence.recent_repos == 1 and evidence.last_pushed_at is not None
    assert evidence.last_pushed_at.year == 2027 and evidence.public_repos == 3
    assert [p.split("?")[0] for p, _ in github.requests] == [
        "/users/octo", "/users/octo/repos", "/repos/octo/api/languages", "/repos/octo/old/languages"
    ]  # fmt: skip


def test_a_second_look_is_conditional_and_costs_no_rate_limit(github: FakeGitHub) -> None:
    adapter = _adapter(github)
    first = adapter.enrich("octo")
    spent = github.remaining
    assert adapter.enrich("octo") == first
    assert github.remaining == spent  # every answer was a 304
    assert all(etag for _, etag in github.requests[4:]) and len(github.requests) == 8


def test_a_spent_rate_limit_stops_calls_until_the_reset(github: FakeGitHub) -> None:
    github.remaining = 0
    adapter = _adapter(github)
    with pytest.raises(EnrichmentRateLimited) as raised:
        adapter.enrich("octo")
    assert raised.value.reset_at == github.reset
    with pytest.raises(EnrichmentRateLimited):
        adapter.enrich("octo")
    assert len(github.requests) == 1  # the second call never left the adapter


def test_an_unknown_login_is_none(github: FakeGitHub) -> None:
    assert _adapter(github).enrich("nobody-here") is None
