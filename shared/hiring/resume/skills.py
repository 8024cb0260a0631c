"""Skill mentions in resume text, from the taxonomy extractor shared with job descriptions.

Resume skills come from the taxonomy alone, not from the span tagger (hiring.skills.tagger): trained on job
postings, the spans it adds on the 310 labelled dotin CVs overlap a labelled skill for 18% of those it links to
the taxonomy and 14% of the unlinked, against 41% of the taxonomy's own mentions, and it costs ~15 ms a resume
(bench/skill_tagger_resumes_bench.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

# Categories of named technologies (the extractor's list): one mention of these is evidence anywhere.
TECH_CATEGORIES = frozenset({"language", "framework", "database", "cloud", "platform", "tool", "methodology"})
# A capital letter as a person's initial ("Fitch, D., & Shaffer, J. (2007)", "J. K. Rowling"), not "C" or "R".
_INITIAL_BEFORE = re.compile(r"(?:[A-Z][\w'-]+,|\b[A-Z]\.)\s*$")
_INITIAL_AFTER = re.compile(r"^\.\s*(?:,|&|\(|and\b)")
_NEXT_INITIAL = re.compile(r"^\.\s?[A-Z]\.")
# What a list line holds besides its skills: bullets, separators, a label ("Strengths:").
_LIST_FILLER = re.compile(r"[\s,;|/•·▪●◦‣*&+()\[\]-]+|\band\b|\bor\b|^[^:\n]{0,30}:", re.I)
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
    grouped: bool = False  # in a named group of skills outside any skills section (a sidebar's "Analytics" block)


def find_mentions(text: str, list_spans: Sequence[tuple[int, int]] | None = ()) -> list[Mention]:
    """Every skill mention in the text (the taxonomy extractor), in order of appearance; `list_spans` are the
    resume's skills sections, read as lists whatever their heading (the extractor sees only the text), and None
    when the text's line breaks were restored by guess (then no line is read as a list for its shape alone).

    Groups of skills a sidebar prints under their own names with no "Skills" heading ("Analytics" over "SQL Power
    BI Excel" / "DAX") are lists too, when a known skill stands among them."""
    from hiring.skills.extractor import get_extractor

    groups = [] if list_spans is None else _named_groups(text, list_spans)
    raw_mentions = get_extractor().extract(text, [*(list_spans or ()), *groups])
    if groups:
        # A group holding no known skill was a block of other short lines ("Welding" over "SMAW GTAW FCAW" names
        # nothing the taxonomy knows): the list reading it was given is taken back.
        known = {g for g in groups for m in raw_mentions if m.known and m.source == "exact" and g[0] <= m.start < g[1]}
        unfounded = [g for g in groups if g not in known]
        raw_mentions = [
            m
            for m in raw_mentions
            if (m.known and m.source == "exact") or not any(a <= m.start < b for a, b in unfounded)
        ]
    mentions = [m for m in (_as_mention(raw) for raw in raw_mentions) if m.canonical]
    if groups:
        mentions = [replace(m, grouped=any(a <= m.start < b for a, b in groups)) for m in mentions]
    # "example.net" or "github.com/x/react-app" are addresses, not skills.
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]  # in order, apart
    starts = [a for a, _ in addresses]

    def in_address(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and offset < addresses[k][1]

    kept = [m for m in mentions if not in_address(m.start) and not _initial(text, m)]
    return sorted(kept, key=lambda m: (m.start, m.end))


_GROUP_LINE = re.compile(r"^[^\W\d_][^\n@:;.,|•·()]{0,40}$")


def _named_groups(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the blocks of short lines (at most five words each, no sentence, address or date) under a group's
    name (at most three words standing between blank lines), with the groups that follow them one blank line
    apart, outside the spans already known to list skills. Each is a candidate list of skills."""
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    found: list[tuple[int, int]] = []
    n = 1
    while n + 2 < len(lines):
        label = lines[n].strip()
        if lines[n - 1].strip() or lines[n + 1].strip() or not label or len(label.split()) > 3:
            n += 1
            continue
        if not _GROUP_LINE.match(label) or not lines[n + 2].strip():
            n += 1
            continue
        end = n + 2
        while end < len(lines) and lines[end].strip():
            end += 1
        block = [lines[k].strip() for k in range(n + 2, end)]
        shaped = _group_name(label) and all(_group_item(b) for b in block)
        while shaped and end + 1 < len(lines) and not lines[end].strip() and lines[end + 1].strip():
            # The groups that follow after one blank line ("Technology" / blank / "Seesaw"): one sidebar run,
            # known skills in any of its groups vouching for all of them.
            more = end + 1
            while more < len(lines) and lines[more].strip():
                more += 1
            if not all(_group_item(lines[k].strip()) for k in range(end + 1, more)):
                break
            end = more
        span = (starts[n + 2], starts[end - 1] + len(lines[end - 1]))  # the items, under their group's name
        if shaped and not any(a < span[1] and span[0] < b for a, b in taken):
            found.append(span)
        n = end
    return found


def _group_name(label: str) -> bool:
    """A group's name: no section heading, person's name, job title, degree or school ("Analytics", "Tools")."""
    from hiring.resume.contact import looks_like_name
    from hiring.resume.sections import heading_kind

    return heading_kind(label) is None and not looks_like_name(label) and _group_item(label)


def _group_item(line: str) -> bool:
    """A line of a group of skills: short, no sentence, address, date, heading, job title, degree or school."""
    from hiring.resume.dates import find_ranges
    from hiring.resume.education import degree_level, names_institution
    from hiring.resume.sections import heading_kind
    from hiring.resume.titles import TITLE_HEADS

    if len(line.split()) > 5 or not _GROUP_LINE.match(line) or re.search(r"\d{3}|['’]\d\d|→", line):
        return False
    if heading_kind(line) is not None or find_ranges(line) or degree_level(line)[1] or names_institution(line):
        return False
    return line.split()[-1].lower() not in TITLE_HEADS


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


def in_skill_list(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a mention stands in a bare list of skills ("Customer service, Communication, Teamwork", or one skill
    a line in a column of such lines) rather than in a sentence about work. A list under a heading the sections
    do not know may fall inside the last job's span; it says nothing about what was done in that job.

    One question; to ask it of many mentions of one text, build SkillLines once (linear in the text)."""
    return SkillLines(text, mentions).listed(mention)


class SkillLines:
    """The lines of one text and its mentions, indexed once: each line's bounds by bisection over the line breaks,
    each line's mentions and whether it is bare computed at most once. Asking every mention of a text costs time
    linear in the text and the mentions (the per-mention scan of its line made a 100 KB single line take 21 s)."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self._bare: dict[tuple[int, int], bool] = {}
        self._count: dict[tuple[int, int], int] = {}

    def line_of(self, offset: int) -> tuple[int, int]:
        """The bounds of the line holding offset: after the last break before it, up to the first break from it."""
        k = bisect_left(self.breaks, offset)
        start = self.breaks[k - 1] + 1 if k > 0 else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, end

    def listed(self, mention: Mention) -> bool:
        """in_skill_list for one mention of this text."""
        line = self.line_of(mention.start)
        if not self.bare(line):
            return False
        if self.count(line) >= 2:
            return True
        line_start, line_end = line
        neighbours = [self.line_of(line_start - 1) if line_start > 0 else None]
        neighbours.append(self.line_of(line_end + 1) if line_end < len(self.text) else None)
        return any(n is not None and n[1] > n[0] and self.bare(n) for n in neighbours)

    def count(self, line: tuple[int, int]) -> int:
        if line not in self._count:
            self._count[line] = len(_on_line(line, self.mentions))
        return self._count[line]

    def bare(self, line: tuple[int, int]) -> bool:
        if line not in self._bare:
            self._bare[line] = _bare(self.text, line, self.mentions)
        return self._bare[line]


def _on_line(line: tuple[int, int], mentions: list[Mention]) -> list[Mention]:
    """The mentions within a line (mentions are in order of start, as find_mentions gives them)."""
    start, end = line
    first = bisect_left(mentions, start, key=lambda m: m.start)
    inside = []
    for mention in mentions[first:]:
        if mention.start >= end:
            break
        if mention.end <= end:
            inside.append(mention)
    return inside


def _bare(text: str, line: tuple[int, int], mentions: list[Mention]) -> bool:
    """A line made of skill mentions only, once bullets, separators and a leading label are taken out."""
    start, end = line
    inside = _on_line(line, mentions)
    if not inside:
        return False
    rest, cursor = [], start
    for m in inside:
        rest.append(text[cursor : m.start])
        cursor = m.end
    rest.append(text[cursor:end])
    return not _LIST_FILLER.sub("", " ".join(rest)).strip()
