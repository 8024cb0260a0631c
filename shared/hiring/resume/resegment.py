"""Resume text that arrived without line breaks, cut back into lines before sections are looked for.

Some PDF producers, copy-pasted text and exported data sets put a whole resume on one line (or on a few very long
lines). The parser reads lines, so such text is re-segmented first, at the cues a reader uses:
  - runs of two or more spaces where a producer turned each line break into spaces, provided such runs are rarer
    than single spaces (wide spacing between every word is no line structure);
  - section headings in any common wording (the vocabulary of sections.py) standing mid-text: in upper case, or in
    title case where a heading can stand (not inside a sentence, not as part of a job title);
  - bullets ("•", "▪", ...; "- " and "* " after a sentence or before an action verb);
  - date ranges that head an entry ("Jan 2020 - Present", "2019-2021", "03/2018 – 06/2020", "Summer 2022");
  - contact items at the top (email, phone, links) and the name before them;
  - sentence ends, a "City, ST" that ends an entry header, and a degree written after its school.
Only whitespace characters become line breaks, so the re-segmented text has the same length as the input and
every character offset (skill evidence, layout regions) indexes the original text as well: the stored text stays
the original and offsets computed on the re-segmented text are valid in it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from hiring.resume.contact import contact_spans, is_name_word, is_region, looks_like_name
from hiring.resume.dates import find_ranges
from hiring.resume.education import degree_level, names_institution
from hiring.resume.headers import company_strength, glued_header_split, title_strength
from hiring.resume.sections import HEADINGS, INLINE_SECTIONS, heading_kind
from hiring.resume.skills import TECH_CATEGORIES, find_mentions
from hiring.resume.titles import TITLE_HEADS

_MIN_LENGTH = 200  # shorter texts are left as they are
_FLAT_LINE = 1000  # a line this long is no line a resume layout produces ...
_FLAT_AVERAGE = 200  # ... nor this many characters per non-blank line on average
_LONG = 120  # in flattened text, lines longer than this are cut: at wide gaps, then at the cues
_HEADER_ZONE = 600  # where contact items are looked for when no heading ends the header
_MAX_GAP_SHARE = 0.4  # wide gaps among all gaps beyond which they are spacing, not line breaks

_GAP = re.compile(r" {2,}")
_SPACES = re.compile(r"[ \t]+")
_BULLET_GLYPH = re.compile(r"(?<=[ \t])[•▪▫■□●○◦◆◇►▶▸➢➤✓✔❖‣]")
_DASH_BULLET = re.compile(r"(?<=[ \t])[-*–](?=[ \t]+(\S+[ \t]+\S+))")
_SENTENCE_END = re.compile(r"(\S+?)([.!?])[\"'”’)]?(?=[ \t]+[A-Z\"“(])")
_REGION_TAIL = re.compile(r"(?<=[A-Za-z]),[ \t]+([A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z]+){0,2})(?=[ \t]+[A-Z])")
_CONTACT_LABEL = re.compile(
    r"(?:e-?mail|phone|mobile|mob|tel|telephone|cell|home|ph|linkedin|github|website|web|portfolio)\.?\s*:\s*$",
    re.I,
)
_PAST_VERB = re.compile(r"^[A-Z][a-z]{2,}(?:ed|ing)$")
_ACTION_VERBS = frozenset(
    """
    built led ran wrote grew drove made won taught set kept held brought sold began took gave oversaw spoke found
    met cut lead manage develop design build create own run write drive maintain implement support coordinate
    handle prepare plan teach train work assist help use provide perform deliver conduct ensure monitor analyze
    analyse review test oversee serve collaborate responsible
    """.split()  # noqa: SIM905
)
_ABBREVIATIONS = frozenset(
    """
    inc ltd co corp llc llp plc jr sr st dr mr mrs ms prof no vs etc dept univ ave blvd rd mt ft approx est jan feb
    mar apr jun jul aug sep sept oct nov dec ph hon gov intl assoc bros mgr
    """.split()  # noqa: SIM905
)
_PROSE_BEFORE_DATE = frozenset(
    "from in since between during until till by of and to on at for through before after circa around".split()  # noqa: SIM905
)
_MINOR_WORDS = frozenset({"and", "of", "the", "for", "in"})
_JOINING_WORDS = frozenset(
    """
    & and or of in with the a an for to on at by as from into my our your his her their its this that strong good
    excellent great solid relevant professional extensive hands-on prior previous some any no more less years
    """.split()  # noqa: SIM905
)
# Single heading words that stand for a section even in title case mid-text; the others ("Work", "Tools",
# "Training", "Project", "Software", ...) are ordinary words in prose and count only in upper case or with a colon.
_STRONG_WORDS = frozenset(
    """
    summary profile objective experience employment education skills projects certifications certificates
    languages awards honors honours achievements accomplishments publications interests hobbies references
    qualifications internships competencies coursework volunteering
    """.split()  # noqa: SIM905
)
_FIELD_SEPARATORS = "|,;:/–—-"
_HEADER_JOINERS = frozenset({"|", "&", "of", "and", "-", "–", "—", "@", "at", "for", "in"})
_BULLET_START = re.compile(r"\s*(?:[•▪▫■□●○◦◆◇►▶▸➢➤✓✔❖‣]|[-*–]\s)")


def _phrase(phrase: str) -> str:
    return r"[ \t]+".join(r"(?:and|&|\+)" if word == "and" else re.escape(word) for word in phrase.split())


_HEADING_RE = re.compile(
    r"(?<![\w&/.@'-])(?P<h>"
    + "|".join(_phrase(p) for p in sorted({p for ps in HEADINGS.values() for p in ps}, key=len, reverse=True))
    + r")(?![\w&/@'-])(?P<colon>[ \t]*:)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Heading:
    start: int
    end: int  # after the heading words and any colon
    kind: str
    colon: bool


def is_flattened(text: str) -> bool:
    """Whether the text lost its line breaks: very long lines or very few lines for its length."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or len(text.strip()) < _MIN_LENGTH:
        return False
    return max(len(line) for line in lines) >= _FLAT_LINE or len(text) / len(lines) >= _FLAT_AVERAGE


