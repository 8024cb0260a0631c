"""A text as the skill extractor's context rules read it: tokens with their lines and sentences, which lines list
skills (after a "Skills:" label or under a skills heading), which tokens sit in a citation's author list, and
whether a span is a whole list item, glued into an identifier or capitalised only because a sentence starts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property

from hiring.skills.text import Token, is_word, tokenize

SEPARATORS = frozenset({",", ";", "|", "/", "•", "·", "(", ")", ":", "▪", "●", "◦", "‣", "*", "–", "-", "[", "]"})
CONJUNCTIONS = frozenset({"and", "or", "&"})
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "•", "▪", "●", "◦", "‣", "*"})
_SKILL_LABEL = re.compile(
    r"^[\W_]*(?:(?:technical|core|key|professional|it|computer|digital|other|additional|relevant|soft|hard)\s+)?"
    r"(?:skills?|skill\s*set|technolog(?:y|ies)|tech(?:nical)?\s*stack|stack|tools?|(?:programming\s+)?languages?"
    r"|frameworks?|librar(?:y|ies)|databases?|platforms?|cloud|devops|software|competenc(?:y|ies)|expertise"
    r"|proficienc(?:y|ies)|familiar\s+with|methodologies|qualifications|keywords)\b[^:\n]{0,40}:",
    re.I,
)
_SKILL_HEADING = re.compile(
    r"^[\W_]*(?:(?:technical|core|key|professional|it|computer|digital|other|additional)\s+)?"
    r"(?:skills?|skill\s*set|technolog(?:y|ies)|tech(?:nical)?\s*stack|tools|competenc(?:y|ies)|expertise)"
    r"(?:\s*(?:&|and|/)\s*(?:tools|technologies|competencies|expertise|interests|languages))?\s*:?\s*$",
    re.I,
)
# Openers after which a capital proves nothing: "(Less than 1 year)", "\"Notes\" app".
OPENERS = frozenset({"(", "[", "{", '"', "“", "'", "«"})
# Author lists of citations: "Macbeth, J., & Dudley, K. (2019)", "Smith, A. B., Jones, C." A capitalised word
# followed by ", X." initials is a person's name, and the initials are not the languages C or R.
_SURNAME = r"(?:(?:van|von|de|der|den|da|di|du|le|la|del|mc|mac)\s+)*[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*"
_AUTHOR = _SURNAME + r",\s+[A-Z]\.(?:\s?-?[A-Z]\.)*"
_AUTHOR_SEP = r"(?:,?\s+(?:&|and)\s+|,\s+)"
_AUTHORS = re.compile(rf"{_AUTHOR}(?:{_AUTHOR_SEP}{_AUTHOR})*(?:,?\s+et\s+al\.)?")
_CITATION_YEAR = re.compile(r",?\s*\(?\s*(?:1[5-9]\d\d|20\d\d)[a-z]?\b|,?\s*\(n\.\s?d\.\)")


class Document:
    """A text with its tokens and the line, sentence and list structure the context rules ask about."""

    def __init__(self, text: str, list_spans: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.list_spans = sorted(span for span in list_spans if span[1] > span[0])
        self.tokens: list[Token] = tokenize(text)
        newlines = [m.start() for m in re.finditer("\n", text)]
        self.line_of = [bisect_right(newlines, t.start) for t in self.tokens]
        self.line_starts = [0] + [n + 1 for n in newlines]
        self.anchors_by_line: dict[int, list[tuple[int, int]]] = {}
        self.anchor_sentences: set[int] = set()

    @cached_property
    def tokens_by_line(self) -> dict[int, list[int]]:
        by_line: dict[int, list[int]] = {}
        for index, line in enumerate(self.line_of):
            by_line.setdefault(line, []).append(index)
        return by_line

    @cached_property
    def sentence_of(self) -> list[int]:
        sentence, ids, line = 0, [], -1
        for index, token in enumerate(self.tokens):
            if self.line_of[index] != line:
                sentence, line = sentence + 1, self.line_of[index]
            ids.append(sentence)
            if token.norm in SENTENCE_END and (token.end >= len(self.text) or self.text[token.end].isspace()):
                sentence += 1
        return ids

    @cached_property
    def cited(self) -> bytearray:
        """Tokens inside the author list of a citation (two or more authors, or one followed by a year)."""
        mask = bytearray(len(self.tokens))
        starts = [t.start for t in self.tokens]
        for match in _AUTHORS.finditer(self.text):
            authors = len(re.findall(r",\s+[A-Z]\.", match.group()))
            if authors < 2 and not _CITATION_YEAR.match(self.text, match.end()) and "et al" not in match.group():
                continue
            first, last = bisect_right(starts, match.start() - 1), bisect_right(starts, match.end() - 1)
            mask[first:last] = b"\x01" * (last - first)
        return mask

    @cached_property
    def shouting_lines(self) -> set[int]:
        """Lines written in capitals ("WORK EXPERIENCE (LESS THAN 1 YEAR)"), where spelling proves nothing."""
        lines = set()
        for line, indexes in self.tokens_by_line.items():
            words = [self.tokens[k] for k in indexes if self.tokens[k].norm.isalpha()]
            spelled = [self.text[t.start : t.end] for t in words]
            if len(spelled) >= 3 and all(w.isupper() for w in spelled):
                lines.add(line)
        return lines

    def line_text(self, line: int) -> str:
        start = self.line_starts[line]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @cached_property
    def skill_lines(self) -> dict[int, int]:
        """Lines that list skills, mapped to the offset where their items start (after a "Skills:" label)."""
        from hiring.resume.sections import heading_kind  # the one list of section headings

        found: dict[int, int] = {}
        in_section = False
        blanks = 0
        spans, span_index = self.list_spans, 0
        opened: set[int] = set()
        span_end: int | None = None
        for line in range(len(self.line_starts)):
            content = self.line_text(line)
            stripped = content.strip()
            if not stripped:
                blanks += 1
                in_section = in_section and blanks < 2  # one blank line inside a list does not end it
                continue
            start = self.line_starts[line]
            while span_index < len(spans) and spans[span_index][1] <= start:
                span_index += 1
            # A span may open within the line, after its heading's cell ("Skills | Teaching | TESOL | ..."):
            # the line is the span's, and its items start where the span does.
            in_span = span_index < len(spans) and spans[span_index][0] < start + len(content)
            items_from = spans[span_index][0] if in_span else start
            if in_section and span_end is not None and start >= span_end:
                in_section, span_end = False, None  # a list the caller's span opened ends with the span
            if in_span and not in_section and span_index not in opened:
                # A skills section the caller found under a heading this reader does not know ("PERSONAL SKILLS",
                # "Skills | HVAC" beside its first line): the list opens here and ends as any list ends.
                in_section, span_end = True, spans[span_index][1]
                opened.add(span_index)
            if _SKILL_HEADING.match(stripped):
                in_section, span_end = True, None
                blanks = 0
                continue
            label = _SKILL_LABEL.match(content)
            if label:
                found[line] = start + label.end()
            elif in_section:
                kind = heading_kind(stripped)
                prose = stripped.endswith(".") and len(stripped.split()) > 8 and stripped.count(",") < 2
                if kind is not None and kind != "skills" or prose or blanks and _CONTACT.search(stripped):
                    in_section = False  # the next section, a sentence, or a contact block a blank line after it
                elif group := _GROUP_BEFORE_ITEMS.match(content):
                    found[line] = start + group.end()  # "Research | Usability Testing, Interviews"
                elif not _looks_like_heading(stripped) or in_span and not self._labels_items(line, blanks > 0):
                    found[line] = start
                # else: a group label inside the list ("Motion", "Design"): the list goes on under it
            if line in found and items_from > found[line]:
                found[line] = items_from
            blanks = 0
        return found

    def _labels_items(self, line: int, after_blank: bool) -> bool:
        """Whether a short heading-like line of a skills section labels the items under it ("HVAC" over
        "Refrigerant Handling | Chillers", "ADMINISTRATION" standing alone over its block) rather than being one of
        them ("Classroom Management" over "Guided Reading", "Minute Taking" closing the list)."""
        from hiring.resume.sections import heading_kind  # the one list of section headings

        if self.line_text(line).rstrip().endswith(":"):
            return True
        if self.anchors_by_line.get(line) and len(self.tokens_by_line.get(line, ())) > 1:
            return False  # "Python R" standing between blank lines: a row of chips, a known skill among them
        following = line + 1
        gap = False
        while following < len(self.line_starts) and not self.line_text(following).strip():
            following, gap = following + 1, True
        if following >= len(self.line_starts):
            return False
        below = self.line_text(following)
        if _CONTACT.search(below):
            return False  # the list ends on the contact block a layout set after it: the last item, no label
        if heading_kind(below.strip()) not in (None, "skills") or self._span_of(following) != self._span_of(line):
            return False  # the list ends here: the last item, not a label over nothing
        return any(c in below for c in ",;|•·") or (gap and after_blank)

    def in_list_span(self, index: int) -> bool:
        """Whether token `index` lies in a span the caller said lists skills."""
        offset = self.tokens[index].start
        return any(a <= offset < b for a, b in self.list_spans)

    def _span_of(self, line: int) -> int:
        offset = self.line_starts[line]
        return next((k for k, (a, b) in enumerate(self.list_spans) if a <= offset < b), -1)

    def glued_before(self, index: int) -> bool:
        return index > 0 and self.tokens[index - 1].end == self.tokens[index].start

    def glued_after(self, index: int) -> bool:
        return index + 1 < len(self.tokens) and self.tokens[index].end == self.tokens[index + 1].start

    def inside_identifier(self, i: int, j: int) -> bool:
        """Whether tokens i..j are part of a dotted name, e-mail, URL or identifier ("python.org", "my_go")."""
        tokens = self.tokens
        joined = i >= 2 and self.glued_before(i) and self.glued_before(i - 1) and is_word(tokens[i - 2].norm)
        if joined and is_word(tokens[i].norm) and tokens[i - 1].norm in {".", "@", "_"}:
            return True
        last = j - 1
        if is_word(tokens[last].norm) and self.glued_after(last) and tokens[j].norm in {".", "@", "_"}:
            return self.glued_after(j) and j + 1 < len(tokens) and is_word(tokens[j + 1].norm)
        return False

    def is_list_item(self, i: int, j: int) -> bool:
        """Whether tokens i..j form a whole item of a list ("Python, R and SQL", "C/C++", "Skills: Go")."""
        tokens, line = self.tokens, self.line_of[i]
        if i > 0 and self.line_of[i - 1] == line:
            before = tokens[i - 1].norm
            if before not in SEPARATORS and not self.is_conjunction(i - 1):
                return False
        if j < len(tokens) and self.line_of[j] == line:
            after = tokens[j].norm
            if after in {"-", "–"} and self.glued_before(j):
                return False  # "C-level", "Go-to-market"
            if after not in SEPARATORS and after not in {".", "!", "?"} and not self.is_conjunction(j):
                return False
        return True

    def is_conjunction(self, index: int) -> bool:
        norm = self.tokens[index].norm
        if norm == "&":
            return not self.glued_before(index) and not self.glued_after(index)
        return norm in CONJUNCTIONS

    def has_anchor(self, i: int, j: int) -> bool:
        """Whether another freely matched skill shares the line with tokens i..j."""
        return any(a_end <= i or a_start >= j for a_start, a_end in self.anchors_by_line.get(self.line_of[i], ()))

    def short_line(self, line: int) -> bool:
        """A line of at most four word tokens: a list item standing alone ("• React", "- Go", "Kubernetes")."""
        return sum(1 for k in self.tokens_by_line.get(line, ()) if self.tokens[k].norm[:1].isalnum()) <= 4

    def in_vertical_list(self, line: int) -> bool:
        """Whether this short line sits in a column of short lines next to one holding a freely matched skill
        ("• React" under "• TypeScript"): the list makes an ordinary word a skill, as a comma list does."""
        if not self.short_line(line):
            return False
        for step in (-1, 1):
            near = line + step
            while near in range(len(self.line_starts)) and not self.line_text(near).strip():
                near += step
            if near in range(len(self.line_starts)) and self.anchors_by_line.get(near) and self.short_line(near):
                return True
        return False

    def sentence_initial(self, i: int) -> bool:
        """Whether a capital at token i is expected anyway: line or sentence start, after an opener, in capitals."""
        if i == 0 or self.line_of[i - 1] != self.line_of[i] or self.line_of[i] in self.shouting_lines:
            return True
        return self.tokens[i - 1].norm in SENTENCE_END or self.tokens[i - 1].norm in OPENERS


_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.\w")  # an email address
# A group's name before its items in a skills section: "Research | Usability Testing, Interviews, Qualtrics".
_GROUP_BEFORE_ITEMS = re.compile(r"^[\W_]*[^|,;:\n]{1,30}?\s+\|\s+(?=[^|\n]*,)")


def _looks_like_heading(line: str) -> bool:
    words = line.rstrip(":").split()
    if not words or len(words) > 4 or any(c in line for c in ",;|/•"):
        return False
    return line.isupper() or line.endswith(":") or all(w[:1].isupper() for w in words if w.isalpha())
