"""HTML to plain text: entities unescaped, tags dropped, paragraphs and bullets kept as lines.

Neutral ground for the job boards (Greenhouse, Lever) and job analysis (feeds, posting sections) alike."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Tags that start a new line of text; everything else is inline.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][^&]*?&gt;")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        line = _SPACES.sub(" ", "".join(self._current)).strip()
        if line:
            self.lines.append(line)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._break()
            if tag == "li":
                self._current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # A newline inside HTML source is just whitespace; only tags make lines.
            self._current.append(data.replace("\n", " "))

    def text(self) -> str:
        self._break()
        return "\n".join(line for line in self.lines if line != "-")


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: one line per paragraph, heading or bullet ("- item")."""
    if not markup:
        return ""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return collector.text()


def escaped_html_to_text(content: str | None) -> str:
    """Plain text of HTML that arrives entity-escaped (Greenhouse `content`), escaped once or twice."""
    if not content:
        return ""
    markup = html.unescape(content)
    # Greenhouse's own docs show the content escaped twice (&amp;lt;p&amp;gt;); a second pass is only
    # taken when the first one still leaves escaped tags and no real ones.
    if "<" not in markup and _ESCAPED_TAG.search(markup):
        markup = html.unescape(markup)
    return html_to_text(markup)
