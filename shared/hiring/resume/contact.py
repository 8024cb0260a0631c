"""Contact details: name, email, phone, location and profile links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hiring.resume.places import is_city
from hiring.resume.sections import heading_kind
from hiring.resume.titles import TITLE_HEADS

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Spaces, never line breaks, inside a number: a postcode on the next line is not its last digits.
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+[ \t]?\d{1,3}[ \t.-]?)?(?:\(\d{1,5}\)[ \t]?)?\d[\d \t().-]{5,18}\d(?!\w)")
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
        "universität",
        "universidad",
        "universidade",
        "université",
        "università",
        "universiteit",
        "hochschule",
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
        "sample",
        "example",
        "template",
        "my",
        "your",
        "our",
        "grad",
        "new",
        "updated",
    ]
)
_PARTICLES = frozenset(
    ["van", "von", "de", "da", "del", "dela", "della", "der", "di", "du", "dos", "das", "le", "la", "bin", "binti",
     "al", "el", "ibn", "ter", "ten", "y", "e"]
)  # fmt: skip
_FIELD_SEPARATORS = re.compile(r"\s*(?:\||•|·|,\s|\s[-–—]\s|\t|\s{2,})\s*")
_STATE_ZIP = re.compile(r"^[A-Z]{2}\s+\d{5}(?:-\d{4})?$")
_HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof|professor|eng|ing|sir|dame|rev)\.?\s+", re.I)
# Words that make a capitalised pair a place or an organisation, not a person: "Silicon Valley", "Google HQ".
_PLACE_WORDS = frozenset(
    ["valley", "hq", "headquarters", "room", "st", "rd", "box", "city", "street", "road", "avenue", "ave",
     "boulevard", "blvd", "county", "district", "area", "region", "remote", "hybrid", "office", "campus",
     "building", "floor", "suite", "apt", "apartment", "nagar", "colony", "sector", "marg", "layout", "metro",
     "greater"]
)  # fmt: skip


def _name_token(token: str) -> bool:
    """A capitalised word of letters (any script's letters: "José", "Zoë"), an initial, a hyphenated or
    apostrophe name ("O'Neil", "Smith-Jones"), an all-capitals name, or a lower-case particle ("van", "de")."""
    if token.lower() in _PARTICLES:
        return True
    core = token.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if len(core) == 1:
        return core.isalpha()
    return all(part.isalpha() for part in re.split(r"['’-]", core) if part) and not core.endswith(("-", "'"))


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
    """The first email address, whole again where a narrow column broke it: before its last dot-part
    ("NGOZI.OKAFOR@EXAMPLE.CO" over ".UK") or after a hyphen inside it ("folake.adeyemi-" beside "johnson@...")."""
    match = EMAIL_RE.search(text)
    if not match:
        return None
    address = match.group(0)
    rest = _BROKEN_DOMAIN_END.match(text, match.end())
    if rest and address.rsplit(".", 1)[-1].lower() in _SECOND_LEVEL:
        address += rest.group(1)
    head = _BROKEN_LOCAL_HEAD.search(text, 0, match.start())
    if head and head.group(1).lower() not in _EMAIL_LABELS:
        address = f"{head.group(1)}-{address}"
    return address.rstrip(".")


def where(text: str, found: str | None) -> int:
    """Where a contact detail stands in the text (-1 if nowhere): an address find_email read whole again across a
    break ("NGOZI.OKAFOR@EXAMPLE.CO" over ".UK") stands where its part on one line does."""
    if not found:
        return -1
    at = text.find(found)
    if at < 0 and "@" in found:
        local, domain = found.split("@", 1)
        at = text.find(f"{local.rsplit('-', 1)[-1]}@{domain.split('.', 1)[0]}")
    return at


_BROKEN_DOMAIN_END = re.compile(r"\n(\.[A-Za-z]{2,3})[ \t]*(?=\n|$)")
_SECOND_LEVEL = frozenset({"co", "com", "ac", "org", "gov", "net", "edu", "ltd", "plc", "or", "ne", "go"})
# A lower-case address part ending in a hyphen right before the address, a space or a line break between.
_BROKEN_LOCAL_HEAD = re.compile(r"(?<![\w.+-])([a-z0-9][a-z0-9._+]*[a-z0-9])-[ \n]$")
_EMAIL_LABELS = frozenset({"email", "e", "mail", "e-mail"})


def find_phone(text: str) -> str | None:
    """The first phone-number-like run of 7 to 15 digits that is not a date range; a full number (an
    international prefix, an area code in brackets, or nine digits and more) before a short one, which is as
    often a postcode ("Lisboa 1250-146", "Kita-ku, 530-0001"); a number a narrow column broke after its first
    groups ("+234 802 555" over "0199") read whole."""
    spans = phone_spans(text)
    if not spans:
        return None
    start, end = next((span for span in spans if _full_number(text[span[0] : span[1]])), spans[0])
    found = text[start:end]
    rest = _PHONE_REST.match(text, end)
    if rest and len(re.sub(r"\D", "", found)) < 10 and len(re.sub(r"\D", "", found + rest.group(1))) <= 15:
        found = f"{found} {rest.group(1)}"
    return found


_PHONE_REST = re.compile(r"\n(\d{2,5})[ \t]*(?=\n|$)")


def _full_number(number: str) -> bool:
    return number.startswith(("+", "(")) or len(re.sub(r"\D", "", number)) >= 9


_PHONE_LABEL = re.compile(
    r"\b(?:phone|tel(?:ephone)?|mobile|cell|mob|whatsapp)\b\.?\s*(?:no\.?|number)?\s*[:.]?\s*", re.I
)


def find_labelled_phone(text: str) -> str | None:
    """A phone number right after a label ("Phone:", "Tel.", "Mobile") anywhere in the text; when the labels
    stand without their numbers (a contact block whose values the page set apart: "Email | ... | Phone"), a
    number standing alone on its line."""
    labels = list(_PHONE_LABEL.finditer(text))
    for label in labels:
        spans = phone_spans(text[label.end() : label.end() + 30])
        if spans and spans[0][0] == 0:
            return text[label.end() + spans[0][0] : label.end() + spans[0][1]]
    if labels:
        for line in _STANDALONE_NUMBER.finditer(text):
            spans = phone_spans(line.group(1))
            if spans == [(0, len(line.group(1)))] and _full_number(line.group(1)):
                return line.group(1)
    return None


_STANDALONE_NUMBER = re.compile(r"^[ \t]*([+(\d][\d \t().+-]{6,22}\d)[ \t]*$", re.M)


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
        if re.fullmatch(r"\d{5}-\d{3}", candidate):
            continue  # a Brazilian postcode (CEP), not a number to call
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
    """Two to five capitalised words with no digits, title words, headings or place words."""
    piece = _HONORIFIC.sub("", piece.strip())
    tokens = piece.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in piece) or "@" in piece:
        return False
    if heading_kind(piece) is not None:
        return False
    words = {w for t in tokens for w in re.split(r"[-/]", t.lower().strip(".,"))}
    if words & _NOT_NAME_WORDS or words & _PLACE_WORDS:
        return False
    if is_region(piece):
        return False
    capitalised = [t for t in tokens if t[:1].isupper()]
    return len(capitalised) >= 2 and all(_name_token(t) for t in tokens) and _name_token(tokens[-1])


_PERSONAL_LABEL = re.compile(
    r"^(?:personal\s+(?:information|details|data|particulars|info)|contact\s+(?:information|details))\s*[:|\-–]?\s+",
    re.I,
)
_DOCUMENT_LABEL = re.compile(r"\b(?:resume|résumé|curriculum|vitae|cv|template|biodata|bio-data)\b", re.I)


def find_name(candidate_lines: list[str], large: int = 0) -> str | None:
    """The first piece of a line that reads as a person's name: a whole field between separators, or the words
    that open a line shared with a document title, an address, a phone, an email or a city ("Sample Teacher
    Resume  Jane Doe  12 Main St", "Jane Doe 12 Main St, Boston", "Jane Doe jane@example.com").

    The first `large` lines are the page's largest type in order (ExtractedDocument.prominent): a name set there
    may wrap onto the next of them ("Maria Clara" over "Reyes"); in ordinary lines a word under a name is more
    often a city, a heading or a detail than the rest of the name."""
    for n, line in enumerate(candidate_lines):
        wrapped = _wrapped_name(line, candidate_lines[n + 1]) if n + 1 < large else None
        found = wrapped or _name_in_line(line)
        if found is not None:
            return found
    return None


def _wrapped_name(line: str, below: str) -> str | None:
    """A name a narrow header column or large type broke over two lines: "Maria Clara" over "Reyes",
    "Chukwuemeka" over "Okeke", "Folake Adeyemi-" over "Johnson, DNP, RN". The first line's name (or single name
    word) and one or two name words opening the next line make one name; a city, a job title or a heading under
    a name is not its surname."""
    fields = [p.strip() for p in _FIELD_SEPARATORS.split(_HONORIFIC.sub("", line.strip())) if p.strip()]
    tail = next((p.strip() for p in _FIELD_SEPARATORS.split(below.strip()) if p.strip()), "")
    rest = tail.split()
    if not fields or len(fields) > 1 and not fields[0].endswith("-"):
        return None  # "Adaeze Chukwu | London, United" over "Kingdom": the line's last field goes on, not the name
    head = fields[0]
    capitalised = all(part[:1].isupper() for t in rest for part in re.split(r"['’-]", t) if part)
    if (
        not 1 <= len(rest) <= 2
        or not capitalised
        or not all(is_name_word(t) and t.lower() not in _PARTICLES for t in rest)
    ):
        return None
    if is_city(tail) or is_region(tail) or any(_head_of(t) in TITLE_HEADS or _head_of(t) in _PLACE_WORDS for t in rest):
        return None
    hyphen = head.endswith("-")
    words = head.rstrip("-").split()
    if (
        not words
        or not all(is_name_word(w) for w in words)
        or (len(words) > 1 and not looks_like_name(head.rstrip("-")))
    ):
        return None
    if len(rest) > 1 and len(words) > 1 or {w.lower() for w in rest} & {w.lower() for w in words}:
        return None  # "Priya Iyer" over "Priya Iyer | CV": the name again, not its end
    joined = head + tail if hyphen else f"{head} {tail}"
    return joined if looks_like_name(joined) else None


def _name_in_line(line: str) -> str | None:
    # "Jane<TAB>Doe": a name whose words a layout set apart with tabs is still one name.
    line = re.sub(r"^([^\W\d_][\w'’.-]*)\t+(?=[^\W\d_][\w'’.-]*(?:\t|\s{2,}|$))", r"\1 ", line.strip())
    text = re.sub(r"^(?:name|full name|candidate)\s*[:\-]\s*", "", line.strip().strip("\"'"), flags=re.I)
    # A label column's heading on the name's line (Europass: "PERSONAL INFORMATION  Jane Doe").
    text = _PERSONAL_LABEL.sub("", text)
    labels = list(_DOCUMENT_LABEL.finditer(text))
    if labels:
        # A document title before or after the name: "Resume of Jane Doe", "Sample Nurse Resume Jane Doe",
        # "Art Editor Resume Template  Jane Doe", "Jane Doe - Curriculum Vitae".
        after = re.sub(r"^(?:\s*(?:of|for|sample|example|[:\-–—|!.]))*\s*", "", text[labels[-1].end() :], flags=re.I)
        before = text[: labels[0].start()].strip(" -–—|:")
        own = looks_like_name(before) and not any(_head_of(t) in TITLE_HEADS for t in before.split())
        pieces = [p for p in _FIELD_SEPARATORS.split(after) if p.strip()]
        # After a document title the name may follow its subtitle ("Sample Resume  Nursing, New Grad  Jane Doe").
        found = next((n for n in (_leading_name("  ".join(pieces[k:])) for k in range(min(3, len(pieces)))) if n), None)
        return found or (before if own else None)
    return _leading_name(text)


def _leading_name(text: str) -> str | None:
    pieces = [p.strip(" \"'") for p in _FIELD_SEPARATORS.split(text)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    first = _HONORIFIC.sub("", pieces[0])
    if looks_like_name(first):
        words = first.split()
        for size in (3, 2, 1):  # "Riya Patel Birmingham, UK": the name runs into the city that follows it
            if len(words) - size >= 2 and is_city(" ".join(words[-size:])):
                return " ".join(words[:-size])
        if len(pieces) > 1 and (is_region(pieces[1]) or _STATE_ZIP.match(pieces[1])) or is_city(first):
            return None  # "Morris Plains, NJ 07950", "Hyderabad, Telangana": a city, not a person
        return first
    # The name opens a line it shares with other details: the name words up to the first detail.
    tokens = first.split()
    run = 0
    while run < min(len(tokens), 5) and _name_token(tokens[run]) and not _acronym_after_words(tokens, run):
        run += 1
    if any(t.lower().strip(".,") in _PLACE_WORDS for t in tokens[: run + 1]):
        return None  # "Lucina Hall Room 220", "Decker St., Detroit": an address
    while run >= 2 and not looks_like_name(" ".join(tokens[:run])):
        run -= 1
    if run < 2 or run >= len(tokens):
        return None
    following = tokens[run]
    detail = following[:1].isdigit() or following[:1] in "+(•|:" or "@" in following
    headline = any(_head_of(t) in TITLE_HEADS for t in tokens[run : run + 4] if t[:1].isupper())
    return " ".join(tokens[:run]) if detail or headline else None


def _acronym_after_words(tokens: list[str], n: int) -> bool:
    """'Allen Neal King ESB Integration Developer': an all-capitals token after mixed-case names is an acronym."""
    token = tokens[n].rstrip(".,")
    return n >= 2 and len(token) >= 2 and token.isupper() and any(not t.isupper() for t in tokens[:n])


def _head_of(token: str) -> str:
    return token.lower().strip(".,;:()")


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
    if not _name_token(token) or token.lower().strip(".") in _NOT_NAME_WORDS:
        return False
    return _DOCUMENT_LABEL.search(token) is None and heading_kind(token) is None