def resegment(text: str) -> str:
    """The text with line breaks restored where a flattened resume lost them; other text is returned as is.

    Only spaces and tabs are replaced (by "\\n"), so offsets into the result are offsets into the input.
    """
    if not is_flattened(text):
        return text
    cuts: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        if len(line) > _LONG:
            _cut_line(text, offset, offset + len(line), cuts)
        offset += len(line) + 1
    if not cuts:
        return text
    chars = list(text)
    for position in cuts:
        chars[position] = "\n"
    return "".join(chars)


def _cut_line(text: str, start: int, end: int, cuts: set[int]) -> None:
    _cut_gaps(text, start, end, cuts)
    for a, b in _sublines(start, end, cuts):
        _cut_cues(text, a, b, cuts, top=not text[:a].strip())


def _cut_gaps(text: str, start: int, end: int, cuts: set[int]) -> None:
    """Runs of two or more spaces that stand for line breaks.

    A wider run is no surer sign of a blank line: layouts also align columns with wide gaps inside one line."""
    gaps = list(_GAP.finditer(text, start, end))
    if len(gaps) < 3 or len(gaps) > _MAX_GAP_SHARE * len(_SPACES.findall(text, start, end)):
        return
    cuts.update(gap.end() - 1 for gap in gaps)


def _cut_cues(text: str, a: int, b: int, cuts: set[int], top: bool) -> None:
    headings = _headings(text, a, b)
    for heading in headings:
        _cut_before(text, heading.start, a, cuts)
        if not (heading.colon and heading.kind in INLINE_SECTIONS):
            _cut_after(text, heading.end, b, cuts)
    contacts = [(a + s, a + e) for s, e in contact_spans(text[a:b])]
    header_end = headings[0].start if headings else min(b, a + _HEADER_ZONE)
    if top:
        _cut_contacts(text, a, header_end, [c for c in contacts if c[1] <= header_end], cuts)
    anchors = _cut_dates(text, a, b, contacts, cuts)
    _cut_bullets(text, a, b, cuts)
    _cut_sentences(text, a, b, cuts)
    _cut_region_tails(text, a, b, cuts)
    _cut_headers_off_bullets(text, a, b, anchors, cuts)
    _cut_glued_headers(text, a, b, anchors, cuts)
    zones = [(h.end, headings[n + 1].start if n + 1 < len(headings) else b) for n, h in enumerate(headings)]
    ordered = sorted(cuts)  # a zone's degree cuts stay inside it, so the cuts as they stand serve every zone
    for (zone_start, zone_end), heading in zip(zones, headings, strict=True):
        if heading.kind == "education":
            _cut_degrees(text, zone_start, zone_end, cuts, ordered)
    if top:
        _cut_name(text, a, header_end, cuts)


