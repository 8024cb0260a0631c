"""Dates and date ranges as resumes write them, and months of experience counted without double counting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# A season stands for its first month; a season alone spans three months.
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH_NAME = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SHORT_YEAR = r"[’'‘]\d{2}"  # "Jun '20", typeset "Jun ’20"
_POINT = (
    rf"(?:(?:{_MONTH_NAME}|{_SEASON}),?\s*(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|(?:0?[1-9]|1[0-2])\s*[/.-]\s*{_YEAR}"
    rf"|{_YEAR}\s*[/.-]\s*(?:0[1-9]|1[0-2])(?![\d/-]|\.\d)"  # a full stop may end the sentence, not "2021.06.15"
    rf"|{_YEAR})"
)
_OPEN = r"(?:present|current(?:ly)?|now|today|ongoing|till\s+date|to\s+date|date)"
_SEP = r"\s*(?:-|–|—|‒|―|~|→|to|until|till|through|thru)\s*"
RANGE_RE = re.compile(
    rf"(?<![\w/.-])(?P<start>{_POINT})(?:{_SEP}(?P<end>{_POINT}|{_OPEN}))?(?![\w/])",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(rf"\bsince\s+(?P<start>{_POINT})(?![\w/])", re.IGNORECASE)
# A range broken over two lines, as narrow date columns print it: "June 2020 –" then "Present", or "2019" then "– 2021".
_RANGE_HEAD = re.compile(rf"(?:^|\s){_POINT}(?:{_SEP})?$", re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"^(?:{_SEP})?(?:{_POINT}|{_OPEN})[.,;)]?$", re.IGNORECASE)
_OPEN_SEP = re.compile(rf"{_SEP}$", re.IGNORECASE)
_LEADING_SEP = re.compile(rf"^{_SEP}(?:{_POINT}|{_OPEN})", re.IGNORECASE)


@dataclass(frozen=True)
class Month:
    """A calendar month; `exact` is False when only the year was written."""

    year: int
    month: int
    exact: bool = True

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class DateRange:
    """A period found in text, with its offsets; end None and current True means "to present"."""

    start: Month
    end: Month | None
    current: bool
    begin: int
    finish: int
    single: bool = False

    def months(self, today: date) -> int:
        """Months covered, counting both end months (Jan-Dec is 12); year-only ranges count whole years."""
        return max(0, self.last_index(today) - self.start.index + (0 if self._year_only() else 1))

    def last_index(self, today: date) -> int:
        """The month index where the range ends (today when current)."""
        if self.end is not None:
            return self.end.index
        return today.year * 12 + today.month - 1

    def interval(self, today: date) -> tuple[int, int]:
        """Half-open month interval [start, end) used to count overlaps once."""
        end = self.last_index(today) + (0 if self._year_only() else 1)
        return self.start.index, max(end, self.start.index)

    def _year_only(self) -> bool:
        return not self.start.exact and self.end is not None and not self.end.exact and not self.single


def parse_point(text: str) -> Month | None:
    """One written date ("Jan 2020", "03/2018", "2019", "Summer 2022") as a Month."""
    raw = text.strip().lower().rstrip(".")
    year_match = re.search(r"(19|20)\d{2}", raw)
    if year_match:
        year = int(year_match.group(0))
    else:
        short = re.search(r"[’'‘](\d{2})", raw)
        if not short:
            return None
        two = int(short.group(1))
        year = 2000 + two if two <= date.today().year % 100 + 1 else 1900 + two
    word = re.match(r"[a-z]+", raw)
    if word:
        name = word.group(0)
        if name in _SEASONS:
            return Month(year, _SEASONS[name])
        if name in _MONTHS:
            return Month(year, _MONTHS[name])
        if name[:3] in _MONTHS:
            return Month(year, _MONTHS[name[:3]])
    numeric = re.match(r"(\d{1,2})\s*[/.-]\s*(?:19|20)\d{2}", raw) or re.match(
        r"(?:19|20)\d{2}\s*[/.-]\s*(\d{1,2})$", raw
    )
    if numeric:
        return Month(year, int(numeric.group(1)))
    return Month(year, 1, exact=False)


def find_ranges(text: str) -> list[DateRange]:
    """Every date or date range in the text, in order."""
    found: list[DateRange] = []
    for match in RANGE_RE.finditer(text):
        start = parse_point(match.group("start"))
        if start is None:
            continue
        end_text = match.group("end")
        if end_text is None:
            found.append(_single(start, match.group("start"), match.start(), match.end()))
            continue
        end = parse_point(end_text)
        if end is None:  # an open end: present, current, ...
            found.append(DateRange(start, None, True, match.start(), match.end()))
        elif end.index >= start.index:
            found.append(DateRange(start, end, False, match.start(), match.end()))
    for match in _SINCE_RE.finditer(text):
        start = parse_point(match.group("start"))
        if start is not None and not any(r.begin <= match.start("start") < r.finish and r.current for r in found):
            found = [r for r in found if not (match.start() <= r.begin < match.end())]
            found.append(DateRange(start, None, True, match.start(), match.end()))
    return _join_dashless(text, sorted(found, key=lambda r: r.begin))


def _join_dashless(text: str, found: list[DateRange]) -> list[DateRange]:
    """'June 2015 January 2019': two month-year dates with only spaces between are a range whose dash the
    document drew as a graphic (or lost); year-only pairs ("2019 2020") stay two dates."""
    out: list[DateRange] = []
    for current in found:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.single
            and current.single
            and previous.start.exact
            and current.start.exact
            and re.fullmatch(r"[ \t]+", text[previous.finish : current.begin])
            and current.start.index >= previous.start.index
        ):
            out[-1] = DateRange(previous.start, current.end, False, previous.begin, current.finish)
            continue
        out.append(current)
    return out


def _single(start: Month, written: str, begin: int, finish: int) -> DateRange:
    """A date on its own: a season spans three months, anything else is one point."""
    if re.match(_SEASON, written.strip(), re.IGNORECASE):
        index = start.index + 2
        return DateRange(start, Month(index // 12, index % 12 + 1), False, begin, finish, single=True)
    return DateRange(start, start, False, begin, finish, single=True)


def continues_range(upper: str, lower: str) -> bool:
    """Whether `lower` finishes a date range that `upper` begins: "June 2020 –" above "Present", "2019" above
    "– 2021". One of the two must carry the separator, so two dates on consecutive rows stay two dates."""
    upper, lower = upper.strip(), lower.strip()
    if not _RANGE_HEAD.search(upper) or not _RANGE_TAIL.match(lower):
        return False
    return bool(_OPEN_SEP.search(upper)) != bool(_LEADING_SEP.match(lower))


def joins_into_range(pieces: list[str]) -> bool:
    """Whether lines a narrow column broke apart read as one date range when joined ("September", "2021 –",
    "December", "2022"), while the first line alone is not a whole range."""
    joined = " ".join(p.strip() for p in pieces)
    whole = RANGE_RE.fullmatch(joined)
    if whole is None or whole.group("end") is None or len(pieces) < 2:
        return False
    first = RANGE_RE.fullmatch(pieces[0].strip())
    return first is None or first.group("end") is None


def union_months(intervals: list[tuple[int, int]]) -> int:
    """Months covered by half-open intervals, overlaps counted once."""
    total = 0
    current_start: int | None = None
    current_end = 0
    for start, end in sorted(intervals):
        if current_start is None or start > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None:
        total += current_end - current_start
    return total
