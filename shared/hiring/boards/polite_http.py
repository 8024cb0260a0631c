"""Polite GETs for public board APIs: per-host spacing, a clear User-Agent, timeouts, conditional requests,
Retry-After on 429 and bounded backoff on 5xx. Standard library only, so the Lambda carries nothing extra."""

from __future__ import annotations

import datetime as dt
import gzip
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urlsplit

from hiring.boards.http_cache import Validator


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]  # names lower-cased
    body: bytes


class TransportError(Exception):
    """The request never got an HTTP answer (connection refused, DNS, timeout)."""


class Transport(Protocol):
    """Sends one GET and returns whatever status came back; never raises for an HTTP status."""

    def __call__(self, url: str, headers: Mapping[str, str], timeout_s: float, max_bytes: int) -> HttpResponse: ...


class BoardFetchError(Exception):
    """A board could not be fetched; the message says why in words an operator can act on."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.status = status


class _Readable(Protocol):
    def read(self, amt: int, /) -> bytes: ...


def _read_capped(stream: _Readable, max_bytes: int) -> bytes:
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise TransportError(f"response larger than {max_bytes} bytes")
    return bytes(body)


def urllib_transport(url: str, headers: Mapping[str, str], timeout_s: float, max_bytes: int) -> HttpResponse:
    """The real network, through urllib.request."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise TransportError(f"refusing a non-HTTP URL: {url}")
    request = urllib.request.Request(url, headers=dict(headers), method="GET")  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 - scheme checked above
            found = {k.lower(): v for k, v in response.headers.items()}
            return HttpResponse(response.status, found, _read_capped(response, max_bytes))
    except urllib.error.HTTPError as error:  # 304, 4xx and 5xx arrive as exceptions in urllib
        found = {k.lower(): v for k, v in (error.headers or {}).items()}
        return HttpResponse(error.code, found, _read_capped(error, max_bytes))
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise TransportError(str(getattr(error, "reason", error))) from error


class HostRateLimiter:
    """Keeps at least min_interval_s between the starts of two requests to the same host."""

    def __init__(
        self,
        min_interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval_s = min_interval_s
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = last + self.min_interval_s - self._clock()
            if delay > 0:
                self._sleep(delay)
        self._last[host] = self._clock()


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    timeout_s: float = 10.0
    max_attempts: int = 3  # including the first
    backoff_base_s: float = 2.0  # 5xx and network errors wait base, 2*base, 4*base, ...
    max_retry_after_s: float = 60.0  # a longer Retry-After ends this board's run instead of stalling the Lambda
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    status: int  # 200 or 304
    body: bytes
    validator: Validator  # what to send next time (no content hash: the caller adds it)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP-date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


class PoliteFetcher:
    """GETs JSON from public board APIs the way their owners would want to be asked."""

    def __init__(
        self,
        policy: FetchPolicy,
        limiter: HostRateLimiter,
        transport: Transport = urllib_transport,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.policy = policy
        self.limiter = limiter
        self._transport = transport
        self._sleep = sleep
        self._now = now

    def _headers(self, validator: Validator | None) -> dict[str, str]:
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
        }
        if validator and validator.etag:
            headers["If-None-Match"] = validator.etag
        if validator and validator.last_modified:
            headers["If-Modified-Since"] = validator.last_modified
        return headers

    def get(self, url: str, validator: Validator | None = None) -> Fetched:
        """The body (200) or "not modified" (304); raises BoardFetchError once retries are spent."""
        host = urlsplit(url).netloc
        headers = self._headers(validator)
        problem = "no attempt made"
        for attempt in range(1, self.policy.max_attempts + 1):
            self.limiter.wait(host)
            try:
                response = self._transport(url, headers, self.policy.timeout_s, self.policy.max_bytes)
            except TransportError as error:
                problem = f"network error: {error}"
                delay = self.policy.backoff_base_s * 2 ** (attempt - 1)
            else:
                status = response.status
                if 200 <= status < 300:
                    return Fetched(status, self._decoded(url, response), self._validator_from(response, None))
                if status == 304:
                    return Fetched(304, b"", self._validator_from(response, validator))
                if status != 429 and status < 500:
                    raise BoardFetchError(url, _client_error(status), status)
                waited = retry_after_seconds(response.headers.get("retry-after"), self._now())
                if waited is not None and waited > self.policy.max_retry_after_s:
                    raise BoardFetchError(
                        url,
                        f"HTTP {status}: the server asks us to wait {waited:.0f}s, more than the "
                        f"{self.policy.max_retry_after_s:.0f}s we wait within one run; next run retries",
                        status,
                    )
                problem = "rate limited (HTTP 429)" if status == 429 else f"server error (HTTP {status})"
                delay = waited if waited is not None else self.policy.backoff_base_s * 2 ** (attempt - 1)
            if attempt < self.policy.max_attempts:
                self._sleep(delay)
        raise BoardFetchError(url, f"gave up after {self.policy.max_attempts} attempts: {problem}")

    def _decoded(self, url: str, response: HttpResponse) -> bytes:
        if response.headers.get("content-encoding", "").lower() != "gzip":
            return response.body
        try:
            return gzip.decompress(response.body)
        except (OSError, EOFError) as error:
            raise BoardFetchError(url, f"undecodable gzip body: {error}", response.status) from error

    @staticmethod
    def _validator_from(response: HttpResponse, previous: Validator | None) -> Validator:
        # A 304 may omit the validators; the ones we sent then stay valid.
        etag = response.headers.get("etag") or (previous.etag if previous else None)
        modified = response.headers.get("last-modified") or (previous.last_modified if previous else None)
        digest = previous.content_sha256 if previous else None
        return Validator(etag=etag, last_modified=modified, content_sha256=digest)


def _client_error(status: int) -> str:
    if status == 404:
        return "board not found (HTTP 404): check the token and the platform"
    if status in (401, 403):
        return f"access refused (HTTP {status}): the board may be private or we are blocked"
    return f"request rejected (HTTP {status})"
