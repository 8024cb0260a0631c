"""Lines of a text span with their offsets, and the shapes that tell headers from descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[•▪▫■□●○◦◆◇►▶▸➢➤✓✔✗❖⁃‣∙·]|[-*–>+o]\s|\d{1,2}[.)]\s)")
_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")
_ABBREVIATION_END = re.compile(r"\b(?:inc|ltd|co|corp|llc|jr|sr|st|dr|pvt|u\.s|n\.a|e\.g|etc)\.$", re.I)
# Separators between header fields: pipes, bullets, spaced dashes, tabs, wide gaps.
# An en dash between two letters joins a name ("University of Wisconsin–Milwaukee"); elsewhere it separates.
FIELD_SPLIT = re.compile(
    r"\s*\|\s*|\s+[•·]\s+|\s+[-–—]+\s+|\s+[-–—]+$|^[-–—]+\s+|\t|\s{3,}|\s*—\s*"
    r"|\s+–\s*|\s*–\s+|(?<![^\W\d_])–(?![^\W\d_])"
)


@dataclass(frozen=True)
class Line:
    """One line and where it sits in the full text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return _PUNCT_ONLY.match(self.text) is not None

    @property
    def bullet(self) -> bool:
        return _BULLET.match(self.text) is not None

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines_of(text: str, start: int, end: int) -> list[Line]:
    """The lines of text[start:end] with offsets into text."""
    out: list[Line] = []
    offset = start
    for raw in text[start:end].split("\n"):
        out.append(Line(raw, offset))
        offset += len(raw) + 1
    return out


def is_headerish(line: Line, max_words: int = 14) -> bool:
    """Short, not a bullet, not a sentence: the shape of a job or school header line."""
    text = line.text.strip()
    if line.blank or line.bullet or line.words > max_words or len(text) > 110:
        return False
    if line.words >= 6 and _DUTY_OPENING.match(text):
        return False  # "Trained and scheduled a team of 18 servers": a duty whose bullet the layout drew, not text
    return not (text.endswith((".", ";")) and not _ABBREVIATION_END.search(text))


# A sentence opened by a past-tense verb and a lower-case word: a duty, however short.
_DUTY_OPENING = re.compile(
    r"^(?:[A-Z][a-z]{2,}ed|Led|Built|Ran|Wrote|Taught|Drove|Sold|Grew|Won|Brought|Kept|Held|Cut|Spent|Took|Gave"
    r"|Oversaw|Drew|Rebuilt|Shipped|Made|Set|Met|Hired|Mentored)\s+(?:[a-z]|\d)"
)


def strip_bullet(text: str) -> str:
    """The line without its bullet marker."""
    return _BULLET.sub("", text, count=1).strip()


def pieces(text: str) -> list[str]:
    """A header line split at its field separators (a closing bracket stays when it closes one in the piece)."""
    return [_trim(p) for p in FIELD_SPLIT.split(text) if p and p.strip(" ,;:()[]-–—|")]


def _trim(piece: str) -> str:
    trimmed = piece.strip(" ,;:()[]")
    while trimmed and piece.rstrip(" ,;:").endswith((")", "]")) and trimmed.count("(") > trimmed.count(")"):
        trimmed += ")"  # "Barista (part-time)" keeps its qualifier whole
    return trimmed
