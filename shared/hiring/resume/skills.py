"""Skill mentions in resume text, from the taxonomy extractor shared with job descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Categories of named technologies (the extractor's list): one mention of these is evidence anywhere.
TECH_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "platform", "tool", "methodology"})
# A capital letter as a person's initial ("Fitch, D., & Shaffer, J. (2007)", "J. K. Rowling"), not "C" or "R".
_INITIAL_BEFORE = re.compile(r"(?:[A-Z][\w'-]+,|\b[A-Z]\.)\s*$")
_INITIAL_AFTER = re.compile(r"^\.\s*(?:,|&|\(|and\b)")
_NEXT_INITIAL = re.compile(r"^\.\s?[A-Z]\.")
_ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|dev|org|net|me|co)/\S*", re.I)


@dataclass(frozen=True)
class Mention:
    """One skill mention with character offsets into the text."""

    start: int
    end: int
    text: str
    canonical: str
    category: str | None
    known: bool = True


def find_mentions(text: str) -> list[Mention]:
    """Every skill mention in the text (the taxonomy extractor), in order of appearance."""
    from hiring.skills.extractor import get_extractor

    mentions = [m for m in (_as_mention(raw) for raw in get_extractor().extract(text)) if m.canonical]
    # "example.net" or "github.com/x/react-app" are addresses, not skills.
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    kept = [m for m in mentions if not any(a <= m.start < b for a, b in addresses) and not _initial(text, m)]
    return sorted(kept, key=lambda m: (m.start, m.end))


def _initial(text: str, mention: Mention) -> bool:
    """A one-letter mention that is a person's initial in a name or a citation."""
    if len(mention.text) != 1 or not mention.text.isupper():
        return False
    before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end : mention.end + 8]
    if _NEXT_INITIAL.match(after):  # "J. K."
        return True
    return bool(_INITIAL_AFTER.match(after) and _INITIAL_BEFORE.search(before))


def _as_mention(raw: Any) -> Mention:
    def field(name: str) -> Any:
        return raw[name] if isinstance(raw, dict) else getattr(raw, name, None)

    known = field("known")
    return Mention(
        int(field("start")),
        int(field("end")),
        str(field("text")),
        str(field("canonical") or ""),
        field("category"),
        True if known is None else bool(known),
    )
