"""Jobs in an experience section: entries anchored on their date ranges, their header lines and body."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from hiring.resume.contact import is_region
from hiring.resume.dates import DateRange, find_ranges
from hiring.resume.headers import assign_fields, company_strength, field_label, labelled_field, title_in_body
from hiring.resume.lines import Line, is_headerish, lines_of, pieces, strip_bullet
from hiring.resume.places import is_city
from hiring.resume.sections import heading_kind


@dataclass
class Job:
    """An experience entry while it is being read; span is its character range in the text."""

    company: str | None
    title: str | None
    location: str | None
    dates: DateRange | None
    description: str
    span: tuple[int, int]


def _anchors(lines: list[Line], ranges: list[DateRange]) -> tuple[dict[int, DateRange], set[int]]:
    """Per line index, the date range that makes it an entry header's date; plus lines a range runs onto."""
    anchors: dict[int, DateRange] = {}
    continued: set[int] = set()
    # Each range filed once under the line its first character stands on (in the ranges' order), so a long text
    # costs lines + ranges, not lines x ranges.
    starts = [line.start for line in lines]
    on_line: dict[int, list[DateRange]] = {}
    for found in ranges:
        k = bisect_right(starts, found.begin) - 1
        if k >= 0 and found.begin < lines[k].end:
            on_line.setdefault(k, []).append(found)
    last: int | None = None  # the latest anchored line (lines are visited in order)
    for i, line in enumerate(lines):
        if line.bullet or line.blank or i in continued:
            continue
        for found in on_line.get(i, ()):
            if found.single and not found.start.exact and line.words > 10:
                continue
            if (
                last is not None
                and i - last <= 2
                and (anchors[last].start, anchors[last].end) == (found.start, found.end)
                and _is_bare(line, found)
            ):
                break  # the same dates printed again under their entry's header: not a new entry
            anchors[i] = found
            last = i
            j = i + 1
            while j < len(lines) and lines[j].start < found.finish:  # "2017 –\nPresent"
                continued.add(j)
                j += 1
            break
    return anchors, continued


_DURATION = re.compile(
    r"\s*[·•|,-]?\s*\(?\s*(?:\d+\s*(?:years?|yrs?)(?:\s*,?\s*\d+\s*(?:months?|mos?))?|\d+\s*(?:months?|mos?))\s*\)?",
    re.I,
)


def _without_dates(line: Line, dates: DateRange | None) -> str:
    if dates is None or not (line.start <= dates.begin < line.end):
        return line.text
    a, b = dates.begin - line.start, min(dates.finish - line.start, len(line.text))
    duration = _DURATION.match(line.text, b)  # "Mar 2024 - Jun 2024 · 3 months", "(2 yrs 1 mo)"
    if duration is not None:
        b = duration.end()
    text = line.text[:a] + "  |  " + line.text[b:]
    text = re.sub(r"\(\s*\|\s*\)|\(\s*\)", " ", text)
    return re.sub(r"\b(?:dates?|duration|period)\s*:\s*", "", text, flags=re.I)


def _header_under(lines: list[Line], i: int) -> bool:
    """The line under a date alone on its line is an entry's header (no bullet, no dates, header-shaped)."""
    below = next((line for line in lines[i + 1 :] if not line.blank), None)
    return below is not None and is_headerish(below, 10) and not find_ranges(below.text)


def _is_bare(line: Line, dates: DateRange) -> bool:
    """The line holds only the date (and punctuation)."""
    rest = _without_dates(line, dates)
    return not re.sub(r"[\W_]+", "", rest)


