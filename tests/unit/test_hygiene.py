"""The input hygiene rules every boundary shares: forbidden text, JSON depth without recursion, http(s) URLs,
evidence scrubbed for storage; and the request guard's choice of limits per route."""

from __future__ import annotations

import json

import pytest

from hiring.api.guards import body_rules
from hiring.config import Settings
from hiring.hygiene import (
    MAX_JSON_DEPTH,
    TooDeep,
    check_json_depth,
    forbidden_char_paths,
    is_http_url,
    json_depth,
    loads_bounded,
    may_hold_forbidden,
    scrub_for_storage,
    text_problems,
)


@pytest.mark.parametrize(
    ("document", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('"[[[[[[["', 0),  # brackets inside a string do not nest
        ('{"a": "\\"[[[[", "b": [[]]}', 3),  # nor after an escaped quote
        ("[" * 2000 + "]" * 2000, 2000),
    ],
)
def test_json_depth_counts_brackets_outside_strings(document: str, depth: int) -> None:
    assert json_depth(document) == depth
    assert json_depth(document.encode()) == depth


def test_deep_json_is_refused_before_the_parser_recurses() -> None:
    deep = "[" * 100_000 + "]" * 100_000  # json.loads alone raises RecursionError on this
    with pytest.raises(TooDeep, match=f"deeper than {MAX_JSON_DEPTH} levels") as caught:
        loads_bounded(deep)
    assert caught.value.code == "too_deep"
    nested = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    check_json_depth(nested)  # exactly the limit passes
    assert loads_bounded(nested) == json.loads(nested)
    with pytest.raises(TooDeep):
        check_json_depth("[" + nested + "]")


def test_forbidden_text_is_found_with_its_path_keys_included() -> None:
    document = {"basics": {"name": "Ada\x00"}, "work": [{"ok": "tab\tand\nnewline"}, {"x": "\udc00"}], "k\x07": 1}
    assert list(forbidden_char_paths(document)) == ["basics.name", "work.1.x", "k\x07"]
    assert text_problems({"title": "a\x1fb"}, "query") == [
        {"field": "title", "in": "query", "message": "holds a NUL or control character"}
    ]


@pytest.mark.parametrize(
    ("raw", "maybe"),
    [
        (b'{"a": "\\u0000"}', True),
        (b'{"a": "\\ud800"}', True),
        (b'{"a": "\\u001F"}', True),
        (b'{"a": "\x00"}', True),
        (b'{"a": "caf\\u00e9", "b": "\\u2028"}', False),
        (b'{"a": "plain"}', False),
    ],
)
def test_the_cheap_pre_check_finds_every_escape_that_may_be_forbidden(raw: bytes, maybe: bool) -> None:
    assert may_hold_forbidden(raw) is maybe


def test_scrubbed_evidence_keeps_its_shape_and_loses_only_forbidden_characters() -> None:
    assert scrub_for_storage({"a\x00": ["x\x00y", 1, None], "b": "ok\n"}) == {
        "a\ufffd": ["x\ufffdy", 1, None],
        "b": "ok\n",
    }


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://jobs.example.com/1?ref=a", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/x", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//example.org/x", False),
        ("/jobs/1", False),
        ("https://exa mple.org", False),
        ("https://[::1", False),
        ("https://example.org/\x00", False),
    ],
)
def test_only_absolute_http_urls_pass(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok


def test_the_guard_gives_each_route_its_body_limit() -> None:
    settings = Settings(max_upload_bytes=5_000_000, embedder="hashing")
    upload = body_rules("POST", "/api/resumes", settings)
    assert upload.limit == 2 * 5_000_000 + settings.multipart_overhead_bytes
    feed = body_rules("POST", "/api/admin/imports", settings)
    assert (feed.limit, feed.check_depth, feed.check_text) == (settings.max_bulk_body_bytes, False, False)
    scrape = body_rules("POST", "/api/scrape-queue/abc/jobs", settings)
    assert (scrape.limit, scrape.check_depth, scrape.check_text) == (settings.max_bulk_body_bytes, True, False)
    for method, path in (("POST", "/api/jobs"), ("PUT", "/api/jobs/abc")):
        posting = body_rules(method, path, settings)
        assert (posting.limit, posting.check_text) == (settings.max_json_body_bytes, False)
    other = body_rules("POST", "/api/resumes/jsonresume", settings)
    assert (other.limit, other.check_depth, other.check_text) == (settings.max_json_body_bytes, True, True)
    assert settings.max_bulk_body_bytes < 10 * 1024 * 1024  # API Gateway's cap
