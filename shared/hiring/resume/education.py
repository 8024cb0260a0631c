"""Schools in an education section: degrees and their levels, fields, institutions, dates and grades."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hiring.resume.contact import US_STATES, is_region
from hiring.resume.dates import DateRange, find_ranges
from hiring.resume.headers import is_place
from hiring.resume.lines import Line, is_headerish, lines_of, pieces, strip_bullet
from hiring.resume.model import EducationLevel
from hiring.resume.places import is_city

# "Universi..." in any language (University, Universidad(e), Universiteit, Universität, Université, Universitat).
_INSTITUTION = re.compile(
    r"\b(?:universi\w*|college|coll[eè]ge|colegio|institute|institut\w*|school|academy|akademi\w*|academia"
    r"|polytechnic\w*|polit[eé]cnic\w*|conservatory|conservatoire|faculty|faculdade|facultad|hochschule|fachhochschule"
    r"|[eé]cole|escuela|escola|scuola|gymnasium|lycée|iit|nit|iiit|iti|bits|mit|ucla|usc|nyu|tafe|campus|seminary"
    r"|col[aá]iste|g?scoil|liceo|hogeschool|funda[cç][aã]o|fundaci[oó]n"
    # Bodies that award trade qualifications: a German chamber ("Handelskammer Hamburg", "IHK München") and a
    # vocational training centre ("Centre de formation professionnelle de Lachine", "Vocational Training Centre").
    r"|\w*(?:handels|handwerks)kammer|ihk|centre\s+de\s+formation|(?:training|vocational)\s+cent(?:re|er))\b",
    re.IGNORECASE,
)
# Degree wordings by level, most specific first. Abbreviations are matched case-sensitively.
_DEGREES: list[tuple[EducationLevel, re.Pattern[str]]] = [
    ("doctorate", re.compile(r"\b(?:doctor(?:ate)?(?:\s+of\s+[A-Z][\w ]+?)?|ph\.?\s?d\.?|d\.?phil)(?=\W|$)", re.I)),
    (
        "doctorate",
        re.compile(r"\b(?:PhD|DPhil|EdD|Ed\.D\.|DBA|JD|J\.D\.|MD|M\.D\.|DNP|PharmD|Pharm\.D\.|DVM|DDS|PsyD)(?=\W|$)"),
    ),
    (
        "doctorate",
        re.compile(r"\b(?:doctorat|doctorado|doutorado|dottorato|dr\.\s?(?:rer|phil|med|ing)\.)", re.I),
    ),
    (
        "master",
        re.compile(
            r"\b(?:master'?s?(?:\s+of\s+(?:science|arts|engineering|business administration|technology|computer"
            r" applications|education|fine arts|laws|public health|philosophy|commerce))?(?:\s+degree)?"
            r"|post\s?graduate(?: diploma)?|maestr[ií]a|mestrado|m[aá]ster|laurea magistrale|diplom-\w+)(?=\W|$)",
            re.I,
        ),
    ),
    (
        "master",
        re.compile(
            r"(?<![\w.])(?:M\.?S\.?c?|M\.Sc\.?|MSc|M\.?A\.?|MBA|M\.B\.A\.|M\.?Eng\.?|M\.?Tech|M\.?E\.|MCA|M\.?Com"
            r"|M\.?Phil|LLM|MSW|MFA|MPH|MPA|PGDM|MS|M\.?Ed\.?|MSN|MScN|MRes|MPharm|MArch|MDes|MIM)(?![\w])"
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\b(?:bachelor'?s?(?:\s+of\s+(?:science|arts|engineering|business administration|technology|computer"
            r" applications|commerce|education|fine arts|laws|applied science|architecture))?(?:\s+degree)?"
            r"|undergraduate(?: degree)?|licence|licenciatura|licenciado|licenciada|bacharelado|laurea triennale"
            r"|grado (?:en|in)|bachillerato universitario)(?=\W|$)",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"(?<![\w.])(?:B\.?S\.?c?|B\.Sc\.?|BSc|B\.?A\.?|BBA|B\.B\.A\.|B\.?Eng\.?|B\.?Tech|B\.?E\.|BCA|B\.?Com"
            r"|LLB|B\.?Arch|BFA|BS|BE|AB|B\.?Ed\.?|BN|BSN|BScN|BNSc|B\.?Pharm|MBBS|BDS|BMus|BBus|BAcc|B\.?Des|Grado)(?![\w])"
        ),
    ),
    ("associate", re.compile(r"\bassociate'?s?(?:\s+(?:degree|of\s+\w+(?:\s+\w+)?))", re.I)),
    ("associate", re.compile(r"(?<![\w.])(?:A\.A\.S?\.?|AAS|A\.S\.|AA)(?![\w])")),
    (
        "high_school",
        re.compile(
            r"\b(?:high\s+school(?:\s+diploma)?|secondary\s+school|higher\s+secondary|senior\s+secondary|hsc|ssc"
            r"|sslc|ged|a-?\s?levels?|matriculation|gcse|abitur|baccalaureate|12th|10th|class\s+(?:xii|x)\b"
            r"|intermediate\s*\((?:mpc|bipc|mec|cec|pcm|pcb|hec)\)|intermediate\s+(?:education|board|course)"
            r"|(?:higher\s+)?school\s+certificate|leaving\s+cert(?:ificate)?|secondary\s+(?:school\s+)?(?:diploma|certificate))",
            re.I,
        ),
    ),
    # Qualifications that are not degrees: diplomas (HND, NVQ/BTEC diplomas, national diplomas) and certificates
    # (Certificate III/IV, PGCE, trade certificates). A "postgraduate diploma" was read as a master above.
    (
        "diploma",
        re.compile(r"\b(?:(?:advanced|national|higher\s+national|graduate)\s+)?diploma\b|\b(?:HND|BTEC)\b", re.I),
    ),
    (
        "certificate",
        re.compile(
            r"\bcertificate\b|\b(?:PGCE|NVQ|QQI|City\s*&\s*Guilds|journeyman|apprenticeship)\b|\bcert\.?\s+(?:I{1,3}|IV)\b",
            re.I,
        ),
    ),
]
_GPA = re.compile(
    r"\b(?:c?gpa|grade point average|cpi|grade)\s*(?:of\s*)?[:=\-]?\s*(\d{1,2}(?:\.\d{1,2})?)"
    r"(?:\s*/\s*(\d{1,3}(?:\.\d+)?))?"
    r"|(\d\.\d{1,2})\s*/\s*(4(?:\.0+)?|5(?:\.0+)?|10(?:\.0+)?)\s*(?:gpa|cgpa)?",
    re.IGNORECASE,
)


@dataclass
class School:
    degree: str | None = None
    level: EducationLevel | None = None
    field: str | None = None
    institution: str | None = None
    dates: DateRange | None = None
    gpa: float | None = None


# Abbreviations in capitals, as an all-capitals line (small caps, a heading style) writes them: "BSC", "MENG".
# "MARCH" is left out: in capitals it is the month far more often than the Master of Architecture.
_CAPITAL_ABBREVIATIONS = re.compile(
    r"(?<![\w.])(BSC|MSC|BENG|MENG|BTECH|MTECH|BCOM|MCOM|MPHIL|PHD|DPHIL|BSCN|MSCN|BNSC|MRES|BMUS|BPHARM|MPHARM|BDES|MDES"
    r"|BBUS|BACC|B\.SC|M\.SC|B\.ENG|M\.ENG|B\.TECH|M\.TECH|B\.COM|M\.COM|B\.ED|M\.ED)(?![\w])"
)
_ABBREVIATION_CASE = {"SC": "Sc", "ENG": "Eng", "TECH": "Tech", "COM": "Com", "PHIL": "Phil", "HD": "hD",
                      "SCN": "ScN", "NSC": "NSc", "RES": "Res", "MUS": "Mus", "PHARM": "Pharm", "DES": "Des",
                      "BUS": "Bus", "ACC": "Acc", "ED": "Ed"}  # fmt: skip


def _abbreviation_cased(match: re.Match[str]) -> str:
    word = match.group(1)
    for tail, cased in sorted(_ABBREVIATION_CASE.items(), key=lambda item: -len(item[0])):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)] + cased
    return word


def degree_level(text: str) -> tuple[EducationLevel | None, re.Match[str] | None]:
    """The education level a text names and the match of the degree wording."""
    if not any(ch.islower() for ch in text) and _CAPITAL_ABBREVIATIONS.search(text):
        text = _CAPITAL_ABBREVIATIONS.sub(_abbreviation_cased, text)  # same length: the match indexes the text
    for level, pattern in _DEGREES:
        for match in pattern.finditer(text):
            if not _is_state_code(text, match):
                return level, match
    return None, None


def _is_state_code(text: str, match: re.Match[str]) -> bool:
    """'MA' in 'Cambridge, MA' or 'MS' in 'Jackson, MS 39201' is a state after a city, not a degree."""
    if match.group(0) not in US_STATES:
        return False
    before = text[: match.start()]
    after = text[match.end() :]
    return bool(re.search(r"[A-Za-z.]\s*,\s*$", before)) and not re.match(r"\s*(?:in|of)\b|\s*\(", after)


def education_pieces(piece: str) -> list[str]:
    """A header piece split where commas separate a degree, an institution and the institution's place:
    'Bachelor of Science, Stanford University, Stanford, CA, USA' -> ['Bachelor of Science', 'Stanford University'].
    The place after the institution is dropped (it is neither degree, field nor school)."""
    degree_at = re.match(r"^(?P<degree>.+?)\s+(?:at|@)\s+(?P<school>.+)$", piece)
    if degree_at and degree_level(degree_at["degree"])[1] and _INSTITUTION.search(degree_at["school"]):
        # "Bachelor of Science Statistics at McMaster University"
        return [degree_at["degree"], *education_pieces(degree_at["school"])]
    parts = [p.strip() for p in piece.split(",") if p.strip()]
    if parts and parts[-1].endswith(".") and not _ABBREVIATED_END.search(parts[-1]):
        parts[-1] = parts[-1][:-1]  # moderncv closes the entry with a full stop: "Westdale Secondary School."
    at = next((n for n, part in enumerate(parts) if _names_school(part)), None)
    if len(parts) < 2:
        return [piece]
    if at is None:
        # No school word ("HEC Paris, Jouy-en-Josas, France"): at least the place after the name goes.
        return [_without_place_tail(piece)]
    before = ", ".join(parts[:at])
    institution = parts[at]
    # "University of California, Berkeley": after a university named for a US state, the campus is its name.
    rest = parts[at + 1 :]
    state = re.search(r"\bof\s+([A-Z][\w ]*)$", institution)
    if rest and state and state.group(1) in _STATE_NAMES and not is_region(rest[0]):
        institution = f"{institution}, {rest[0]}"
    return [p for p in (before, institution) if p]


def _names_school(part: str) -> bool:
    """A school's name: a school word and no degree ("Westdale Secondary School" names both, and is a school)."""
    if _NAMED_HIGH_SCHOOL.search(part):
        return True
    return _INSTITUTION.search(part) is not None and degree_level(part)[1] is None


