"""The console as files: what index.html and the modules reference exists, nothing comes from another host, and
the app serves it at "/" with its cache and security headers while every API path keeps its own answers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from hiring.console import CONTENT_SECURITY_POLICY, STATIC_DIR
from hiring.console.vendor import LIBRARIES

MODULE_IMPORT = re.compile(
    r"""(?:^|\n)\s*import\s[^;]*?from\s+["']([^"']+)["']"""  # import {a} from "./x.js"
    r"""|import\(\s*["']([^"']+)["']\s*\)"""  # import("./x.js")
    r"""|(?:^|\n)\s*import\s+["']([^"']+)["']"""  # import "./x.js" (for its side effects)
)
URL = re.compile(r"(?i)\bhttps?://|//[a-z0-9-]+\.[a-z]")
SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'  # a name, never fetched


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append(value)


def _own_files() -> list[Path]:
    """The console's own files (the vendored bundles carry their project URLs in licence banners)."""
    return [p for p in STATIC_DIR.rglob("*") if p.is_file() and "vendor" not in p.relative_to(STATIC_DIR).parts]


def _referenced() -> set[Path]:
    """Every static file index.html loads, and every module those modules import, transitively."""
    parser = _Refs()
    parser.feed((STATIC_DIR / "index.html").read_text())
    found: set[Path] = set()
    todo = [STATIC_DIR / ref for ref in parser.refs if not ref.startswith(("/", "#"))]
    while todo:
        path = todo.pop().resolve()
        if path in found:
            continue
        found.add(path)
        if path.suffix == ".js" and path.is_file() and "vendor" not in path.parts:
            for match in MODULE_IMPORT.finditer(path.read_text()):
                todo.append(path.parent / next(group for group in match.groups() if group))
    return found


def test_every_file_the_console_references_exists() -> None:
    referenced = _referenced()

    missing = sorted(str(p.relative_to(STATIC_DIR)) for p in referenced if not p.is_file())
    assert missing == []
    names = {str(p.relative_to(STATIC_DIR.resolve())) for p in referenced}
    assert {"app.js", "api.js", "dom.js", "styles.css", "pages/auth.js", "vendor/chart.umd.min.js"} <= names
    assert {"pages/candidate.js", "pages/recruiter.js", "pages/admin.js"} <= names
    pages = set((STATIC_DIR / "pages").rglob("*.js"))
    assert {p.resolve() for p in pages} <= referenced, "every page module is reached from index.html"


def test_no_console_file_names_another_host() -> None:
    offenders = {
        str(p.relative_to(STATIC_DIR)): URL.findall(p.read_text().replace(SVG_NAMESPACE, "")) for p in _own_files()
    }

    assert {name: found for name, found in offenders.items() if found} == {}


def test_every_vendored_file_is_pinned_and_committed_with_its_licence() -> None:
    vendored = {p.name for p in (STATIC_DIR / "vendor").iterdir()}

    for package, (version, files) in LIBRARIES.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), package
        assert set(files.values()) <= vendored
        assert any("LICENSE" in name for name in files.values()), f"{package} ships without its licence"
    assert f"Chart.js v{LIBRARIES['chart.js'][0]}" in (STATIC_DIR / "vendor" / "chart.umd.min.js").read_text()[:300]


def test_the_console_is_served_at_the_root_with_its_headers(http: httpx.Client) -> None:
    index = http.get("/")
    module = http.get("/app.js")

    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="app.js">' in index.text
    assert index.headers["cache-control"] == "no-cache"
    assert module.status_code == 200 and "javascript" in module.headers["content-type"]
    assert re.fullmatch(r"public, max-age=\d+", module.headers["cache-control"])
    for response in (index, module):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/no-such-thing"), ("POST", "/api/no-such-thing"), ("GET", "/api"), ("GET", "/health/extra")],
)
def test_an_unknown_api_path_answers_the_json_envelope_not_the_console(
    http: httpx.Client, method: str, path: str
) -> None:
    response = http.request(method, path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_api_paths_keep_their_answers(http: httpx.Client) -> None:
    assert http.get("/health").headers["content-type"].startswith("application/json")
    assert http.get("/openapi.json").json()["info"]["title"] == "Hiring intelligence API"
    docs = http.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert "content-security-policy" not in docs.headers  # Swagger UI's inline script stays allowed
    assert http.get("/no-such-file.js").status_code == 404
