"""Canonical skill names in a text: a thin view over the taxonomy-backed extractor (hiring.skills).

The interface (`extract_skills(text) -> list[str]` of canonical names) is the one services used before the
taxonomy existed; mentions with offsets, categories and unknown terms come from hiring.skills.extractor.
"""

from __future__ import annotations

from hiring.skills.extractor import get_extractor


def extract_skills(text: str) -> list[str]:
    """Canonical names of the known skills found in the text, in first-appearance order."""
    names: dict[str, None] = {}
    for mention in get_extractor().extract(text):
        if mention.known:
            names.setdefault(mention.canonical, None)
    return list(names)
