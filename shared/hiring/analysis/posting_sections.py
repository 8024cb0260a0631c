"""The parts of a job posting: requirement and nice-to-have blocks, duties, company and benefits text.

A block runs from its heading to the next heading, across paragraphs and lists. Headings come as people write
them: "Requirements:", "REQUIREMENTS", "## What you'll bring", "**Nice to have**", a short line ending in ':',
"<h3>About you</h3>" in HTML, and inside feeds that flatten a posting to one line ("... etc. Qualifications
Basic Qualifications: 5+ years ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from hiring.html_text import html_to_text

SectionKind = Literal["intro", "context", "required", "preferred", "duties", "other"]
# Kinds whose skills are asked of the candidate.
REQUIREMENT_KINDS: frozenset[str] = frozenset({"required", "preferred"})

# What a heading's words say about its block; the first kind whose pattern matches wins, so the preferred
# wording is tried before the "qualifications" it often shares a heading with.
_HEADING_KINDS: list[tuple[SectionKind, re.Pattern[str]]] = [
    ("preferred", re.compile(
        r"nice[-\s]to[-\s]haves?|good[-\s]to[-\s]haves?|\bbonus|\bplus(?:es)?\b|\bpreferred|\bdesired|\bdesirable"
        r"|\badditional\s+(?:qualifications|skills|requirements|experience)|extra\s+credit|even\s+better"
        r"|stand\s+out|\bideally\b|\boptional\b|brownie\s+points|would\s+be\s+(?:great|nice)", re.I)),
    ("other", re.compile(
        r"\bbenefits?\b|\bperks\b|what\s+we\s+offer|we\s+offer|\boffer\s+you|about\s+(?:us|the\s+(?:company|team|employer)"
        r"|(?!you\b|the\s+(?:role|position|job|opportunity)\b)[\w&.-]+(?:\s+[\w&.-]+)?$)|who\s+we\s+are|\bour\s+(?:company|story|mission|values|culture|team)"
        r"|company\s+(?:overview|description|profile)|\bwhy\s+(?:join|work|you|us)|\bcompensation|\bsalary|\bpay\b"
        r"|\bremuneration|\blocation|how\s+to\s+apply|\bapply\b|equal\s+(?:opportunity|employment)|\beeo\b"
        r"|diversity|what'?s\s+in\s+it\s+for\s+you|life\s+at\b|working\s+(?:at|here|with\s+us)|the\s+package"
        r"|\bwhat\s+you(?:'ll|\s+will)?\s+get|\bdisclaimer|\bhiring\s+process|\binterview\s+process|\bnext\s+steps",
        re.I)),
    ("duties", re.compile(
        r"responsibilit|\bduties\b|what\s+you(?:'ll|’ll|\s+will)?\s+(?:do|be\s+doing|work\s+on|achieve)"
        r"|(?:the|your|about\s+the)\s+(?:role|position|opportunity|job)\b|day[-\s]to[-\s]day|your\s+(?:impact|mission)"
        r"|in\s+this\s+role|role\s+(?:overview|summary|description)|job\s+(?:summary|overview|purpose)"
        r"|accountabilit|\btasks\b|^you\s+will$|^you'?ll$|the\s+work\b|what\s+the\s+job\s+involves", re.I)),
    ("required", re.compile(
        r"requirement|qualification|qualifiction|^required$|what\s+you(?:'ll|’ll|\s+will)?\s+(?:need|bring|have)"
        r"|what\s+we(?:'re|’re|\s+are)?\s+look(?:ing)?\s+for|(?:we(?:'re|’re|\s+are)|who\s+we(?:'re|’re|\s+are))\s+looking\s+for"
        r"|must[-\s]haves?|\bmust\s+have|\byou\s+(?:have|are|bring|should\s+have|need|must\s+have)\b"
        r"|\byou'?ll\s+(?:need|have|bring)|about\s+you|who\s+you\s+are|\byour\s+(?:profile|skills|background"
        r"|experience|qualifications|toolkit)|\bskills?\b|\bexperience\b|\bknowledge\b|competenc|\bprofile\b"
        r"|ideal\s+candidate|what\s+it\s+takes|\bessential|\bcriteria\b|to\s+be\s+successful|\bexpertise"
        r"|\babilities\b|\beducation\b|\bcertifications?\b|\bwho\s+you\s+are", re.I)),
]  # fmt: skip
_BULLET = re.compile(r"^\s*(?:[-*–—]\s+|[•·▪◦‣●○■□➢►▸▹→⇒➔➜✓✔✅☑★☆]\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
# Emoji and symbols that decorate a heading ("🎯 What you bring", "✨ Bonus if you have").
_DECORATION = re.compile(r"^[^\w#*_<(\[]+|[^\w)\]:：?!*_>]+$")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_WHOLE_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_]{2,80}?)(?:\*\*|__)\s*:?\s*$")
_LABEL_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][^:\n]{1,60}?)(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s*(?P<rest>.*)$"
)
# In a posting flattened to one line, a heading shows as a capitalised cue after a sentence or list item.
_INLINE_CUE = re.compile(
    r"(?:(?<=[.!?;:•)\]”\"])|(?<=[a-z]\s)|(?<=\s\s)|(?<=^))\s*"
    r"(?P<label>(?:(?:Basic|Minimum|Required|Preferred|Desired|Additional|Key|Essential|Job|Your)\s+)?"
    r"(?:Qualifications|Requirements|Responsibilities|Skills|Duties)|Nice[-\s]to[-\s]haves?|Benefits"
    r"|What\s+you(?:'ll|’ll|\s+will)?\s+(?:do|bring|need)|What\s+we\s+offer|About\s+(?:you|us|the\s+role)"
    r"|Education|Experience|Must[-\s]haves?|Bonus\s+points|Perks|Required|Preferred|Desired)"
    r"(?P<after>\s*[:：]|(?=\s+[A-Z•\-\d(])|(?=\d)|(?=\s*$))",
    re.I,
)
# Inline cues without a colon are taken only for words that are headings far more often than prose.
_BARE_INLINE = re.compile(
    r"^(?:(?:basic|minimum|required|preferred|desired|additional|key|essential|job)\s+)?"
    r"(?:qualifications|requirements|responsibilities)$|^nice[-\s]to[-\s]haves?$|^benefits$",
    re.I,
)
_EEO = re.compile(r"\bis\s+(?:an?\s+|a\s+proud\s+)?equal\s+(?:opportunity|employment)", re.I)
_SENTENCE_START = re.compile(r"[.!?]\s+|\n|•")
# The employer's name before "is an equal opportunity employer" when no sentence break precedes it.
_EMPLOYER_NAME = re.compile(r"[A-Z][\w&.'-]*(?:\s+[A-Z&][\w&.'-]*)?\s+$")  # two words at most: a skill may precede
_HTML_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|span|section|table|tr|td)\b[^>]*>", re.I)
_HTML_HEADING = re.compile(r"<(h[1-6])\b[^>]*>(?P<label>.*?)</\1>", re.I | re.S)
_HTML_BOLD_BLOCK = re.compile(r"<p\b[^>]*>\s*<(strong|b)\b[^>]*>(?P<label>.*?)</\1>\s*</p>", re.I | re.S)


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: SectionKind
    heading: str  # the heading's words as written ("" for the intro)


def posting_text(description: str) -> str:
    """The posting as plain lines: HTML (headings kept as '## ' lines, list items as '- ') or the text as given."""
    if not _HTML_TAG.search(description):
        return description
    marked = _HTML_HEADING.sub(lambda m: f"<p>## {m.group('label')}</p>", description)
    marked = _HTML_BOLD_BLOCK.sub(lambda m: f"<p>## {m.group('label')}</p>", marked)
    return html_to_text(marked)


def heading_kind(label: str) -> SectionKind | None:
    """The kind of block a heading opens, or None when its words name none of them."""
    cleaned = re.sub(r"[*_#:：]+|<[^>]+>", " ", label).strip().replace("’", "'")
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(cleaned):
            return kind
    return None


def _looks_like_heading(line: str) -> str | None:
    """The label of a line that stands alone as a heading, or None."""
    stripped = _DECORATION.sub("", line.strip()).strip()
    if not stripped or _BULLET.match(stripped) and not _MARKDOWN_HEADING.match(stripped):
        return None
    if _MARKDOWN_HEADING.match(stripped):
        return _MARKDOWN_HEADING.sub("", stripped).strip("*_: ")
    bold = _WHOLE_BOLD.match(stripped)
    if bold:
        return bold.group("label").strip(": ")
    words = stripped.rstrip(":：").split()
    if stripped.endswith((":", "：")) and len(words) <= 12:
        return stripped.rstrip(":： ").strip("*_ ")
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(words) <= 6:
        return stripped.strip("*_: ")
    if len(words) <= 6 and not stripped.endswith((".", ",", ";")):
        label = stripped.strip("*_ ")
        if heading_kind(label) is not None and _is_bare_heading(label):
            return label
    return None


# The words heading lines are made of; a short line of nothing else is a heading even without a colon.
_HEADING_WORDS = frozenset({
    "a", "about", "abilities", "additional", "also", "and", "apply", "are", "at", "basic", "be", "benefits",
    "better", "bonus", "bring", "brings", "can", "candidate", "company", "compensation", "competencies", "core",
    "credit", "criteria", "d", "day", "desirable", "desired", "do", "doing", "duties", "education", "essential",
    "even", "experience", "expertise", "extra", "for", "get", "good", "have", "haves", "help", "how", "ideal",
    "ideally", "if", "impact", "in", "is", "it", "job", "join", "key", "knowledge", "life", "ll", "location",
    "looking", "love", "main", "make", "minimum", "mission", "must", "need", "nice", "of", "offer", "on",
    "opportunity", "our", "out", "package", "perks", "plus", "pluses", "points", "preferred", "profile",
    "qualification", "qualifications", "re", "really", "required", "requirement", "requirements", "responsibilities",
    "role", "salary", "selection", "should", "skill", "skills", "stack", "stand", "table", "takes", "team", "tech",
    "technical", "the", "this", "to", "us", "ve", "we", "what", "where", "who", "whom", "why", "will", "work",
    "would", "you", "your"
})  # fmt: skip
_HEADING_TOKEN = re.compile(r"[a-z]+")


def _is_bare_heading(label: str) -> bool:
    """A short line without a colon is a heading only if it is nothing but heading words ("What you'll bring")."""
    words = _HEADING_TOKEN.findall(label.lower().replace("’", "'"))
    return bool(words) and all(word in _HEADING_WORDS for word in words)


def split_sections(text: str) -> list[Section]:
    """The blocks of a posting in order, covering the text end to end; text before any heading is 'intro'."""
    cues: list[tuple[int, SectionKind, str, int | None]] = []  # start, kind, heading, end if it covers one line
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        label = _looks_like_heading(body)
        if label is not None:
            cues.append((offset, heading_kind(label) or "context", label, None))
        else:
            labelled = _LABEL_LINE.match(body)
            kind = heading_kind(labelled.group("label")) if labelled else None
            if labelled and kind and _is_bare_heading(labelled.group("label").strip("*_ ")):
                cues.append((offset, kind, labelled.group("label").strip("*_ "), None))
            elif _BULLET.match(body):
                inner = _LABEL_LINE.match(_BULLET.sub("", body))
                item_kind = heading_kind(inner.group("label")) if inner else None
                if inner and item_kind in {"preferred", "required"} and _is_bare_heading(inner.group("label")):
                    cues.append((offset, item_kind, inner.group("label"), offset + len(body)))  # this item only
            cues.extend(_inline_cues(body, offset))
        offset += len(line)
    for eeo in _EEO.finditer(text):  # "Contoso is an equal opportunity employer": from the sentence's start
        starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, eeo.start() - 120), eeo.start())]
        name = _EMPLOYER_NAME.search(text, max(0, eeo.start() - 60), eeo.start())
        start = starts[-1] if starts else name.start() if name else eeo.start()
        cues.append((start, "other", "equal opportunity", None))
    cues.sort(key=lambda c: c[0])
    return _blocks(cues, len(text))


def _inline_cues(line: str, offset: int) -> list[tuple[int, SectionKind, str, int | None]]:
    """Headings inside a long line, as feeds that drop line breaks leave them."""
    found: list[tuple[int, SectionKind, str, int | None]] = []
    for match in _INLINE_CUE.finditer(line):
        label = re.sub(r"\s+", " ", match.group("label"))
        if match.start("label") == 0 or not label[0].isupper():
            continue  # a heading at the line's start is read as a line; a lower-case cue is prose
        if not match.group("after").strip() and not _BARE_INLINE.match(label):
            continue
        kind = heading_kind(label)
        if kind is not None:
            found.append((offset + match.start("label"), kind, label, None))
    return found


def _blocks(cues: list[tuple[int, SectionKind, str, int | None]], length: int) -> list[Section]:
    sections: list[Section] = []
    current: tuple[int, SectionKind, str] = (0, "intro", "")
    resume_at: tuple[int, SectionKind, str] | None = None  # the block an item-local cue returns to
    for start, kind, heading, until in cues:
        if resume_at is not None and start >= resume_at[0]:
            sections.append(Section(current[0], resume_at[0], current[1], current[2]))
            current, resume_at = resume_at, None
        if start < current[0]:
            continue
        if start > current[0]:
            sections.append(Section(current[0], start, current[1], current[2]))
        if until is not None:
            resume_at = (until, current[1], current[2])
        if kind == "context" and current[1] in REQUIREMENT_KINDS:
            # A heading that names no kind inside the requirements ("Languages:", "Tools:") is a sub-heading;
            # the blocks that end requirements (benefits, about us, how to apply) have headings that do.
            kind, heading = current[1], current[2]
        current = (start, kind, heading)
    if resume_at is not None and resume_at[0] < length:
        sections.append(Section(current[0], resume_at[0], current[1], current[2]))
        current = resume_at
    sections.append(Section(current[0], length, current[1], current[2]))
    return [s for s in sections if s.end > s.start or s.start == 0]


def section_at(sections: list[Section], offset: int) -> Section:
    """The block that holds a character offset."""
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return sections[-1]


def requirement_text(text: str, sections: list[Section], kinds: frozenset[str] = REQUIREMENT_KINDS) -> str:
    """The text of the blocks of the given kinds, one block a paragraph."""
    return "\n\n".join(text[s.start : s.end] for s in sections if s.kind in kinds)
