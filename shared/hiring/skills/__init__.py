"""The canonical skill taxonomy (compiled from ESCO, O*NET and a tech-skill list) and the skill extractor."""

from hiring.skills.extractor import SkillExtractor, SkillMention, get_extractor
from hiring.skills.taxonomy import Skill, Taxonomy, get_taxonomy, load_taxonomy

__all__ = ["Skill", "SkillExtractor", "SkillMention", "Taxonomy", "get_extractor", "get_taxonomy", "load_taxonomy"]