def parse_experience(text: str, start: int, end: int) -> list[Job]:
    """Jobs in an experience section, anchored on their date ranges."""
    lines = lines_of(text, start, end)
    ranges = [_shift(r, start) for r in find_ranges(text[start:end])]
    anchor_of, continued = _anchors(lines, ranges)
    anchors = sorted(anchor_of.items())
    if not anchors:
        return _undated_jobs(lines)
    headers: list[list[int]] = []
    claimed: set[int] = set(continued)
    template = len(_walk_up(lines, anchors[0][0], -1, anchors[0][1], anchor_of, 3))
    layout_above = template > 0
    # The first entry's date alone on its line with nothing above it and its header under it: the dates stand over
    # the headers ("Oct '05 - Mar '09" over "Senior Developer, Maersk"), so a later date alone takes no line above.
    dates_over = (
        not layout_above and _is_bare(lines[anchors[0][0]], anchors[0][1]) and _header_under(lines, anchors[0][0])
    )
    previous = -1
    unheaded: list[tuple[int, int]] = []  # (entry, the anchor above it) where no employer heading was taken
    headed = 0
    for i, dates in anchors:
        # Entries share one format: no more header lines above a date than the first entry has ...
        # A header under a date alone, the section's first entry not headed from above: the date heads its entry.
        over = dates_over or (not layout_above and _header_under(lines, i))
        most = max(template, 1 if _is_bare(lines[i], dates) and not over else 0)
        up = _walk_up(lines, i, previous, dates, anchor_of, most)
        if most == 1 and len(up) == most and _is_bare(lines[i], dates):
            # ... except a date alone on its line under a title and a company set off from what precedes them.
            wider = _walk_up(lines, i, previous, dates, anchor_of, 3, skip_blanks=False)
            if len(wider) > len(up) and _set_off(lines, wider[0] - 1, previous):
                up = wider
        if not up and not layout_above:
            up = _heading_above_gap(lines, i, previous, dates, anchor_of, claimed)
            headed += bool(up)
            if not up:
                unheaded.append((len(headers), previous))
        up = [j for j in up if j not in claimed]
        headers.append([*up, i])
        claimed.update(up)
        claimed.add(i)
        previous = i
    relaxed: set[int] = set()
    if headed and headed >= len(unheaded):
        # Most entries set their employer as a heading above a gap: so do the others whose title no rule knows
        # ("Deloitte Haskins & Sells", a gap, "Audit Senior | Jan 2017 - Mar 2020").
        for n, floor in unheaded:
            i, dates = anchors[n]
            up = _heading_above_gap(lines, i, floor, dates, anchor_of, claimed, known_title=False)
            headers[n] = [*up, i]
            claimed.update(up)
            relaxed.update([n] if up else [])
    for n, (i, dates) in enumerate(anchors):
        next_start = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
        header_pieces = [p for j in headers[n] for p in _header_pieces(lines[j], dates)]
        fields = len(header_pieces)
        if fields >= 2 and (layout_above or len(headers[n]) > 1):
            continue
        whole = " ".join(header_pieces)
        if fields == 1 and all(assign_fields(header_pieces, whole)[:2]):
            continue  # "Office Administrator, Cork City Council, Cork": the line names the title and the employer
        j = i + 1
        while j in continued:
            j += 1
        limit = 1 if layout_above else 3
        while j < next_start and len(headers[n]) < 4 and limit > 0:
            if lines[j].blank and fields < 2 and j + 1 < next_start and _opens_subheader(lines[j + 1]):
                j += 1  # "Engineer | 2021 – Present", a gap, then "Acme | Boston": the subtitle row is still header
                continue
            if lines[j].blank or not is_headerish(lines[j], 10) or j in claimed:
                break
            headers[n].append(j)
            claimed.add(j)
            j += 1
            limit -= 1
    jobs: list[Job] = []
    placed: list[list[str]] = []  # each job's header pieces, in order
    group: tuple[str, str | None] | None = None  # the employer heading a run of promotions
    for n, (i, dates) in enumerate(anchors):
        first = headers[n][0]
        last_line = (headers[n + 1][0] if n + 1 < len(headers) else len(lines)) - 1
        body = [lines[j] for j in range(first, last_line + 1) if j not in headers[n] and j not in continued]
        header_pieces = [p for j in sorted(headers[n]) for p in _header_pieces(lines[j], dates)]
        company, title, location = assign_fields(header_pieces, "\n".join(lines[j].text for j in headers[n]))
        if n in relaxed and len(header_pieces) == 2 and (company is None or title is None):
            company, title = header_pieces  # the heading names the employer, the dated line its one field
        rows = [lines[j] for j in sorted(headers[n])] + body
        employer, held = labelled_field(rows, "company"), labelled_field(rows, "title")
        if employer is not None and (company is None or held is not None):
            # "Name and address of employer | Atlassian, Sydney, NSW" in a labelled-row entry: the labels name
            # the fields, whatever a guess from the pieces made of them ("Kitchen Hand (casual)" as the employer)
            company, location = employer[0], employer[1] or location
        if held is not None and (title is None or employer is not None):
            # "Occupation or position held | Nurse Manager, Cardiac ICU": the whole value is the title
            title = held[2] if len(held[2].split()) <= _MAX_LABELLED_TITLE_WORDS else held[0]
        in_body = title_in_body(body) if company is None or title is None else None
        if company is None and title is not None and in_body is not None and in_body != title:
            # "Auto Trader UK / Manchester / dates", then "Business Intelligence Analyst" under them: the header's
            # only piece named the employer, whatever title word it holds ("Trader").
            company, title = title, in_body
        if title is None:
            title = in_body
        if company is None and title is not None and group is not None:
            # "Acme Corp\nManager  2021 - Present\n...\nEngineer  2018 - 2021": one employer, several titles
            # (the date on the title's line or on its own line below it).
            company, location = group[0], location or group[1]
        elif company is not None and any(j < i and company in lines[j].text for j in headers[n]):
            group = (company, location)
        else:
            group = None
        span_end = lines[last_line].end if last_line >= first else lines[first].end
        jobs.append(Job(company, title, location, dates, entry_description(body), (lines[first].start, span_end)))
        placed.append(header_pieces)
    return _by_shared_format(jobs, placed)


