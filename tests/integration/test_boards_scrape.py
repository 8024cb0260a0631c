"""The board scraper over real HTTP against a local server that serves the fixture files like the boards do:
ETag / Last-Modified with 304s, gzip, a 429 with Retry-After, a 500, and a 404."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import re
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from hiring.boards.config import BoardSettings, BoardSpec, reset_board_settings
from hiring.boards.http_cache import InMemoryValidatorStore
from hiring.boards.postings import BoardPosting
from hiring.boards.service import build_clients, scrape_boards
from hiring.config import REPO_ROOT
from hiring.container import set_container
from hiring.runtime import events
from hiring.runtime.invoke import LocalLambdaContext
from tests.fixtures.boards import GREENHOUSE_JOBS, LEVER_POSTINGS

LAST_MODIFIED = "Sat, 21 Nov 2026 10:00:00 GMT"
GREENHOUSE = BoardSpec(platform="greenhouse", token="northwindlogistics", company="Northwind Logistics")
LEVER = BoardSpec(platform="lever", token="brightpath", company="BrightPath")
BUSY = BoardSpec(platform="greenhouse", token="busyco", company="Busy Co")
BROKEN = BoardSpec(platform="lever", token="brokenco", company="Broken Co")
UNKNOWN = BoardSpec(platform="greenhouse", token="nosuchboard", company="Nobody")


@dataclass
class Seen:
    path: str
    headers: Mapping[str, str]
    at: float
    status: int


@dataclass
class BoardServer:
    base_url: str
    seen: list[Seen] = field(default_factory=list)
    busy_answered: bool = False

    def to(self, token: str) -> list[Seen]:
        return [s for s in self.seen if f"/{token}" in s.path]


def _serve(board: BoardServer) -> type[BaseHTTPRequestHandler]:
    bodies = {"northwindlogistics": GREENHOUSE_JOBS.read_bytes(), "busyco": GREENHOUSE_JOBS.read_bytes()}
    lever_bodies = {"brightpath": LEVER_POSTINGS.read_bytes()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
            pass

        def _reply(self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None) -> None:
            board.seen.append(Seen(self.path, dict(self.headers.items()), time.monotonic(), status))
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
            greenhouse = re.fullmatch(r"/v1/boards/([\w.-]+)/jobs\?content=true", self.path)
            found = greenhouse or re.fullmatch(r"/v0/postings/([\w.-]+)\?mode=json", self.path)
            token = found.group(1) if found else ""
            if token == "busyco" and not board.busy_answered:
                board.busy_answered = True
                self._reply(429, b'{"error": "Too Many Requests"}', {"Retry-After": "1"})
                return
            if token == "brokenco":
                self._reply(500, b"Internal Server Error", {"Content-Type": "text/plain"})
                return
            body = (bodies if greenhouse else lever_bodies).get(token)
            if body is None:
                self._reply(
                    404, b'{"status": 404, "error": "Job board not found"}', {"Content-Type": "application/json"}
                )
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._reply(304, headers=validators)
                return
            headers = {"Content-Type": "application/json; charset=utf-8", **validators}
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._reply(200, body, headers)

    return Handler


@pytest.fixture
def board_server() -> Iterator[BoardServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    board = BoardServer(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _serve(board)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield board
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@dataclass
class CollectingSink:
    batches: list[tuple[str, str, list[BoardPosting]]] = field(default_factory=list)

    def __call__(self, platform: str, company: str, postings: list[BoardPosting]) -> Mapping[str, Any]:
        self.batches.append((platform, company, postings))
        return {"new": len(postings), "updated": 0, "duplicate": 0, "failed": 0}


def _settings(board: BoardServer, boards: list[BoardSpec], min_interval_s: float = 0.0) -> BoardSettings:
    return BoardSettings(
        boards=boards,
        boards_min_interval_s=min_interval_s,
        boards_timeout_s=5,
        boards_backoff_base_s=0.05,
        boards_max_attempts=3,
        boards_user_agent="hiring-test-reader/1.0 (+https://example.com/bot)",
        boards_greenhouse_base_url=board.base_url,
        boards_lever_base_url=board.base_url,
    )


def _scrape(settings: BoardSettings, validators: InMemoryValidatorStore, sink: CollectingSink) -> dict[str, Any]:
    summaries = scrape_boards(settings.boards, build_clients(settings), validators, sink)
    return {summary.token: summary for summary in summaries}


def test_boards_are_imported_once_then_answered_with_304(board_server: BoardServer) -> None:
    settings = _settings(board_server, [GREENHOUSE, LEVER])
    validators, sink = InMemoryValidatorStore(), CollectingSink()

    first = _scrape(settings, validators, sink)
    second = _scrape(settings, validators, sink)

    assert [(c, len(batch)) for _, c, batch in sink.batches] == [("Northwind Logistics", 5), ("BrightPath", 5)]
    assert first["northwindlogistics"].fetched == 5 and first["brightpath"].fetched == 5
    assert second["northwindlogistics"].unchanged and second["brightpath"].unchanged
    assert [s.status for s in board_server.seen] == [200, 200, 304, 304]
    conditional = board_server.to("brightpath")[-1].headers
    assert conditional["If-None-Match"].startswith('"') and conditional["If-Modified-Since"] == LAST_MODIFIED
    assert {s.headers["User-Agent"] for s in board_server.seen} == {settings.boards_user_agent}


def test_a_429_is_retried_after_the_time_the_server_asked_for(board_server: BoardServer) -> None:
    sink = CollectingSink()

    summary = _scrape(_settings(board_server, [BUSY]), InMemoryValidatorStore(), sink)["busyco"]

    first, second = board_server.to("busyco")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    assert summary.error is None and summary.fetched == 5


def test_a_failing_board_gives_up_after_bounded_retries_and_the_others_still_import(board_server: BoardServer) -> None:
    sink = CollectingSink()

    summaries = _scrape(_settings(board_server, [BROKEN, UNKNOWN, GREENHOUSE]), InMemoryValidatorStore(), sink)

    assert [s.status for s in board_server.to("brokenco")] == [500, 500, 500]
    assert summaries["brokenco"].error is not None
    assert "gave up after 3 attempts: server error (HTTP 500)" in summaries["brokenco"].error
    assert len(board_server.to("nosuchboard")) == 1
    assert (summaries["nosuchboard"].error or "").startswith("board not found (HTTP 404)")
    assert [c for _, c, _ in sink.batches] == ["Northwind Logistics"]


def test_requests_to_one_host_keep_the_configured_spacing(board_server: BoardServer) -> None:
    _scrape(_settings(board_server, [GREENHOUSE, LEVER, UNKNOWN], 0.3), InMemoryValidatorStore(), CollectingSink())

    starts = [s.at for s in board_server.seen]
    assert len(starts) == 3
    assert all(later - earlier >= 0.28 for earlier, later in zip(starts, starts[1:], strict=False))


@dataclass
class BoardDeps:
    board_validators: InMemoryValidatorStore
    board_import_sink: CollectingSink


def test_the_scheduled_handler_scrapes_the_configured_boards(
    board_server: BoardServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "HIRING_BOARDS",
        '[{"platform":"greenhouse","token":"northwindlogistics","company":"Northwind Logistics"},'
        '{"platform":"lever","token":"brokenco","company":"Broken Co"}]',
    )
    monkeypatch.setenv("HIRING_BOARDS_GREENHOUSE_BASE_URL", board_server.base_url)
    monkeypatch.setenv("HIRING_BOARDS_LEVER_BASE_URL", board_server.base_url)
    monkeypatch.setenv("HIRING_BOARDS_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("HIRING_BOARDS_MIN_INTERVAL_S", "0")
    path = REPO_ROOT / "functions" / "scrape_boards" / "handler.py"
    spec = importlib.util.spec_from_file_location("lambda_scrape_boards_handler", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    deps = BoardDeps(InMemoryValidatorStore(), CollectingSink())
    reset_board_settings()
    set_container(deps)  # type: ignore[arg-type]  # the handler needs only the scraper's two dependencies
    try:
        result = module.handler(events.scheduled("hiring-scrape_boards"), LocalLambdaContext("scrape_boards", 256, 300))
    finally:
        set_container(None)
        reset_board_settings()

    by_token = {board["token"]: board for board in result["boards"]}
    assert by_token["northwindlogistics"]["fetched"] == 5 and by_token["northwindlogistics"]["error"] is None
    assert "HTTP 500" in by_token["brokenco"]["error"]
    assert [c for _, c, _ in deps.board_import_sink.batches] == ["Northwind Logistics"]


def test_scraped_boards_land_in_the_job_store_through_the_feed_import(  # type: ignore[no-untyped-def]
    board_server: BoardServer, monkeypatch: pytest.MonkeyPatch, container, demo, runtime
) -> None:
    board = '[{"platform":"greenhouse","token":"northwindlogistics","company":"Northwind"}]'
    monkeypatch.setenv("HIRING_BOARDS", board)
    monkeypatch.setenv("HIRING_BOARDS_GREENHOUSE_BASE_URL", board_server.base_url)
    monkeypatch.setenv("HIRING_BOARDS_MIN_INTERVAL_S", "0")
    reset_board_settings()
    try:
        first = runtime.fire_schedule("scrape_boards")
        second = runtime.fire_schedule("scrape_boards")
    finally:
        reset_board_settings()
    runtime.drain()

    [board] = first["boards"]
    assert board["error"] is None and board["imported"]["new"] == board["fetched"] == 5
    assert second["boards"][0]["unchanged"]  # the stored validators made the second run a 304
    assert board_server.to("northwindlogistics")[-1].status == 304
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT analysis_status, required_skills FROM jobs WHERE platform = 'greenhouse' AND tenant_id = %s",
            (demo.tenant_id,),
        ).fetchall()
        stored = conn.execute("SELECT etag, last_modified FROM board_validators").fetchone()
    assert len(rows) == 5 and {r["analysis_status"] for r in rows} == {"analyzed"}
    assert stored["etag"] or stored["last_modified"]
