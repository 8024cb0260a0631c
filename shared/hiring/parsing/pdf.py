"""PDF text in reading order (PyMuPDF): page furniture dropped, two-column pages read column by column, rows
joined, date ranges and addresses a narrow column broke put back together, the first page's prominent lines."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pymupdf

from hiring.parsing.cleanup import BULLET_RE, BULLETS, clean_line, clean_text
from hiring.parsing.model import PDF, DocumentRejected, ExtractedDocument, RejectionCode

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


def extract_pdf(data: bytes, max_pages: int) -> ExtractedDocument:
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


# Icon fonts (a phone, an envelope, a list marker) whose glyphs a PDF may map to ordinary letters ("a" for an
# envelope, "f" for a bullet) when the font has no character map: their glyphs are pictures, never text.
_ICON_FONT = re.compile(
    r"fontawesome|font awesome|marvosym|academicons|glyphicons|ionicons|octicons|materialicons|material icons"
    r"|icomoon|fontello|simple-?icons|feather|bootstrap-?icons|remixicon|typicons|entypo",
    re.I,
)
_ICON = "\ue000"  # a private-use character: clean_line reads it as an icon
_ICON_BULLET = "\uf0b7"  # the private-use bullet clean_line makes a list marker


def _span_texts(spans: list[dict[str, Any]]) -> list[str]:
    """Each span's text, icon-font glyphs replaced: a small icon opening a line before text is its list marker,
    any other icon a picture (a phone before the number, an envelope before the address)."""
    texts: list[str] = []
    body = [span["size"] for span in spans if span["text"].strip() and not _ICON_FONT.search(span.get("font", ""))]
    for n, span in enumerate(spans):
        text = span["text"]
        if text.strip() and _ICON_FONT.search(span.get("font", "")):
            opening = not "".join(texts).strip()
            small = bool(body) and span["size"] < 0.8 * max(body)
            text = _ICON_BULLET if opening and small and n + 1 < len(spans) else _ICON * len(text.strip())
        texts.append(text)
    return texts


def _page_lines(page: Any) -> list[_Line]:
    lines: list[_Line] = []
    for block in page.get_text("dict", flags=_PDF_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            if abs(line["dir"][1]) > 0.1:  # rotated or vertical text (side labels): not part of the flow
                continue
            text = "".join(_span_texts(line["spans"]))
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
            # A ragged label column sets the end of an open range ("Jan '21 –") a little right of its start, past
            # the upper line's end ("Present" under and after it): close by, the range's end only.
            near = not below and 0 <= lower.x0 - last.x1 < 3 * last.height and continues_range(upper.text, lower.text)
            if j not in used and lower.y0 > last.y0 + 0.5 * last.height and (overlaps or near):
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


_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.I)
_CONTACT_MARK = re.compile(r"@|\+?\d[\d ().-]{8,}\d")  # a footer with the email or phone is kept


def _shape(text: str) -> str:
    """A line's text with its numbers masked: "Page 1 of 2" and "Page 2 of 2" have one shape."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _without_running_lines(doc: Any) -> list[list[_Line]]:
    """Every page's lines without page furniture: page numbers ("1/2", "Page 2 of 3", "- 2 -") in the top or bottom
    band, and header or footer lines that repeat in that band on later pages (a name or title over every page)."""
    pages = [(page.rect.height, _page_lines(page)) for page in doc]
    # A footer line that comes back at the foot of another page is furniture on the first page too ("December 1,
    # 2026 | © European Union"); the top band is left alone, where the name may open page 1 and head page 2.
    foot_pages: dict[str, set[int]] = {}
    for number, (height, lines) in enumerate(pages):
        for line in lines:
            if line.y0 > (1 - _MARGIN_BAND) * height:
                foot_pages.setdefault(_shape(line.text), set()).add(number)
    seen_in_band: set[str] = set()
    kept_pages: list[list[_Line]] = []
    for height, lines in pages:
        kept: list[_Line] = []
        # The rows of a copyright notice at the foot: whatever shares them (the date, a page number) is furniture.
        notice = [(ln.y0, ln.y1) for ln in lines if ln.y0 > (1 - _MARGIN_BAND) * height and _COPYRIGHT.search(ln.text)]
        for line in lines:
            in_band = line.y1 < _MARGIN_BAND * height or line.y0 > (1 - _MARGIN_BAND) * height
            text = " ".join(line.text.split())
            if in_band and _PAGE_MARK.search(text):
                continue
            at_foot = line.y0 > (1 - _MARGIN_BAND) * height
            repeated = len(foot_pages.get(_shape(line.text), ())) > 1 and not _CONTACT_MARK.search(text)
            beside_notice = any(min(line.y1, y1) - max(line.y0, y0) > 0 for y0, y1 in notice)
            if at_foot and (repeated or beside_notice):
                continue
            shape = re.sub(r"\d+", "#", text.lower())
            if in_band and kept_pages and (_RUNNING_LABEL.search(text) or any(s in shape for s in seen_in_band)):
                continue  # "Jane Doe – Curriculum Vitae" over page 2: the first page said it already
            if in_band and len(shape) >= 6:
                seen_in_band.add(shape)
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages


