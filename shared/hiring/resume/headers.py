"""Entry headers: which piece of a job's header line names the title, the employer and the place.

How strongly a phrase reads as a job title or as an organisation, a title written in an entry's body, and a title
and an employer glued together without a separator.
"""

from __future__ import annotations

import re

from hiring.resume.contact import US_STATES, find_location, is_region
from hiring.resume.lines import Line, is_headerish, pieces, strip_bullet
from hiring.resume.places import is_city
from hiring.resume.titles import TITLE_HEADS

_TITLE_WORDS = re.compile(
    r"\b(?:engineer|engineering manager|developer|programmer|manager|analyst|consultant|intern|internship|director"
    r"|lead|architect|designer|scientist|specialist|administrator|officer|coordinator|assistant|associate"
    r"|president|vp|vice president|head|founder|co-founder|cofounder|ceo|cto|cfo|coo|cio|owner|teacher|professor"
    r"|lecturer|instructor|tutor|researcher|research fellow|technician|accountant|representative|executive"
    r"|tester|trainee|apprentice|nurse|advisor|adviser|strategist|editor|writer|supervisor|clerk|agent|partner"
    r"|principal|fellow|volunteer|chef|attorney|lawyer|paralegal|auditor|recruiter|operator|mechanic|electrician"
    r"|pharmacist|physician|therapist|secretary|receptionist|cashier|driver|contractor|freelancer|freelance|sde"
    r"|swe|qa|devops|dba|controller|buyer|planner|producer|photographer|artist|journalist|librarian|counselor"
    r"|investigator|inspector|surveyor|estimator|trader|banker|broker|underwriter|economist|statistician"
    r"|mathematician|chemist|biologist|physicist|pilot|programmer analyst|sales|marketing|product owner"
    r"|scrum master|team leader|leader|expert|evangelist|steward|guard|worker|specialist|generalist|member)s?\b",
    re.IGNORECASE,
)
_COMPANY_STRONG = re.compile(
    r"\b(?:(?i:inc|llc|llp|ltd|limited|corp|corporation|gmbh|plc|pvt|pty)|AG|AB|AS|ASA|Oy|NV|S\.?A|B\.?V|Co|CO"
    r"|S\.?r\.?l)\b(?!-)\.?",
)
_LEVEL_TAIL = re.compile(r"(?:[\s,]+(?:I{1,3}|IV|V|[1-5]|(?i:jr|sr)\.?|\([^)]*\)))+$")
# Functions named after a title ("Vice President, Sales"): not an employer.
_DEPARTMENT = re.compile(
    r"(?:(?:sales|marketing|engineering|operations|finance|product|research|design|development|hr|human|resources"
    r"|it|legal|strategy|growth|technology|data|analytics|customer|success|support|business|accounts|talent"
    r"|acquisition|procurement|supply|chain|logistics|quality|security|infrastructure|platform|content"
    r"|communications|people|planning|department|dept|unit|ward|division|team|region|icu|emea|apac|americas|latam"
    r"|north|south|east|west|northeast|northwest|southeast|southwest|central|and|&)\s*)+",
    re.IGNORECASE,
)
# A unit named by its kind ("Emergency Department", "Cardiac ICU", "Neonatal Unit"): part of the title before it.
_UNIT_TAIL = re.compile(r"^(?:[A-Z][\w&-]*\s+){0,3}(?:department|dept\.?|unit|ward|division|icu|nicu|picu)$", re.I)


# A hospital unit or specialty named alone after a clinical title ("Registered Nurse, Med-Surg").
_CLINICAL_UNIT = re.compile(
    r"med[- ]?surg|medical[- ]surgical|icu|nicu|picu|ccu|er|ed|l&d|labou?r (?:and|&) delivery|oncology|pa?ediatrics"
    r"|cardiology|maternity|telemetry|neurology|orthopa?edics|psychiatry|geriatrics|obstetrics|radiology|dialysis",
    re.IGNORECASE,
)


