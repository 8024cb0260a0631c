"""The plain facts of a posting: work arrangement, employment type, education asked for, location."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ARRANGEMENT = [
    ("hybrid", re.compile(
        r"\bhybrid\b|\b\d\s*(?:-|to)?\s*\d?\s*days?\s+(?:a|per)\s+week\s+in\s+(?:the\s+)?office"
        # "2 days on site", "3 days a week in the office": fewer than five days in is hybrid
        r"|\b[1-4](?:\s*(?:-|to)\s*[1-4])?\s*days?\s+(?:(?:a|per)\s+week\s+)?(?:on[-\s]?site|in[-\s](?:the\s+)?office)",
        re.I)),
    ("remote", re.compile(
        r"\b(?:fully\s+|100%\s+)?remote(?:\s*-\s*\w+)?\b(?!\s+(?:sensing|control|monitoring|access))"
        r"|\bwork\s+from\s+(?:home|anywhere)\b|\bwfh\b|\btelecommut", re.I,
    )),
    ("on-site", re.compile(r"\bon[-\s]?site\b|\bin[-\s]office\b|\bin[-\s]person\b|\bonsite\b", re.I)),
]  # fmt: skip
_NOT_REMOTE = re.compile(
    r"\b(?:not|no|non)[-\s]+remote\b|\bremote\s+(?:work\s+)?(?:is\s+)?not\s+(?:available|possible)", re.I
)

_EMPLOYMENT = [
    ("internship", re.compile(r"\bintern(?:ship)?\b|\bco-?op\b", re.I)),
    ("temporary", re.compile(r"\btemporary\b|\btemp\b|\bseasonal\b", re.I)),
    ("contract", re.compile(r"\bcontract(?:or)?\b|\bc2c\b|\bcorp[-\s]to[-\s]corp\b|\b1099\b|\bfreelance\b|\bc2h\b", re.I)),
    ("part-time", re.compile(r"\bpart[-\s]?time\b", re.I)),
    ("full-time", re.compile(r"\bfull[-\s]?time\b|\bpermanent\b|\bFTE\b|\bw-?2\b", re.I)),
]  # fmt: skip

EDUCATION_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")
_EDUCATION = [
    ("doctorate", re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b", re.I)),
    ("master", re.compile(r"\bmaster'?s?\b|\bm\.?s\.?c?\b(?=\s|,|/|\)|$)|\bmba\b|\bm\.?eng\b|\bgraduate\s+degree\b", re.I)),
    ("bachelor", re.compile(
        r"\bbachelor'?s?\b|\bb\.?s\.?c?\b(?=\s|,|/|\)|$)|\bb\.?a\.?\b(?=\s|,|/|\))|\bb\.?tech\b|\bb\.?e\.?\b(?=\s)"
        r"|\bundergraduate\s+degree\b|\b4[-\s]year\s+degree\b|\bcollege\s+degree\b|\buniversity\s+degree\b", re.I,
    )),
    ("associate", re.compile(r"\bassociate'?s?\s+degree\b|\ba\.a\.?s?\b|\b2[-\s]year\s+degree\b", re.I)),
    ("high_school", re.compile(
        r"\bhigh\s+school\s+(?:diploma|degree|education|graduate|certificate|equivalent|or\s+(?:equivalent|ged))\b"
        r"|\bged\b|\bsecondary\s+school\s+(?:diploma|certificate|education|graduate|completion)\b"
        r"|\b(?:completed?|finished)\s+(?:high|secondary)\s+school\b", re.I)),
]  # fmt: skip
_DEGREE_CONTEXT = re.compile(
    r"degree|diploma|in\s+computer|in\s+\w+\s+(?:science|engineering)|or\s+equivalent|required|preferred|education",
    re.I,
)

_US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
_STATE_BY_NAME = {name.lower(): code for code, name in _US_STATES.items()}
# Canadian provinces and territories: none shares a code with a US state.
_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick", "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island",
    "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip
_PROVINCE_BY_NAME = {name.lower(): code for code, name in _PROVINCES.items()}
_COUNTRIES = {
    "canada", "germany", "india", "france", "ireland", "netherlands", "australia", "spain", "poland", "singapore",
    "japan", "brazil", "mexico", "israel", "sweden", "switzerland", "italy", "portugal", "austria", "belgium",
    "finland", "norway", "denmark", "new zealand", "south africa", "hong kong",
}  # fmt: skip


def work_arrangement(*texts: str | None) -> str | None:
    """remote / hybrid / on-site, from the location field first, then the description."""
    for text in texts:
        if not text:
            continue
        if _NOT_REMOTE.search(text):
            return "on-site"
        for label, pattern in _ARRANGEMENT:
            if pattern.search(text):
                return label
    return None


def employment_type(*texts: str | None) -> str | None:
    """full-time / part-time / contract / temporary / internship, first stated wins per text."""
    for text in texts:
        if not text:
            continue
        hits = [(m.start(), label) for label, pattern in _EMPLOYMENT for m in [pattern.search(text)] if m]
        if hits:
            return min(hits)[1]
    return None


def education_level(text: str | None) -> str | None:
    """The lowest degree level the text asks for ("Bachelor's or Master's" asks for a bachelor's)."""
    if not text:
        return None
    found = []
    for level, pattern in _EDUCATION:
        for match in pattern.finditer(text):
            window = text[max(0, match.start() - 60) : match.end() + 80]
            if level in {"doctorate", "high_school"} or _DEGREE_CONTEXT.search(window):
                found.append(level)
                break
    if not found:
        return None
    return min(found, key=EDUCATION_LEVELS.index)


@dataclass(frozen=True)
class Location:
    raw: str
    city: str | None
    region: str | None  # state or province code/name
    country: str | None
    remote: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "raw": self.raw,
            "city": self.city,
            "region": self.region,
            "country": self.country,
            "remote": self.remote,
        }


