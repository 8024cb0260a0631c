"""PDF text in reading order (PyMuPDF): page furniture dropped, two-column pages read column by column, rows
joined, date ranges and addresses a narrow column broke put back together, the first page's prominent lines."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import replace
from typing import Any

import pymupdf

from hiring.parsing.cleanup import BULLET_RE, BULLETS, clean_line, clean_text
from hiring.parsing.model import PDF, DocumentRejected, ExtractedDocument, RejectionCode
from hiring.parsing.pdf_layout import Line as _Line
from hiring.parsing.pdf_layout import edge_gutter, find_gutter, gutter_under_header

# Ligatures unfolded and hyphen joins left to clean_text; whitespace kept as is so tabs can be collapsed.
_PDF_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


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
    return tuple(text for ln in _set_whole(large)[:5] if (text := clean_line(ln.text)))


def _set_whole(large: list[_Line]) -> list[_Line]:
    """Large lines as set: the pieces a justified row spread apart joined ("Folake  Adeyemi-Johnson,  DNP," on one
    row), and a row wrapped under itself in the same size joined to it ("Folake Adeyemi-" over "Johnson, DNP,
    RN"); in the given order."""
    out: list[_Line] = []
    for line in large:
        last = out[-1] if out else None
        same = last is not None and abs(last.size - line.size) <= 0.5
        on_row = last is not None and min(last.y1, line.y1) - max(last.y0, line.y0) > 0.5 * line.height
        if last is not None and same and on_row and 0 < line.x0 - last.x1 <= 1.5 * line.size:  # beside it, close
            out[-1] = replace(last, x1=line.x1, text=f"{last.text.strip()} {line.text.strip()}")
            continue
        under = last is not None and -0.3 * line.height <= line.y0 - last.y1 < 0.5 * line.height
        if last is not None and same and not on_row and under and abs(line.x0 - last.x0) <= 2:
            # under it, from the same edge: the row goes on ("RN"), a hyphen at its end the word's own
            text = last.text.strip()
            joined = f"{text}{line.text.strip()}" if text.endswith("-") else f"{text} {line.text.strip()}"
            out[-1] = replace(last, y1=line.y1, x1=max(last.x1, line.x1), text=joined)
            continue
        out.append(line)
    return out


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
            near = not below and 0 <= lower.x0 - last.x1 < 5 * last.height and continues_range(*_plain(upper, lower))
            if j not in used and lower.y0 > last.y0 + 0.5 * last.height and (overlaps or near):
                below.append(j)
                last = lower
                if len(below) == 3:
                    break
        texts = _plain(upper, *(ordered[j] for j in below))
        take = next(
            (k for k in range(len(below), 0, -1) if joins_into_range(texts[: k + 1])),
            1 if below and continues_range(texts[0], texts[1]) else 0,
        )
        if take:
            parts = [ordered[j] for j in below[:take]]
            text = " ".join(t.text.strip() for t in [upper, *parts])
            upper = _Line(upper.x0, upper.y0, max(ln.x1 for ln in [upper, *parts]), upper.y1, text, upper.size)
            used.update(below[:take])
        merged.append(upper)
    return merged


def _plain(*lines: _Line) -> list[str]:
    """The lines' texts with the non-breaking hyphen a template sets in ranges ("January 2023 ‑") as a hyphen."""
    return [line.text.replace("\u2011", "-") for line in lines]


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
        running: list[tuple[float, float]] = []  # the rows of running lines dropped
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
                running.append((line.y0, line.y1))
                continue  # "Jane Doe – Curriculum Vitae" over page 2: the first page said it already
            if in_band and len(shape) >= 6:
                seen_in_band.add(shape)
            kept.append(line)
        # What shares a running line's row goes with it ("2007 – 2008" beside an entry header repeated at the top).
        kept_pages.append([ln for ln in kept if not _on_rows(ln, running, height)] if running else kept)
    return kept_pages


def _on_rows(line: _Line, rows: list[tuple[float, float]], height: float) -> bool:
    """Whether a line in the page's top or bottom band shares its row with one of `rows`."""
    in_band = line.y1 < _MARGIN_BAND * height or line.y0 > (1 - _MARGIN_BAND) * height
    return in_band and any(min(line.y1, y1) - max(line.y0, y0) > 0.5 * line.height for y0, y1 in rows)


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
    # A body's edge a sidebar ends against comes first: an empty strip found inside the sidebar (between its short
    # lines and a word TeX set flush right in it) is no gutter.
    gutter = edge_gutter(lines) or find_gutter(lines)
    regions: list[list[str]] = []
    if gutter is None:
        found = gutter_under_header(lines)
        if found is not None:
            gutter, top = found
            regions.append(_rows(top))
            lines = [ln for ln in lines if ln not in top]
        else:
            return [_rows(lines)]
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
        label = _label_goes_on(previous, row) if previous is not None and out else None
        if previous is not None and label is not None and out[-1] == _joined(previous, typical, edges):
            # "Employment" over "History" in a label column: one section name
            previous = [replace(previous[0], text=label), *previous[1:]]
            out[-1] = _joined(previous, typical, edges)
            row = row[1:]
            if not row:
                continue
        gap_above = previous is not None and row[0].y0 - max(ln.y1 for ln in previous) > 0.8 * typical
        if gap_above:
            out.append("")
        elif previous is not None and out and _breaks_address(previous, row):
            out[-1] = f"{out[-1]}{row[0].text.strip()}"  # "jane.doe@exa" + "mple.com": an address a column broke
            previous = row
            continue
        elif previous is not None and out and _wraps_onto(previous, row, column):
            following = row[0].text.strip()  # a line the column was too narrow to hold
            hyphenated = out[-1].endswith("-") and out[-1][-2:-1].isalpha() and following[:1].islower()
            out[-1] = f"{out[-1][:-1]}{following}" if hyphenated else f"{out[-1]} {following}"  # "Diag-" "nostics"
            previous = row
            continue
        elif previous is not None and out and (k := _wraps_before_dates(previous, row)) is not None:
            # "Research Assistant, Carnegie Mellon | September 2004 – June 2009" over "University, Pittsburgh, PA.":
            # the entry's header line ran into its dates and went on under itself (a label may stand before it).
            head = _continued(_joined(previous[k:-1], typical, edges, dated=True), row[0].text.strip())
            labels = f"{_joined(previous[:k], typical, edges)} | " if k else ""
            out[-1] = f"{labels}{head} | {previous[-1].text.strip()}"
            previous = row
            continue
        elif previous is not None and out and (cells := _wraps_in_cells(previous, row)):
            # "Legal Secretary | Jan 2008 - Jul 2011 | Maintained the matter management" over "system and billing
            # records" under its last cell: each cell's text wrapped within its own column.
            previous = [
                replace(cell, text=_continued(cell.text.strip(), cells[n].text.strip())) if n in cells else cell
                for n, cell in enumerate(previous)
            ]
            out[-1] = _joined(previous, typical, edges)
            continue
        out.append(_joined(row, typical, edges))
        previous = row
    return out


def _joined(row: list[_Line], typical: float, edges: list[int], dated: bool = False) -> str:
    """One row's pieces as one line: a wide gap, or a small one before a piece on a column's edge, is a field gap."""
    spaced = _justified(row, dated)
    pieces = [row[0].text.strip()]
    for n, (before, piece) in enumerate(zip(row, row[1:], strict=False)):
        gap = piece.x0 - before.x1
        on_edge = gap > 0.4 * typical and any(abs(piece.x0 - edge) <= 1.5 for edge in edges)
        pieces.append(" | " if (gap > typical or on_edge) and n not in spaced else " ")
        pieces.append(piece.text.strip())
    return "".join(pieces)


def _justified(row: list[_Line], dated: bool = False) -> set[int]:
    """The gaps of a row (by index) that are word spaces a justified line stretched: three or more equal gaps in a
    run (two before the dates of an entry's header), each after a single word and at most a few letters wide
    ("Bachelor  of  Science  in  Biology,")."""
    if len(row) < 3:
        return set()  # no run of two gaps
    gaps = [piece.x0 - before.x1 for before, piece in zip(row, row[1:], strict=False)]
    words = [len(ln.text.split()) == 1 for ln in row]
    spaced: set[int] = set()
    run: list[int] = []
    char_width = sum(ln.x1 - ln.x0 for ln in row) / max(sum(len(ln.text.strip()) for ln in row), 1)
    # An entry's header ending in its dates is a sentence-like line TeX stretches more; a row of chips has no dates.
    dated = dated or (len(row) > 2 and _dated(row[-1].text))
    stretch, least = (3.5, 2) if dated else (2.5, 3)
    for n, gap in enumerate(gaps):
        ok = words[n] and gap <= stretch * char_width
        if ok and run and abs(gap - gaps[run[0]]) > 1.5:
            run = []
        if ok:
            run.append(n)
            if len(run) >= least:
                spaced.update(run)
        else:
            run = []
    return spaced


def _continued(text: str, following: str) -> str:
    """A line and its continuation as one: "San Fran-" + "cisco" -> "San Francisco", "NewYork-" + "Presbyterian"
    keeps its hyphen, otherwise a space."""
    if text.endswith("-") and text[-2:-1].isalpha():
        return f"{text[:-1]}{following}" if following[:1].islower() else f"{text}{following}"
    return f"{text} {following}"


def _wraps_in_cells(upper: list[_Line], lower: list[_Line]) -> dict[int, _Line]:
    """The cells of a row of several that the lower row continues, by index: each lower piece stands under a
    cell's start, in the same type, close under it, and one of them goes on an unfinished phrase (lower case, or
    its cell ends on a joining word or mark). Empty when the lower row is a row of its own."""
    if len(upper) < 2 or not lower or len(lower) > len(upper):
        return {}
    cells: dict[int, _Line] = {}
    for below in lower:
        n = next((n for n, cell in enumerate(upper) if abs(below.x0 - cell.x0) <= 1.5), None)
        if n is None or n in cells:
            return {}
        cell = upper[n]
        text, following = cell.text.strip(), below.text.strip()
        if not re.search(r"[^\W\d_]{2}", text) or not following or BULLET_RE.match(following):
            return {}  # an icon is no cell of text
        if _WRAP_STOP.search(text) or _CONTACT_LINE.search(following) or _CONTACT_LINE.search(text):
            return {}
        if abs(below.size - cell.size) > 0.5 or below.y0 - cell.y1 > 0.8 * cell.height:
            return {}
        cells[n] = below
    unfinished = any(
        below.text.strip()[:1].islower() or _OPEN_END.search(upper[n].text.strip()) for n, below in cells.items()
    )
    return cells if unfinished else {}


def _dated(text: str) -> bool:
    """Whether a piece is a date range, nearly all of it."""
    from hiring.resume.dates import find_ranges  # the resume package imports this module

    ranges = find_ranges(text)
    return bool(ranges) and ranges[0].finish - ranges[0].begin >= 0.7 * len(text.strip())


def _wraps_before_dates(upper: list[_Line], lower: list[_Line]) -> int | None:
    """Where the header text starts in `upper` (a row ending in its dates) when `lower` continues it: the text
    reaches so close to the dates that the lower line's first word would not have fit, the lower line starts under
    the text's start (labels may stand before it) in the same type, holds no date and no bullet, and the header had
    not ended with a full stop. None otherwise."""
    if len(upper) < 2 or len(lower) != 1:
        return None
    dates, text, below = upper[-1], upper[-2], lower[0]
    following = below.text.strip()
    if not following or abs(below.size - text.size) > 0.5 or below.y0 - text.y1 > 0.8 * text.height:
        return None
    char_width = (text.x1 - text.x0) / max(len(text.text.strip()), 1)
    if dates.x0 - text.x1 >= (len(following.split()[0]) + 2) * char_width:
        return None  # the first word would have fit before the dates
    k = next((n for n, piece in enumerate(upper[:-1]) if abs(below.x0 - piece.x0) <= 1.5), None)
    if k is None or any(piece.x1 > below.x0 for piece in upper[:k]):
        return None
    from hiring.resume.dates import find_ranges  # the resume package imports this module

    if BULLET_RE.match(following) or find_ranges(following) or _CONTACT_LINE.search(following):
        return None
    head = " ".join(ln.text.strip() for ln in upper[k:-1])
    if not _dated(dates.text) or find_ranges(head) or _WRAP_STOP.search(head):
        return None
    return k


def _label_goes_on(upper: list[_Line], lower: list[_Line]) -> str | None:
    """A section name a label column broke over two rows ("Education &" over "Training", "Work" over
    "Experience"), beside an entry: the two labels as one name, when together they name a section. None
    otherwise."""
    if len(upper) < 2 or not lower:
        return None
    above, below = upper[0], lower[0]
    aligned = abs(above.x1 - below.x1) <= 1.5 or abs(above.x0 - below.x0) <= 1.5
    if not aligned or below.x1 >= upper[1].x0 or (len(lower) > 1 and below.x1 >= lower[1].x0):
        return None
    if below.y0 - above.y1 > 0.8 * above.height or len(below.text.split()) > 3 or len(above.text.split()) > 4:
        return None
    if not below.text.strip()[:1].isupper() or any(ch.isdigit() or ch in "@,.|" for ch in above.text + below.text):
        return None  # section names are capitalised words, no figures, addresses or lists
    from hiring.resume.sections import heading_kind  # the resume package imports this module

    joined = f"{above.text.strip()} {below.text.strip()}"
    # Together they must name one section ("Work Experience"); two names stacked ("Skills", "Languages") do not.
    return joined if heading_kind(joined) else None


_WRAP_STOP = re.compile(rf"^\s*[{re.escape(BULLETS)}\-*–]|[.:;!?]$")
_OPEN_END = re.compile(
    r"(?:[,&/-]|\b(?:of|and|for|the|in|at|de|des|du|da|do|der|für|y|e|und|et|to|with|am|an|im|upon|sur|del|di))$", re.I
)
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
    if len(lower) != 1 or not 1 <= len(upper) <= 2:
        return False
    if len(upper) == 2 and not (_dated(upper[0].text) and upper[0].height < 1.5 * lower[0].height):
        return False  # a header beside its dates (one line) in a label column may wrap ("..., Frankfurt am" / "Main")
    above, below = upper[-1], lower[0]
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
