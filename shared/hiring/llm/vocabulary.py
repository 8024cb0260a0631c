"""The skill vocabulary behind grounding: the taxonomy extractor when it is installed, else the simple list."""

from __future__ import annotations

from hiring.llm.grounding import SkillMention, SkillVocabulary


class TaxonomySkillVocabulary:
    """The skills engineer's taxonomy extractor (aliases, context rules, offsets); unknown terms are left out."""

    def find(self, text: str) -> list[SkillMention]:
        from hiring.skills.extractor import get_extractor

        return [
            SkillMention(
                canonical=m.canonical,
                category=m.category,
                start=m.start,
                end=m.end,
                needs_context=m.source == "context",
            )
            for m in get_extractor().extract(text)
            # A term the taxonomy does not know is only its own surface: the literal check covers it.
            if m.known
        ]


class SimpleSkillVocabulary:
    """Canonical names only, no spans (hiring.skills.skill_names)."""

    def find(self, text: str) -> list[SkillMention]:
        from hiring.skills import skill_names

        return [SkillMention(canonical=name) for name in skill_names(text)]


def default_vocabulary() -> SkillVocabulary:
    """The taxonomy extractor when this build ships it, else the simple alias list."""
    try:
        import hiring.skills.extractor  # noqa: F401 - only asking whether it is there
    except ImportError:
        return SimpleSkillVocabulary()
    return TaxonomySkillVocabulary()
