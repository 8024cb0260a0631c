"""Entries inside sections: jobs, schools, projects, certifications, languages."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from hiring.resume.contact import US_STATES, find_location, is_region
from hiring.resume.dates import DateRange, find_ranges
from hiring.resume.lines import Line, is_headerish, lines_of, pieces, strip_bullet
from hiring.resume.model import EducationLevel
from hiring.resume.places import is_city
from hiring.resume.sections import NATURAL_LANGUAGES
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
_COMPANY_WEAK = re.compile(
    r"\b(?:company|technologies|technology|solutions|systems|group|labs?|software|consulting|partners|bank"
    r"|university|college|institute|hospital|agency|studios?|ventures|holdings|enterprises|services|industries"
    r"|international|global|networks|media|foundation|associates|federal|department|ministry|council|government"
    r"|school|clinic|center|centre|firm|capital|analytics|infotech|infosystems|digital|airlines|motors)\b",
    re.IGNORECASE,
)
# "Universi..." in any language (University, Universidad(e), Universiteit, Universität, Université, Universitat).
_INSTITUTION = re.compile(
    r"\b(?:universi\w*|college|coll[eè]ge|colegio|institute|institut\w*|school|academy|akademi\w*|academia"
    r"|polytechnic\w*|polit[eé]cnic\w*|conservatory|conservatoire|faculty|faculdade|facultad|hochschule|fachhochschule"
    r"|[eé]cole|escuela|escola|scuola|gymnasium|lycée|iit|nit|iiit|iti|bits|mit|ucla|usc|nyu|tafe|campus|seminary)\b",
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
            r"|grado en|bachillerato universitario)(?=\W|$)",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"(?<![\w.])(?:B\.?S\.?c?|B\.Sc\.?|BSc|B\.?A\.?|BBA|B\.B\.A\.|B\.?Eng\.?|B\.?Tech|B\.?E\.|BCA|B\.?Com"
            r"|LLB|B\.?Arch|BFA|BS|BE|AB|B\.?Ed\.?|BN|BSN|BScN|BNSc|B\.?Pharm|MBBS|BDS|BMus|BBus|BAcc|B\.?Des)(?![\w])"
        ),
    ),
    ("associate", re.compile(r"\bassociate'?s?(?:\s+(?:degree|of\s+\w+(?:\s+\w+)?))", re.I)),
    ("associate", re.compile(r"(?<![\w.])(?:A\.A\.S?\.?|AAS|A\.S\.|AA)(?![\w])")),
    (
        "high_school",
        re.compile(
            r"\b(?:high\s+school(?:\s+diploma)?|secondary\s+school|higher\s+secondary|senior\s+secondary|hsc|ssc"
            r"|sslc|ged|a-?\s?levels?|matriculation|gcse|abitur|baccalaureate|12th|10th|class\s+(?:xii|x)\b"
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


@dataclass
class Job:
    """An experience entry while it is being read; span is its character range in the text."""

    company: str | None
    title: str | None
    location: str | None
    dates: DateRange | None
    description: str
    span: tuple[int, int]


@dataclass
class School:
    degree: str | None = None
    level: EducationLevel | None = None
    field: str | None = None
    institution: str | None = None
    dates: DateRange | None = None
    gpa: float | None = None


@dataclass
class ProjectEntry:
    title: str | None
    description: str
    span: tuple[int, int]
    dates: DateRange | None
    url: str | None = None
    named_technologies: list[str] = field(default_factory=list)


# --- experience ----------------------------------------------------------------------------------------


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
    previous = -1
    for i, dates in anchors:
        # Entries share one format: no more header lines above a date than the first entry has ...
        most = max(template, 1 if _is_bare(lines[i], dates) else 0)
        up = _walk_up(lines, i, previous, dates, anchor_of, most)
        if most == 1 and len(up) == most:
            # ... except a date alone on its line under a title and a company set off from what precedes them.
            wider = _walk_up(lines, i, previous, dates, anchor_of, 3, skip_blanks=False)
            if len(wider) > len(up) and _set_off(lines, wider[0] - 1, previous):
                up = wider
        up = [j for j in up if j not in claimed]
        headers.append([*up, i])
        claimed.update(up)
        claimed.add(i)
        previous = i
    for n, (i, dates) in enumerate(anchors):
        next_start = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
        header_pieces = [p for j in headers[n] for p in pieces(strip_bullet(_without_dates(lines[j], dates)))]
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
        header_pieces = [p for j in sorted(headers[n]) for p in pieces(strip_bullet(_without_dates(lines[j], dates)))]
        company, title, location = assign_fields(header_pieces, " ".join(lines[j].text for j in headers[n]))
        if title is None:
            title = title_in_body(body)
        if company is None and title is not None and group is not None:
            # "Acme Corp\nManager  2021 - Present\n...\nEngineer  2018 - 2021": one employer, several titles
            # (the date on the title's line or on its own line below it).
            company, location = group[0], location or group[1]
        elif company is not None and any(j < i and company in lines[j].text for j in headers[n]):
            group = (company, location)
        else:
            group = None
        span_end = lines[last_line].end if last_line >= first else lines[first].end
        jobs.append(Job(company, title, location, dates, _description(body), (lines[first].start, span_end)))
        placed.append(header_pieces)
    return _by_shared_format(jobs, placed)


def _by_shared_format(jobs: list[Job], placed: list[list[str]]) -> list[Job]:
    """Entries of one section share a format: where most entries put the title and the employer (which header
    piece), an entry whose title no rule recognised ("Estagiária de Dados", "Werkstudentin") has them too."""
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
    if votes < 2 or votes < 0.75 * known:
        return jobs  # no format most entries share
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
                    Job(company, title, location, None, _description(lines[i + 1 : j]), (lines[i].start, span_end))
                )
            i = j
        else:
            i += 1
    return jobs


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
        if parts and reads_as_title(parts[0]) and first.text.strip()[:1].isupper():
            return parts[0]
    for line in lines[:2]:
        found = _WORKED_AS.search(line.text)
        if found:
            value = _PROSE_STOP.split(found.group("title"), maxsplit=1)[0].strip()
            if reads_as_title(value):
                return value
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


def _description(body: list[Line]) -> str:
    kept = [strip_bullet(line.text) for line in body if not line.blank]
    return "\n".join(kept).strip()


def title_strength(piece: str) -> int:
    """How much a header piece reads as a job title: 3 when its head noun is a title word ("Sr. Data Analyst",
    "Head of Growth"), 1 when it only holds a job word ("Sales", "DevOps"), 0 otherwise."""
    if _head_word(piece) in TITLE_HEADS:
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
    location = find_location(whole)
    remaining: list[str] = []
    labelled_company: str | None = None
    for part in parts:
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
        if len(split) >= 3 and not _DEPARTMENT.fullmatch(split[1]):
            # "Software Engineer, Oracle, Redwood City, CA": what follows title and employer is their place.
            place = [part for part in split[2:] if _is_place(part)]
            if len(place) == len(split) - 2:
                location = location or ", ".join(place)
                split = split[:2]
        if len(split) >= 2 and not _DEPARTMENT.fullmatch(split[1]):
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


def _rejoin_unit_qualifiers(parts: list[str], whole: str) -> list[str]:
    """'Assistant Manager – Finance', 'Staff Nurse – ICU': a unit after a dash is part of the title before it."""
    out: list[str] = []
    for part in parts:
        previous = out[-1] if out else None
        unit = part.split(",")[0].strip()
        if previous is not None and title_strength(previous) >= 3 and _DEPARTMENT.fullmatch(unit):
            joined = next(
                (f"{previous}{dash}{unit}" for dash in (" – ", " — ", " - ") if f"{previous}{dash}{unit}" in whole),
                None,
            )
            if joined is not None:
                out[-1] = joined
                rest = part[len(unit) :].strip(" ,")
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
    team = _DEPARTMENT.fullmatch(rest.split()[-1]) is not None if rest.split() else False
    if len(parts) >= 2 and reads_as_title(parts[0]) and not team:
        return parts[0], (None if qualifier else rest)
    return title, None


def _is_place(part: str) -> bool:
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
    return tail if _is_place(tail) else None  # a short capitalised tail naming no organisation or title


# --- education -----------------------------------------------------------------------------------------


def degree_level(text: str) -> tuple[EducationLevel | None, re.Match[str] | None]:
    """The education level a text names and the match of the degree wording."""
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
    at = next((n for n, part in enumerate(parts) if _INSTITUTION.search(part) and not degree_level(part)[1]), None)
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
    while len(parts) > 1 and (is_region(parts[-1]) or is_city(parts[-1]) or stripped_region and _is_place(parts[-1])):
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
    lines = lines_of(text, start, end)
    for n, line in enumerate(lines):
        if line.blank:
            continue
        dates = next(iter(find_ranges(line.text)), None)
        content = line.text if dates is None else line.text[: dates.begin] + " | " + line.text[dates.finish :]
        content += _institution_wrap(line, lines[n + 1] if n + 1 < len(lines) else None)
        gpa = _GPA.search(line.text)
        if gpa:
            content = content.replace(gpa.group(0), " ")
        item = strip_bullet(line.text)
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


_NAMED_HIGH_SCHOOL = re.compile(r"^(?:[A-Z][\w'.-]*\s+){1,4}(?:High|Secondary|Grammar|Senior\s+High)\s+School$")
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
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return ""
    if _ENDS_INSTITUTION.search(text) and "," in following:
        return ""  # "Stanford University" over "Stanford, CA": the place, not the rest of the name
    return f" {head}"


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


# --- projects, certifications, languages ---------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|dev|app|org|net)/\S*", re.I)
_TECH_LINE = re.compile(
    r"^\s*(?:technologies|tech stack|stack|tools|built with|environment|tech)\s*(?:used)?\s*:\s*", re.I
)


def parse_projects(text: str, start: int, end: int) -> list[ProjectEntry]:
    """Projects: each header-shaped line followed by its description."""
    lines = lines_of(text, start, end)
    projects: list[ProjectEntry] = []
    heads = [
        i
        for i, line in enumerate(lines)
        if is_headerish(line, 12)
        and not _TECH_LINE.match(line.text)
        and (i == 0 or lines[i - 1].blank or lines[i - 1].bullet or not is_headerish(lines[i - 1], 12))
    ]
    for n, i in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(lines)
        head = lines[i]
        dates = next(iter(find_ranges(head.text)), None)
        url = _URL.search(head.text)
        title_text = head.text if dates is None else head.text[: dates.begin] + " | " + head.text[dates.finish :]
        if url:
            title_text = title_text.replace(url.group(0), " | ")
        parts = pieces(re.split(r":\s", title_text, maxsplit=1)[0])
        body = lines[i + 1 : stop]
        named: list[str] = []
        for line in body:
            tech = _TECH_LINE.match(strip_bullet(line.text))
            if tech:
                named.extend(t.strip() for t in re.split(r"[,;|/]", strip_bullet(line.text)[tech.end() :]) if t.strip())
        if url is None:
            url = next((m for line in body if (m := _URL.search(line.text))), None)
        span_end = lines[stop - 1].end
        projects.append(
            ProjectEntry(
                parts[0] if parts else None,
                _description(body),
                (head.start, span_end),
                dates,
                url.group(0) if url else None,
                named,
            )  # fmt: skip
        )
    return projects


def list_items(text: str, start: int, end: int) -> list[str]:
    """Items of a list section: one per line, bullets removed."""
    items = []
    for line in lines_of(text, start, end):
        item = strip_bullet(line.text).strip(" ,;")
        if item and not line.blank:
            items.append(item)
    return items


def parse_languages(items: list[str]) -> list[str]:
    """Spoken languages with any proficiency written beside them."""
    found: list[str] = []
    for item in items:
        for part in re.split(r"[,;|•]|\s{3,}", item):
            part = part.strip(" .-")
            first = re.split(r"[\s(:\-–]", part.lower(), maxsplit=1)[0]
            if first in NATURAL_LANGUAGES and part not in found:
                found.append(part)
    return found


def months_of(dates: DateRange | None, today: date) -> int | None:
    """Months a date range covers, or None without dates."""
    return None if dates is None else dates.months(today)


def names_institution(text: str) -> bool:
    """Whether a text names a school (University, College, Institute, ...)."""
    return _INSTITUTION.search(text) is not None


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