def _sublines(start: int, end: int, cuts: set[int], ordered: list[int] | None = None) -> list[tuple[int, int]]:
    """The lines of text[start:end] once the cuts are made (`ordered`: the cuts already sorted, when a caller asks
    about many spans of one text)."""
    if ordered is None:
        inside = sorted(c for c in cuts if start <= c < end)
    else:
        inside = ordered[bisect_left(ordered, start) : bisect_left(ordered, end)]
    bounds = [start, *inside, end]
    out: list[tuple[int, int]] = []
    for n in range(len(bounds) - 1):
        lo = bounds[n] + (1 if n > 0 else 0)
        if bounds[n + 1] > lo:
            out.append((lo, bounds[n + 1]))
    return out


def _subline_at(lines: list[tuple[int, int]], lows: list[int], position: int) -> int | None:
    """The index of the subline holding position (its end included), by bisection: sublines are in order and apart."""
    k = bisect_right(lows, position) - 1
    return k if k >= 0 and position <= lines[k][1] else None


def _cut_before(text: str, position: int, floor: int, cuts: set[int]) -> None:
    """Break the line just before position (at the whitespace there, if any)."""
    if position > floor and text[position - 1] in " \t":
        cuts.add(position - 1)


def _cut_after(text: str, position: int, ceiling: int, cuts: set[int]) -> None:
    """Break the line just after position (at the last character of the whitespace there, if any)."""
    k = position
    while k < ceiling and text[k] in " \t":
        k += 1
    if k > position and k < ceiling:
        cuts.add(k - 1)


def _token_before(text: str, position: int, floor: int) -> str:
    match = re.search(r"(\S+)[ \t]*$", text[max(floor, position - 60) : position])
    return match.group(1) if match else ""


def _token_after(text: str, position: int, ceiling: int) -> str:
    match = re.match(r"[ \t]*(\S+)", text[position : min(ceiling, position + 60)])
    return match.group(1) if match else ""


def _in_sentence(previous: str) -> bool:
    """The word before a heading joins it to a sentence ("years of Experience", "strong Communication Skills").
    Any other lower-case word may end a bullet written without a full stop."""
    return previous.lower() in _JOINING_WORDS


