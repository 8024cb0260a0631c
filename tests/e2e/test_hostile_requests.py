"""Hostile requests over real HTTP: each answered with a specific 4xx before it can become a server error, the
connection kept, refusals recorded; oversized bodies refused before they are read; /health honest when the
database is down."""

from __future__ import annotations

import dataclasses
import json
import select
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI

from hiring.api.app import create_app
from hiring.hygiene import FORBIDDEN_TEXT
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login

KEY_HEADER = "X-Scraper-API-Key"
TOO_BIG_OFFSET = "9223372036854775808"  # 2**63: one past the largest bigint
DEEP = "[" * 2000 + "]" * 2000


@pytest.fixture
def tokens(http: httpx.Client, demo: Any) -> dict[str, dict[str, str]]:
    return {role.value: login(http, email) for role, email in DEMO_USERS.items()}


@pytest.fixture
def bot(http: httpx.Client, tokens: dict[str, dict[str, str]]) -> tuple[dict[str, str], str]:
    """A scraper key and a role handed to it: (headers, role id)."""
    admin = tokens["admin"]
    key = http.post("/api/admin/api-keys", headers=admin, json={"name": "hostile", "rate_limit_per_minute": 600})
    assert key.status_code == 201, key.text
    headers = {KEY_HEADER: key.json()["key"]}
    assert http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Data Engineer"}).status_code == 201
    role = http.get("/api/scrape-queue/next", headers=headers)
    assert role.status_code == 200, role.text
    return headers, role.json()["id"]


def _error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]  # type: ignore[no-any-return]


def _still_serving(http: httpx.Client) -> None:
    """The connection that carried the hostile request still answers (it was not reset)."""
    assert http.get("/health").status_code == 200


# --- integers, query and path text ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/resumes", "/api/jobs"])
def test_an_offset_past_a_bigint_is_refused_not_a_server_error(
    http: httpx.Client, tokens: dict[str, dict[str, str]], path: str
) -> None:
    response = http.get(path, params={"offset": TOO_BIG_OFFSET}, headers=tokens["candidate"])
    assert response.status_code == 422, response.text
    assert any(p["field"] == "offset" for p in _error(response)["detail"]["problems"])
    _still_serving(http)


def test_a_nul_in_a_query_parameter_is_refused_naming_the_parameter(
    http: httpx.Client, tokens: dict[str, dict[str, str]]
) -> None:
    response = http.get("/api/jobs?location=a%00b", headers=tokens["candidate"])
    assert response.status_code == 422, response.text
    error = _error(response)
    assert error["code"] == "invalid_text"
    assert error["detail"]["problems"] == [{"field": "location", "in": "query", "message": FORBIDDEN_TEXT}]
    assert "\x00" not in response.text and "a\\u0000b" not in response.text  # the input is not echoed
    _still_serving(http)


def test_a_nul_in_a_path_parameter_is_refused(http: httpx.Client, tokens: dict[str, dict[str, str]]) -> None:
    response = http.get("/api/jobs/abc%00def", headers=tokens["candidate"])
    assert response.status_code == 422, response.text
    assert _error(response)["code"] == "invalid_text"


# --- JSON bodies --------------------------------------------------------------------------------------------


NUL_BODIES = [
    ("POST", "/api/jobs", "recruiter", {"title": "Dev\u0000", "description": "Python"}, "title"),
    ("POST", "/api/auth/login", None, {"email": "a\u0000@example.com", "password": "x"}, "email"),
    ("POST", "/api/auth/register", None, {"tenant": "demo", "email": "n\u0000@x.org", "password": "p" * 12}, "email"),
    ("POST", "/api/resumes/jsonresume", "candidate", {"basics": {"name": "Ada\u0000"}}, "basics.name"),
    ("POST", "/api/admin/scrape-roles", "admin", {"title": "Dev\u0000"}, "title"),
    ("POST", "/api/resumes/jsonresume", "candidate", {"basics": {"name": "Ada\udc00"}}, "basics.name"),
]


@pytest.mark.parametrize(("method", "path", "role", "body", "field"), NUL_BODIES)
def test_a_nul_or_lone_surrogate_in_a_json_string_is_refused_with_its_path(
    http: httpx.Client,
    tokens: dict[str, dict[str, str]],
    method: str,
    path: str,
    role: str | None,
    body: dict[str, Any],
    field: str,
) -> None:
    headers = {"Content-Type": "application/json", **(tokens[role] if role else {})}
    response = http.request(method, path, headers=headers, content=json.dumps(body).encode())
    assert response.status_code == 422, response.text
    error = _error(response)
    assert error["code"] == "invalid_text"
    assert [p["field"] for p in error["detail"]["problems"]] == [field]
    _still_serving(http)


def test_a_body_that_is_not_utf8_is_refused(http: httpx.Client, tokens: dict[str, dict[str, str]]) -> None:
    response = http.post(
        "/api/admin/scrape-roles",
        headers={**tokens["admin"], "Content-Type": "application/json"},
        content=b'{"title": "Caf\xe9"}',
    )
    assert response.status_code == 422, response.text
    assert _error(response)["code"] == "invalid_text"


