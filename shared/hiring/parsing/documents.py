"""Validate uploaded bytes and extract their text: PDF (layout-aware, PyMuPDF), DOCX (python-docx), plain text."""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pymupdf

from hiring.hygiene import strip_control_chars


class RejectionCode(StrEnum):
    EMPTY = "empty_file"
    TOO_LARGE = "too_large"
    NOT_PDF = "not_a_pdf"
    NOT_DOCX = "not_a_docx"
    UNSUPPORTED = "unsupported_type"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_MANY_PAGES = "too_many_pages"
    NO_TEXT = "no_text_layer"
    TOO_LONG = "too_long"  # more characters of text than a resume holds (max_chars)
    PARSE_TIMEOUT = "parse_timeout"  # the parse did not finish in its time budget (hiring.parsing.isolation)


class DocumentRejected(Exception):
    """The bytes cannot be turned into resume text; code says why, message says it plainly."""

    def __init__(self, code: RejectionCode, message: str, needs_review: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.needs_review = needs_review


@dataclass(frozen=True)
class ExtractedDocument:
    """Text in reading order; regions are offsets where a new layout region (page, column) begins."""

    text: str
    page_count: int
    content_type: str
    regions: tuple[int, ...] = field(default=())
    # Lines of the first page set well above the body size, largest first: where a layout puts the name.
    prominent: tuple[str, ...] = field(default=())


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_TEXT_SUFFIXES = (".txt", ".md", ".text")
_DOCX_SUFFIXES = (".docx", ".docm")
_MAX_DOCX_XML_BYTES = 60 * 1024 * 1024  # an uncompressed document.xml beyond this is a zip bomb, not a resume
_WORDS_PER_DOCX_PAGE = 500  # only used when the DOCX does not record its page count


def sniff_content_type(data: bytes, filename: str) -> str:
    """What the bytes are, judged by their content first and the name second."""
    head = data[:1024]
    if head.lstrip().startswith(_PDF_MAGIC) or _PDF_MAGIC in head:
        return PDF
    lower = filename.lower()
    if data.startswith(_ZIP_MAGIC) and lower.endswith(_DOCX_SUFFIXES):
        return DOCX
    if lower.endswith(_TEXT_SUFFIXES):
        return TEXT
    return "application/octet-stream"


def check_bytes(data: bytes, filename: str, max_bytes: int) -> str:
    """The checks that need no parser (size, what the bytes are); returns the content type."""
    if len(data) == 0:
        raise DocumentRejected(RejectionCode.EMPTY, "the file is empty (0 bytes)")
    if len(data) > max_bytes:
        raise DocumentRejected(
            RejectionCode.TOO_LARGE, f"the file is {len(data)} bytes; the limit is {max_bytes} bytes"
        )
    content_type = sniff_content_type(data, filename)
    if content_type != "application/octet-stream":
        return content_type
    lower = filename.lower()
    if lower.endswith(".pdf"):
        raise DocumentRejected(
            RejectionCode.NOT_PDF, f"{filename!r} is named .pdf but its bytes are not a PDF (no %PDF- header)"
        )
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_OOXML in data:
        raise DocumentRejected(RejectionCode.ENCRYPTED, f"{filename!r} is a password-protected Office document")
    if lower.endswith(_DOCX_SUFFIXES):
        raise DocumentRejected(
            RejectionCode.NOT_DOCX, f"{filename!r} is named .docx but its bytes are not a Word document (not a zip)"
        )
    if data.startswith(_OLE_MAGIC) or lower.endswith(".doc"):
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is a legacy Word (.doc) file; save it as .docx or PDF"
        )
    raise DocumentRejected(
        RejectionCode.UNSUPPORTED, f"{filename!r} is not a supported document type (PDF, DOCX or plain text)"
    )


def extract_document(
    data: bytes, filename: str, max_bytes: int, max_pages: int, max_chars: int | None = None
) -> ExtractedDocument:
    """Validate the upload and return its text, or raise DocumentRejected with a specific code.

    The text holds no control characters (NUL and the other C0 controls but tab and newline, DEL, lone
    surrogates: hiring.hygiene), so it can be stored as it is; more than max_chars characters is refused."""
    content_type = check_bytes(data, filename, max_bytes)
    if content_type == TEXT:
        document = _extract_text_file(data)
    elif content_type == DOCX:
        document = _extract_docx(data, filename, max_pages)
    else:
        document = _extract_pdf(data, max_pages)
    if max_chars is not None and len(document.text) > max_chars:
        raise DocumentRejected(
            RejectionCode.TOO_LONG,
            f"the document holds {len(document.text)} characters of text; the limit is {max_chars}",
        )
    return document