def _is_unit(piece: str) -> bool:
    return (
        _DEPARTMENT.fullmatch(piece) is not None
        or _UNIT_TAIL.match(piece) is not None
        or _CLINICAL_UNIT.fullmatch(piece.strip()) is not None
    )


_COMPANY_WEAK = re.compile(
    r"\b(?:company|technologies|technology|solutions|systems|group|labs?|software|consulting|partners|bank"
    r"|university|college|institute|hospital|agency|studios?|ventures|holdings|enterprises|services|industries"
    r"|international|global|networks|media|foundation|associates|federal|department|ministry|council|government"
    r"|school|clinic|center|centre|firm|capital|analytics|infotech|infosystems|digital|airlines|motors)\b",
    re.IGNORECASE,
)
_MAX_FIELD_WORDS = 12  # longer than any job title or employer name
_MAX_TITLE_WORDS = 8
# A field named by its label ("Designation: Analyst", "Organisation: Acme") needs no guessing.
_TITLE_LABEL_WORDS = r"(?:job\s+title|title|designation|position(?:\s+held)?|role|post)"
_TITLE_LABEL = re.compile(rf"^{_TITLE_LABEL_WORDS}\s*:\s*(?P<value>\S.*)$", re.I)
_COMPANY_LABEL = re.compile(r"(?:^|(?<=\())(?:company|organi[sz]ation|employer)(?:\s+name)?\s*:\s*", re.I)
_FIELD_LABEL = re.compile(
    rf"(?:^|(?<=\())(?:{_TITLE_LABEL_WORDS}|company|organi[sz]ation|employer)(?:\s+name)?\s*:\s*", re.I
)
# "Worked as a Lecturer in ...", "currently working as Software Engineer at ...": a title in prose.
_WORKED_AS = re.compile(
    r"\b(?:work(?:ed|ing)|serv(?:ed|ing)|employed|join(?:ed)?|hired)\s+as\s+(?:an?\s+|the\s+)?"
    r"(?P<title>[A-Za-z][\w.&/-]*(?:\s+[A-Za-z][\w.&/-]*){0,5})",
    re.I,
)
_QUALIFIER = re.compile(
    r"(?:part[- ]time|full[- ]time|contract|temporary|seasonal|summers?|internship|volunteer|freelance|ongoing"
    r"|p/t|f/t|remote)\.?",
    re.I,
)
_SELF_EMPLOYED = re.compile(r"self[- ]?employed|freelance|independent contractor", re.I)
_DATE_WORD = re.compile(r"(?:present|current|now|till date|to date|ongoing|today)", re.I)
_PROSE_STOP = re.compile(r"\s+(?:in|at|with|for|on|from|to|since|under|and|where|who)\b|[,.;:(]", re.I)
_LOCATION_PIECE = re.compile(r"^(?:remote|hybrid|on-?site|worldwide)$", re.I)


def title_in_body(body: list[Line]) -> str | None:
    """The title of an entry whose header names none, from the lines under it: a labelled line ("Role: Business
    Analyst"), a title alone on the first line ("Acme Corp | 2019 - 2021" then "Web Developer"), or prose on the
    first lines ("Worked as a Lecturer in the Department of ...")."""
    lines = [line for line in body if not line.blank]
    for line in lines[:12]:
        labelled = _TITLE_LABEL.match(strip_bullet(line.text))
        if labelled:
            value = _comma_parts(labelled.group("value").strip(" .;"))[0]
            if reads_as_title(value):
                return value
    while lines and _DATE_WORD.fullmatch(lines[0].text.strip(" .,-–")):
        lines = lines[1:]  # "Present" left on its own line when a range lost its dash
    first = lines[0] if lines else None
    if first is not None and not first.bullet and is_headerish(first, _MAX_TITLE_WORDS):
        parts = pieces(first.text.strip().rstrip(":"))
        listed = bool(parts) and is_listed_title(parts[0]) and company_strength(parts[0]) < 2  # "Waitress"
        if parts and (reads_as_title(parts[0]) or listed) and first.text.strip()[:1].isupper():
            return parts[0]
    for line in lines[:2]:
        found = _WORKED_AS.search(line.text)
        if found:
            value = _PROSE_STOP.split(found.group("title"), maxsplit=1)[0].strip()
            if reads_as_title(value):
                return value
    return None


