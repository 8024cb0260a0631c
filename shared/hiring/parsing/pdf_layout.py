"""Where a PDF page's columns are: the empty strip (gutter) between two columns, a gutter under a full-width header,
a body's edge a sidebar ends against, and whether two sides read row by row (a table, labels or dates beside
text) instead of column by column."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass


@dataclass
class Line:
    """One extracted line: its box, its text and its largest font size."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float = 0.0

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


_HEADER_SHARE = 0.4  # how far down the page a full-width header (name, headline, summary) may reach


def gutter_under_header(lines: list[Line]) -> tuple[tuple[float, float], list[Line]] | None:
    """Two columns under a full-width header: the name, a headline and a summary paragraph run across the page,
    then a sidebar and the main column start. The header's lines cross the gutter, too many of them for it to show
    on the whole page; below the header it does. Returns the gutter and the header's lines (the lines above the
    lowest wide line of the top part, with the paragraph it ends), or None."""
    ordered = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    x_min, x_max = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    y_min, y_max = ordered[0].y0, max(ln.y1 for ln in lines)
    limit = y_min + _HEADER_SHARE * (y_max - y_min)
    width = x_max - x_min
    wide = [n for n, ln in enumerate(ordered) if ln.y1 <= limit and ln.x1 - ln.x0 > 0.5 * width]
    # The widest line at or below each line: a body with a line across nearly the whole page is one column.
    widest = [0.0] * (len(ordered) + 1)
    for k in range(len(ordered) - 1, -1, -1):
        widest[k] = max(widest[k + 1], ordered[k].x1 - ordered[k].x0)
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
        if widest[end + 1] > 0.9 * width:
            continue
        top, rest = ordered[: end + 1], ordered[end + 1 :]
        gutter = find_gutter(rest)
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


