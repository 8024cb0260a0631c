"""A client per board platform: where its list endpoint lives and how its response maps to postings."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hiring.boards.greenhouse import greenhouse_postings
from hiring.boards.http_cache import Validator
from hiring.boards.lever import lever_postings
from hiring.boards.polite_http import Fetched, PoliteFetcher
from hiring.boards.postings import BoardPayloadError, MappedBoard


@dataclass(frozen=True)
class BoardApi:
    platform: str
    path: str  # with {token}; the list endpoint, one request per board
    mapper: Callable[[Any, str], MappedBoard]


# Greenhouse returns every post in one response (no pagination documented); content=true adds the description,
# departments and offices. Lever returns all published postings when no limit is given.
GREENHOUSE = BoardApi("greenhouse", "/v1/boards/{token}/jobs?content=true", greenhouse_postings)
LEVER = BoardApi("lever", "/v0/postings/{token}?mode=json", lever_postings)


class BoardClient:
    """Fetches one platform's boards through a shared polite fetcher and maps what comes back."""

    def __init__(self, api: BoardApi, base_url: str, fetcher: PoliteFetcher) -> None:
        self.api = api
        self.base_url = base_url.rstrip("/")
        self.fetcher = fetcher

    @property
    def platform(self) -> str:
        return self.api.platform

    def url(self, token: str) -> str:
        return self.base_url + self.api.path.format(token=quote(token, safe=""))

    def fetch(self, token: str, validator: Validator | None) -> Fetched:
        return self.fetcher.get(self.url(token), validator)

    def postings(self, body: bytes, company: str) -> MappedBoard:
        """The postings in a fetched body; BoardPayloadError when it is not the documented shape."""
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BoardPayloadError(f"{self.platform} response is not JSON: {error}") from error
        return self.api.mapper(payload, company)
