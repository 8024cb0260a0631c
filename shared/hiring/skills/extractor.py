"""Skill mentions in any text (resumes, job descriptions), with exact character offsets.

One token trie over every surface form of the compiled taxonomy, longest match first. Surface forms that are
also ordinary words ("react", "spring", "Go", "R", "communication") carry a match level, enforced here with
spelling and context rules. Near-misses ("Kubernates") are matched with rapidfuzz in a technical context;
skill-like items of a skills list that the taxonomy does not know are kept and flagged (known=False). The line,
sentence and list structure the rules ask about is read by hiring.skills.document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from hiring.skills.document import CONJUNCTIONS, OPENERS, SENTENCE_END, SEPARATORS, Document
from hiring.skills.taxonomy import CASED, CONTEXT, CONTEXT_ANY, FREE, Surface, Taxonomy, get_taxonomy
from hiring.skills.text import is_word, word_set

_END = "\0"
TECH_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "platform", "tool", "methodology"})
# Items of a list that start with these are phrases, not skill names.
_ITEM_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "we",
        "you",
        "our",
        "your",
        "i",
        "my",
        "etc",
        "e",
        "g",
        "eg",
        "ie",
        "including",
        "such",
        "other",
        "others",
        "more",
        "years",
        "year",
        "experience",
        "knowledge",
        "good",
        "strong",
        "excellent",
        "basic",
    }
)
# Words that make an item of a list a phrase wherever they stand ("Managed the project", "Led a team").
_PHRASE_WORDS = frozenset({"the", "a", "an", "my", "our", "your", "we", "i", "was", "were"})
# Seasons and months: "Spring 2023", "Spring '22", "Spring semester" and "May 2021" are dates, not products.
_DATE_WORDS = word_set(
    "spring summer fall autumn winter january february march april may june july august september october"
    " november december jan feb mar apr jun jul aug sep sept oct nov dec"
)
_TERM_WORDS = word_set(
    "semester semesters term terms quarter quarters session sessions break intern interns internship internships"
    " season collection cohort graduate graduation recruiting hiring"
)
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
_DURATION_WORDS = frozenset({"year", "years", "yr", "yrs", "month", "months", "mos"})
_OPEN_END_WORDS = frozenset({"present", "current", "now", "today", "since", "date", "ongoing"})
# Words that name a list's part, not a skill: "Soft skills:", "Tech:", "Core -", "Other |", "Environment:".
_LABEL_WORDS = word_set(
    "soft hard tech technical technology technologies tool tools core other others misc miscellaneous general key"
    " additional relevant language languages framework frameworks platform platforms database databases library"
    " libraries environment environments skill skills skillset competencies competency expertise strengths areas"
    " area interests hobbies methodologies concepts applications familiar proficient basic intermediate advanced"
    " expert beginner fluent native working knowledge"
)
# The head nouns of skill names ("change management", "process design"): a phrase ending in one names a skill in
# any sentence; other ESCO skill phrases are verb phrases ("entertain people", "monitor logs").
_NOUN_ENDINGS = ("ment", "tion", "sion", "sis", "ing", "ance", "ence", "ity", "ness", "ship", "ics", "ogy", "acy")
_NOUN_HEADS = frozenset({"design", "sales", "research", "support", "control", "care", "service", "services"})
# Past participles that claim a skill ("Skilled in SolidWorks"), unlike a past tense that tells a story.
_CLAIMS = frozenset(
    {"skilled", "experienced", "trained", "certified", "qualified", "licensed", "specialized", "specialised"}
)
# A capability frame before an ESCO skill phrase ("ability to entertain people", "you will manage teams"):
# without one, "our mission is to entertain people" describes a business, not a skill asked for or shown.
_CAPABILITY_BEFORE_TO = word_set(
    "ability abilities able how skill skills capacity willingness willing expected required requires want wants"
    " need needs eager ready opportunity chance responsibility responsibilities love enjoy"
)
_MODALS = frozenset({"can", "will", "must", "should", "shall", "could", "would"})
_PHRASE_CATEGORIES = frozenset({"skill", "soft"})
FUZZY_THRESHOLD = 88.0
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill mention: text[start:end] == text; canonical and category from the taxonomy (or the cleaned
    surface and "unknown" when known is False); source says how it matched (exact, context, fuzzy, list, or
    tagger for a span of the trained tagger); span_type is the tagger's Skill or Knowledge where it tagged one."""

    start: int
    end: int
    text: str
    canonical: str
    category: str
    known: bool = True
    source: str = "exact"
    confidence: float = 1.0
    span_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The mention as plain JSON data."""
        return asdict(self)


class SkillExtractor:
    """Finds skill mentions in text using a compiled taxonomy."""

    def __init__(self, taxonomy: Taxonomy, *, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.taxonomy = taxonomy
        self.fuzzy_threshold = fuzzy_threshold
        self._trie: dict[str, Any] = {}
        for key, surface in taxonomy.surfaces.items():
            node = self._trie
            for part in key.split(" "):
                node = node.setdefault(part, {})
            node[_END] = surface
        self._fuzzy_choices: dict[int, list[str]] = {}
        for key, surface in taxonomy.surfaces.items():
            category = taxonomy.skills[surface.skill].category
            single = surface.level == FREE and " " not in key and len(key) >= FUZZY_MIN_LENGTH and key.isalpha()
            if single and category in TECH_CATEGORIES:
                self._fuzzy_choices.setdefault(len(key), []).append(key)

    def extract(self, text: str, list_spans: Sequence[tuple[int, int]] = ()) -> list[SkillMention]:
        """Skill mentions in the text, in order, non-overlapping, with exact offsets.

        `list_spans` are character spans the caller knows to list skills (a resume's skills sections, whatever
        their heading says): their lines are read as skills lists, as lines under a "Skills" heading are."""
        doc = Document(text, list_spans)
        for start, end, (surface, _) in self._walk(doc, anchors_only=True):
            # A degree's field ("B.S. in Computer Science") does not make its line a list of skills.
            if self.taxonomy.skills[surface.skill].category == "field_of_study":
                continue
            doc.anchors_by_line.setdefault(doc.line_of[start], []).append((start, end))
            doc.anchor_sentences.add(doc.sentence_of[start])
        mentions: list[SkillMention] = []
        covered = bytearray(len(doc.tokens))
        for start, end, (surface, source) in self._walk(doc, anchors_only=False):
            mentions.append(self._mention(doc, start, end, surface, source, 1.0 if source == "exact" else 0.8))
            covered[start:end] = b"\x01" * (end - start)
        mentions += self._fuzzy(doc, covered)
        for i, j in _named_items(doc, covered):
            # "SAP FICO", "Finish Carpentry": an item a list parts with commas names one skill, though a
            # known skill stands in it; the item as written replaces the part.
            whole = _unknown_mention(doc, list(range(i, j)), self.taxonomy.english)
            if whole is not None:
                first, last = doc.tokens[i].start, doc.tokens[j - 1].end
                mentions = [m for m in mentions if not first <= m.start < last]
                mentions.append(whole)
                covered[i:j] = b"\x01" * (j - i)
        mentions += self._unknown(doc, covered)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _mention(
        self, doc: Document, start: int, end: int, surface: Surface, source: str, confidence: float
    ) -> SkillMention:
        skill = self.taxonomy.skills[surface.skill]
        char_start, char_end = doc.tokens[start].start, doc.tokens[end - 1].end
        return SkillMention(
            char_start, char_end, doc.text[char_start:char_end], skill.name, skill.category, True, source, confidence
        )

    def _walk(self, doc: Document, *, anchors_only: bool) -> list[tuple[int, int, tuple[Surface, str]]]:
        tokens, text, found = doc.tokens, doc.text, []
        count, index = len(tokens), 0
        cited = doc.cited
        while index < count:
            if cited[index]:
                index += 1
                continue
            node = self._trie.get(tokens[index].norm)
            candidates: list[tuple[int, Surface]] = []
            cursor = index
            while node is not None:
                cursor += 1
                if _END in node:
                    candidates.append((cursor, node[_END]))
                if cursor >= count or "\n\n" in text[tokens[cursor - 1].end : tokens[cursor].start]:
                    break
                glued_hyphen = doc.glued_before(cursor) and doc.glued_after(cursor)
                if tokens[cursor].norm == "-" and "-" not in node and cursor + 1 < count and glued_hyphen:
                    cursor += 1  # "amazon-web-services" reads as "amazon web services"
                node = node.get(tokens[cursor].norm)
            accepted = None
            for end, surface in reversed(candidates):
                if doc.inside_identifier(index, end) or cited[end - 1] or _dated(doc, index, end):
                    continue
                if self._unframed_skill_phrase(doc, index, end, surface) or self._lower_case_abbreviation(
                    doc, index, end, surface
                ):
                    continue
                if surface.level == FREE:
                    accepted = (end, surface, "exact")
                elif not anchors_only and self._accept(doc, index, end, surface):
                    accepted = (end, surface, "context")
                if accepted:
                    break
            if accepted:
                found.append((index, accepted[0], (accepted[1], accepted[2])))
                index = accepted[0]
            else:
                index += 1
        return found

    def _unframed_skill_phrase(self, doc: Document, i: int, j: int, surface: Surface) -> bool:
        """An ESCO skill phrase ("entertain people", "manage teams") in running prose with nothing that makes it a
        capability: not a duty bullet, a list item, or the verb after a modal or "ability to"."""
        if j - i < 2:
            return False
        skill = self.taxonomy.skills[surface.skill]
        if skill.category not in _PHRASE_CATEGORIES or "curated" in skill.sources:
            return False
        tokens, line = doc.tokens, doc.line_of[i]
        head = tokens[j - 1].norm
        if head.endswith(_NOUN_ENDINGS) or head in _NOUN_HEADS:
            return False
        # A sentence or a duty bullet starts with it ("• Entertain people at events", "- Monitor logs").
        if i == 0 or tokens[i - 1].norm in SENTENCE_END or tokens[i - 1].norm in OPENERS:
            return False
        if all(not is_word(tokens[k].norm) for k in doc.tokens_by_line[line] if k < i):
            return False
        if doc.is_list_item(i, j) and (line in doc.skill_lines or doc.has_anchor(i, j)):
            return False
        sentence = doc.sentence_of[i]
        for k in range(i - 1, max(-1, i - 11), -1):
            if doc.sentence_of[k] != sentence:
                break
            norm = tokens[k].norm
            if norm in _MODALS or norm == "you":
                return False
            if norm == "to" and k > 0 and tokens[k - 1].norm in _CAPABILITY_BEFORE_TO:
                return False
        return True

    def _lower_case_abbreviation(self, doc: Document, i: int, j: int, surface: Surface) -> bool:
        """An ESCO abbreviation of a longer name ("DID" for direct inward dialing, "CPR" for resuscitation) written
        in lower case: that is the English word ("did", "dies"), not the abbreviation."""
        key = surface.key
        if j - i != 1 or len(key) > 5 or not key.isalpha():
            return False
        skill = self.taxonomy.skills[surface.skill]
        if " " not in skill.name or not all(source.startswith("esco:") for source in skill.sources):
            return False
        spelled = doc.text[doc.tokens[i].start : doc.tokens[i].end]
        return not spelled.isupper() and not _inner_capital(spelled)

    def _accept(self, doc: Document, i: int, j: int, surface: Surface) -> bool:
        """Context rules for surface forms that are also ordinary words."""
        tokens = doc.tokens
        spelled = " ".join(doc.text[tokens[i].start : tokens[j - 1].end].split())
        exact = spelled in surface.forms
        line = doc.line_of[i]
        same_line_after = j < len(tokens) and doc.line_of[j] == line
        cue_after = same_line_after and tokens[j].norm in self.taxonomy.cue_after
        if surface.level != CASED and same_line_after and tokens[j].norm in {"-", "–"} and doc.glued_before(j):
            return False  # "Go-to-market", "C-level"
        item = doc.is_list_item(i, j)
        in_list = item and (line in doc.skill_lines or doc.has_anchor(i, j) or doc.in_vertical_list(line))
        if surface.level == CASED:
            if not exact:
                return in_list
            # Capitalised at a sentence start proves nothing ("Swift action", "Excel at"): it needs context.
            return not doc.sentence_initial(i) or in_list or cue_after
        if surface.level == CONTEXT:
            if not exact:
                return False
            cue_before = i > 0 and doc.line_of[i - 1] == line and tokens[i - 1].norm in self.taxonomy.cue_before
            ends_phrase = not same_line_after or tokens[j].norm in SEPARATORS | SENTENCE_END | CONJUNCTIONS
            return in_list or cue_after or (cue_before and ends_phrase)
        if surface.level == CONTEXT_ANY:
            # Generic words need a list or the word "skills" after them: "software engineer" is a job title.
            following = {tokens[k].norm for k in range(j, min(j + 4, len(tokens))) if doc.line_of[k] == line}
            return in_list or bool(following & {"skills", "skill"})
        return True

    def _fuzzy(self, doc: Document, covered: bytearray) -> list[SkillMention]:
        found = []
        english, surfaces = self.taxonomy.english, self.taxonomy.surfaces
        for index, token in enumerate(doc.tokens):
            norm = token.norm
            if covered[index] or doc.cited[index] or len(norm) < FUZZY_MIN_LENGTH or not norm.isalpha():
                continue
            if norm in english or norm in surfaces or doc.inside_identifier(index, index + 1):
                continue
            if _in_proper_name(doc, index, covered):
                continue  # "Maple Ledger" is a company, not a misspelt "Maplex"
            line = doc.line_of[index]
            item = doc.is_list_item(index, index + 1)
            if not (
                (item and (line in doc.skill_lines or doc.has_anchor(index, index + 1)))
                or doc.sentence_of[index] in doc.anchor_sentences
            ):
                continue
            choices = [c for size in range(len(norm) - 2, len(norm) + 3) for c in self._fuzzy_choices.get(size, ())]
            best = process.extractOne(norm, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold)
            # A typo keeps the first letter; a missing prefix is another word ("developer" / "jdeveloper").
            if best is None or best[0][0] != norm[0] or best[0].endswith(norm):
                continue
            surface = surfaces[best[0]]
            mention = self._mention(doc, index, index + 1, surface, "fuzzy", round(best[1] / 100 * 0.9, 3))
            found.append(mention)
            covered[index] = 1
            doc.anchors_by_line.setdefault(line, []).append((index, index + 1))
        return found

    def _unknown(self, doc: Document, covered: bytearray) -> list[SkillMention]:
        """Skill-like items of skills lists that matched nothing: kept, flagged known=False."""
        found = []
        lines = sorted(set(doc.skill_lines) | set(doc.anchors_by_line))
        for line in lines:
            indexes = doc.tokens_by_line.get(line, [])
            if line in doc.skill_lines:
                items_start = doc.skill_lines[line]
                indexes = [k for k in indexes if doc.tokens[k].start >= items_start]
            items = _split_items(doc, indexes, covered)
            if line in doc.skill_lines:
                items = [part for item in items for part in _chips(doc, item, covered)]
            if line not in doc.skill_lines:
                known = sum(1 for item in items if any(covered[k] for k in item))
                words = sum(len(item) for item in items)
                # A prose sentence that happens to name two skills is not a list.
                if len(items) < 3 or known < 2 or known * 2 < len(items) or words > 3 * len(items):
                    continue
            for item in items:
                if any(covered[k] or doc.cited[k] for k in item) or _label(doc, item):
                    continue
                mention = _unknown_mention(doc, item, self.taxonomy.english)
                if mention:
                    found.append(mention)
        return found


def _in_proper_name(doc: Document, index: int, covered: bytearray) -> bool:
    """A capitalised word next to another capitalised word that is no skill: a name ("Maple Ledger", "Acme
    Analytics"), where a near-miss of a product name is not a typo of it."""
    tokens, text = doc.tokens, doc.text

    def capitalised(k: int) -> bool:
        if k < 0 or k >= len(tokens) or doc.line_of[k] != doc.line_of[index] or covered[k]:
            return False
        spelled = text[tokens[k].start : tokens[k].end]
        return spelled[:1].isupper() and spelled[1:].islower() and spelled.isalpha()

    return capitalised(index) and (capitalised(index - 1) or capitalised(index + 1))


def _inner_capital(word: str) -> bool:
    return word[1:] != word[1:].lower()


def _dated(doc: Document, i: int, j: int) -> bool:
    """A season or month with a year or a term after it ("Spring 2023", "Spring '22", "Fall semester",
    "Spring/Summer 2021"): a date, whatever the taxonomy says the word names."""
    tokens = doc.tokens
    if j - i != 1 or tokens[i].norm not in _DATE_WORDS:
        return False
    following = [tokens[k].norm for k in range(j, min(j + 3, len(tokens))) if doc.line_of[k] == doc.line_of[i]]
    if following and following[0] in {"'", ",", "of", "/", "-", "&", "and"}:
        following = following[1:]
    if not following:
        return False
    after = following[0]
    return (
        bool(_YEAR.match(after))
        or after in _TERM_WORDS
        or after in _DATE_WORDS
        or (len(after) == 2 and after.isdigit())
    )


def _label(doc: Document, item: list[int]) -> bool:
    """Whether an item names a part of the list instead of a skill: the words before a colon ("Soft skills:",
    "Tech:", "Environment:"), or words that only ever name list parts ("Soft - ...", "Languages | ...")."""
    tokens = doc.tokens
    words = [tokens[k].norm for k in item if is_word(tokens[k].norm)]
    if words and all(w in _LABEL_WORDS for w in words):
        return True
    following = item[-1] + 1
    if following >= len(tokens) or doc.line_of[following] != doc.line_of[item[-1]]:
        return False
    return tokens[following].norm == ":"


def _chips(doc: Document, item: list[int], covered: bytearray) -> list[list[int]]:
    """An item of a skills list holding known skills and other capitalised names side by side with only spaces
    between ("SQL Power BI Excel DAX", "Python R": chips a layout set in a row) is that many items: the known ones
    and each run of names between them. A run with a lower-case word is a phrase ("Experienced in Python") and the
    item stays whole."""
    if all(covered[k] for k in item) or not any(covered[k] for k in item):
        return [item]
    if any(mark in doc.line_text(doc.line_of[item[0]]) for mark in ",;"):
        return [item]  # a comma list names its items whole ("Mule API Manager", "Web logic")
    runs: list[list[int]] = []
    for k in item:
        if runs and bool(covered[runs[-1][-1]]) == bool(covered[k]):
            runs[-1].append(k)
        else:
            runs.append([k])
    loose = [run for run in runs if not covered[run[0]]]
    spelled = [doc.text[doc.tokens[k].start : doc.tokens[k].end] for run in loose for k in run]
    if any(word[:1].islower() for word in spelled if word[:1].isalpha()) or any(len(run) > 2 for run in loose):
        return [item]
    return [[k for k in run if is_word(doc.tokens[k].norm)] or run for run in runs]


def _named_items(doc: Document, covered: bytearray) -> list[tuple[int, int]]:
    """Items of a resume's comma lists, after a separator on their line, that are two to four capitalised words of
    which a known skill covers some but not all ("Tools | Excel, SAP FICO", "SaaS Sales"). An item opening its line
    may carry the group's name ("Design Illustrator, Figma"); a row of chips only spaces part is no comma list."""
    found = []
    for line, items_start in doc.skill_lines.items():
        if not any(mark in doc.line_text(line) for mark in ",;"):
            continue
        indexes = [k for k in doc.tokens_by_line.get(line, []) if doc.tokens[k].start >= items_start]
        if not indexes or not doc.in_list_span(indexes[0]):
            continue
        for item in _split_items(doc, indexes, bytearray(len(doc.tokens))):
            joins = [k for k in item[1:-1] if doc.tokens[k].norm in {"and", "&", "/"}]
            words = [k for k in item if is_word(doc.tokens[k].norm) and k not in joins]
            if not 2 <= len(words) <= 4 or len(words) + len(joins) != len(item):
                continue
            if item != list(range(item[0], item[-1] + 1)):
                continue
            if joins and all(covered[k] for k in item if k not in joins):
                continue  # "Python and R": two known skills a conjunction joins
            before = item[0] - 1
            if before < 0 or doc.line_of[before] != line or doc.tokens[before].norm not in SEPARATORS:
                continue
            spelled = [doc.text[doc.tokens[k].start : doc.tokens[k].end] for k in words]
            if not all(w[:1].isupper() for w in spelled) or all(covered[k] for k in item):
                continue
            if any(covered[k] for k in item) and not _covers_across(doc, item, covered):
                found.append((item[0], item[-1] + 1))
    return found


def _covers_across(doc: Document, item: list[int], covered: bytearray) -> bool:
    """Whether a covered run reaches past the item's edges (a known skill the item only shares words with)."""
    before, after = item[0] - 1, item[-1] + 1
    return bool(
        (covered[item[0]] and before >= 0 and covered[before] and doc.line_of[before] == doc.line_of[item[0]])
        or (
            covered[item[-1]] and after < len(covered) and covered[after] and doc.line_of[after] == doc.line_of[item[0]]
        )
    )


def _letter_pair(doc: Document, k: int) -> bool:
    """A slash glued between two single capital letters ("A/B", "I/O")."""
    tokens = doc.tokens
    if k == 0 or k + 1 >= len(tokens) or not (doc.glued_before(k) and doc.glued_after(k)):
        return False
    before, after = (doc.text[tokens[n].start : tokens[n].end] for n in (k - 1, k + 1))
    return len(before) == 1 and len(after) == 1 and before.isupper() and after.isupper()


def _inside_comma_item(doc: Document, k: int) -> bool:
    """A conjunction inside an item a comma follows on its line ("Banking and Finance, M&A", "Inspection and
    Testing, PLC"): it joins one name's words. In the last item it ends the list ("Python, R and SQL")."""
    line = doc.line_of[k]
    if line not in doc.skill_lines or not doc.in_list_span(k):
        return False  # only in the resume's own skills sections
    for n in range(k + 1, len(doc.tokens)):
        if doc.line_of[n] != line:
            return False
        if doc.tokens[n].norm in {",", ";"}:
            return True
    return False


def _split_items(doc: Document, indexes: list[int], covered: bytearray) -> list[list[int]]:
    items: list[list[int]] = []
    current: list[int] = []
    for k in indexes:
        norm = doc.tokens[k].norm
        boundary = not covered[k] and (
            (norm in SEPARATORS and not (norm in {"-", "/"} and doc.glued_before(k) and doc.glued_after(k)))
            or norm in {".", "!", "?"}
            and not doc.glued_after(k)
            or doc.is_conjunction(k)
            and not _inside_comma_item(doc, k)
        )
        if boundary and norm == "/" and _letter_pair(doc, k):
            boundary = False  # "A/B Testing", "I/O": one name, not two items
        if boundary:
            if current:
                items.append(current)
            current = []
        else:
            current.append(k)
    if current:
        items.append(current)
    return items


def _ordinary_words(doc: Document, item: list[int], english: frozenset[str]) -> bool:
    """Ordinary English that a list split out of prose: an adverb ("regularly"), a past tense starting a phrase
    ("Communicated with parents"), or a plural noun written in lower case ("parents", "colleagues")."""
    tokens = doc.tokens
    words = [tokens[k].norm for k in item if is_word(tokens[k].norm)]
    first = words[0]
    if len(words) == 1 and first.endswith("ly") and (first[:-2] in english or first[:-3] + "y" in english):
        return True  # "regularly", "happily"; not "assembly" or "supply"
    if first.endswith("ed") and first in english and first not in _CLAIMS:
        return len(words) == 1 or words[1] in _ITEM_STOPWORDS
    if len(words) == 1 and first in english and first.endswith("s") and not first.endswith(("ss", "us", "is")):
        spelled = doc.text[tokens[item[0]].start : tokens[item[-1]].end]
        return spelled == spelled.lower()
    return False


def _unknown_mention(doc: Document, item: list[int], english: frozenset[str]) -> SkillMention | None:
    tokens = doc.tokens
    while item and not is_word(tokens[item[0]].norm) and tokens[item[0]].norm not in {".", "#"}:
        item = item[1:]
    while item and not is_word(tokens[item[-1]].norm) and tokens[item[-1]].norm not in {"+", "#"}:
        item = item[:-1]
    words = [tokens[k].norm for k in item if is_word(tokens[k].norm)]
    if not words or len(words) > 4 or not any(c.isalpha() for w in words for c in w):
        return None
    # "A/B Testing", "E-Discovery": a capital letter glued to the next word is no article or "e.g."
    paired = len(item) > 2 and (
        tokens[item[1]].norm == "/"
        and _letter_pair(doc, item[1])
        or tokens[item[1]].norm == "-"
        and doc.glued_before(item[1])
        and doc.glued_after(item[1])
        and doc.text[tokens[item[0]].start : tokens[item[0]].end] in ("E", "X")
    )
    if words[0] in _ITEM_STOPWORDS and not paired or all(w in _ITEM_STOPWORDS for w in words):
        return None
    if any(w in _PHRASE_WORDS for w in words[1 if paired else 0 :]):
        return None  # "Managed the project": a phrase, not a name
    if _ordinary_words(doc, item, english) or all(w in _DATE_WORDS or w.isdigit() for w in words):
        return None  # prose split by the list, or a date ("Summer 2019")
    if any(w in _DURATION_WORDS for w in words):
        return None  # how long, not what: "Java (Less than 1 year)", "Python (3 years)"
    if any(_YEAR.match(w) for w in words) and any(w in _DATE_WORDS or w in _OPEN_END_WORDS for w in words):
        return None  # when, not what: "May 2018 to Present", "Since Feb 2008"
    lower = doc.text[tokens[item[0]].start : tokens[item[-1]].end].islower()
    if lower and (len(words) == 1 and words[0] in english or len(words) >= 3 and doc.in_list_span(item[0])):
        return None  # ordinary words in lower case ("filtering"; in a resume's skills section "creation of test
        # data"): prose a list split, not a name
    start, end = tokens[item[0]].start, tokens[item[-1]].end
    surface = doc.text[start:end]
    if end - start > 40 or "\n" in surface:
        return None
    return SkillMention(start, end, surface, " ".join(surface.split()), "unknown", False, "list", 0.4)


@lru_cache(maxsize=1)
def get_extractor() -> SkillExtractor:
    """The extractor over the shipped taxonomy, built once per process."""
    return SkillExtractor(get_taxonomy())