_PHONE_HEAD = re.compile(r"(?:\+\d{1,3}|\b(?:phone|tel|mobile|mob|cell)\b[.:]?\s*\+?\(?\d)[\d ().-]*$", re.I)
_PHONE_TAIL = re.compile(r"[\d ().-]*\d[\d ().-]*")


def _join_wrapped_phones(lines: list[_Line]) -> list[_Line]:
    """A phone number a narrow contact column broke ("Phone: +1 212" over "555 0147", the lines sharing an edge)
    becomes one line, so the number is read whole instead of its last digits."""
    ordered = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    used: set[int] = set()
    out: list[_Line] = []
    for i, upper in enumerate(ordered):
        if i in used:
            continue
        head = _PHONE_HEAD.search(upper.text.rstrip())
        if head is not None:
            for j in range(i + 1, min(i + 6, len(ordered))):
                lower = ordered[j]
                if lower.y0 - upper.y1 > 0.8 * upper.height:
                    break
                aligned = abs(lower.x1 - upper.x1) < 3 or abs(lower.x0 - upper.x0) < 3
                text = lower.text.strip()
                digits = sum(ch.isdigit() for ch in head.group(0) + text)
                if j not in used and aligned and _PHONE_TAIL.fullmatch(text) and 8 <= digits <= 15:
                    joined = f"{upper.text.rstrip()} {text}"
                    upper = _Line(upper.x0, upper.y0, max(upper.x1, lower.x1), upper.y1, joined, upper.size)
                    used.add(j)
                    break
        out.append(upper)
    return out


def _page_regions(page_lines: list[_Line]) -> list[list[str]]:
    """One page as regions in reading order: full-width bands, and within a two-column band left then right."""
    lines = _join_wrapped_phones(_join_wrapped_ranges(page_lines))
    if not lines:
        return []
    gutter = _find_gutter(lines)
    regions: list[list[str]] = []
    if gutter is None:
        found = _gutter_under_header(lines)
        if found is None:
            return [_rows(lines)]
        gutter, top = found
        regions.append(_rows(top))
        lines = [ln for ln in lines if ln not in top]
    left_edge, right_edge = gutter
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


_HEADER_SHARE = 0.4  # how far down the page a full-width header (name, headline, summary) may reach