def test_a_refused_posting_holding_a_nul_is_still_recorded(
    http: httpx.Client, tokens: dict[str, dict[str, str]]
) -> None:
    escaped = json.dumps({"title": "Dev\u0000ops", "description": "Python", "unknown_field": 1}).encode()
    raw_nul = b'{"title": "Dev\x00ops", "description": "Python"}'  # a NUL byte: not even JSON
    for body, code in ((escaped, "invalid_text"), (raw_nul, "invalid_input")):
        response = http.post("/api/jobs", headers=tokens["recruiter"], content=body)
        assert response.status_code == 422, response.text
        assert _error(response)["code"] == code
    rows = http.get("/api/admin/rejections", headers=tokens["admin"]).json()
    assert [r["kind"] for r in rows] == ["job", "job"]
    not_json, with_nul = rows  # newest first
    assert "title" in with_nul["reason"] and with_nul["detail"]["problems"][0]["field"] == "title"
    assert "not valid JSON" in not_json["reason"]
    assert "Dev\ufffdops" in not_json["detail"]["body_prefix"]  # the evidence, scrubbed


def test_a_refused_scraper_upload_holding_a_nul_is_still_recorded(
    http: httpx.Client, tokens: dict[str, dict[str, str]], bot: tuple[dict[str, str], str]
) -> None:
    headers, role = bot
    response = http.post(f"/api/scrape-queue/{role}/jobs", headers=headers, content=b'{"platform": "in\x00deed"}')
    assert response.status_code == 422, response.text
    rows = http.get("/api/admin/rejections", headers=tokens["admin"]).json()
    assert [r["kind"] for r in rows] == ["scrape_upload"]
    assert "in\ufffddeed" in rows[0]["detail"]["body_prefix"]


def test_scraped_rows_holding_a_nul_are_refused_one_by_one(
    http: httpx.Client, tokens: dict[str, dict[str, str]], bot: tuple[dict[str, str], str], runtime: Any
) -> None:
    headers, role = bot
    jobs = [
        {"external_id": "ok", "title": "Data Engineer", "description": "Python and SQL"},
        {"external_id": "bad", "title": "Data\u0000Engineer", "description": "Python"},
    ]
    response = http.post(f"/api/scrape-queue/{role}/jobs", headers=headers, json={"platform": "indeed", "jobs": jobs})
    assert response.status_code == 202, response.text
    assert response.json()["job_count"] == 1
    assert response.json()["refused"] == [{"row": 2, "reason": "jobs.1.title holds a NUL or control character"}]
    runtime.drain()
    found = http.get("/api/jobs", params={"platform": "indeed"}, headers=tokens["recruiter"]).json()
    assert [j["title"] for j in found] == ["Data Engineer"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"url": "javascript:alert(document.cookie)"}, "url"),
        ({"posted_at": "not a date"}, "posted_at"),
        ({"description": "x" * 100_001}, "description"),
    ],
)
def test_a_posting_with_a_bad_link_date_or_length_is_refused(
    http: httpx.Client, tokens: dict[str, dict[str, str]], extra: dict[str, str], field: str
) -> None:
    response = http.post("/api/jobs", headers=tokens["recruiter"], json={"title": "T", "description": "d", **extra})
    assert response.status_code == 422, response.text
    assert [p["field"] for p in _error(response)["detail"]["problems"]] == [field]


def test_an_admin_import_refuses_bad_rows_one_by_one(http: httpx.Client, tokens: dict[str, dict[str, str]]) -> None:
    rows = [
        {"id": "1", "title": "Engineer", "description": "Python", "posted_at": "not a date"},
        {"id": "2", "title": "Engineer", "description": "Python", "url": "javascript:alert(1)"},
        {"id": "3", "title": "Engineer", "description": "x" * 100_001},
        {"id": "4", "title": "Engi\u0000neer", "description": "Python"},
        {"id": "5", "title": "Engineer", "description": "Python", "posted_at": "2026-11-01"},
    ]
    response = http.post("/api/admin/imports", headers=tokens["admin"], content=json.dumps(rows))
    assert response.status_code == 201, response.text
    batch = response.json()
    assert (batch["new"], batch["failed"]) == (1, 4)
    assert [e["row"] for e in batch["errors"]] == [1, 2, 3, 4]
    assert "title holds a NUL" in batch["errors"][3]["reason"]


# --- JSON depth ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "role", "body"),
    [
        ("/api/admin/imports", "admin", DEEP),
        ("/api/jobs", "recruiter", '{"title": "T", "description": ' + DEEP + "}"),
        ("/api/resumes/jsonresume", "candidate", '{"basics": ' + DEEP + "}"),
        ("/api/admin/scrape-roles", "admin", DEEP),
    ],
)
def test_deeply_nested_json_is_refused_as_too_deep(
    http: httpx.Client, tokens: dict[str, dict[str, str]], path: str, role: str, body: str
) -> None:
    response = http.post(path, headers={**tokens[role], "Content-Type": "application/json"}, content=body)
    assert response.status_code == 422, response.text
    assert _error(response)["code"] == "too_deep"
    _still_serving(http)