# Entries whose fields stand in labelled rows, a label column beside them ("Dates | 2019 - 2021", "Occupation or
# position held | Accountant", "Name and address of employer | EY, Amsterdam"): the label names the field and is
# no field itself. A label is a short phrase of field words only, one of them a field's noun.
_LABEL_WORDS = frozenset(
    {
        "dates", "date", "period", "duration", "from", "to", "occupation", "position", "held", "job", "title", "role",
        "designation", "main", "key", "activities", "and", "responsibilities", "duties", "tasks", "name", "names",
        "surname", "first", "last", "full", "address", "of", "employer", "company", "organisation", "organization",
        "type", "providing", "education", "training", "qualification", "awarded", "degree", "institution", "or",
        "the",
    }
)  # fmt: skip
_LABEL_NOUNS = (
    ("company", frozenset({"employer", "company"})),
    ("title", frozenset({"occupation", "position", "title", "role", "designation"})),
    ("dates", frozenset({"dates", "date", "period", "duration"})),
    ("name", frozenset({"name", "names", "surname"})),
    ("other", frozenset({"activities", "responsibilities", "duties", "tasks", "organisation", "organization"})),
)


def field_label(piece: str) -> str | None:
    """Which field a label in a labelled row names ('company', 'title', 'dates', 'name', 'other'), or None."""
    words = re.findall(r"[A-Za-z]+", piece.lower())
    if not words or len(words) > 9 or any(ch.isdigit() for ch in piece) or not set(words) <= _LABEL_WORDS:
        return None
    return next((kind for kind, nouns in _LABEL_NOUNS if nouns & set(words)), None)


def labelled_field(body: list[Line], kind: str) -> tuple[str, str | None, str] | None:
    """The value of a labelled row of the given kind in an entry ("Name and address of employer | EY, Amsterdam"
    -> ('EY', 'Amsterdam', 'EY, Amsterdam')): its first field, the place it names and the whole value."""
    for line in body[:12]:
        label, sep, value = strip_bullet(line.text).partition(" | ")
        if sep and field_label(label) == kind:
            parts = [part.strip() for part in value.split(",")]
            if parts[0]:
                return parts[0], _place_only(find_location(value), value), value.strip()
    return None


def is_listed_title(piece: str) -> bool:
    """Whether a phrase is an O*NET alternate title ("Adventure Guide", "Barista", "Waitress")."""
    from hiring.analysis.occupations import normalize_title, occupation_index

    normalized = normalize_title(piece)
    return bool(normalized) and normalized in occupation_index().titles


def reads_as_title(piece: str) -> bool:
    """A short phrase headed by a title word, with no legal suffix, digits or sentence: "Senior Legal Officer"."""
    words = piece.split()
    return (
        0 < len(words) <= _MAX_TITLE_WORDS
        and title_strength(piece) >= 3
        and company_strength(piece) < 3
        and not re.search(r"\d|https?:|@|www\.", piece)
    )


# "VP Engineering", "SVP Marketing": a vice president named with the function, no "of".
_VP_OF = re.compile(r"^(?:[SEA]?VP|Vice President)\s+[A-Z&]", re.I)


def title_strength(piece: str) -> int:
    """How much a header piece reads as a job title: 3 when its head noun is a title word ("Sr. Data Analyst",
    "Head of Growth"), 1 when it only holds a job word ("Sales", "DevOps"), 0 otherwise."""
    if _head_word(piece) in TITLE_HEADS or _VP_OF.match(piece):
        return 3
    return 1 if _TITLE_WORDS.search(piece) else 0


