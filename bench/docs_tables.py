"""The benches write their result tables into the docs pages (`--write-docs`), between markers:

    <!-- bench:NAME -->
    | ... the table the bench printed last ... |
    <!-- /bench:NAME -->

so a page never shows a figure no bench printed. A missing marker is an error, not a silent no-op.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_block(page: str, name: str, content: str) -> Path:
    """Replace the block NAME of docs/PAGE with content; returns the page's path."""
    path = DOCS / page
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- bench:{re.escape(name)} -->\n).*?(\n<!-- /bench:{re.escape(name)} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no <!-- bench:{name} --> ... <!-- /bench:{name} --> block to write")
    path.write_text(pattern.sub(lambda m: m.group(1) + content.strip() + m.group(2), text, count=1), encoding="utf-8")
    return path


def ratio(value: float | int | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)
