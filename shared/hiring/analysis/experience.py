"""Years of experience a posting asks for: "3-5 years", "5+ years", "at least 3 years", "minimum of two years"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
# A figure may be glued to the word before it in flattened feeds ("Engineering3 years"); a number word may not
# ("Java OR 3+ years" is not "a or 3").
_NUM = r"(?:(?<!\d)(?<!\d\.)\d{1,2}(?:\.\d)?|(?<![\w.])(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b)"
_PATTERN = re.compile(
    rf"(?P<lead>\bat\s+least|\bminimum(?:\s+of)?|\bmin\.?|\bover|\bmore\s+than|\bup\s+to|\bmaximum(?:\s+of)?)?\s*"
    rf"\(?(?P<low>{_NUM})\)?\s*(?:(?P<sep>-|–|—|to|or)\s*\(?(?P<high>{_NUM})\)?)?\s*(?P<plus>\+|plus|or\s+more)?\s*"
    rf"(?P<unit>years?|yrs?|months?)\b(?:'|’)?(?P<more>\s+or\s+more|\s+and\s+above|\s+minimum|\s+plus|\s*\+)?",
    re.I,
)
# The phrase is about experience when the same clause mentions it around the number.
_CONTEXT_AFTER = re.compile(
    r"^[^.;\n]{0,60}?\b(?:experience|exp\b|professional|industry|working|work\b|hands-on|background|track record"
    r"|of\s+(?:relevant|related|progressive|proven)|in\s+(?:a|an|the)?\s*\w+)"
    r"|^\s*(?:of\s+)?(?:[a-z]+ing|as\s+an?)\b",  # "4+ years building APIs", "6+ years as a product manager"
    re.I,
)
_CONTEXT_BEFORE = re.compile(
    r"(?:experience|exp)\b[^.;\n]{0,40}$|\b(?:you\s+(?:have|bring|possess)|requires?|candidates?\s+with)\s*$", re.I
)
# A span of time that is not an ask: "within 2 years you will", "in 3 years", "for the past 10 years".
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"\b(?:within|in|after|every|next|first|past|last|since|for\s+(?:the\s+)?(?:past|last|over)|around\s+for)\s*$",
    re.I,
)
# "a year of experience" is an ask; "a year of growth" is not.
_A_YEAR_OF_EXPERIENCE = re.compile(r"^(?:'s|’s)?\s+(?:of\s+)?(?:[\w-]+\s+){0,2}(?:experience|exp)\b", re.I)
_NOT_EXPERIENCE = re.compile(r"^[^.;\n]{0,40}\b(?:old|of age|warranty|history|anniversary|in business|ago)\b", re.I)


@dataclass(frozen=True)
class ExperienceRange:
    min_years: float | None
    max_years: float | None
    text: str


def _value(token: str) -> float:
    token = token.lower()
    return float(_WORDS[token]) if token in _WORDS else float(token)


def find_experience(text: str) -> list[ExperienceRange]:
    """Every experience requirement stated in the text, in order."""
    found = []
    for match in _PATTERN.finditer(text):
        after = text[match.end() : match.end() + 80]
        before = text[max(0, match.start() - 50) : match.start()]
        if _NOT_EXPERIENCE.search(after) or not (
            _CONTEXT_AFTER.search(after) or _CONTEXT_BEFORE.search(before) or _names_a_skill(after)
        ):
            continue
        if not match.group("lead") and _NOT_EXPERIENCE_BEFORE.search(before):
            continue
        if match.group("low").lower() in {"a", "an"} and not (
            match.group("lead") or _A_YEAR_OF_EXPERIENCE.match(after)
        ):
            continue  # "a year of ..." reads as duration unless experience follows
        scale = 1 / 12 if match.group("unit").lower().startswith("month") else 1
        low = _value(match.group("low")) * scale
        high = _value(match.group("high")) * scale if match.group("high") else None
        lead = (match.group("lead") or "").lower()
        if match.group("sep") and match.group("sep").lower() == "or" and high is not None:
            low, high = min(low, high), None  # "two or three years" -> at least two
        if lead.startswith(("up to", "maximum")):
            found.append(ExperienceRange(None, low, match.group(0).strip()))
        elif high is not None:
            found.append(ExperienceRange(min(low, high), max(low, high), match.group(0).strip()))
        else:  # "3 years of experience" is a floor: a job states a ceiling only with a range or "up to"
            found.append(ExperienceRange(low, None, match.group(0).strip()))
    return found


_WITH_SKILL = re.compile(r"^\s+(?:of|with|in|using|on)\s+", re.I)


def _names_a_skill(after: str) -> bool:
    """'4+ years of Python', '3-5 yrs with React': years with a known technical skill are an experience ask."""
    lead = _WITH_SKILL.match(after)
    if lead is None:
        return False
    from hiring.skills.extractor import TECH_CATEGORIES, get_extractor

    head = after[: lead.end() + 30]
    return any(
        m.known and m.category in TECH_CATEGORIES and m.start <= lead.end() + 1 for m in get_extractor().extract(head)
    )


def required_experience(text: str) -> tuple[float | None, float | None]:
    """The overall (min, max) years a posting asks for: the largest stated minimum governs."""
    ranges = [r for r in find_experience(text) if r.min_years is not None or r.max_years is not None]
    if not ranges:
        return None, None
    governing = max(ranges, key=lambda r: (r.min_years or 0, r.max_years or 0))
    if governing.min_years is None:
        return None, governing.max_years
    return governing.min_years, governing.max_years