def company_strength(piece: str) -> int:
    """How much a header piece reads as an organisation: 3 with a legal suffix (Inc., LLC, GmbH), 2 with an
    organisation word (Solutions, Bank, University) or a plural job noun as its head ("Northwind Traders")."""
    if _COMPANY_STRONG.search(piece):
        return 3
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
    last = words[-1].lower() if words else ""
    if _COMPANY_WEAK.search(piece) or (last.endswith("s") and last[:-1] in TITLE_HEADS):
        return 2
    return 0


def _head_word(piece: str) -> str:
    """The head noun of a title: the last word, before level marks ("II", "(Contract)") and before "of"/"for"."""
    core = _LEVEL_TAIL.sub("", piece.strip())
    head, _, qualifier = core.partition(", ")
    if qualifier and _DEPARTMENT.fullmatch(qualifier.split()[-1]):
        core = head  # "Registered Nurse, Emergency Department": the qualifier names the unit, not the role
    core = re.split(r"\s+(?:of|for|to|in|at)\s+", core, maxsplit=1, flags=re.I)[0]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", core)
    return words[-1].lower() if words else ""


def _comma_parts(piece: str) -> list[str]:
    """'Acme, Inc.' stays whole; 'Engineer, Acme Inc.' is two parts (a legal suffix rejoins its name)."""
    parts: list[str] = []
    for part in piece.split(", "):
        if parts and _COMPANY_STRONG.fullmatch(part.strip()):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part.strip():
            parts.append(part.strip())
    return parts


def assign_fields(parts: list[str], whole: str) -> tuple[str | None, str | None, str | None]:
    """Company, title and location from the pieces of an entry header."""
    location = _place_only(find_location(whole), whole)
    remaining: list[str] = []
    labelled_company: str | None = None
    for part in parts:
        if location and part.endswith(f", {location}."):
            part = part[:-1]  # "Sales Manager, Southeast, Oracle, Atlanta, GA.": moderncv ends its header line so
        if location and (part == location or location.startswith(part) and len(part) > 2):
            continue
        if location and (part.endswith(f", {location}") or part.startswith(f"{location}, ")):
            part = part.replace(location, "").strip(" ,")  # "Globo, Rio de Janeiro"; not "Stellenbosch University"
        paren = re.search(r"\s*\(([^()]*)\)?$", part)
        if paren and paren.start() > 0 and _LOCATION_PIECE.match(paren.group(1).strip()):
            location = location or paren.group(1).strip()  # "Zapier (Remote)"
            part = part[: paren.start()].strip(" ,")
        if not part or len(part.split()) > _MAX_FIELD_WORDS:
            continue  # prose run into a header line (text extracted without line breaks) is no field
        if _LOCATION_PIECE.match(part) or part in US_STATES or is_city(part):
            location = location or part
            continue
        city = _trailing_city(part)
        if city is not None:
            location = location or city
            part = part[: part.rindex(",")].strip()
        if _COMPANY_LABEL.search(part):
            labelled_company = _colon_split(part)[-1]
        remaining.extend(_colon_split(part))
    if len(remaining) == 1:
        at = re.split(r"\s+(?:at|@)\s+|\s*@\s*", remaining[0], maxsplit=1)
        if len(at) == 2 and at[0].strip() and at[1].strip():
            return at[1].strip(), _title_core(at[0].strip())[0], location
        split = _comma_parts(remaining[0])
        if len(split) >= 3 and not _is_unit(split[1]):
            # "Software Engineer, Oracle, Redwood City, CA": what follows title and employer is their place.
            place = [part for part in split[2:] if is_place(part)]
            if len(place) == len(split) - 2:
                location = location or ", ".join(place)
                split = split[:2]
        if len(split) >= 2 and not _is_unit(split[1]):
            remaining = [split[0], ", ".join(split[1:])]
        elif len(split) >= 3 and title_strength(split[0]) >= 3:
            remaining = [f"{split[0]}, {split[1]}", ", ".join(split[2:])]  # "Sales Manager, Southeast, Oracle"
    remaining = _rejoin_unit_qualifiers(remaining, whole)
    scores = [(title_strength(p), company_strength(p)) for p in remaining]
    title_at: int | None = None
    for n, (t, c) in enumerate(scores):
        # A title has a title word and no legal suffix; a title word beside an organisation word must be the head.
        if t > 0 and c < 3 and (t >= 3 or c == 0) and (title_at is None or t > scores[title_at][0]):
            title_at = n
    others = [n for n in range(len(remaining)) if n != title_at]
    if title_at is None and len(others) >= 2:
        # No title word anywhere: a piece O*NET lists as a title ("Waitress", "Barista") is the title when the
        # others are not, whatever order the layout wrote them in.
        listed = [n for n in others if scores[n][1] < 2 and is_listed_title(remaining[n])]
        if len(listed) == 1:
            title_at = listed[0]
            others = [n for n in others if n != title_at]
    company_at = max(others, key=lambda n: (scores[n][1], -n)) if others else None
    if title_at is None and company_at is not None:
        # A piece with no title word is a title only when O*NET lists it as one ("Adventure Guide" is;
        # "City", "Present" or a stray date fragment beside an employer is not). Self-employment counts too.
        rest = [
            n
            for n in others
            if n != company_at and (is_listed_title(remaining[n]) or _SELF_EMPLOYED.fullmatch(remaining[n]))
        ]
        title_at = rest[0] if rest else None
    company = remaining[company_at] if company_at is not None else None
    title = remaining[title_at] if title_at is not None else None
    if labelled_company is not None and labelled_company != title:
        company = labelled_company
    if title is not None:
        title, employer = _title_core(title)
        company = company or employer
    return company, title, location