FIELD_STOP = {"or", "and", "a", "related", "field", "equivalent", "similar", "in", "of", "the", "degree", "technical",
              "quantitative", "discipline", "area", "areas"}  # fmt: skip
_FIELD_WORD = re.compile(r"[a-z0-9+#]+")
_DEGREE_FIELD = re.compile(
    r"\b(?=[bdmp])(?:degree|bachelor'?s?|master'?s?|ph\.?\s?d|b\.?s\.?c?|m\.?s\.?c?|diploma)\s+(?:degree\s+)?in\s+"
    r"([A-Za-z][A-Za-z ,/&-]{2,80}?)(?=\s+(?:or equivalent|and\s+\d|with|from|preferred|required)|[.;:(\n]|$)",
    re.I,
)


def education_fields(text: str | None) -> list[str]:
    """Field words a posting names after "degree in ..." (computer science, statistics, ...), sorted.

    The word boundary keeps "jobs in Seattle" or "labs in ..." from reading as a B.S. in something.
    """
    found: set[str] = set()
    for match in _DEGREE_FIELD.finditer(text or ""):
        found |= {w for w in _FIELD_WORD.findall(match.group(1).lower()) if w not in FIELD_STOP and len(w) > 1}
    return sorted(found)


def parse_location(text: str | None) -> Location | None:
    """'Seattle, WA', 'Redmond, Washington, United States', 'Remote - US', 'London, UK' into parts."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    remote = bool(re.search(r"\bremote\b|\banywhere\b", raw, re.I))
    cleaned = re.sub(r"\(.*?\)|\b(?:remote|hybrid|on-?site|anywhere)\b\s*[-–:/]?\s*", " ", raw, flags=re.I)
    parts = [p.strip(" .") for p in re.split(r",|\s[-–|/]\s|;", cleaned) if p.strip(" .")]
    city = region = country = None
    for index, part in enumerate(parts):
        upper, lower = part.upper(), part.lower()
        if index == 0 and len(parts) > 1 and re.fullmatch(r"[A-Za-z][A-Za-z .'-]{1,40}", part):
            city = part.title() if part.isupper() or part.islower() else part  # "City, State[, Country]"
        elif upper in _US_STATES and region is None:
            region, country = upper, country or "US"
        elif lower in _STATE_BY_NAME and region is None:
            region, country = _STATE_BY_NAME[lower], country or "US"
        elif lower in {"us", "usa", "united states", "united states of america", "u.s.", "u.s.a"}:
            country = "US"
        elif lower in {"uk", "united kingdom", "england", "great britain"}:
            country = "GB"
        elif lower in _COUNTRIES:
            country = part.title()
        elif (upper in _PROVINCES or lower in _PROVINCE_BY_NAME) and region is None:
            region, country = upper if upper in _PROVINCES else _PROVINCE_BY_NAME[lower], country or "Canada"
        elif city is None and re.fullmatch(r"[A-Za-z][A-Za-z .'-]{1,40}", part):
            city = part.title() if part.isupper() or part.islower() else part
    return Location(raw=raw, city=city, region=region, country=country, remote=remote)
