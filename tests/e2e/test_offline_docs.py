"""/docs and /redoc work on a machine with no internet: every script and stylesheet they load is served by the API."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest


class _Assets(HTMLParser):
    """The URLs a page loads: <script src>, <link href> (stylesheets and icons), <redoc spec-url>."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href", "spec-url"):
            if found.get(name):
                self.urls.append((tag, str(found[name])))


def _inline_urls(html: str) -> list[str]:
    """URLs written in the page's inline scripts (Swagger UI's `url: '/openapi.json'`)."""
    return re.findall(r"""url:\s*['"]([^'"]+)['"]""", html)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_load_every_asset_from_the_api_itself(http: httpx.Client, page: str) -> None:
    response = http.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    parser = _Assets()
    parser.feed(response.text)
    urls = [url for _, url in parser.urls] + _inline_urls(response.text)
    assert any(tag == "script" for tag, _ in parser.urls), f"{page} loads no script"
    external = [url for url in urls if re.match(r"(?i)^(https?:)?//", url)]
    assert external == [], f"{page} loads from outside the API: {external}"
    for url in urls:
        asset = http.get(url)
        assert asset.status_code == 200 and asset.content, (page, url, asset.status_code)
    if page == "/docs":  # the bundle and the stylesheet are the real Swagger UI, not an empty placeholder
        sizes = {url.rsplit("/", 1)[-1]: len(http.get(url).content) for url in urls}
        assert sizes["swagger-ui-bundle.js"] > 500_000 and sizes["swagger-ui.css"] > 50_000, sizes