def _place_only(location: str | None, whole: str) -> str | None:
    """A location read with the employer before it ("Mount Sinai Hospital, New York" out of "Mount Sinai Hospital,
    New York, NY") is the place after the employer, with the region that follows it in the header."""
    if not location or ", " not in location:
        return location
    head, tail = location.split(", ", 1)
    after = whole[whole.find(location) + len(location) :] if location in whole else ""
    found = re.match(r",\s*([^,\n|]+?)\.?\s*(?:$|[\n|,])", after)
    region = found.group(1).strip() if found and is_region(found.group(1).strip()) else None
    if region and is_city(tail):
        return f"{tail}, {region}"  # "NewYork-Presbyterian, New York, NY": the city and its region
    if is_city(head) or is_region(head) or (len(head.split()) <= 2 and is_place(head)):
        return location
    return f"{tail}, {region}" if region else tail


def _rejoin_unit_qualifiers(parts: list[str], whole: str) -> list[str]:
    """'Assistant Manager – Finance', 'Staff Nurse – ICU': a unit after a dash is part of the title before it."""
    out: list[str] = []
    for part in parts:
        previous = out[-1] if out else None
        at = re.match(r"(?P<unit>[^,]+?)\s+(?:at|@)\s+(?P<rest>\S.*)$", part)  # "ICU at St. Luke's Medical Center"
        unit = (at["unit"] if at else part.split(",")[0]).strip()
        if previous is not None and title_strength(previous) >= 3 and _is_unit(unit):
            joined = next(
                (f"{previous}{dash}{unit}" for dash in (" – ", " — ", " - ") if f"{previous}{dash}{unit}" in whole),
                None,
            )
            if joined is not None:
                out[-1] = joined
                rest = at["rest"].strip() if at else part[len(unit) :].strip(" ,")
                if rest:
                    out.append(rest)
                continue
        out.append(part)
    return out


def _colon_split(part: str) -> list[str]:
    """A labelled field is its value ("Designation: Analyst", "(Organisation: Acme"); 'Acme Books: Sales Assistant'
    or 'Law Clerk: Smith & Jones' are two fields when one side is a title."""
    label = _FIELD_LABEL.search(part)
    if label:
        return [side for side in (part[: label.start()].strip(" ,(-"), part[label.end() :].strip()) if side]
    sides = part.split(": ")
    if len(sides) != 2 or reads_as_title(sides[0]) == reads_as_title(sides[1]):
        return [part]
    return [side.strip() for side in sides if side.strip()]