_STATE_NAMES = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois
    Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
    Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
    Wisconsin Wyoming""".split()  # noqa: SIM905
) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island",
     "South Carolina", "South Dakota", "West Virginia"}  # fmt: skip


def _without_place_tail(name: str) -> str:
    """'HEC Paris, Jouy-en-Josas, France' -> 'HEC Paris': a country or region, and the town before it, go."""
    parts = [p.strip() for p in name.split(",")]
    stripped_region = False
    while len(parts) > 1 and (is_region(parts[-1]) or is_city(parts[-1]) or stripped_region and is_place(parts[-1])):
        stripped_region = True
        parts.pop()
    return ", ".join(parts)


def _split_degree(piece: str, match: re.Match[str]) -> tuple[str, str | None]:
    """'Bachelor of Science in Computer Science' -> ('Bachelor of Science', 'Computer Science')."""
    in_split = re.split(r"\s+in\s+|\s*,\s*|\s*:\s*", piece[match.start() :], maxsplit=1)
    paren = re.search(r"\(([^)]+)\)", piece)
    degree = in_split[0].strip()
    field_text = in_split[1] if len(in_split) > 1 else None
    if paren and (field_text is None or paren.group(0) in degree):
        degree = degree.replace(paren.group(0), "").strip()
        field_text = paren.group(1)
    if field_text is None:
        tail = piece[match.end() :].strip(" ,-–.")
        tail = re.sub(r"^(?:of|in|degree in|degree)\s+", "", tail, flags=re.I)
        if tail:
            degree = piece[match.start() : match.end()].strip()
            field_text = tail
    if field_text:
        field_text = _GPA.sub("", field_text).strip(" ,-–()")
    return degree, field_text or None


def parse_education(text: str, start: int, end: int) -> list[School]:
    """Schools and degrees in an education section."""
    schools: list[School] = []
    current = School()
    lines = _join_wrapped_entries(_read_grid_by_columns(lines_of(text, start, end)))
    joined: set[int] = set()
    for n, line in enumerate(lines):
        if line.blank or n in joined:
            continue
        below = lines[n + 1] if n + 1 < len(lines) else None
        if below is not None and (_name_runs_onto(line, below) or _school_within(line, below)):
            line = Line(f"{line.text.strip()} {below.text.strip()}", line.start)  # "Carnegie Mellon" / "University"
            joined.add(n + 1)
        dates = next(iter(find_ranges(line.text)), None)
        content = line.text if dates is None else line.text[: dates.begin] + " | " + line.text[dates.finish :]
        content = _WRAPPED_DASH.sub(r"\1", content)  # "University of Wisconsin– Milwaukee": a wrap, one name
        content += _institution_wrap(line, lines[n + 1] if n + 1 < len(lines) and n + 1 not in joined else None)
        gpa = _GPA.search(line.text)
        if gpa:
            content = content.replace(gpa.group(0), " ")
        item = strip_bullet(line.text)
        apart = n > 0 and lines[n - 1].blank and current.institution is not None and _opens_school(item)
        if (
            (dates is not None or apart and _INSTITUTION.search(item))
            and current.dates is not None
            and (current.degree or current.institution)
        ):
            # A second dated line opens the next entry, whatever this one names first; so does a line naming a
            # school that a blank line sets apart from an entry with its school and dates.
            schools.append(current)
            current = School()
        if line.bullet and current.institution and current.degree and not gpa and not _opens_school(item):
            continue  # a detail of the school above (coursework, honours), unless it names the next school
        for piece in (part for whole in pieces(strip_bullet(content)) for part in education_pieces(whole)):
            if _NAMED_HIGH_SCHOOL.search(piece):  # "Westdale Secondary School": a school, and the level it stands for
                if current.institution is not None:
                    schools.append(current)
                    current = School()
                current.institution, current.level = piece, current.level or "high_school"
                continue
            level, match = degree_level(piece)
            # "Ontario Secondary School Diploma": a school word inside the degree's own words names no school.
            has_institution = any(
                match is None or not match.start() <= found.start() < match.end()
                for found in _INSTITUTION.finditer(piece)
            )
            if match is not None and level is not None and not (has_institution and match.start() > 0):
                if current.degree is not None:
                    schools.append(current)
                    current = School()
                current.level = level
                current.degree, current.field = _split_degree(piece, match)
            elif has_institution and len(piece.split()) <= 12:
                if current.institution is not None:
                    schools.append(current)
                    current = School()
                current.institution = piece
        if dates is not None and current.dates is None:
            current.dates = dates
        value = (gpa.group(1) or gpa.group(3)) if gpa else None
        if value and current.gpa is None:
            current.gpa = float(value)
    if current.degree or current.institution:
        schools.append(current)
    return _attach_uncued_institutions(schools, text, start, end)


_CELL_SPLIT = re.compile(r"\s+\|\s+")


def _read_grid_by_columns(lines: list[Line]) -> list[Line]:
    """Entries a layout set side by side, read row by row: "IIT Madras | Anna University" over "Jul 2016 - May 2018 |
    Aug 2012 - May 2016" over "M.Tech - Data Science | B.E. - Computer Science". A run of lines with the same number
    of cells whose first row names a school or a degree in every cell is read column by column, each column an
    entry of its own (a blank line between them)."""
    out: list[Line] = []
    n = 0
    while n < len(lines):
        cells = _CELL_SPLIT.split(lines[n].text.strip())
        width = len(cells)
        run = n + 1
        while run < len(lines) and not lines[run].blank and len(_CELL_SPLIT.split(lines[run].text.strip())) == width:
            run += 1
        if width < 2 or run - n < 2 or not all(_opens_school(cell) for cell in cells):
            out.append(lines[n])
            n += 1
            continue
        rows = [_CELL_SPLIT.split(line.text.strip()) for line in lines[n:run]]
        for column in range(width):
            out += [Line(row[column], line.start) for row, line in zip(rows, lines[n:run], strict=True)]
            out.append(Line("", lines[run - 1].end))
        n = run
    return out


# A school's name or a degree wrapped before its end: the next line finishes it ("Escuela Universi-" over "taria de
# Hostelería y Turismo.", "Bachelor of Science in Nursing, University of" over "Texas at Arlington, TX.").
_WRAP_END = re.compile(
    r"(?:[^\W\d_]-|,|\s(?:of|and|de|des|du|da|do|del|della|di|der|für|at|in|for|&|y|e|la|le))$", re.I
)
_ABBREVIATED_END = re.compile(r"(?:\b[^\W\d_]{1,2}|\b(?:inc|ltd|st|co|corp|dept|univ))\.$", re.I)


def _join_wrapped_entries(lines: list[Line]) -> list[Line]:
    """An entry line ("Degree, School" beside its dates) and the line a narrow or justified column pushed its end
    to, read as one line: the end goes before the dates, a word a hyphen broke at the line end ("Amster-" over
    "dam.") is whole again, and the sentence's closing full stop (moderncv ends each entry with one) is dropped.

    The next line continues the entry when this one stops on a hyphen, a comma or a joining word, or when the next
    is a short piece closing with a full stop that this one lacks; never a bullet, a dated line or a grade."""
    out: list[Line] = []
    n = 0
    while n < len(lines):
        line = lines[n]
        below = lines[n + 1] if n + 1 < len(lines) else None
        merged = _with_continuation(line, below) if below is not None else None
        if merged is None:
            out.append(line)
            n += 1
            continue
        out.append(merged)
        n += 2
    return out


def _with_continuation(line: Line, below: Line) -> Line | None:
    if line.blank or line.bullet or below.blank or below.bullet or find_ranges(below.text) or _GPA.search(below.text):
        return None
    dates = next(iter(find_ranges(line.text)), None)
    head = (line.text if dates is None else line.text[: dates.begin]).rstrip(" |\t")
    tail = "" if dates is None else line.text[dates.begin :]
    dates_first = dates is not None and not head.strip()
    if dates_first:
        head, tail = line.text.rstrip(" |\t"), ""  # "2010 – 2013 | Master of Science, University of": dates first
    rest = below.text.strip()
    if not head.strip() or not (_INSTITUTION.search(head) or degree_level(head)[1] or _INSTITUTION.search(rest)):
        return None
    wrapped = _WRAP_END.search(head) is not None or _name_wraps_beside_dates(head, rest, dates is not None, dates_first)
    closing = (
        rest.endswith(".")
        and not head.endswith(".")
        and len(rest.split()) <= 8
        and dates is not None
        and not _opens_with_degree(rest)
    )
    if not wrapped and not closing:
        return None
    if head.endswith("-") and rest[:1].islower():
        joined = head[:-1] + rest  # "Universi-" + "taria": TeX's break
    elif head.endswith("-"):
        joined = head + rest  # "Goethe-" + "Universität": the name's own hyphen
    else:
        joined = f"{head} {rest}"
    if joined.endswith(".") and not _ABBREVIATED_END.search(joined):
        joined = joined[:-1]
    return Line(f"{joined} | {tail}" if tail else joined, line.start)


_HONOURS = re.compile(r"\b(?:list|honou?rs|laude|award|prize|scholar\w*|thesis|coursework|distinction|merit)\b", re.I)


def _name_wraps_beside_dates(head: str, rest: str, dated: bool, dates_first: bool) -> bool:
    """An entry header set beside its dates whose school's name a narrow column carried on: the next line opens in
    lower case ("..., École" over "hôtelière de Lausanne, Lausanne, Switzerland") or is the name's last word or two
    alone under a line its dates open ("10/2014 – 09/2016 | ..., Goethe-Universität" over "Frankfurt"; not a field
    under "Carnegie Mellon University | 2004 — 2009"). Not a grade, an honour, a degree or another school."""
    if not dated or re.search(r"[.:;!?]$", head):
        return False
    if rest[:1].islower():
        return True
    last = head.rsplit(",", 1)[-1].rsplit("|", 1)[-1].strip()
    words = rest.split()
    return (
        dates_first
        and _INSTITUTION.search(last) is not None
        and degree_level(last)[1] is None
        and 1 <= len(words) <= 2
        and all(w[:1].isupper() for w in words)
        and not any(ch.isdigit() or ch in ",|()" for ch in rest)
        and not _INSTITUTION.search(rest)
        and not degree_level(rest)[1]
        and not _HONOURS.search(rest)
        and not _FIELD_END.search(rest)
    )


_WRAPPED_DASH = re.compile(r"(?<=[^\W\d_])([–-]) (?=[A-Z][^\W\d_])")
_SUB_SCHOOL = re.compile(r"^(?:School|Faculty|College|Department|Institute)\s+of\s+[A-Z]")


def _school_within(line: Line, below: Line) -> bool:
    """A school inside the university on the line above: "Columbia University" over "School of Nursing"."""
    upper, lower = line.text.strip(), below.text.strip()
    if line.bullet or below.bullet or not _ENDS_INSTITUTION.search(upper) or "," in upper or "|" in upper:
        return False
    return _SUB_SCHOOL.match(lower) is not None and not degree_level(lower)[1] and not find_ranges(lower)


def _opens_with_degree(text: str) -> bool:
    match = degree_level(text)[1]
    return match is not None and match.start() == 0


_NAMED_HIGH_SCHOOL = re.compile(
    r"^(?:[A-Z][\w'.-]*\s+){1,4}(?:High|Secondary|Grammar|Senior\s+High)\s+School$"
    r"|^(?:[A-Z][A-Z'.-]*\s+){1,4}(?:HIGH|SECONDARY|GRAMMAR|SENIOR\s+HIGH)\s+SCHOOL$"  # a heading set in capitals
)
_ENDS_INSTITUTION = re.compile(r"\b(?:universi\w*|college|school|institute|academy|polytechnic)$", re.I)


def _opens_school(item: str) -> bool:
    """A list item that names a school or a degree heads an education entry ('• McGill University')."""
    return len(item.split()) <= 12 and (_INSTITUTION.search(item) is not None or degree_level(item)[1] is not None)


def _institution_wrap(line: Line, below: Line | None) -> str:
    """The words a narrow column pushed to the next line of a school's name ("University of British" over
    "Columbia, Vancouver, BC"; "Technische Universität" over "München"), to be read with this line."""
    text = line.text.strip()
    if below is None or below.blank or below.bullet or "," in text or "|" in text:
        return ""
    if not _INSTITUTION.search(text) or degree_level(text)[1] or find_ranges(text):
        return ""
    following = below.text.strip()
    head = following.split(",")[0].strip()
    if degree_level(following)[1] or find_ranges(following) or _INSTITUTION.search(head):
        return ""
    words = head.split()
    if _JOINING_END.search(text) and len(words) <= 6:
        return f" {head}"  # "Escuela Universitaria de" over "Hostelería y Turismo": the name goes on
    if following[:1].islower() and "," not in following and len(words) <= 4 and not re.search(r"\d", following):
        return f" {head}"  # "Centre de formation" over "professionnelle de Lachine": no name opens in lower case
    named = all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words) and words[-1][:1].isupper()
    # "Pontifícia Universidade" over "Católica do Rio de Janeiro": a name with particles, not a town, goes on
    goes_on = not _ENDS_INSTITUTION.search(text) or (
        "," not in following and any(w.lower() in _NAME_PARTICLES for w in words) and not is_city(words[0])
    )
    if 3 <= len(words) <= 6 and named and goes_on:
        return f" {head}"  # "University of North" over "Carolina at Chapel Hill": the name is not finished
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return ""
    if is_region(text.split()[-1]) and not is_city(head):
        return ""  # "Institute of Chartered Accountants of India" is whole: "Chartered Accountant" is the award
        # ("University of Colorado" over "Boulder" goes on: the campus's town)
    if _ENDS_INSTITUTION.search(text) and "," in following:
        return ""  # "Stanford University" over "Stanford, CA": the place, not the rest of the name
    return f" {head}"


_FIELD_END = re.compile(
    r"\b(?:sciences?|engineering|studies|arts|management|administration|economics|nursing|education|law|medicine"
    r"|design|technology|mathematics|physics|chemistry|biology|marketing|finance|accounting|commerce|psychology"
    r"|history|literature|informatics|statistics)$",
    re.I,
)


def _name_runs_onto(line: Line, below: Line) -> bool:
    """A school's name a narrow column broke before its school word: capitalised words with no school word, degree
    or date ("Carnegie Mellon", "Jawaharlal Nehru", "Westdale Secondary") over a short line that holds the school
    word and is not a name of its own ("University", "Technological University", "College Enugu"; not
    "University of Toronto"). A field of study over its school ("Computer Science" / "Stanford University") is not
    joined."""
    upper, lower = line.text.strip(), below.text.strip()
    if line.bullet or below.bullet or below.blank or not upper or not lower:
        return False
    words, under = upper.split(), lower.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or any(ch.isdigit() for ch in upper):
        return False
    if _INSTITUTION.search(upper) or degree_level(upper)[1] or _FIELD_END.search(upper) or "," in upper:
        return False
    if len(under) > 3 or not _INSTITUTION.search(lower) or degree_level(lower)[1] or find_ranges(lower):
        return False
    return not any(w.lower() in _NAME_PARTICLES for w in under) and "," not in lower and "|" not in lower


# Words a school's name cannot end on: the line under it finishes the name.
_JOINING_END = re.compile(r"\s(?:of|de|des|du|da|do|dos|das|del|della|di|der|für|at|and|&|y|e|i|la|le)$", re.I)
_NAME_PARTICLES = frozenset(["of", "de", "des", "du", "da", "do", "dos", "das", "del", "della", "di", "der", "für",
                             "at", "and", "&", "y", "e", "i", "la", "le", "the", "on", "in"])  # fmt: skip


def _attach_uncued_institutions(schools: list[School], text: str, start: int, end: int) -> list[School]:
    """A degree with no recognised institution takes the header line next to it that is neither degree nor date."""
    if not schools or all(s.institution for s in schools):
        return schools
    candidates = [
        p
        for line in lines_of(text, start, end)
        if is_headerish(line)
        for p in pieces(line.text)
        if not degree_level(p)[1] and not find_ranges(p) and not _GPA.search(p) and len(p.split()) >= 1
    ]
    for school in schools:
        if school.institution is None and candidates:
            school.institution = _without_place_tail(candidates.pop(0))
    return schools


def names_institution(text: str) -> bool:
    """Whether a text names a school (University, College, Institute, ...)."""
    return _INSTITUTION.search(text) is not None
