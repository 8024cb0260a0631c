"""Contact details: name, email, phone, location and profile links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hiring.resume.sections import heading_kind

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?)?\d[\d\s().-]{5,18}\d(?!\w)")
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()\"']+|"
    r"(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|io|dev|me|net|org|co|ai|app|page|site|tech|xyz|info|in|uk|de)"
    r"/[^\s|,;<>()\"']*",
    re.IGNORECASE,
)
_PROFILE_RE = re.compile(r"(?:linkedin\.com/(?:in|pub)/|github\.com/)[\w./-]+", re.IGNORECASE)
_YEARS_ONLY = re.compile(r"^(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}$")

US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)
_REGIONS = frozenset(
    s.lower()
    for s in (
        "USA", "US", "United States", "UK", "United Kingdom", "England", "Scotland", "Wales", "Ireland", "Canada",
        "Australia", "New Zealand", "India", "Germany", "France", "Spain", "Portugal", "Italy", "Netherlands",
        "Belgium", "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland", "Czech Republic",
        "Romania", "Hungary", "Greece", "Turkey", "Israel", "UAE", "United Arab Emirates", "Saudi Arabia", "Qatar",
        "Egypt", "Nigeria", "Kenya", "South Africa", "Ghana", "Morocco", "Brazil", "Mexico", "Argentina", "Chile",
        "Colombia", "Peru", "China", "Japan", "Korea", "South Korea", "Singapore", "Malaysia", "Indonesia",
        "Philippines", "Vietnam", "Thailand", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Ukraine", "Russia",
        "Estonia", "Latvia", "Lithuania", "Bulgaria", "Serbia", "Croatia", "Slovakia", "Slovenia", "Luxembourg",
        # States and provinces that resumes commonly write after a city.
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
        "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
        "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
        "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
        "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
        "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "Ontario", "Quebec",
        "British Columbia", "Alberta", "ON", "BC", "QC", "AB", "NSW", "VIC", "QLD", "Karnataka", "Maharashtra",
        "Tamil Nadu", "Telangana", "Kerala", "Delhi", "Uttar Pradesh", "West Bengal", "Gujarat", "Haryana",
        "Andhra Pradesh", "Rajasthan", "Punjab", "Madhya Pradesh", "Odisha", "Bavaria", "Ile-de-France",
    )
)  # fmt: skip
_REGION_AFTER_COMMA = re.compile(r",\s*([A-Z][A-Za-z.-]*(?:[ -][A-Z][A-Za-z-]+){0,2})\b")
_LABELLED_LOCATION = re.compile(r"\b(?:location|address|based in|city|residence)\s*[:\-]\s*([^|•\n]{3,60})", re.I)

# Words that show a line is a title, heading or document label, not a person's name.
_NOT_NAME_WORDS = frozenset(
    [
        "resume",
        "curriculum",
        "vitae",
        "cv",
        "profile",
        "engineer",
        "developer",
        "manager",
        "analyst",
        "consultant",
        "designer",
        "scientist",
        "director",
        "intern",
        "architect",
        "specialist",
        "administrator",
        "officer",
        "coordinator",
        "assistant",
        "associate",
        "president",
        "lead",
        "senior",
        "junior",
        "software",
        "data",
        "web",
        "the",
        "and",
        "of",
        "for",
        "at",
        "in",
        "with",
        "summary",
        "experience",
        "education",
        "skills",
        "objective",
        "contact",
        "page",
        "email",
        "phone",
        "mobile",
        "address",
        "linkedin",
        "github",
        "portfolio",
        "university",
        "college",
        "school",
        "inc",
        "llc",
        "ltd",
        "company",
        "technologies",
        "solutions",
        "services",
        "group",
        "professional",
        "technical",
        "career",
        "personal",
        "information",
        "details",
        "about",
        "me",
        "programmer",
        "student",
        "graduate",
        "teacher",
        "sales",
        "marketing",
        "accountant",
        "nurse",
    ]
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zA-Z'’-]+|[A-Z]\.?|[A-Z]{2,}|(?:van|von|de|da|del|der|di|le|la|bin|al)|[A-Z][a-z]+-[A-Z][a-z]+)$"
)  # noqa: E501


@dataclass
class Contact:
    """Contact fields and the offsets where the name was found."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    linkedin: str | None = None
    github: str | None = None
    portfolio: str | None = None
    other_links: list[str] = field(default_factory=list)


def find_email(text: str) -> str | None:
    """The first email address."""
    match = EMAIL_RE.search(text)
    return match.group(0).rstrip(".") if match else None