def _title_core(title: str) -> tuple[str, str | None]:
    """A title whose head is hidden by what follows it: a qualifier ('Research Assistant (part-time'), an employer
    ('English Teacher, Riverside Academy') or prose ('Currently working as a Software Engineer in ...'); the title
    and any employer. Unchanged when no leading part reads as a title."""
    prose = _WORKED_AS.search(title)
    if prose:
        core = _PROSE_STOP.split(prose.group("title"), maxsplit=1)[0].strip()
        return (core, None) if reads_as_title(core) else (title, None)
    if title_strength(title) >= 3:
        return title, None
    paren = title.find("(")
    if paren > 0 and reads_as_title(title[:paren].strip(" ,-")):
        return title[:paren].strip(" ,-"), None
    parts = _comma_parts(title)
    rest = ", ".join(parts[1:])
    qualifier = _QUALIFIER.fullmatch(rest) is not None
    # A tail headed by a function word is the team, part of the title ("Engineering Manager, ML Platform").
    team = (_DEPARTMENT.fullmatch(rest.split()[-1]) is not None or _is_unit(rest)) if rest.split() else False
    if len(parts) >= 2 and reads_as_title(parts[0]) and not team:
        return parts[0], (None if qualifier else rest)
    return title, None


def is_place(part: str) -> bool:
    """A region, or one to three capitalised words that name no organisation or title ("Redwood City")."""
    words = part.split()
    if is_region(part) or is_city(part):
        return True
    if not 1 <= len(words) <= 3 or company_strength(part) >= 2 or title_strength(part):
        return False
    return all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words)


def _trailing_city(part: str) -> str | None:
    """'Monzo Bank, London' -> 'London': a short capitalised tail after a company (not after a title)."""
    if ", " not in part:
        return None
    tail = part.rsplit(", ", 1)[1].strip()
    if (is_city(tail) or is_region(tail)) and company_strength(tail) < 3:
        return tail  # "Auto Trader UK, Manchester": a known place after any name
    if title_strength(part.split(", ")[0]) or company_strength(tail) or _DEPARTMENT.fullmatch(tail):
        return None
    return tail if is_place(tail) else None  # a short capitalised tail naming no organisation or title


_SENIORITY_WORD = re.compile(r"(?:senior|sr\.?|junior|jr\.?|lead|principal|staff|chief|head)", re.IGNORECASE)
_LEVEL_MARK = re.compile(r"(?:I{1,3}|IV|V|[1-5]|\(.*)")
_NAME_JOINERS = frozenset({"&", "and", "of", "de", "du", "la"})


def glued_header_split(piece: str) -> int | None:
    """Where a title and an employer written without a separator meet, as an offset into piece: "Data Scientist
    Spotify", "SENIOR ACCOUNTANT DELOITTE & TOUCHE LLP", "Contoso Ltd Data Analyst", "Northwind Traders Sr. Data
    Analyst" (text that lost its line breaks writes them so). None when the piece is not two capitalised names."""
    tokens = list(re.finditer(r"\S+", piece))
    if len(tokens) < 3 or any(not t.group(0)[:1].isupper() and t.group(0) not in _NAME_JOINERS for t in tokens):
        return None
    for n in range(1, len(tokens)):
        left, right = piece[: tokens[n].start()].strip(), piece[tokens[n].start() :].strip()
        if _LEVEL_MARK.fullmatch(tokens[n].group(0)) or tokens[n].group(0) in _NAME_JOINERS:
            continue
        previous, first = tokens[n - 1].group(0), tokens[n].group(0)
        head = _head_word(left)
        title_first = n >= 2 and head in TITLE_HEADS and head == _head_word(previous)
        if title_first and title_strength(right) == 0 and not _DEPARTMENT.fullmatch(right):
            return tokens[n].start()
        employer_first = _COMPANY_STRONG.fullmatch(previous) or _SENIORITY_WORD.fullmatch(first)
        employer_left = title_strength(left) == 0 or company_strength(left) >= 2
        if employer_first and employer_left and title_strength(right) >= 3:
            return tokens[n].start()
    return None