def _gutter_under_header(lines: list[_Line]) -> tuple[tuple[float, float], list[_Line]] | None:
    """Two columns under a full-width header: the name, a headline and a summary paragraph run across the page,
    then a sidebar and the main column start. The header's lines cross the gutter, too many of them for it to show
    on the whole page; below the header it does. Returns the gutter and the header's lines (the lines above the
    lowest wide line of the top part, with the paragraph it ends), or None."""
    ordered = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    x_min, x_max = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    y_min, y_max = ordered[0].y0, max(ln.y1 for ln in lines)
    limit = y_min + _HEADER_SHARE * (y_max - y_min)
    wide = [n for n, ln in enumerate(ordered) if ln.y1 <= limit and ln.x1 - ln.x0 > 0.5 * (x_max - x_min)]
    for n in wide:
        end = n
        # The wide line's paragraph goes on under it ("pressure." closing the summary): part of the header.
        while end + 1 < len(ordered):
            below, above = ordered[end + 1], ordered[end]
            if abs(below.x0 - above.x0) > 2 or below.y0 - above.y1 > 0.8 * above.height:
                break
            if end + 2 < len(ordered) and ordered[end + 2].y0 < below.y1 - 0.5 * below.height:
                break  # something shares its row: a column starts here
            end += 1
        top, rest = ordered[: end + 1], ordered[end + 1 :]
        gutter = _find_gutter(rest)
        if gutter is None:
            continue
        lo, hi = gutter
        # Below a header nothing crosses the gutter (a page whose body does is one column with a ragged gap), and
        # the header itself is no two columns: it has no lines on both sides of the gutter.
        crossing = any(ln.x0 < lo and ln.x1 > hi for ln in rest)
        both_sides = any(ln.x1 <= lo for ln in top) and any(ln.x0 >= hi for ln in top)
        if not crossing and not both_sides and ordered[n].x0 < lo and ordered[n].x1 > hi:
            return gutter, top
    return None


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
        if hi - lo < 8:
            continue
        left = [ln for ln in lines if ln.x1 <= hi - step and ln.x0 < lo]  # the lines either side, not across
        right = [ln for ln in lines if ln.x0 >= lo + step and ln.x1 > hi]
        if len(left) < 3 or len(right) < 3:
            continue
        # Neither column is a sliver at the page's edge. Measured from the columns' own edges: a sidebar of short
        # chips leaves an empty strip that opens well inside the sidebar.
        if max(ln.x1 for ln in left) < x_min + 0.15 * width or min(ln.x0 for ln in right) > x_max - 0.15 * width:
            continue
        if _reads_as_rows(left, right):
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
    side, body = sorted((left, right), key=lambda lines: max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines))
    if _sidebar(side, body):
        return False
    if (left_paired if narrow is left else right_paired) >= 0.5 and _longest_run(narrow) < 3:
        return True  # isolated labels or dates, half of them beside the other side's lines: a table, not a column
    narrow_paired = left_paired if narrow is left else right_paired
    if (
        narrow_paired >= (0.3 if _longest_run(narrow) < 4 else 0.5)
        and _flush_right(narrow)
        and len(narrow) < len(right + left) / 2
    ):
        # A label column (Europass, moderncv): right-aligned labels, dates and section names, none flowing, or
        # half of them beside the body's rows when a contact block runs down the column's top.
        return True
    if max(left_paired, right_paired) < 0.7:
        return False
    side = left if left_paired >= right_paired else right
    if _flush_right(side):
        return True  # right-aligned pieces: dates or places beside titles (a header block may end a little wider)
    return _longest_run(side) < 4  # a column flows on consecutive rows; labels and dates do not


def _sidebar(side: list[_Line], body: list[_Line]) -> bool:
    """A sidebar of its own sections ("Skills" over "Kitchen", "Menu Development", "HACCP"): lines set from one left
    edge, a heading among them, the others content, not the labels and dates of a label column, and not flush
    right as labels are; the body beside it has a left edge of its own. Its loosely spaced chips may share the
    body's rows by chance; it is still read as a column."""
    from hiring.resume.dates import find_ranges  # the resume package imports this module
    from hiring.resume.sections import heading_kind

    headings = sum(1 for ln in side if heading_kind(ln.text))
    labels = sum(1 for ln in side if heading_kind(ln.text) or find_ranges(ln.text) or ln.text.rstrip().endswith(":"))
    start = min(ln.x0 for ln in side)  # one left edge, chips a little indented
    aligned = sum(ln.x0 - start <= 6 for ln in side) >= 0.7 * len(side) and len(side) >= 4
    # The body beside it is a column too, with a left edge of its own (not only dates set at the right margin).
    body_edge = Counter(round(ln.x0) for ln in body).most_common(1)[0][1] >= max(3, 0.4 * len(body))
    return aligned and body_edge and headings > 0 and labels < 0.5 * len(side) and not _flush_right(side)


def _flush_right(side: list[_Line]) -> bool:
    """Nearly all lines end at one edge while they start at different places: right-aligned pieces."""
    x0s, x1s = [ln.x0 for ln in side], [ln.x1 for ln in side]
    edge = statistics.median(x1s)
    return sum(abs(x1 - edge) <= 4 for x1 in x1s) >= 0.8 * len(side) and max(x0s) - min(x0s) > 3


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


_WRAP_STOP = re.compile(rf"^\s*[{re.escape(BULLETS)}\-*–]|[.:;!?]$")
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
    # Capitals alike: a theme that sets the contact line in capitals ("EXAMPLE.CO" over "M.AU").
    return not _WHOLE_EMAIL.fullmatch(tail) or re.fullmatch(r"[a-zA-Z]{1,3}(?:\.[a-zA-Z]{2,3})?", following) is not None


def _wraps_onto(upper: list[_Line], lower: list[_Line], column: tuple[float, float]) -> bool:
    """Whether `lower` continues `upper` because the column ran out of room: both alone on their rows, same type,
    `lower` starts under `upper` (or under its hanging indent), `upper` reaches close to the column's right edge,
    and the first word of `lower` would not have fit after it."""
    if len(upper) != 1 or len(lower) != 1:
        return False
    above, below = upper[0], lower[0]
    text, following = above.text.strip(), below.text.strip()
    if not text or not following or _WRAP_STOP.search(text) or BULLET_RE.match(following):
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
