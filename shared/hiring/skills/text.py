"""Tokenisation shared by the taxonomy build and the extractor, so surface forms and text agree."""

from __future__ import annotations

import re
from typing import NamedTuple

# Runs of letters/digits, or one symbol at a time: "C++" -> c + +, "Node.js" -> node . js.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_FOLD = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "’": "'", "‘": "'", "＃": "#"})


class Token(NamedTuple):
    """One token: its character span in the source and its normalised form."""

    start: int
    end: int
    norm: str


def tokenize(text: str) -> list[Token]:
    """Tokens of the text with exact offsets; normalised forms are lower case with dashes and quotes folded."""
    return [Token(m.start(), m.end(), m.group().lower().translate(_FOLD)) for m in _TOKEN.finditer(text)]


def surface_key(surface: str) -> str:
    """The lookup key of a surface form: its normalised tokens joined by single spaces."""
    return " ".join(token.norm for token in tokenize(surface))


def is_word(norm: str) -> bool:
    """Whether a normalised token is a run of letters or digits (not a symbol)."""
    return norm[:1].isalnum()


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long vocabularies stay readable)."""
    return frozenset(words.split())