# "Senior Data Engineer at Celonis", "Barista @ Starbucks": a title and its employer joined by a word, not a mark.
_TITLE_AT = re.compile(r"(?P<title>[A-Z][^,;|@]{1,60}?)\s+(?:at|@)\s+(?P<company>[A-Z0-9][^,;|]{1,80})")


_MAX_LABELLED_TITLE_WORDS = 8
_DUTY = re.compile(r"^[A-Z][a-z]+ed\s+[a-z0-9]\S*\s+(?:\S+\s+){2,}\S+")
_SENTENCE = re.compile(r"^(?:\S+\s+){4,}\S+[a-z]\.$")


def _is_duty(piece: str, beside_dates: bool) -> bool:
    """A sentence, not a field: a past-tense verb and a lower-case word opening five words ("Reconciled 40 bank
    accounts", not "Registered Nurse"), five words mostly in lower case with a full stop or six with two thirds
    in lower case beside the dates, or nine words mostly in lower case (a title and employer of nine words are
    capitalised)."""
    words = piece.split()
    lower = sum(1 for word in words if word[:1].islower())
    # Only beside the dates and in lower case: a header may end in "." ("Staff Nurse, Lagos University Hospital.")
    sentence = beside_dates and _SENTENCE.match(piece) is not None and lower >= len(words) / 2
    # Beside the dates, six words mostly in lower case are a duty a grid set there ("Led parent-teacher conferences
    # and wrote termly progress reports"); a title and employer are capitalised.
    phrase = beside_dates and len(words) >= 6 and lower >= 2 * len(words) / 3
    return bool(_DUTY.match(piece)) or sentence or phrase or (len(words) >= 9 and lower >= len(words) / 2)


def _header_pieces(line: Line, dates: DateRange | None) -> list[str]:
    """A header line's fields without its dates; a title 'at' its employer beside a section label is split in two."""
    out: list[str] = []
    # A section name a label column set beside the first entry, and a duty the body set beside the dates, are no
    # header fields ("Work Experience | Financial Analyst at RBC", "Jul 2022 to Present | Reconciled 40 bank ...").
    raw = pieces(strip_bullet(_without_dates(line, dates)))
    dated = dates is not None and line.start <= dates.begin < line.end
    found = [
        piece
        for piece in raw
        if heading_kind(piece) is None and not _is_duty(piece, dated) and field_label(piece) is None
    ]
    labelled = len(found) < len(raw) and any(heading_kind(piece) for piece in raw)
    for piece in found:
        joined = _TITLE_AT.fullmatch(piece) if labelled else None  # elsewhere the header rules read it whole
        if joined and len(joined["title"].split()) <= 6 and len(joined["company"].split()) <= 8:
            out.extend((joined["title"].strip(), joined["company"].strip()))
        else:
            out.append(piece)
    return out


def _by_shared_format(jobs: list[Job], placed: list[list[str]]) -> list[Job]:
    """Entries of one section share a format: where most entries put the title and the employer (which header
    piece), an entry whose title no rule recognised ("Estagiária de Dados", "Werkstudentin") has them too."""
    # A header of one piece written "Title, Employer, City" has its comma parts as its fields.
    placed = [header if len(header) != 1 else [p.strip() for p in header[0].split(", ")] for header in placed]
    slots: dict[tuple[int, int], int] = {}
    for job, header in zip(jobs, placed, strict=True):
        if job.title and job.company:
            title_slot, company_slot = _slot(header, job.title), _slot(header, job.company)
            if title_slot is not None and company_slot is not None and title_slot != company_slot:
                slots[title_slot, company_slot] = slots.get((title_slot, company_slot), 0) + 1
    if not slots:
        return jobs
    (title_at, company_at), votes = max(slots.items(), key=lambda item: item[1])
    known = sum(1 for job in jobs if job.title and job.company)
    if votes < 0.75 * known or (votes < 2 and votes < known):
        return jobs  # no format most entries share (one entry's format counts when it is every other entry's)
    for job, header in zip(jobs, placed, strict=True):
        if job.title is not None or len(header) != len(placed[0]) or len(header) <= max(title_at, company_at):
            continue
        title, company = header[title_at], header[company_at]
        shaped = title[:1].isupper() and len(title.split()) <= 5 and not re.search(r"\d|[.;:!?]$", title)
        if (
            shaped
            and not (is_city(title) or is_region(title))
            and company_strength(title) < 2
            and not find_ranges(title)
        ):
            job.title = title
            named_place = is_city(company) or is_region(company)
            employer, _, place = assign_fields([company], company)  # "N26, Berlin": the employer without its place
            company = employer if employer and place else company
            job.company = company if job.company in (None, title) and not named_place else job.company
    return jobs