# --- text clean-up shared by every format ------------------------------------------------------------

_BULLETS = "•●○◦▪▫■□◆◇►▸▹‣⁃∙·➢➤✓✔❖★☐\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e"
# A vertical bar opening a line is a list marker (themes draw item borders that extract as "|"); between pieces
# " | " stays a field separator.
_BAR_BULLET = re.compile(r"^[|¦│▏]\s+(?=\S)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_BULLET = re.compile("\\s*[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8]\\s*")
_BULLET_RE = re.compile(rf"^\s*[{re.escape(_BULLETS)}]\s*")
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
    line = _SPACES.sub(" ", line).strip()
    if _SPACED_LETTERS.match(line):  # "E X P E R I E N C E" -> "EXPERIENCE"
        line = line.replace(" ", "")
    bullet = _BULLET_RE.match(line) or _BAR_BULLET.match(line)
    if bullet:
        line = "• " + line[bullet.end() :]
    if _PRIVATE_USE.search(line):
        # Icon-font glyphs (a phone, a briefcase before "WORK EXPERIENCE") carry no text: a symbol-font bullet
        # inside a line still separates items; any other becomes a space.
        line = _PRIVATE_BULLET.sub(" · ", line)
        line = _SPACES.sub(" ", _PRIVATE_USE.sub(" ", line)).strip(" |")
        line = re.sub(r"^[|·]\s*", "", line)
    return line


def clean_text(text: str) -> str:
    """Whole text: clean each line, join words broken by a hyphen at a line end, keep paragraph breaks."""
    # A form feed or vertical tab breaks a line (a page, a soft break) before control characters are dropped.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").replace("\x0b", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if not _ONLY_PAGE_MARK.match(line)]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return _HYPHEN_BREAK.sub(_join_hyphen_break, joined)


def _join_hyphen_break(match: re.Match[str]) -> str:
    """'manage-\nment' -> 'management'; inside an address ('adeyemi-\njohnson@example.org') the hyphen is real."""
    text = match.string
    before = text[: match.start() + 1].rsplit(None, 1)[-1]
    after = text[match.end() - 1 :].split(None, 1)[0]
    if "@" in after or "@" in before or "/" in before:
        return f"{match.group(1)}-{match.group(2)}"
    return f"{match.group(1)}{match.group(2)}"


def _extract_text_file(data: bytes) -> ExtractedDocument:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(RejectionCode.CORRUPT, f"the text file is not valid UTF-8 ({exc.reason})") from exc
    text = clean_text(raw)
    if not text:
        raise DocumentRejected(RejectionCode.EMPTY, "the text file holds only whitespace")
    return ExtractedDocument(text=text, page_count=1, content_type=TEXT, regions=(0,))


# --- PDF -----------------------------------------------------------------------------------------------

# Ligatures unfolded and hyphen joins left to clean_text; whitespace kept as is so tabs can be collapsed.
_PDF_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


@dataclass
class _Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 0.0

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def _extract_pdf(data: bytes, max_pages: int) -> ExtractedDocument:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise DocumentRejected(RejectionCode.CORRUPT, f"the PDF could not be opened: {exc}") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise DocumentRejected(RejectionCode.ENCRYPTED, "the PDF is password-protected")
        if doc.page_count == 0:
            raise DocumentRejected(RejectionCode.CORRUPT, "the PDF has no pages")
        if doc.page_count > max_pages:
            raise DocumentRejected(
                RejectionCode.TOO_MANY_PAGES, f"the PDF has {doc.page_count} pages; the limit is {max_pages}"
            )
        try:
            page_lines = _without_running_lines(doc)
            pages = [_page_regions(lines) for lines in page_lines]
        except Exception as exc:
            raise DocumentRejected(RejectionCode.CORRUPT, f"the PDF's text could not be read: {exc}") from exc
        page_count = doc.page_count
    text, regions = _assemble([region for page in pages for region in page])
    if not text:
        raise DocumentRejected(
            RejectionCode.NO_TEXT,
            "the PDF has no text layer (a scan or image); it needs OCR or a person to review it",
            needs_review=True,
        )
    letters = sum(ch.isalnum() for ch in text)
    if letters < 0.5 * len(text.replace(" ", "").replace("\n", "")):
        raise DocumentRejected(
            RejectionCode.NO_TEXT,
            "the PDF's text layer is unreadable (fonts without a character map); a person needs to review it",
            needs_review=True,
        )
    return ExtractedDocument(
        text=text, page_count=page_count, content_type=PDF, regions=regions, prominent=_prominent(page_lines[0])
    )


def _prominent(lines: list[_Line]) -> tuple[str, ...]:
    """The first page's lines set at least 1.35 times the body's font size, largest first (at most five)."""
    sizes = [ln.size for ln in lines if ln.size > 0]
    if not sizes:
        return ()
    body = statistics.median(sizes)
    large = sorted((ln for ln in lines if ln.size >= 1.35 * body), key=lambda ln: (-ln.size, ln.y0))
    return tuple(text for ln in large[:5] if (text := clean_line(ln.text)))


def _assemble(regions: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """Join regions (lists of lines) into one cleaned text, recording where each region starts."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for lines in regions:
        chunk = clean_text("\n".join(lines))
        if not chunk:
            continue
        if parts:
            parts.append("\n\n")
            length += 2
        starts.append(length)
        parts.append(chunk)
        length += len(chunk)
    return "".join(parts), tuple(starts)


def _page_lines(page: Any) -> list[_Line]:
    lines: list[_Line] = []
    for block in page.get_text("dict", flags=_PDF_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            if abs(line["dir"][1]) > 0.1:  # rotated or vertical text (side labels): not part of the flow
                continue
            text = "".join(span["text"] for span in line["spans"])
            if text.strip():
                x0, y0, x1, y1 = line["bbox"]
                size = max((span["size"] for span in line["spans"] if span["text"].strip()), default=0.0)
                lines.append(_Line(x0, y0, x1, y1, text, size))
    return lines


def _join_wrapped_ranges(lines: list[_Line]) -> list[_Line]:
    """A date range a narrow column broke over lines ("June 2020 –" over "Present"; "September" / "2021 –" /
    "December" / "2022") becomes one line at the upper line's place, so it pairs with the entry it dates instead of
    leaking into the description's rows."""
    from hiring.resume.dates import continues_range, joins_into_range  # the resume package imports this module

    ordered = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    merged: list[_Line] = []
    used: set[int] = set()
    for i, upper in enumerate(ordered):
        if i in used:
            continue
        below: list[int] = []  # the lines under this one in the same column, each close to the one above it
        last = upper
        for j in range(i + 1, min(i + 24, len(ordered))):
            lower = ordered[j]
            if lower.y0 - last.y1 > 0.8 * last.height:
                break
            overlaps = min(last.x1, lower.x1) - max(last.x0, lower.x0) > 0 or abs(last.x1 - lower.x1) < 3
            if j not in used and lower.y0 > last.y0 + 0.5 * last.height and overlaps:
                below.append(j)
                last = lower
                if len(below) == 3:
                    break
        texts = [upper.text] + [ordered[j].text for j in below]
        take = next(
            (k for k in range(len(below), 0, -1) if joins_into_range(texts[: k + 1])),
            1 if below and continues_range(texts[0], texts[1]) else 0,
        )
        if take:
            parts = [ordered[j] for j in below[:take]]
            text = " ".join(t.strip() for t in texts[: take + 1])
            upper = _Line(upper.x0, upper.y0, max(ln.x1 for ln in [upper, *parts]), upper.y1, text, upper.size)
            used.update(below[:take])
        merged.append(upper)
    return merged


_PAGE_MARK = re.compile(
    r"(?:^|[\s|·•–—-])(?:page\s*)?\d{1,2}\s*(?:/|of)\s*\d{1,2}\s*$|(?:^|[\s|·•–—-])page\s*\d{1,2}\s*$"
    r"|^(?:page\s*)?[-–—]?\s*\d{1,2}\s*[-–—]?$",
    re.I,
)
_RUNNING_LABEL = re.compile(r"\b(?:resume|résumé|curriculum vitae|cv|continued|cont'd)\b", re.I)
_MARGIN_BAND = 0.08  # the top and bottom share of a page where running headers and footers sit


def _without_running_lines(doc: Any) -> list[list[_Line]]:
    """Every page's lines without page furniture: page numbers ("1/2", "Page 2 of 3", "- 2 -") in the top or bottom
    band, and header or footer lines that repeat in that band on later pages (a name or title over every page)."""
    pages = [(page.rect.height, _page_lines(page)) for page in doc]
    seen_in_band: set[str] = set()
    kept_pages: list[list[_Line]] = []
    for height, lines in pages:
        kept: list[_Line] = []
        for line in lines:
            in_band = line.y1 < _MARGIN_BAND * height or line.y0 > (1 - _MARGIN_BAND) * height
            text = " ".join(line.text.split())
            if in_band and _PAGE_MARK.search(text):
                continue
            shape = re.sub(r"\d+", "#", text.lower())
            if in_band and kept_pages and (_RUNNING_LABEL.search(text) or any(s in shape for s in seen_in_band)):
                continue  # "Jane Doe – Curriculum Vitae" over page 2: the first page said it already
            if in_band and len(shape) >= 6:
                seen_in_band.add(shape)
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages


def _page_regions(page_lines: list[_Line]) -> list[list[str]]:
    """One page as regions in reading order: full-width bands, and within a two-column band left then right."""
    lines = _join_wrapped_ranges(page_lines)
    if not lines:
        return []
    gutter = _find_gutter(lines)
    if gutter is None:
        return [_rows(lines)]
    left_edge, right_edge = gutter
    regions: list[list[str]] = []
    header: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    for line in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        if line.x0 < left_edge - 0.15 * width and line.x1 > right_edge + 0.15 * width:
            regions.extend(r for r in (_rows(left), _rows(right)) if r)
            left, right = [], []
            header.append(line)
            continue
        if header:
            regions.append(_rows(header))
            header = []
        if (line.x0 + line.x1) / 2 < (left_edge + right_edge) / 2:
            left.append(line)
        else:
            right.append(line)
    regions.extend(r for r in (_rows(header), _rows(left), _rows(right)) if r)
    return regions


def _find_gutter(lines: list[_Line]) -> tuple[float, float] | None:
    """The empty vertical strip between two text columns, if the page has one."""
    if len(lines) < 8:
        return None
    x_min = min(ln.x0 for ln in lines)
    x_max = max(ln.x1 for ln in lines)
    width = x_max - x_min
    if width < 100:
        return None
    step = 2.0
    bins = int(width / step) + 1
    cover = [0] * bins
    for ln in lines:
        for b in range(int((ln.x0 - x_min) / step), min(int((ln.x1 - x_min) / step) + 1, bins)):
            cover[b] += 1
    allowed = max(3, len(lines) // 20)  # a few full-width lines (name, headline, a rule) may cross the gutter
    best: tuple[float, float] | None = None
    best_score = 0.0
    b = 0
    while b < bins:
        if cover[b] > allowed:
            b += 1
            continue
        start = b
        while b < bins and cover[b] <= allowed:
            b += 1
        lo, hi = x_min + start * step, x_min + b * step
        if hi - lo < 8 or lo < x_min + 0.15 * width or hi > x_max - 0.15 * width:
            continue
        left = [ln for ln in lines if ln.x1 <= hi - step and ln.x0 < lo]  # the lines either side, not across
        right = [ln for ln in lines if ln.x0 >= lo + step and ln.x1 > hi]
        if len(left) < 3 or len(right) < 3 or _reads_as_rows(left, right):
            continue
        score = min(len(left), len(right)) * (hi - lo)
        if score > best_score:
            best, best_score = (lo, hi), score
    return best


def _reads_as_rows(left: list[_Line], right: list[_Line]) -> bool:
    """Whether the two sides belong together row by row (a table, dates beside titles, labels beside text).

    Labels or dates on one side sit on the rows of the other side's text, so nearly all of that side is paired;
    two independent columns pair by chance only, except when both are long and share a line grid.
    """

    def paired(these: list[_Line], those: list[_Line]) -> float:
        rows = [(ln.y0, ln.y1) for ln in those]
        hits = sum(1 for a in these if any(min(a.y1, y1) - max(a.y0, y0) > 0.6 * a.height for y0, y1 in rows))
        return hits / len(these)

    left_paired, right_paired = paired(left, right), paired(right, left)
    if left_paired >= 0.7 and right_paired >= 0.7:
        return len(left) < 8 or len(right) < 8
    narrow = min((left, right), key=lambda side: statistics.median(ln.x1 - ln.x0 for ln in side))
    if (left_paired if narrow is left else right_paired) >= 0.5 and _longest_run(narrow) < 3:
        return True  # isolated labels or dates, half of them beside the other side's lines: a table, not a column
    if max(left_paired, right_paired) < 0.7:
        return False
    side = left if left_paired >= right_paired else right
    x0s, x1s = [ln.x0 for ln in side], [ln.x1 for ln in side]
    edge = statistics.median(x1s)
    flush = sum(abs(x1 - edge) <= 4 for x1 in x1s)
    if flush >= 0.8 * len(side) and max(x0s) - min(x0s) > 3:
        return True  # right-aligned pieces: dates or places beside titles (a header block may end a little wider)
    return _longest_run(side) < 4  # a column flows on consecutive rows; labels and dates do not


def _longest_run(lines: list[_Line]) -> int:
    """The most lines that follow each other at line spacing (a flowing column, not scattered labels)."""
    ordered = sorted(lines, key=lambda ln: ln.y0)
    best = run = 1
    for above, below in zip(ordered, ordered[1:], strict=False):
        run = run + 1 if 0 <= below.y0 - above.y1 < 0.8 * above.height else 1
        best = max(best, run)
    return best


def _rows(lines: list[_Line]) -> list[str]:
    """Lines of one column in reading order; pieces on the same row are joined, big gaps become blank lines."""
    if not lines:
        return []
    ordered = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    rows: list[list[_Line]] = []
    for line in ordered:
        last = rows[-1] if rows else None
        if last is not None and min(line.y1, last[0].y1) - max(line.y0, last[0].y0) > 0.5 * min(
            line.height, last[0].height
        ):
            last.append(line)
        else:
            rows.append([line])
    heights = [row[0].height for row in rows]
    typical = statistics.median(heights)
    # Left edges many lines share: a column of content. A piece starting on one is a field of its own even when
    # the gap before it is small ("Education   Universidade Nova de Lisboa" beside a label column).
    starts = Counter(round(ln.x0) for ln in ordered)
    edges = [x for x, count in starts.items() if count >= 3]
    column = (min(ln.x0 for ln in ordered), max(ln.x1 for ln in ordered))
    out: list[str] = []
    previous: list[_Line] | None = None
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        gap_above = previous is not None and row[0].y0 - max(ln.y1 for ln in previous) > 0.8 * typical
        if gap_above:
            out.append("")
        elif previous is not None and out and _breaks_address(previous, row):
            out[-1] = f"{out[-1]}{row[0].text.strip()}"  # "jane.doe@exa" + "mple.com": an address a column broke
            previous = row
            continue
        elif previous is not None and out and _wraps_onto(previous, row, column):
            out[-1] = f"{out[-1]} {row[0].text.strip()}"  # a line the column was too narrow to hold
            previous = row
            continue
        pieces = [row[0].text.strip()]
        for before, piece in zip(row, row[1:], strict=False):
            gap = piece.x0 - before.x1
            on_edge = gap > 0.4 * typical and any(abs(piece.x0 - edge) <= 1.5 for edge in edges)
            pieces.append(" | " if gap > typical or on_edge else " ")
            pieces.append(piece.text.strip())
        out.append("".join(pieces))
        previous = row
    return out


_WRAP_STOP = re.compile(rf"^\s*[{re.escape(_BULLETS)}\-*–]|[.:;!?]$")
_OPEN_END = re.compile(r"(?:[,&/-]|\b(?:of|and|for|the|in|at|de|des|du|da|do|der|für|y|e|und|et|to|with))$", re.I)
_CONTACT_LINE = re.compile(r"@|\b(?:phone|tel|mobile|cell)\b|\+\d", re.I)


_WHOLE_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def _breaks_address(upper: list[_Line], lower: list[_Line]) -> bool:
    """An email or web address broken mid-word by a narrow column: the upper line ends inside it (after an @ or a
    slash) and the lower line is one more piece of it, with no space."""
    if len(upper) != 1 or len(lower) != 1:
        return False
    tail = upper[0].text.split()[-1] if upper[0].text.split() else ""
    following = lower[0].text.strip()
    inside = "@" in tail or tail.startswith(("http", "www.")) or tail.endswith("/")
    if not inside or abs(upper[0].x0 - lower[0].x0) >= 3 or not re.fullmatch(r"[A-Za-z.][\w.%+/-]*", following):
        return False
    # A whole address followed by the next detail ("jane@example.ca" over "514-555-0133") stays apart; a few
    # letters under an address that looks whole finish its domain ("example.or" over "g").
    return not _WHOLE_EMAIL.fullmatch(tail) or re.fullmatch(r"[a-z]{1,3}", following) is not None


def _wraps_onto(upper: list[_Line], lower: list[_Line], column: tuple[float, float]) -> bool:
    """Whether `lower` continues `upper` because the column ran out of room: both alone on their rows, same type,
    `lower` starts under `upper` (or under its hanging indent), `upper` reaches close to the column's right edge,
    and the first word of `lower` would not have fit after it."""
    if len(upper) != 1 or len(lower) != 1:
        return False
    above, below = upper[0], lower[0]
    text, following = above.text.strip(), below.text.strip()
    if not text or not following or _WRAP_STOP.search(text) or _BULLET_RE.match(following):
        return False
    if _CONTACT_LINE.search(text) or _CONTACT_LINE.search(following):
        return False
    if abs(above.size - below.size) > 0.5 or not above.x0 - 1.5 <= below.x0 <= above.x0 + 14:
        return False
    # Only an unfinished phrase continues: the next line opens in lower case, or this one ends on a joining word or
    # mark. A capitalised line under a full one may be a new field (a degree under its school) and stays apart.
    if not (following[:1].islower() or _OPEN_END.search(text)):
        return False
    left, right = column
    room = right - above.x1
    char_width = (above.x1 - above.x0) / max(len(text), 1)
    first_word = following.split()[0]
    return room < 0.25 * (right - left) and room < (len(first_word) + 1) * char_width + 1


# --- DOCX ----------------------------------------------------------------------------------------------


def _extract_docx(data: bytes, filename: str, max_pages: int) -> ExtractedDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is named .docx but is not a readable Word document ({exc})"
        ) from exc
    if "word/document.xml" not in names:
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is a zip archive but not a Word document (no word/document.xml)"
        )
    if archive.getinfo("word/document.xml").file_size > _MAX_DOCX_XML_BYTES:
        raise DocumentRejected(RejectionCode.TOO_LARGE, "the Word document expands to more than 60 MB of XML")
    pages = _docx_recorded_pages(archive)
    if pages is not None and pages > max_pages:
        raise DocumentRejected(
            RejectionCode.TOO_MANY_PAGES, f"the document has {pages} pages; the limit is {max_pages}"
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except Exception as exc:  # python-docx raises several types for broken packages
        raise DocumentRejected(RejectionCode.CORRUPT, f"the Word document could not be read: {exc}") from exc
    text = clean_text("\n".join(lines))
    if not text:
        raise DocumentRejected(
            RejectionCode.NO_TEXT,
            "the Word document holds no text (only images?); a person needs to review it",
            needs_review=True,
        )
    # Generators often leave a stale page count, so the length of the text bounds it too.
    estimated = max(1, len(text.split()) // _WORDS_PER_DOCX_PAGE + 1)
    if estimated > max_pages:
        raise DocumentRejected(
            RejectionCode.TOO_MANY_PAGES, f"the document runs to about {estimated} pages; the limit is {max_pages}"
        )
    pages = max(pages or 1, estimated)
    return ExtractedDocument(
        text=text, page_count=pages, content_type=DOCX, regions=(0,), prominent=_docx_prominent(document)
    )


def _docx_prominent(document: Any) -> tuple[str, ...]:
    """Paragraphs styled as a title, or set at least 1.35 times the body's explicit run size, largest first."""
    from docx.oxml.ns import qn

    sized: list[tuple[float, str]] = []
    sizes: list[float] = []
    paragraphs = [p for section in document.sections for p in section.header.paragraphs] + list(document.paragraphs)
    for paragraph in paragraphs[:60]:
        text = clean_line(_docx_runs_text(paragraph._p, qn))
        runs = [float(sz.get(qn("w:val"))) for sz in paragraph._p.iter(qn("w:sz")) if sz.get(qn("w:val"), "").isdigit()]
        size = max(runs, default=0.0)
        sizes += runs
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if text and ("title" in style.lower() and "sub" not in style.lower()):
            size = max(size, 1e6)  # a paragraph styled as the document's title
        if text:
            sized.append((size, text))
    body = statistics.median(sizes) if sizes else 0.0
    large = sorted((item for item in sized if item[0] >= 1.35 * body and item[0] > 0), key=lambda i: -i[0])
    return tuple(text for _, text in large[:5])


def _docx_recorded_pages(archive: zipfile.ZipFile) -> int | None:
    try:
        app = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return None
    match = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return int(match.group(1)) if match else None


def _docx_lines(document: Any) -> list[str]:
    """Header, body (paragraphs, tables, text boxes) in document order."""
    from docx.oxml.ns import qn

    lines: list[str] = []
    seen_headers: set[str] = set()
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            text = _docx_runs_text(paragraph._p, qn)
            if text.strip() and text not in seen_headers:
                seen_headers.add(text)
                lines.append(text)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.extend(_docx_paragraph(child, qn))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells: list[list[str]] = []
                for cell in row.iter(qn("w:tc")):
                    paragraphs = [t for p in cell.iter(qn("w:p")) for t in _docx_paragraph(p, qn) if t.strip()]
                    if paragraphs and paragraphs not in cells:
                        cells.append(paragraphs)
                lines.extend(_docx_row_lines(cells))
            lines.append("")
    return lines


def _joined_ranges(pieces: list[str]) -> list[str]:
    """Consecutive pieces that are one date range broken in two ("02/2023 –", "Present") become one piece."""
    from hiring.resume.dates import continues_range  # the resume package imports this module

    out: list[str] = []
    for piece in pieces:
        if out and continues_range(out[-1], piece):
            out[-1] = f"{out[-1].rstrip()} {piece.strip()}"
        else:
            out.append(piece)
    return out


def _docx_row_lines(cells: list[list[str]]) -> list[str]:
    """A table row as lines. Short cells (dates, places, labels) join the first line of the one long cell beside
    them, so a date column dates its entry; a row of short cells is one line; long cells side by side (a sidebar
    and a main column) are read one after the other."""

    def short(cell: list[str]) -> bool:
        return len(cell) <= 3 and all(len(p.split()) <= 8 for p in cell)

    long_cells = [cell for cell in cells if not short(cell)]
    if not long_cells:
        return [" | ".join(_joined_ranges([p for cell in cells for p in cell]))] if cells else []
    if len(long_cells) == 1:
        body = long_cells[0]
        labels = _joined_ranges([p for cell in cells if cell is not body for p in cell])
        return [" | ".join([*labels, body[0]]), *body[1:]]
    out: list[str] = []
    for cell in cells:
        out += [*cell, ""]
    return out


def _docx_paragraph(paragraph: Any, qn: Any) -> list[str]:
    text = _docx_runs_text(paragraph, qn)
    lines = []
    numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is not None and re.search(r"list|bullet", style.get(qn("w:val"), ""), re.I):
        numbered = True
    if text.strip():
        lines.append(f"• {text}" if numbered and not _BULLET_RE.match(text) else text)
    # Text boxes hold whole sidebars in many templates; mc:Fallback repeats them, so it is skipped.
    for box in paragraph.iter(qn("w:txbxContent")):
        if any(anc.tag.endswith("}Fallback") for anc in box.iterancestors()):
            continue
        lines.extend(t for p in box.iter(qn("w:p")) if (t := _docx_runs_text(p, qn)).strip())
        lines.append("")
    return lines


def _docx_runs_text(paragraph: Any, qn: Any) -> str:
    """Text of a paragraph's own runs (not of text boxes inside it), with tabs and breaks kept."""
    parts: list[str] = []
    box = qn("w:txbxContent")
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parent = node.getparent()
        while parent is not None and parent is not paragraph and parent.tag != box:
            parent = parent.getparent()
        if parent is not paragraph:
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" | ")  # Word aligns fields with tabs: "Engineer<TAB>2019 – 2021" is two fields
        else:
            parts.append("\n")
    return re.sub(r"^(?:\s*\|\s*)+|(?:\s*\|\s*)+$", "", "".join(parts))
