"""The enrichment port (issue 14) and its GitHub adapter: a prospect's public repositories, their languages and
recent activity from the public REST API, as evidence for skills. Conditional requests (ETag / If-None-Match: a 304
costs no rate limit) and the rate-limit headers (x-ratelimit-remaining / -reset, Retry-After) are honoured: once the
limit is spent the adapter stops calling until the reset and says so."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from typing import Any, Protocol

from pydantic import BaseModel

from hiring.skills.taxonomy import get_taxonomy

RECENT_DAYS = 90


class EnrichmentRateLimited(Exception):
    """The source's rate limit is spent until reset_at (epoch seconds)."""

    def __init__(self, reset_at: float) -> None:
        super().__init__(f"rate limited until {dt.datetime.fromtimestamp(reset_at, dt.UTC).isoformat()}")
        self.reset_at = reset_at


class GitHubEvidence(BaseModel):
    login: str
    public_repos: int
    repos: list[str]  # the most recently pushed own (not forked) repositories
    languages: dict[str, int]  # bytes per language over those repositories
    skills: list[str]  # taxonomy skills the languages name
    recent_repos: int  # own repositories pushed in the last RECENT_DAYS days
    last_pushed_at: dt.datetime | None


class EnrichmentPort(Protocol):
    def enrich(self, login: str) -> GitHubEvidence | None:
        """Evidence for a login, or None when the source does not know it."""
        ...


class GitHubAdapter:
    def __init__(
        self,
        base_url: str = "https://api.github.com",
        token: str | None = None,
        max_repos: int = 10,
        timeout_s: float = 10.0,
        clock: Any = time.time,
    ) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ValueError("the GitHub base URL must be http(s)")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.max_repos = max_repos
        self.timeout_s = timeout_s
        self.clock = clock
        self.cache: dict[str, tuple[str, Any]] = {}  # url -> (ETag, body) for conditional requests
        self.blocked_until = 0.0
        self.remaining: int | None = None

    def _get(self, path: str) -> Any | None:
        """The JSON at a path (None for 404), revalidated with If-None-Match when cached."""
        if self.clock() < self.blocked_until:
            raise EnrichmentRateLimited(self.blocked_until)
        url = f"{self.base_url}{path}"
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
                   "User-Agent": "hiring-sourcing"}  # fmt: skip
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        cached = self.cache.get(url)
        if cached:
            headers["If-None-Match"] = cached[0]
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - an http(s) base, checked in __init__
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - configured base
                self._note_limits(response.headers)
                body = json.loads(response.read() or b"null")
                etag = response.headers.get("ETag")
                if etag:
                    self.cache[url] = (etag, body)
                return body
        except urllib.error.HTTPError as exc:
            self._note_limits(exc.headers)
            if exc.code == 304 and cached:
                return cached[1]
            if exc.code == 404:
                return None
            if exc.code in (403, 429) and (self.remaining == 0 or exc.headers.get("Retry-After")):
                retry_after = exc.headers.get("Retry-After")
                if retry_after:
                    self.blocked_until = self.clock() + float(retry_after)
                raise EnrichmentRateLimited(self.blocked_until) from exc
            raise

    def _note_limits(self, headers: Any) -> None:
        remaining, reset = headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset")
        if remaining is not None:
            self.remaining = int(remaining)
            if self.remaining == 0 and reset is not None:
                self.blocked_until = float(reset)

    def enrich(self, login: str) -> GitHubEvidence | None:
        quoted = urllib.parse.quote(login, safe="")
        user = self._get(f"/users/{quoted}")
        if user is None:
            return None
        repos = self._get(f"/users/{quoted}/repos?sort=pushed&direction=desc&per_page={self.max_repos}") or []
        own = [r for r in repos if not r.get("fork")][: self.max_repos]
        languages: Counter[str] = Counter()
        for repo in own:
            owner = urllib.parse.quote(str((repo.get("owner") or {}).get("login") or login), safe="")
            name = urllib.parse.quote(str(repo["name"]), safe="")
            languages.update(self._get(f"/repos/{owner}/{name}/languages") or {})
        pushed = [dt.datetime.fromisoformat(r["pushed_at"].replace("Z", "+00:00")) for r in own if r.get("pushed_at")]
        since = dt.datetime.fromtimestamp(self.clock(), dt.UTC) - dt.timedelta(days=RECENT_DAYS)
        taxonomy = get_taxonomy()
        skills = sorted({s.name for lang in languages if (s := taxonomy.find(lang)) is not None})
        return GitHubEvidence(
            login=str(user.get("login") or login),
            public_repos=int(user.get("public_repos") or 0),
            repos=[str(r["name"]) for r in own],
            languages=dict(languages.most_common()),
            skills=skills,
            recent_repos=sum(1 for p in pushed if p >= since),
            last_pushed_at=max(pushed, default=None),
        )
