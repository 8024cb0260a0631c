"""The scheduled board scrape: each configured board fetched politely, mapped, and handed to the import sink."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from hiring.boards.clients import GREENHOUSE, LEVER, BoardClient
from hiring.boards.config import BoardSettings, BoardSpec, get_board_settings
from hiring.boards.http_cache import ValidatorStore
from hiring.boards.polite_http import BoardFetchError, FetchPolicy, HostRateLimiter, PoliteFetcher, Transport
from hiring.boards.polite_http import urllib_transport as default_transport
from hiring.boards.postings import BoardPayloadError, BoardPosting
from hiring.observability import logger

# sink(platform, company, postings) -> the import's own counts, e.g. {"new": 3, "updated": 1, "failed": 0}.
ImportSink = Callable[[str, str, list[BoardPosting]], Mapping[str, Any]]


@dataclass
class CompanySummary:
    platform: str
    token: str
    company: str
    fetched: int = 0  # postings mapped from the response (0 when unchanged)
    unchanged: bool = False  # 304, or a 200 whose body matches the last import
    imported: dict[str, Any] | None = None  # what the sink reported
    rejected: list[str] = field(default_factory=list)  # postings left out, one reason each
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scrape_board(spec: BoardSpec, client: BoardClient, validators: ValidatorStore, sink: ImportSink) -> CompanySummary:
    """One board: conditional fetch, map, import; the validator is saved only after the sink accepted the batch."""
    summary = CompanySummary(spec.platform, spec.token, spec.company)
    stored = validators.get(spec.platform, spec.token)
    fetched = client.fetch(spec.token, stored)
    if fetched.not_modified:
        summary.unchanged = True
        if fetched.validator != stored:
            validators.put(spec.platform, spec.token, fetched.validator)
        return summary
    digest = hashlib.sha256(fetched.body).hexdigest()
    validator = replace(fetched.validator, content_sha256=digest)
    if stored is not None and stored.content_sha256 == digest:
        summary.unchanged = True  # the server ignored our validators, but nothing changed
        validators.put(spec.platform, spec.token, validator)
        return summary
    mapped = client.postings(fetched.body, spec.company)
    summary.fetched = len(mapped.postings)
    summary.rejected = mapped.rejected
    summary.imported = dict(sink(spec.platform, spec.company, mapped.postings))
    validators.put(spec.platform, spec.token, validator)
    return summary


def scrape_boards(
    companies: Sequence[BoardSpec],
    clients: Mapping[str, BoardClient],
    validators: ValidatorStore,
    sink: ImportSink,
) -> list[CompanySummary]:
    """Every configured board in turn; a board that fails gets its error in its summary and the rest carry on."""
    summaries = []
    for spec in companies:
        keys = {"platform": spec.platform, "token": spec.token}
        client = clients.get(spec.platform)
        if client is None:
            summary = CompanySummary(spec.platform, spec.token, spec.company, error=f"no client for {spec.platform}")
            logger.warning("board skipped", extra={**keys, "error": summary.error})
        else:
            try:
                summary = scrape_board(spec, client, validators, sink)
            except (BoardFetchError, BoardPayloadError) as error:
                summary = CompanySummary(spec.platform, spec.token, spec.company, error=str(error))
                logger.warning("board fetch or parse failed", extra={**keys, "error": str(error)})
            except Exception as error:  # the sink or a store failed: record it, keep going with the next board
                summary = CompanySummary(
                    spec.platform, spec.token, spec.company, error=f"{type(error).__name__}: {error}"
                )
                logger.exception("board import failed", extra=keys)
        if summary.error is None:
            logger.info(
                "board scraped",
                extra={**keys, "fetched": summary.fetched, "unchanged": summary.unchanged,
                       "rejected": len(summary.rejected)},
            )  # fmt: skip
        summaries.append(summary)
    return summaries


def build_clients(
    settings: BoardSettings,
    transport: Transport = default_transport,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, BoardClient]:
    """One client per platform, sharing one fetcher so the per-host spacing holds across the whole run."""
    policy = FetchPolicy(
        user_agent=settings.boards_user_agent,
        timeout_s=settings.boards_timeout_s,
        max_attempts=settings.boards_max_attempts,
        backoff_base_s=settings.boards_backoff_base_s,
        max_retry_after_s=settings.boards_max_retry_after_s,
        max_bytes=settings.boards_max_bytes,
    )
    fetcher = PoliteFetcher(policy, HostRateLimiter(settings.boards_min_interval_s, sleep=sleep), transport, sleep)
    return {
        GREENHOUSE.platform: BoardClient(GREENHOUSE, settings.boards_greenhouse_base_url, fetcher),
        LEVER.platform: BoardClient(LEVER, settings.boards_lever_base_url, fetcher),
    }


class BoardScraperDeps(Protocol):
    """What the scraper needs from the container: where validators live and where postings go."""

    @property
    def board_validators(self) -> ValidatorStore: ...
    @property
    def board_import_sink(self) -> ImportSink: ...


@dataclass
class BoardScraper:
    companies: Sequence[BoardSpec]
    clients: Mapping[str, BoardClient]
    validators: ValidatorStore
    sink: ImportSink

    def run(self) -> list[CompanySummary]:
        if not self.companies:
            logger.warning("no boards configured: set HIRING_BOARDS to scrape any")  # said, not silently skipped
        return scrape_boards(self.companies, self.clients, self.validators, self.sink)


def build_board_scraper(container: BoardScraperDeps, settings: BoardSettings | None = None) -> BoardScraper:
    """The scraper for the configured boards, wired to the container's validator store and import sink."""
    settings = settings or get_board_settings()
    clients = build_clients(settings)
    return BoardScraper(settings.boards, clients, container.board_validators, container.board_import_sink)