def edge_gutter(lines: list[Line]) -> tuple[float, float] | None:
    """Two columns set so close that no empty strip shows between them: a body column's left edge, shared by many
    lines, with a sidebar whose lines all end at or just past it (a justified contact column; an address running a
    few points over). Only the full-width lines (name, headline) may cross the edge."""
    x_min, x_max = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = x_max - x_min
    starts = Counter(round(ln.x0) for ln in lines)
    for edge, _ in starts.most_common(3):
        if not x_min + 0.15 * width < edge < x_max - 0.3 * width:
            continue
        right = [ln for ln in lines if ln.x0 >= edge - 1.5]
        if sum(abs(ln.x0 - edge) <= 1.5 for ln in right) < max(6, 0.25 * len(lines)):
            continue
        # An address or link TeX cannot break may run on under the body ("harpreet.singh@example.com.au").
        left = [
            ln
            for ln in lines
            if ln.x0 < edge - 10 and (ln.x1 <= edge + 6 or (len(ln.text.split()) == 1 and ln.x1 < edge + 0.1 * width))
        ]
        crossing = len(lines) - len(left) - len(right)
        if len(left) < 3 or crossing > max(3, len(lines) // 20) or _reads_as_rows(left, right):
            continue
        return max(ln.x1 for ln in left) - 1, edge
    return None


def find_gutter(lines: list[Line]) -> tuple[float, float] | None:
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
        if _reads_as_rows(left, right) or _rows_cross(lines, left, right, (lo, hi), x_min):
            continue
        score = min(len(left), len(right)) * (hi - lo)
        if score > best_score:
            best, best_score = (lo, hi), score
    return best


def _rows_cross(
    lines: list[Line], left: list[Line], right: list[Line], strip: tuple[float, float], x_min: float
) -> bool:
    """Lines between both columns' tops and bottoms that cross the strip from inside the left column (a row whose
    content starts after a label: '2013 - 2017' then '• B.A. in English, ...' across): the page reads in rows. A
    full-width band between two-column parts starts at the page's left edge instead."""
    lo, hi = strip
    top = max(min(ln.y0 for ln in left), min(ln.y0 for ln in right))
    bottom = max(max(ln.y1 for ln in left), max(ln.y1 for ln in right))
    inner = [ln for ln in lines if ln.x0 < lo and ln.x1 > hi and ln.x0 > x_min + 10 and top < ln.y0 < bottom]
    labelled = [
        ln
        for ln in inner
        if any(
            a.x1 <= ln.x0 and min(a.y1, ln.y1) - max(a.y0, ln.y0) > 0.6 * a.height and _label_shaped(a.text)
            for a in left
        )
    ]
    return len(labelled) >= 2


def _label_shaped(text: str) -> bool:
    """A label or a date beside a row's content: a few words, no bullet or duty."""
    words = text.split()
    return 0 < len(words) <= 4 and words[0][:1].isalnum()


def _reads_as_rows(left: list[Line], right: list[Line]) -> bool:
    """Whether the two sides belong together row by row (a table, dates beside titles, labels beside text).

    Labels or dates on one side sit on the rows of the other side's text, so nearly all of that side is paired;
    two independent columns pair by chance only, except when both are long and share a line grid.
    """

    def paired(these: list[Line], those: list[Line]) -> float:
        rows = [(ln.y0, ln.y1) for ln in those]
        hits = sum(1 for a in these if any(min(a.y1, y1) - max(a.y0, y0) > 0.6 * a.height for y0, y1 in rows))
        return hits / len(these)

    left_paired, right_paired = paired(left, right), paired(right, left)
    narrow = min((left, right), key=lambda side: statistics.median(ln.x1 - ln.x0 for ln in side))
    if left_paired >= 0.7 and right_paired >= 0.7:
        # Two long columns may share a line grid; a narrow column of labels set flush right beside a body
        # ('Dates', 'Occupation or position held' over the values' rows) is read with it, row by row.
        return len(left) < 8 or len(right) < 8 or _flush_right(narrow)
    side, body = sorted((left, right), key=lambda lines: max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines))
    if _sidebar(side, body):
        return False
    if (left_paired if narrow is left else right_paired) >= 0.5 and _longest_run(narrow) < 3:
        return True  # isolated labels or dates, half of them beside the other side's lines: a table, not a column
    narrow_paired = left_paired if narrow is left else right_paired
    body_paired = right_paired if narrow is left else left_paired
    if (
        narrow_paired >= (0.3 if _longest_run(narrow) < 4 else 0.5)
        and _flush_right(narrow)
        and (len(narrow) < len(right + left) / 2 or body_paired >= 0.8)
    ):
        # A label column (Europass, moderncv): right-aligned labels, dates and section names, none flowing, or
        # half of them beside the body's rows when a contact block runs down the column's top. Labels that wrap
        # ('Main activities and' over 'responsibilities') may outnumber the body's lines; then nearly every body
        # line has a label beside it.
        return True
    if left_paired >= 0.5 and right_paired >= 0.8 and _flush_right(left):
        return True  # labels wider than their values ('Title of qualification awarded' beside '2014 - 2017')
    if max(left_paired, right_paired) < 0.7:
        return False
    side = left if left_paired >= right_paired else right
    if _flush_right(side):
        return True  # right-aligned pieces: dates or places beside titles (a header block may end a little wider)
    return _longest_run(side) < 4  # a column flows on consecutive rows; labels and dates do not


def _sidebar(side: list[Line], body: list[Line]) -> bool:
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


def _flush_right(side: list[Line]) -> bool:
    """Nearly all lines end at one edge while they start at different places: right-aligned pieces."""
    x0s, x1s = [ln.x0 for ln in side], [ln.x1 for ln in side]
    edge = statistics.median(x1s)
    return sum(abs(x1 - edge) <= 4 for x1 in x1s) >= 0.8 * len(side) and max(x0s) - min(x0s) > 3


def _longest_run(lines: list[Line]) -> int:
    """The most lines that follow each other at line spacing (a flowing column, not scattered labels)."""
    ordered = sorted(lines, key=lambda ln: ln.y0)
    best = run = 1
    for above, below in zip(ordered, ordered[1:], strict=False):
        run = run + 1 if 0 <= below.y0 - above.y1 < 0.8 * above.height else 1
        best = max(best, run)
    return best
