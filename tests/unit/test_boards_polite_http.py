"""The polite fetcher: identifies itself, asks conditionally, spaces requests, backs off, and gives up clearly."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from hiring.boards.http_cache import Validator
from hiring.boards.polite_http import (
    BoardFetchError,
    FetchPolicy,
    HostRateLimiter,
    HttpResponse,
    PoliteFetcher,
    TransportError,
    retry_after_seconds,
)
from tests.fixtures.boards.fakes import FakeClock, ScriptedTransport

URL = "https://boards-api.greenhouse.io/v1/boards/northwindlogistics/jobs?content=true"
OTHER_HOST = "https://api.lever.co/v0/postings/brightpath?mode=json"
BODY = b'{"jobs": [], "meta": {"total": 0}}'
UA = "hiring-test-reader/1.0 (+https://example.com/bot)"


def _fetcher(clock: FakeClock, transport: ScriptedTransport, min_interval_s: float = 1.0) -> PoliteFetcher:
    policy = FetchPolicy(user_agent=UA, timeout_s=5, max_attempts=3, backoff_base_s=2.0, max_retry_after_s=60.0)
    limiter = HostRateLimiter(min_interval_s, clock=clock.monotonic, sleep=clock.sleep)
    return PoliteFetcher(policy, limiter, transport, sleep=clock.sleep, now=clock.now)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def transport(clock: FakeClock) -> ScriptedTransport:
    return ScriptedTransport(clock)


def test_the_first_request_identifies_itself_and_asks_unconditionally(
    clock: FakeClock, transport: ScriptedTransport
) -> None:
    transport.answer(URL, HttpResponse(200, {"etag": '"v1"', "last-modified": "Sat, 21 Nov 2026 10:00:00 GMT"}, BODY))

    fetched = _fetcher(clock, transport).get(URL)

    (sent,) = transport.sent
    assert sent.headers["User-Agent"] == UA
    assert sent.headers["Accept"] == "application/json"
    assert "If-None-Match" not in sent.headers and "If-Modified-Since" not in sent.headers
    assert (fetched.status, fetched.body) == (200, BODY)
    assert fetched.validator == Validator(etag='"v1"', last_modified="Sat, 21 Nov 2026 10:00:00 GMT")


def test_a_stored_validator_makes_the_request_conditional_and_304_means_not_modified(
    clock: FakeClock, transport: ScriptedTransport
) -> None:
    stored = Validator(etag='"v1"', last_modified="Sat, 21 Nov 2026 10:00:00 GMT", content_sha256="abc")
    transport.answer(URL, HttpResponse(304, {}, b""))

    fetched = _fetcher(clock, transport).get(URL, stored)

    (sent,) = transport.sent
    assert sent.headers["If-None-Match"] == '"v1"'
    assert sent.headers["If-Modified-Since"] == "Sat, 21 Nov 2026 10:00:00 GMT"
    assert fetched.not_modified
    assert fetched.validator == stored  # a 304 without validators keeps the ones we sent


def test_a_429_waits_as_long_as_retry_after_says_then_succeeds(clock: FakeClock, transport: ScriptedTransport) -> None:
    transport.answer(URL, HttpResponse(429, {"retry-after": "7"}, b""), HttpResponse(200, {}, BODY))

    fetched = _fetcher(clock, transport).get(URL)

    assert fetched.body == BODY
    assert [r.at for r in transport.sent] == [0.0, 7.0]


def test_a_429_with_an_http_date_waits_until_that_date(clock: FakeClock, transport: ScriptedTransport) -> None:
    when = (clock.now() + dt.timedelta(seconds=12)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    transport.answer(URL, HttpResponse(429, {"retry-after": when}, b""), HttpResponse(200, {}, BODY))

    _fetcher(clock, transport).get(URL)

    assert [r.at for r in transport.sent] == [0.0, 12.0]


def test_a_retry_after_longer_than_we_wait_ends_the_board_without_sleeping(
    clock: FakeClock, transport: ScriptedTransport
) -> None:
    transport.answer(URL, HttpResponse(429, {"retry-after": "3600"}, b""))

    with pytest.raises(BoardFetchError, match="wait 3600s") as caught:
        _fetcher(clock, transport).get(URL)

    assert caught.value.status == 429
    assert len(transport.sent) == 1 and clock.sleeps == []


def test_server_errors_are_retried_with_growing_backoff_then_given_up(
    clock: FakeClock, transport: ScriptedTransport
) -> None:
    transport.answer(URL, HttpResponse(503, {}, b"unavailable"))

    with pytest.raises(BoardFetchError, match=r"gave up after 3 attempts: server error \(HTTP 503\)"):
        _fetcher(clock, transport).get(URL)

    assert [r.at for r in transport.sent] == [0.0, 2.0, 6.0]  # waits of 2 s then 4 s


def test_a_server_error_then_success_returns_the_body(clock: FakeClock, transport: ScriptedTransport) -> None:
    transport.answer(URL, HttpResponse(500, {}, b""), HttpResponse(200, {}, BODY))

    assert _fetcher(clock, transport).get(URL).body == BODY


def test_network_errors_are_retried_and_reported(clock: FakeClock, transport: ScriptedTransport) -> None:
    transport.answer(URL, TransportError("timed out"))

    with pytest.raises(BoardFetchError, match="network error: timed out"):
        _fetcher(clock, transport).get(URL)

    assert len(transport.sent) == 3


@pytest.mark.parametrize(("status", "words"), [(404, "board not found"), (403, "access refused"), (400, "rejected")])
def test_client_errors_are_not_retried(clock: FakeClock, transport: ScriptedTransport, status: int, words: str) -> None:
    transport.answer(URL, HttpResponse(status, {}, b"{}"))

    with pytest.raises(BoardFetchError, match=words):
        _fetcher(clock, transport).get(URL)

    assert len(transport.sent) == 1


def test_requests_to_one_host_are_spaced_and_other_hosts_are_not_held_up(
    clock: FakeClock, transport: ScriptedTransport
) -> None:
    transport.answer(URL, HttpResponse(200, {}, BODY))
    transport.answer(OTHER_HOST, HttpResponse(200, {}, b"[]"))
    fetcher = _fetcher(clock, transport, min_interval_s=1.5)

    fetcher.get(URL)
    fetcher.get(OTHER_HOST)
    fetcher.get(URL)

    assert [(r.url, r.at) for r in transport.sent] == [(URL, 0.0), (OTHER_HOST, 0.0), (URL, 1.5)]


def test_a_gzip_body_is_decompressed(clock: FakeClock, transport: ScriptedTransport) -> None:
    transport.answer(URL, HttpResponse(200, {"content-encoding": "gzip"}, gzip.compress(BODY)))

    fetcher = _fetcher(clock, transport)

    assert fetcher.get(URL).body == BODY
    assert transport.sent[0].headers["Accept-Encoding"] == "gzip"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("", None),
        ("30", 30.0),
        ("Sun, 22 Nov 2026 04:01:00 GMT", 60.0),
        ("Sun, 22 Nov 2026 03:00:00 GMT", 0.0),  # already past
        ("soon", None),
    ],
)
def test_retry_after_values(header: str | None, seconds: float | None) -> None:
    now = dt.datetime(2026, 11, 22, 4, 0, tzinfo=dt.UTC)

    assert retry_after_seconds(header, now) == seconds