def test_a_deep_scraper_upload_is_refused_as_too_deep(http: httpx.Client, bot: tuple[dict[str, str], str]) -> None:
    headers, role = bot
    body = '{"platform": "indeed", "jobs": [' + DEEP + "]}"
    response = http.post(f"/api/scrape-queue/{role}/jobs", headers=headers, content=body)
    assert response.status_code == 422, response.text
    assert _error(response)["code"] == "too_deep"


def test_a_deep_line_of_a_json_lines_feed_fails_alone(http: httpx.Client, tokens: dict[str, dict[str, str]]) -> None:
    feed = '{"id": "a", "title": "Engineer", "description": "Python"}\n' + DEEP + "\n"
    response = http.post("/api/admin/imports", headers=tokens["admin"], content=feed)
    assert response.status_code == 201, response.text
    batch = response.json()
    assert (batch["new"], batch["failed"]) == (1, 1)
    assert "deeper than" in batch["errors"][0]["reason"]


# --- body size ----------------------------------------------------------------------------------------------

HUGE = 200 * 1024 * 1024


def _raw_exchange(base_url: str, head: bytes, body_chunks: Iterator[bytes]) -> tuple[int, int]:
    """Send a request head, then body chunks until the server answers; (status, body bytes sent)."""
    parts = urlsplit(base_url)
    sent = 0
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=60) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            try:
                sock.sendall(chunk)
            except OSError:  # reset, broken pipe or a send that no longer moves: the server stopped reading
                break
            sent += len(chunk)
        answer = sock.recv(65536)
    return int(answer.split(b" ", 2)[1]), sent


def _generated(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    """`total` bytes of a JSON-looking body, produced as it is sent, never held whole."""
    chunk = b"a" * size
    for _ in range(total // size):
        yield chunk


def test_a_200_mb_body_is_refused_from_its_declared_length_before_it_is_read(
    http: httpx.Client, api_base_url: str, tokens: dict[str, dict[str, str]]
) -> None:
    head = (
        b"POST /api/admin/scrape-roles HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        + f"Authorization: {tokens['admin']['Authorization']}\r\nContent-Length: {HUGE}\r\n\r\n".encode()
    )
    status, sent = _raw_exchange(api_base_url, head, _generated(HUGE))
    assert status == 413
    assert sent < HUGE // 10  # answered long before the body could have been read


def test_a_200_mb_chunked_body_is_refused_once_the_limit_is_passed(
    http: httpx.Client, api_base_url: str, tokens: dict[str, dict[str, str]]
) -> None:
    head = (
        b"POST /api/resumes/jsonresume HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        + f"Authorization: {tokens['candidate']['Authorization']}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
    )
    chunks = (f"{len(c):x}\r\n".encode() + c + b"\r\n" for c in _generated(HUGE))
    status, sent = _raw_exchange(api_base_url, head, chunks)
    assert status == 413
    assert sent < HUGE // 10


def test_a_streamed_upload_over_the_limit_is_refused_with_413(
    http: httpx.Client, tokens: dict[str, dict[str, str]], settings: Any
) -> None:
    """Through an ordinary client: a multipart upload past twice max_upload_bytes plus the envelope."""
    too_big = b"%PDF-1.4\n" + b"x" * (3 * settings.max_upload_bytes)
    response = http.post(
        "/api/resumes", headers=tokens["candidate"], files={"file": ("cv.pdf", too_big, "application/pdf")}
    )
    assert response.status_code == 413, response.text
    assert _error(response)["code"] == "payload_too_large"
    assert http.get("/api/resumes", headers=tokens["candidate"]).json() == []  # refused unread, nothing stored


# --- /health with the database down -------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when this returns: nothing listens there


def test_health_answers_503_when_the_database_is_down(http: httpx.Client, container: Any) -> None:
    from hiring.adapters.pg_queue import PostgresWorkQueue
    from hiring.adapters.postgres import Database
    from hiring.container import set_container

    down = Database(f"postgresql://hiring@127.0.0.1:{_closed_port()}/hiring", min_size=0)
    try:
        set_container(dataclasses.replace(container, db=down, queue=PostgresWorkQueue(down, "match")))
        response = http.get("/health")
    finally:
        set_container(container)
        down.close()
    assert response.status_code == 503, response.text
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"].startswith("failed")


# --- anything that escapes a route ----------------------------------------------------------------------------


def test_an_exception_escaping_a_route_is_the_one_error_envelope() -> None:
    from fastapi.testclient import TestClient

    app: FastAPI = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret input 'Ada Lovelace' echoed")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert _error(response)["code"] == "internal_error"
    assert "Ada" not in response.text and "Traceback" not in response.text


def test_the_frameworks_own_refusals_use_the_envelope(http: httpx.Client) -> None:
    missing = http.get("/api/no-such-thing")
    assert (missing.status_code, _error(missing)["code"]) == (404, "not_found")
    wrong_method = http.delete("/health")
    assert (wrong_method.status_code, _error(wrong_method)["code"]) == (405, "method_not_allowed")