def _upper_word(token: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", token)
    return len(letters) >= 3 and letters.isupper()


def _headings(text: str, a: int, b: int) -> list[_Heading]:
    """Section headings standing mid-text."""
    found: list[_Heading] = []
    for match in _HEADING_RE.finditer(text, a, b):
        words = re.findall(r"[A-Za-z]+", match.group("h"))
        kind = heading_kind(match.group("h"))
        if kind is None or not words:
            continue
        upper = all(w.isupper() for w in words) and sum(len(w) for w in words) >= 4
        title = all(w[0].isupper() for w in words if w.lower() not in _MINOR_WORDS)
        previous, following = _token_before(text, match.start(), a), _token_after(text, match.end(), b)
        colon = match.group("colon") is not None
        if not (upper or title) or _in_sentence(previous):
            continue
        if upper and _upper_word(previous) and _upper_word(following):
            continue  # a word inside an upper-case run ("PIED PIPER SOFTWARE SERVICES")
        if not upper and not colon:
            strong = len(words) > 1 or words[0].lower() in _STRONG_WORDS
            starts_content = bool(following) and not following[0].islower()
            job_title = re.sub(r"\W", "", following).lower() in TITLE_HEADS  # "Customer Experience Manager"
            if not strong or (following and not starts_content) or job_title:
                continue
        found.append(_Heading(match.start(), match.end(), kind, colon))
    return found


def _cut_contacts(text: str, a: int, b: int, contacts: list[tuple[int, int]], cuts: set[int]) -> None:
    """Each contact item (with its label, "Email:") on a line unless a separator already sets it apart."""
    for start, end in contacts:
        label = _CONTACT_LABEL.search(text, max(a, start - 20), start)
        begin = label.start() if label else start
        if _char_before(text, begin, a) not in _FIELD_SEPARATORS + "•·":
            _cut_before(text, begin, a, cuts)
        if _char_after(text, end, b) not in _FIELD_SEPARATORS + "•·":
            _cut_after(text, end, b, cuts)


def _char_before(text: str, position: int, floor: int) -> str:
    j = position - 1
    while j >= floor and text[j] in " \t":
        j -= 1
    return text[j] if j >= floor else ""


def _char_after(text: str, position: int, ceiling: int) -> str:
    k = position
    while k < ceiling and text[k] in " \t":
        k += 1
    return text[k] if k < ceiling else ""


def _bullet_verb(words: str) -> bool:
    """'Built a ...', 'Managed two ...': an action verb followed by lower-case words opens a bullet (not 'Lead
    Preschool Teacher')."""
    first, _, rest = words.partition(" ")
    word = re.sub(r"[^A-Za-z-]", "", first)
    verb = bool(_PAST_VERB.match(word)) or (word[:1].isupper() and word.lower() in _ACTION_VERBS)
    return verb and (rest[:1].islower() or rest[:1].isdigit())


def _cut_dates(text: str, a: int, b: int, contacts: list[tuple[int, int]], cuts: set[int]) -> list[int]:
    """A date range (or a month or season alone) on its own line, unless a separator ties it to its header.

    Returns where the dates that may head an entry begin."""
    anchors: list[int] = []
    for found in find_ranges(text[a:b]):
        begin, finish = a + found.begin, a + found.finish
        if found.single and not found.start.exact:
            continue  # a year alone ("AIHacks 2016", "(2019)") heads nothing
        if any(s <= begin < e for s, e in contacts):
            continue
        previous = _token_before(text, begin, a)
        if previous.lower() in _PROSE_BEFORE_DATE:
            continue  # "from 2019 to 2021", "in May 2020": prose
        anchors.append(begin)
        before = _char_before(text, begin, a)
        if before == "(":
            _cut_before(text, text.rindex("(", a, begin), a, cuts)
        elif before not in _FIELD_SEPARATORS:
            _cut_before(text, begin, a, cuts)
        if _char_after(text, finish, b) == ")":
            finish = text.index(")", finish, b) + 1
        after = _char_after(text, finish, b)
        if after in ("-", "–", "—", "*"):  # a bullet ("- Built ...") or a separator ("- Acme Corp")
            dash = text.index(after, finish, b) + 1
            cut = _bullet_verb(" ".join(text[dash : min(b, dash + 60)].split()[:2]))
        else:
            cut = bool(after) and after not in _FIELD_SEPARATORS
        if cut:
            _cut_after(text, finish, b, cuts)
    return anchors


def _cut_headers_off_bullets(text: str, a: int, b: int, anchors: list[int], cuts: set[int]) -> None:
    """A bullet without a full stop ran into the next entry's header ("• Added tests and CI pipelines Web Developer
    Intern | Summer 2020"): the header is the capitalised run before the date that reads as a title or employer."""
    lines = _sublines(a, b, cuts)
    lows = [lo for lo, _ in lines]
    for begin in anchors:
        at = _subline_at(lines, lows, begin)
        if at is None:
            continue
        lo, end = lines[at][0], begin
        if not text[lo:begin].strip() and at > 0:  # the date stands alone: the header is on the line above
            lo, end = lines[at - 1]
        before = text[lo:end]
        if not _BULLET_START.match(before):
            continue
        tokens = list(re.finditer(r"\S+", before))
        n = len(tokens)
        while n > 1 and (tokens[n - 1].group(0)[:1].isupper() or tokens[n - 1].group(0) in _HEADER_JOINERS):
            n -= 1
        run = tokens[n:]
        while run and run[0].group(0) in _HEADER_JOINERS:
            run.pop(0)
        if not run or len(run) > 8 or len(tokens) - len(run) < 3:
            continue
        words = " ".join(t.group(0) for t in run).strip(" |,–—-")
        if title_strength(words) or company_strength(words) >= 2:
            run = _without_leading_technology(run)
            _cut_before(text, lo + run[0].start(), lo, cuts)


def _cut_glued_headers(text: str, a: int, b: int, anchors: list[int], cuts: set[int]) -> None:
    """Title and employer that stood on two lines, now side by side in the header lines around a date."""
    lines = _sublines(a, b, cuts)
    lows = [lo for lo, _ in lines]
    near: set[tuple[int, int]] = set()
    for begin in anchors:
        at = _subline_at(lines, lows, begin)
        if at is not None:
            near.update(lines[max(0, at - 1) : at + 2])
    for lo, hi in sorted(near):
        line = text[lo:hi].strip()
        if not line or _BULLET_START.match(line) or line.endswith(".") or len(line.split()) > 12:
            continue
        for piece in re.finditer(r"[^|,–—\t]+", text[lo:hi]):
            split = glued_header_split(piece.group(0))
            if split is not None:
                _cut_before(text, lo + piece.start() + split, lo, cuts)


def _without_leading_technology(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """The bullet ended with a technology and the title follows it ("... on Google Cloud Machine Learning Engineer").
    A title that needs its technology ("Java Developer") keeps it: what remains must be two words reading as a title."""
    words = " ".join(t.group(0) for t in run)
    first = next(iter(find_mentions(words)), None)
    if first is None or first.start != 0 or first.category not in TECH_CATEGORIES:
        return run
    offset = run[0].start()
    rest = [t for t in run if t.start() - offset >= first.end]
    rest_words = " ".join(t.group(0) for t in rest)
    return rest if len(rest) >= 2 and title_strength(rest_words) else run


def _cut_bullets(text: str, a: int, b: int, cuts: set[int]) -> None:
    """Bullet glyphs always start a line; "- " and "* " do after a sentence or before an action verb."""
    for match in _BULLET_GLYPH.finditer(text, a, b):
        _cut_before(text, match.start(), a, cuts)
    for match in _DASH_BULLET.finditer(text, a, b):
        if _char_before(text, match.start(), a) in ".!?;:" or _bullet_verb(" ".join(match.group(1).split())):
            _cut_before(text, match.start(), a, cuts)


def _cut_sentences(text: str, a: int, b: int, cuts: set[int]) -> None:
    """A sentence ends its line (not after an abbreviation, an initial or a dotted degree such as "B.S.")."""
    for match in _SENTENCE_END.finditer(text, a, b):
        core = match.group(1).strip("\"'“”‘’(),")
        if match.group(2) == ".":
            letters = core.replace("-", "")
            if "." in core or not core or core.lower() in _ABBREVIATIONS or (letters.isalpha() and len(letters) < 2):
                continue
        _cut_after(text, match.end(), b, cuts)


def _cut_region_tails(text: str, a: int, b: int, cuts: set[int]) -> None:
    """A place after a comma ends an entry header ("Pied Piper, Palo Alto, CA Pied Piper is ...")."""
    for match in _REGION_TAIL.finditer(text, a, b):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            region = " ".join(words[:n])
            if is_region(region):
                _cut_after(text, match.start(1) + len(region), b, cuts)
                break


def _cut_degrees(text: str, a: int, b: int, cuts: set[int], ordered: list[int] | None = None) -> None:
    """In an education section, a degree written after its school on one line starts a line of its own."""
    for lo, hi in _sublines(a, b, cuts, ordered):
        level, match = degree_level(text[lo:hi])
        if match is not None and match.start() > 0 and names_institution(text[lo : lo + match.start()]):
            _cut_before(text, lo + match.start(), lo, cuts)


def _cut_name(text: str, a: int, b: int, cuts: set[int]) -> None:
    """The name that opens a flattened resume, set apart from the title or address run into it."""
    lines = _sublines(a, b, cuts)
    first = next(((lo, hi) for lo, hi in lines if text[lo:hi].strip()), None)
    if first is None or looks_like_name(text[first[0] : first[1]].strip()):
        return
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[first[0] : first[1]])]
    tokens = [(first[0] + s, first[0] + e) for s, e in tokens]
    i = 0
    while i < len(tokens) and re.fullmatch(r"(?i)resume|résumé|curriculum|vitae|cv|[-–—|:]", text[slice(*tokens[i])]):
        i += 1
    run = i
    while run < len(tokens) and run - i < 5 and is_name_word(text[slice(*tokens[run])]):
        run += 1
    count = run - i
    if count < 2:
        return
    following = text[slice(*tokens[run])] if run < len(tokens) else ""
    # Most names have two words; a third counts when nothing capitalised follows it ("Mary Ann Smith, Denver").
    take = 2 if count >= 4 or (count == 3 and following[:1].isupper() and following[:1].isalpha()) else count
    if not looks_like_name(text[tokens[i][0] : tokens[i + take - 1][1]]):
        return
    if i > 0:
        _cut_before(text, tokens[i][0], a, cuts)
    _cut_after(text, tokens[i + take - 1][1], b, cuts)