def find_phone(text: str) -> str | None:
    """The first phone-number-like run of 7 to 15 digits that is not a date range."""
    return next((text[a:b] for a, b in phone_spans(text)), None)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where phone-number-like runs of 7 to 15 digits (not date ranges, not decimals) stand in the text."""
    spans: list[tuple[int, int]] = []
    for match in _PHONE_RE.finditer(text):
        raw = match.group(0)
        candidate = raw.strip(" .-")
        digits = re.sub(r"\D", "", candidate)
        if not 7 <= len(digits) <= 15 or _YEARS_ONLY.match(candidate):
            continue
        if re.fullmatch(r"[\d.]+", candidate) and candidate.count(".") == 1:
            continue  # a decimal number
        if re.search(r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}", candidate) and len(digits) == 8:
            continue
        start = match.start() + raw.index(candidate)
        spans.append((start, start + len(candidate)))
    return spans


def find_links(text: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """LinkedIn, GitHub, portfolio and other links."""
    linkedin = github = portfolio = None
    others: list[str] = []
    seen: set[str] = set()
    for match in list(_PROFILE_RE.finditer(text)) + list(_URL_RE.finditer(text)):
        url = match.group(0).rstrip(".,;:)")
        low = url.lower()
        key = re.sub(r"^https?://(?:www\.)?|^www\.", "", low).rstrip("/")
        if any(key.endswith(existing) or existing.endswith(key) for existing in seen):
            continue
        seen.add(key)
        if "linkedin.com" in low:
            linkedin = linkedin or url
        elif "github.com" in low:
            github = github or url
        elif portfolio is None:
            portfolio = url
        else:
            others.append(url)
    return linkedin, github, portfolio, others


def find_location(header: str) -> str | None:
    """'City, ST' or 'City, Country' (or a labelled address) in the header lines."""
    labelled = _LABELLED_LOCATION.search(header)
    if labelled:
        return labelled.group(1).strip(" ,.")
    for line in header.split("\n"):
        for match in _REGION_AFTER_COMMA.finditer(line):
            words = match.group(1).split()
            region = next(
                (
                    r
                    for n in range(len(words), 0, -1)
                    if (r := " ".join(words[:n])) in US_STATES or r.lower() in _REGIONS
                ),
                None,
            )
            if region is None:
                continue
            before = re.split(r"[,|•·@()]|\s[-–—]\s|\s{2,}", line[: match.start()])[-1].split()
            city = [w for w in before[-3:] if w[:1].isupper()]
            if city and len(city) == len(before[-3:]) and not any(ch.isdigit() for w in city for ch in w):
                return f"{' '.join(city)}, {region}"
    return None


def looks_like_name(piece: str) -> bool:
    """Two to four capitalised words with no digits, title words or headings."""
    tokens = piece.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in piece) or "@" in piece:
        return False
    if heading_kind(piece) is not None:
        return False
    if any(t.lower().strip(".") in _NOT_NAME_WORDS for t in tokens):
        return False
    capitalised = [t for t in tokens if t[:1].isupper()]
    return len(capitalised) >= 2 and all(_NAME_TOKEN.match(t) for t in tokens)


_DOCUMENT_LABEL = re.compile(r"\b(?:resume|résumé|curriculum|vitae|cv|template|biodata|bio-data)\b", re.I)


def find_name(candidate_lines: list[str]) -> str | None:
    """The first leading piece of a line that reads as a person's name (document labels like 'CV' skipped)."""
    for line in candidate_lines:
        text = re.sub(r"^(?:name|full name)\s*[:\-]\s*", "", line.strip().strip("\"'"), flags=re.I)
        for piece in re.split(r"\s*(?:\||•|·|,\s|\s[-–—]\s|\t|\s{2,})\s*", text)[:4]:
            piece = piece.strip(" \"'")
            if not piece or _DOCUMENT_LABEL.search(piece):
                continue
            if looks_like_name(piece):
                return piece
            break  # only the first piece after any document label can be the name
    return None


def contact_spans(text: str) -> list[tuple[int, int]]:
    """Where emails, profile links, web addresses and phone numbers stand, in order, overlaps dropped."""
    found = [(m.start(), m.end()) for pattern in (EMAIL_RE, _PROFILE_RE, _URL_RE) for m in pattern.finditer(text)]
    found += phone_spans(text)
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def is_region(value: str) -> bool:
    """A US state code or a country, state or province name as written after a city."""
    return value in US_STATES or value.lower() in _REGIONS


def is_name_word(token: str) -> bool:
    """A token that can be part of a person's name (not a title word, heading or document label)."""
    if not _NAME_TOKEN.match(token) or token.lower().strip(".") in _NOT_NAME_WORDS:
        return False
    return _DOCUMENT_LABEL.search(token) is None and heading_kind(token) is None
