"""The board scrape run: each board imported once per change, failures kept to their own board, config read once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import ValidationError

from hiring.boards.config import BoardSettings, BoardSpec, get_board_settings, reset_board_settings
from hiring.boards.http_cache import InMemoryValidatorStore, Validator
from hiring.boards.polite_http import HttpResponse
from hiring.boards.postings import BoardPosting
from hiring.boards.service import build_board_scraper, build_clients, scrape_boards
from tests.fixtures.boards import GREENHOUSE_JOBS, LEVER_POSTINGS
from tests.fixtures.boards.fakes import FakeClock, ScriptedTransport

GH_URL = "https://boards-api.greenhouse.io/v1/boards/northwindlogistics/jobs?content=true"
LEVER_URL = "https://api.lever.co/v0/postings/brightpath?mode=json"
GONE_URL = "https://boards-api.greenhouse.io/v1/boards/closedco/jobs?content=true"
BOARDS = [
    BoardSpec(platform="greenhouse", token="northwindlogistics", company="Northwind Logistics"),
    BoardSpec(platform="lever", token="brightpath", company="BrightPath"),
]


@dataclass
class CollectingSink:
    """The import sink, collecting batches the way the import pipeline would receive them."""

    batches: list[tuple[str, str, list[BoardPosting]]] = field(default_factory=list)
    fail_for: set[str] = field(default_factory=set)

    def __call__(self, platform: str, company: str, postings: list[BoardPosting]) -> Mapping[str, Any]:
        if company in self.fail_for:
            raise RuntimeError("database unavailable")
        self.batches.append((platform, company, postings))
        return {"new": len(postings), "updated": 0, "duplicate": 0, "failed": 0}


@dataclass
class Run:
    transport: ScriptedTransport
    sink: CollectingSink
    validators: InMemoryValidatorStore

    def scrape(self, boards: list[BoardSpec] = BOARDS) -> dict[str, Any]:
        settings = BoardSettings(boards_min_interval_s=1.0, boards_backoff_base_s=1.0)
        clients = build_clients(settings, transport=self.transport, sleep=self.transport.clock.sleep)
        summaries = scrape_boards(boards, clients, self.validators, self.sink)
        return {s.token: s for s in summaries}


def _ok(path: Any, etag: str) -> HttpResponse:
    return HttpResponse(200, {"etag": etag, "content-type": "application/json"}, path.read_bytes())


@pytest.fixture
def run() -> Run:
    transport = ScriptedTransport(FakeClock())
    transport.answer(GH_URL, _ok(GREENHOUSE_JOBS, '"gh-1"'))
    transport.answer(LEVER_URL, _ok(LEVER_POSTINGS, '"lv-1"'))
    return Run(transport, CollectingSink(), InMemoryValidatorStore())


def test_each_board_is_fetched_mapped_and_handed_to_the_sink(run: Run) -> None:
    summaries = run.scrape()

    assert [(p, c, len(batch)) for p, c, batch in run.sink.batches] == [
        ("greenhouse", "Northwind Logistics", 5),
        ("lever", "BrightPath", 5),
    ]
    gh = summaries["northwindlogistics"]
    assert (gh.fetched, gh.unchanged, gh.error, gh.rejected) == (5, False, None, [])
    assert gh.imported == {"new": 5, "updated": 0, "duplicate": 0, "failed": 0}
    assert run.validators.get("lever", "brightpath") is not None


def test_an_unchanged_board_answers_304_and_is_not_imported_again(run: Run) -> None:
    run.scrape()
    run.transport.answer(GH_URL, HttpResponse(304, {"etag": '"gh-1"'}, b""))
    run.transport.answer(LEVER_URL, HttpResponse(304, {}, b""))

    summaries = run.scrape()

    assert len(run.sink.batches) == 2  # only the first run's
    assert all(s.unchanged and s.imported is None and s.error is None for s in summaries.values())
    assert run.transport.to(GH_URL)[-1].headers["If-None-Match"] == '"gh-1"'
    assert run.transport.to(LEVER_URL)[-1].headers["If-None-Match"] == '"lv-1"'


def test_a_board_that_ignores_validators_but_sends_the_same_body_is_not_imported_again(run: Run) -> None:
    # Greenhouse sends no validators at all; Lever sends an ETag but the scripted server never answers 304.
    run.transport.answer(GH_URL, HttpResponse(200, {}, GREENHOUSE_JOBS.read_bytes()))
    run.scrape()

    summaries = run.scrape()

    assert summaries["northwindlogistics"].unchanged and summaries["brightpath"].unchanged
    assert [c for _, c, _ in run.sink.batches] == ["Northwind Logistics", "BrightPath"]


def test_a_missing_board_fails_alone(run: Run) -> None:
    gone = BoardSpec(platform="greenhouse", token="closedco", company="Closed Co")

    summaries = run.scrape([BOARDS[0], gone, BOARDS[1]])

    assert summaries["closedco"].error == f"board not found (HTTP 404): check the token and the platform ({GONE_URL})"
    assert summaries["closedco"].imported is None
    assert summaries["brightpath"].fetched == 5 and summaries["brightpath"].error is None
    assert run.validators.get("greenhouse", "closedco") is None


def test_a_failed_import_keeps_no_validator_so_the_next_run_imports_again(run: Run) -> None:
    run.sink.fail_for = {"Northwind Logistics"}
    first = run.scrape()
    run.sink.fail_for = set()

    second = run.scrape()

    assert first["northwindlogistics"].error == "RuntimeError: database unavailable"
    assert first["brightpath"].error is None
    assert "If-None-Match" not in run.transport.to(GH_URL)[-1].headers
    assert second["northwindlogistics"].imported == {"new": 5, "updated": 0, "duplicate": 0, "failed": 0}


def test_a_body_that_is_not_json_is_a_board_error(run: Run) -> None:
    run.transport.answer(GH_URL, HttpResponse(200, {}, b"<html>maintenance</html>"))

    summaries = run.scrape()

    assert (summaries["northwindlogistics"].error or "").startswith("greenhouse response is not JSON")
    assert summaries["brightpath"].error is None


def test_posts_left_out_are_reported_in_the_summary(run: Run) -> None:
    body = GREENHOUSE_JOBS.read_text().replace('"title": "General Application"', '"title": ""')
    run.transport.answer(GH_URL, HttpResponse(200, {}, body.encode()))

    summary = run.scrape()["northwindlogistics"]

    assert summary.fetched == 4
    assert summary.rejected == ["item 3: posting 4799001008 has no title"]


def test_a_304_that_brings_a_new_etag_updates_the_stored_one(run: Run) -> None:
    run.scrape()
    run.transport.answer(GH_URL, HttpResponse(304, {"etag": '"gh-2"'}, b""))

    run.scrape()

    stored = run.validators.get("greenhouse", "northwindlogistics")
    assert stored is not None and stored.etag == '"gh-2"' and stored.content_sha256
    assert isinstance(stored, Validator)


# Configuration


def test_boards_are_read_from_the_environment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "HIRING_BOARDS",
        '[{"platform":"greenhouse","token":"acme","company":"Acme"},{"platform":"lever","token":"leverdemo",'
        '"company":"Lever Demo"}]',
    )
    monkeypatch.setenv("HIRING_BOARDS_MIN_INTERVAL_S", "2.5")
    reset_board_settings()
    try:
        settings = get_board_settings()
        monkeypatch.setenv("HIRING_BOARDS", "[]")

        assert get_board_settings() is settings
        assert [(b.platform, b.token, b.company) for b in settings.boards] == [
            ("greenhouse", "acme", "Acme"),
            ("lever", "leverdemo", "Lever Demo"),
        ]
        assert settings.boards_min_interval_s == 2.5
    finally:
        reset_board_settings()


def test_no_boards_configured_means_an_empty_run() -> None:
    assert BoardSettings().boards == []


@pytest.mark.parametrize(
    ("boards", "problem"),
    [
        ('[{"platform":"workday","token":"acme","company":"Acme"}]', "platform"),
        ('[{"platform":"lever","token":"../admin","company":"Acme"}]', "token"),
        ('[{"platform":"lever","token":"acme"}]', "company"),
        (
            '[{"platform":"lever","token":"acme","company":"A"},{"platform":"lever","token":"ACME","company":"B"}]',
            "twice",
        ),
        ("not json", "boards"),
    ],
)
def test_bad_board_configuration_is_refused_with_the_field_named(
    monkeypatch: pytest.MonkeyPatch, boards: str, problem: str
) -> None:
    monkeypatch.setenv("HIRING_BOARDS", boards)

    with pytest.raises((ValidationError, ValueError), match=problem):
        BoardSettings()


def test_the_scraper_is_built_from_settings_and_the_containers_store_and_sink() -> None:
    @dataclass
    class Deps:
        board_validators: InMemoryValidatorStore
        board_import_sink: CollectingSink

    deps = Deps(InMemoryValidatorStore(), CollectingSink())
    settings = BoardSettings(boards=BOARDS, boards_lever_base_url="https://api.eu.lever.co")

    scraper = build_board_scraper(deps, settings)

    assert scraper.companies == BOARDS
    assert scraper.validators is deps.board_validators and scraper.sink is deps.board_import_sink
    assert scraper.clients["lever"].url("brightpath") == "https://api.eu.lever.co/v0/postings/brightpath?mode=json"
    assert scraper.clients["greenhouse"].url("northwindlogistics") == GH_URL


def test_a_board_whose_platform_has_no_client_fails_alone(run: Run) -> None:
    settings = BoardSettings()
    clients = {
        "greenhouse": build_clients(settings, transport=run.transport, sleep=run.transport.clock.sleep)["greenhouse"]
    }

    summaries = scrape_boards(BOARDS, clients, run.validators, run.sink)

    assert [(s.token, s.error) for s in summaries] == [
        ("northwindlogistics", None),
        ("brightpath", "no client for lever"),
    ]
