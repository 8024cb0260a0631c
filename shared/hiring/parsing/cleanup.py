"""Text clean-up shared by every format: ligatures, odd spacing, bullets, icon glyphs, page numbers and words a
line end broke with a hyphen."""

from __future__ import annotations

import re
import unicodedata

from hiring.hygiene import strip_control_chars

BULLETS = "•●○◦▪▫■□◆◇►▸▹‣⁃∙·➢➤✓✔❖★☐\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e"
# A vertical bar opening a line is a list marker (themes draw item borders that extract as "|"); between pieces
# " | " stays a field separator.
_BAR_BULLET = re.compile(r"^[|¦│▏]\s+(?=\S)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_BULLET = re.compile("\\s*[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8]\\s*")
BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SPACED_LETTERS = re.compile(r"^(?:[A-Za-z&] ){2,}[A-Za-z&]$")
# A line that is nothing but a page number ("1/2", "Page 2 of 3", "- 2 -"): page furniture, never content.
_ONLY_PAGE_MARK = re.compile(
    r"^(?:page\s*\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?|\d{1,2}\s*(?:/|of)\s*\d{1,2}|[-–—]\s*\d{1,2}\s*[-–—])$", re.I
)
_HYPHEN_BREAK = re.compile(r"([a-z])-\n([a-z])")


def clean_line(line: str) -> str:
    """One line with ligatures unfolded, odd spacing collapsed, bullets made uniform."""
    line = strip_control_chars(line)  # NUL and other controls mean nothing in a document (and Postgres refuses NUL)
    line = "".join(unicodedata.normalize("NFKC", ch) if "\ufb00" <= ch <= "\ufb06" else ch for ch in line)
    line = line.replace("\u00ad", "").replace("\ufffd", " ")
    # Hyphen and non-breaking hyphen (a template's "2021‑04", "Co‑operative") read as the ASCII hyphen.
    line = line.replace("\u2010", "-").replace("\u2011", "-")
    if "i" in line and _SMALL_CAPS_I.search(line):
        line = _small_caps_fixed(line)
    line = _SPACES.sub(" ", line).strip()
    if _SPACED_LETTERS.match(line):  # "E X P E R I E N C E" -> "EXPERIENCE"
        line = line.replace(" ", "")
    bullet = BULLET_RE.match(line) or _BAR_BULLET.match(line)
    if bullet:
        line = "• " + line[bullet.end() :]
    if _PRIVATE_USE.search(line):
        # Icon-font glyphs (a phone, a briefcase before "WORK EXPERIENCE") carry no text: a symbol-font bullet
        # inside a line still separates items; any other becomes a space.
        line = _PRIVATE_BULLET.sub(" · ", line)
        line = _SPACES.sub(" ", _PRIVATE_USE.sub(" ", line)).strip(" |")
        line = re.sub(r"^[|·]\s*", "", line)
    return line


# A small-caps font whose capital I extracts as "i": "SENiOR ENGiNEER", "BSC iN INFORMATiON SCiENCE".
_SMALL_CAPS_I = re.compile(r"\b[A-Z]+i[A-Zi]*\b|\bi[A-Z]+\b")
_CAPS_WORD = re.compile(r"^[A-Z][A-Z&.'-]+$")


def _small_caps_fixed(line: str) -> str:
    """Capital I back in the all-capitals words of a line where a small-caps font printed it as "i" (only where
    the line's other words are capitals too, so "iOS" or "iPhone" in ordinary text stay as they are)."""
    words = line.split(" ")
    artefacts = [w for w in words if _SMALL_CAPS_I.fullmatch(w.strip(",.;:()|·"))]
    capitals = [w for w in words if _CAPS_WORD.match(w.strip(",.;:()|·"))]
    lettered = [w for w in words if any(ch.isalpha() for ch in w)]
    upper = len(capitals) + len(artefacts)
    if not artefacts or upper < 2 or upper < 0.6 * len(lettered):
        return line
    return " ".join(w.upper() if w in artefacts else w for w in words)


def clean_text(text: str) -> str:
    """Whole text: clean each line, join words broken by a hyphen at a line end, keep paragraph breaks."""
    # A form feed or vertical tab breaks a line (a page, a soft break) before control characters are dropped.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").replace("\x0b", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if not _ONLY_PAGE_MARK.match(line)]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return _HYPHEN_BREAK.sub(_join_hyphen_break, joined)


def _join_hyphen_break(match: re.Match[str]) -> str:
    """'manage-\nment' -> 'management'; inside an address ('adeyemi-\njohnson@example.org') the hyphen is real,
    unless it split a syllable off the address's first word as TeX hyphenates ('han-\nnah.wong@example.ca':
    at most four letters after the break, then the address goes on)."""
    text = match.string
    before = text[: match.start() + 1].rsplit(None, 1)[-1]
    after = text[match.end() - 1 :].split(None, 1)[0]
    if "/" in before or "@" in before:
        return f"{match.group(1)}-{match.group(2)}"
    if "@" in after and not _TEX_SYLLABLE.match(after):
        return f"{match.group(1)}-{match.group(2)}"
    if "@" in after and _written_hyphenated(text, before, after):
        return f"{match.group(1)}-{match.group(2)}"  # "anna-" over "lena.fischer@": the page names Anna-Lena
    return f"{match.group(1)}{match.group(2)}"


def _written_hyphenated(text: str, before: str, after: str) -> bool:
    """Whether the document writes the two parts around a line-end hyphen as one hyphenated word elsewhere (the
    name "Anna-Lena Fischer" above "anna-" / "lena.fischer@example.de"): then the hyphen is the name's own."""
    head = re.split(r"[._+@]", before.rstrip("-"))[-1]
    tail = re.split(r"[._+@]", after)[0]
    if not head or not tail:
        return False
    return re.search(rf"(?<!\w){re.escape(head)}-{re.escape(tail)}(?!\w)", text, re.I) is not None


# The rest of an address after a TeX hyphenation break: a syllable (TeX leaves at least three letters after a
# break; a name's second part is mostly longer) running straight on into the address.
_TEX_SYLLABLE = re.compile(r"[a-z]{2,4}[._+@]")
