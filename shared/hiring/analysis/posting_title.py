"""The title of a posting that arrives as plain text: its title line, or the role its first sentence names.

"We are looking for a Senior Backend Engineer to join our platform team" is a sentence, not a title; the role in
it is. Labelled lines ("Job title: Registered Nurse", "Position: Barista") are read first.
"""

from __future__ import annotations

import re

# A line that states the title outright.
_LABELLED = re.compile(
    r"^\s*(?:\*\*|#+\s*)?(?:job\s+title|position(?:\s+title)?|role(?:\s+title)?|title|vacancy|opening)\s*(?:\*\*)?"
    r"\s*[:：\-–]\s*(?:\*\*)?(?P<title>[^\n]{2,100}?)\s*(?:\*\*)?\s*$",
    re.I | re.M,
)
# The role a sentence names: "looking for a X to", "hiring a X", "seeks a X", "join us as X", "X wanted".
_ARTICLE = r"(?:an?\s+|the\s+|our\s+(?:next|new)\s+|(?:one|two|several)\s+)?"
_ROLE_CUES = [
    re.compile(rf"\b(?:looking|searching)\s+for\s+{_ARTICLE}(?P<role>.+)", re.I),
    re.compile(rf"\b(?:is|are|we're|we\s+are|currently)?\s*(?:hiring|recruiting)\s*[:：]?\s+(?:for\s+)?{_ARTICLE}(?P<role>.+)", re.I),
    re.compile(rf"\b(?:seeks|seeking|wants|needs)\s+{_ARTICLE}(?P<role>.+)", re.I),
    re.compile(rf"\bjoin\s+(?:us|our\s+\w+(?:\s+\w+)?|the\s+team)\s+as\s+{_ARTICLE}(?P<role>.+)", re.I),
    re.compile(rf"\b(?:opening|vacancy|opportunity)\s+for\s+{_ARTICLE}(?P<role>.+)", re.I),
    re.compile(rf"^\s*are\s+you\s+{_ARTICLE}(?P<role>.+)", re.I),
]  # fmt: skip
# Words that stand where a role would and are none ("looking for someone to").
_NOT_A_ROLE = re.compile(
    r"^(?:(?:senior\s+|junior\s+)?(?:someone|somebody|people|person|individuals?|candidates?|applicants?|talent"
    r"|professionals?)|you|team\s+members?|help)$",
    re.I,
)
_WANTED = re.compile(r"^\s*(?P<role>[A-Z][\w/&+.-]*(?:\s+[\w/&+.-]+){0,5}?)\s+(?:wanted|needed)\b", re.I)
# Where the role's words end: the verb or clause that follows it.
_ROLE_END = re.compile(
    r"\s+(?:to|who|with|that|which|for|in|at|on|from|based|located|join(?:ing)?|and\s+(?:we|you)|responsible"
    r"|ready|eager|passionate|able|willing|capable|interested|excited)\b|\s+and\s+(?=[a-z])|[,.;:!?()\n–—]|\s-\s",
    re.I,
)
# Praise before the role ("an experienced, motivated Registered Nurse").
_PRAISE = re.compile(
    r"^(?:(?:highly\s+|very\s+|truly\s+)?(?:experienced|talented|passionate|motivated|skilled|driven|enthusiastic"
    r"|dedicated|great|strong|creative|energetic|dynamic|curious|exceptional|outstanding|proactive|friendly"
    r"|reliable|detail[-\s]oriented|self[-\s]motivated|hard[-\s]working|hands[-\s]on|results[-\s]driven"
    r"|seasoned|ambitious|brilliant|amazing|awesome|rockstar|superstar)\s*,?\s*(?:and\s+)?)+",
    re.I,
)
_SENTENCE_WORDS = re.compile(
    r"\b(?:we|we're|our|you|you'll|your|is|are|looking|hiring|seeks?|seeking|join|will|have|has)\b", re.I
)
MAX_TITLE_WORDS = 8
_LABEL = re.compile(r"^[\w ]{2,30}:")  # "Location: Leeds", "Salary: ..." are facts, not titles
# Markdown and HTML a first line keeps when it is used as the title ("# Data Analyst", "**Barista**").
_MARKUP = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$|</?[a-z][^>]*>|^[^\w#*<(.\[]+", re.I)  # "🚀 Senior ..." too


def looks_like_sentence(line: str) -> bool:
    """True for a line that reads as prose rather than a title."""
    line = line.replace("’", "'")
    words = line.split()
    if not words:
        return False
    if line.rstrip().endswith((".", "!", "?")) and len(words) > 3:
        return True
    sentence_words = len(_SENTENCE_WORDS.findall(line))
    # a long title ("Principal Program Manager CSI / Azure - Cloud Server Infrastructure") is still a title
    return sentence_words >= 2 or (len(words) > MAX_TITLE_WORDS and sentence_words >= 1)


def role_in_sentence(sentence: str) -> str | None:
    """The role a sentence names ("looking for a Senior Backend Engineer to join" -> "Senior Backend Engineer")."""
    candidates = [m.group("role") for cue in _ROLE_CUES for m in [cue.search(sentence)] if m]
    wanted = _WANTED.match(sentence)
    if wanted:
        candidates.append(wanted.group("role"))
    for raw in candidates:
        unpraised = _PRAISE.sub("", raw.strip())
        end = _ROLE_END.search(unpraised)
        role = (unpraised[: end.start()] if end else unpraised).strip(" '\"*")
        words = role.split()
        if 1 <= len(words) <= MAX_TITLE_WORDS and not _SENTENCE_WORDS.search(role) and not _NOT_A_ROLE.match(role):
            return role if any(c.isupper() for c in role) else role.title()
    return None


def _is_title_line(line: str) -> bool:
    """A short line that is a job title: no sentence, no "Label:" and a title O*NET knows by its words."""
    from hiring.analysis.occupations import occupation_index

    if not line or looks_like_sentence(line) or len(line.split()) > MAX_TITLE_WORDS or _LABEL.match(line):
        return False
    return bool(occupation_index().codes(line, min_score=100))


def posting_title(title: str | None, description: str) -> tuple[str, str]:
    """(title, where it came from): the given title when it is one, else a labelled title line ("labelled"),
    else a title line O*NET knows among the first lines ("line"), else the role the first sentence names
    ("sentence"). When nothing names a role the given text stays the title ("given")."""
    given = _MARKUP.sub("", (title or "").strip()).strip()
    labelled_given = _LABELLED.match(given)
    if labelled_given and not looks_like_sentence(labelled_given.group("title")):
        return labelled_given.group("title").strip(" *"), "labelled"  # "Role: DevOps Engineer" as the first line
    wanted = _WANTED.match(given)
    if wanted:
        return _PRAISE.sub("", wanted.group("role")).strip() or wanted.group("role"), "sentence"  # "Barista wanted"
    if given and not looks_like_sentence(given):
        return given, "given"
    head = description[:1500]
    labelled = _LABELLED.search(head)
    if labelled and not looks_like_sentence(labelled.group("title")):
        return labelled.group("title").strip(" *"), "labelled"
    opening = [line for line in head.splitlines() if line.strip()][:3]
    for line in opening:  # a title line before the prose ("## Senior Business Analyst – Contract")
        candidate = _MARKUP.sub("", line.strip()).strip(" *")
        if _is_title_line(candidate):
            return candidate, "line"
    first_lines = ([given] if given else []) + opening
    for line in first_lines:
        first_sentence = re.split(r"(?<=[.!?])\s+", line.strip(), maxsplit=1)[0]
        role = role_in_sentence(first_sentence)
        if role:
            return role, "sentence"
    if not given and first_lines and not looks_like_sentence(first_lines[0]):
        return first_lines[0].strip(" #*"), "line"
    return given, "given"