def _slot(header: list[str], value: str) -> int | None:
    return next((n for n, piece in enumerate(header) if value in piece), None)


def _bullet_header(line: Line) -> bool:
    """'• Cork City Council | Cork': an entry header set as a list item (sb2nov-style templates), not a duty."""
    if not line.bullet:
        return False
    text = strip_bullet(line.text)
    return len(pieces(text)) >= 2 and is_headerish(Line(text, line.start), 10)


def _opens_subheader(line: Line) -> bool:
    """A short line of at most three fields, not a bullet: an employer and its place under a title line."""
    return not line.blank and not line.bullet and is_headerish(line, 10) and 0 < len(pieces(line.text)) <= 3


def _heading_above_gap(
    lines: list[Line],
    i: int,
    floor: int,
    dates: DateRange,
    anchor_of: dict[int, DateRange],
    claimed: set[int],
    known_title: bool = True,
) -> list[int]:
    """An employer set as a heading of its own, a gap above the title and its dates ("Kirkland & Ellis LLP", a gap,
    "Senior Paralegal | Mar 2016 - Present"): a short line standing alone between gaps (or the section's start),
    taken when the dated line names a title and no employer (with `known_title` False, when it holds one field
    only: the section's other entries showed the format)."""
    j = i - 2
    if j <= floor or not lines[i - 1].blank or j in anchor_of or j in claimed or lines[j].blank:
        return []
    opens = j == 0 or (j - 1 > floor and lines[j - 1].blank)  # the section's start, or a gap under the last entry
    if not opens or lines[j].bullet or not is_headerish(lines[j], 8):
        return []
    own = _header_pieces(lines[i], dates)
    company, title, _location = assign_fields(own[:2], _without_dates(lines[i], dates))
    if find_ranges(lines[j].text) or heading_kind(lines[j].text):
        return []
    if known_title and (title is None or company is not None):
        return []
    return [j] if known_title or len(own) == 1 else []


def _set_off(lines: list[Line], j: int, floor: int) -> bool:
    """Line j (just above a header block) ends what came before: the section start, a blank line, or a sentence
    (a bullet that does not end with a full stop may wrap onto the next line)."""
    if j <= floor or lines[j].blank:
        return True
    ends_sentence = lines[j].text.rstrip().endswith((".", "!", "?", ";"))
    return ends_sentence if lines[j].bullet else not is_headerish(lines[j], 12)


def _shift(found: DateRange, by: int) -> DateRange:
    return DateRange(found.start, found.end, found.current, found.begin + by, found.finish + by, found.single)


def _walk_up(
    lines: list[Line],
    i: int,
    floor: int,
    dates: DateRange,
    anchor_of: dict[int, DateRange],
    most: int,
    skip_blanks: bool = True,
) -> list[int]:
    """Header lines just above an anchor (skipping blank lines only when the date stands alone)."""
    bare = skip_blanks and _is_bare(lines[i], dates)
    up: list[int] = []
    blanks = 0
    j = i - 1
    while j > floor and len(up) < most:
        if lines[j].blank:
            if bare and blanks < 3:
                blanks += 1
                j -= 1
                continue
            break
        if not (is_headerish(lines[j], 12) or _bullet_header(lines[j])) or j in anchor_of:
            break
        up.insert(0, j)
        j -= 1
    return up


def _undated_jobs(lines: list[Line]) -> list[Job]:
    """No dates at all: one job per header-shaped line followed by a description, read without dates."""
    jobs: list[Job] = []
    i = 0
    while i < len(lines):
        if (
            is_headerish(lines[i], 10)
            and i + 1 < len(lines)
            and (lines[i + 1].bullet or not is_headerish(lines[i + 1]))
        ):
            j = i + 1
            while j < len(lines) and not (is_headerish(lines[j], 10) and j + 1 < len(lines) and lines[j + 1].bullet):
                j += 1
            company, title, location = assign_fields(pieces(lines[i].text), lines[i].text)
            if company or title:
                span_end = lines[j - 1].end
                jobs.append(
                    Job(company, title, location, None, entry_description(lines[i + 1 : j]), (lines[i].start, span_end))
                )
            i = j
        else:
            i += 1
    return jobs


def entry_description(body: list[Line]) -> str:
    kept = [strip_bullet(line.text) for line in body if not line.blank]
    return "\n".join(kept).strip()
