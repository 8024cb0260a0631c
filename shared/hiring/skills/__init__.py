"""The canonical skill taxonomy (compiled from ESCO, O*NET and a tech-skill list) and the skill extractor."""

from hiring.skills.extractor import SkillExtractor, SkillMention, get_extractor
from hiring.skills.taxonomy import Skill, Taxonomy, get_taxonomy, load_taxonomy

__all__ = [
    "Skill",
    "SkillExtractor",
    "SkillMention",
    "Taxonomy",
    "get_extractor",
    "get_taxonomy",
    "load_taxonomy",
    "skill_names",
]


def skill_names(text: str) -> list[str]:
    """Canonical names of the known skills found in the text, in first-appearance order (no offsets, no unknown
    terms: the extractor's mentions carry those)."""
    names: dict[str, None] = {}
    for mention in get_extractor().extract(text):
        if mention.known:
            names.setdefault(mention.canonical, None)
    return list(names)
