"""Split resume text into sections by their headings, in any common wording and order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Heading wordings per section (lower case, "&" written as "and"). Matching is on the whole line.
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "professional summary", "career summary", "executive summary", "profile", "professional profile",
        "personal profile", "career profile", "objective", "career objective", "professional objective", "objectives",
        "about", "about me", "overview", "personal statement", "introduction", "summary of qualifications",
        "qualifications summary", "professional overview", "career overview", "bio", "synopsis",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "professional background", "relevant experience", "experience summary",
        "internships", "internship", "internship experience", "positions held", "work", "career",
        "industry experience", "professional history", "job history", "experiences", "work and experience",
        "professional employment", "employment experience", "experience details", "work profile",
        "organizational experience", "organisational experience", "military experience", "teaching experience",
        "research experience", "additional experience", "other experience", "volunteer experience",
        "career experience", "job experience", "employment highlights", "experience highlights",
        "highlights of employment", "employment record", "record of employment", "history of employment",
        "employment details", "work details", "positions", "academic positions", "professional positions",
        "appointments", "academic appointments", "previous employment", "prior employment",
    ),
    "education": (
        "education", "academic background", "academics", "educational background", "education and training",
        "academic qualifications", "academic qualification", "qualifications", "educational qualifications",
        "educational qualification", "academic profile", "education details", "academic details",
        "academic history", "educational details", "scholastic profile", "academic credentials", "studies",
        "education history", "training and education", "academic record",
    ),
    "skills": (
        "skills", "technical skills", "core competencies", "competencies", "key skills", "skills and expertise",
        "expertise", "technologies", "tools", "tech stack", "technology stack", "areas of expertise", "skill set",
        "skillset", "skills summary", "it skills", "computer skills", "technical proficiencies", "technical expertise",
        "core skills", "professional skills", "relevant skills", "key competencies", "technical competencies",
        "tools and technologies", "technologies and tools", "software", "software skills", "programming languages",
        "technical summary", "strengths", "core strengths", "specialties", "skills and abilities",
        "skills and tools", "technical knowledge", "additional skills", "soft skills", "hard skills", "abilities",
        # Europass CV headings
        "personal skills", "job-related skills", "digital skills", "digital competence", "digital competences",
        "competences", "personal skills and competences",
        "other skills", "organisational skills", "organizational skills", "communication skills",
    ),
    "projects": (
        "projects", "personal projects", "academic projects", "key projects", "selected projects", "side projects",
        "project experience", "project", "open source", "open source contributions", "notable projects",
        "project details", "major projects", "projects undertaken", "portfolio", "research projects",
    ),
    "certifications": (
        "certifications", "certification", "certificates", "licenses", "licenses and certifications",
        "certifications and licenses", "certifications and training", "training and certifications", "courses",
        "training", "trainings", "professional development", "accreditations", "professional certifications",
        "licences", "relevant courses", "coursework", "relevant coursework", "online courses",
    ),
    "languages": (
        "languages", "language skills", "spoken languages", "language proficiency", "language", "languages known",
        "linguistic skills",
    ),
    "awards": (
        "awards", "honors", "honours", "achievements", "accomplishments", "awards and honors", "honors and awards",
        "awards and achievements", "recognition", "awards and recognition", "key achievements", "scholarships",
    ),
    "other": (
        "publications", "volunteer", "volunteering", "volunteer work", "interests", "hobbies", "hobbies and interests",
        "interests and hobbies", "references", "activities", "extracurricular activities",
        "extra curricular activities",
        "leadership", "leadership experience", "affiliations", "memberships", "professional affiliations",
        "additional information", "personal details", "personal information", "personal data", "contact",
        "contact information", "contact details", "declaration", "conferences", "presentations", "patents",
        "personal interests", "community involvement", "misc", "miscellaneous", "other", "additional",
    ),
}  # fmt: skip

NATURAL_LANGUAGES = frozenset(
    """
    english spanish french german italian portuguese dutch russian chinese mandarin cantonese japanese korean hindi
    urdu bengali bangla punjabi tamil telugu kannada malayalam marathi gujarati arabic hebrew turkish persian farsi
    polish czech slovak hungarian romanian bulgarian greek swedish norwegian danish finnish icelandic ukrainian
    serbian croatian bosnian slovenian albanian lithuanian latvian estonian vietnamese thai indonesian malay
    filipino tagalog swahili amharic yoruba igbo hausa zulu afrikaans somali nepali sinhala khmer burmese lao
    mongolian kazakh uzbek georgian armenian azerbaijani catalan basque galician irish welsh latin esperanto sign
    asl
    """.split()  # noqa: SIM905
)

_LOOKUP: dict[str, str] = {phrase: name for name, phrases in HEADINGS.items() for phrase in phrases}
# Headings with their spaces removed, for lines a PDF extractor split into letters or fragments.
_SPACED: dict[str, str] = {phrase.replace(" ", ""): name for phrase, name in _LOOKUP.items() if len(phrase) > 4}
# Labels that describe one job or project ("Technologies: Java, Kafka", "Tools:" over a list): inside an entry
# they are part of it, not the start of a skills section.
_ENTRY_LABELS = frozenset(
    {
        "technologies", "technology", "tools", "tech stack", "technology stack", "stack", "environment",
        "tools and technologies", "technologies and tools", "technologies used", "tools used", "skills used",
        "software used", "tech used", "tools and environment", "platform", "platforms", "frameworks",
    }
)  # fmt: skip
_ENTRY_SECTIONS = frozenset({"experience", "projects"})
INLINE_SECTIONS = frozenset({"skills", "languages", "certifications", "summary", "objective"})
_STRIP = re.compile(r"^[\s•\-–—*#=_:|>]+|[\s:•\-–—*#=_|.]+$")


@dataclass(frozen=True)
class Section:
    """A section's kind, its heading as written, and the character span of its content."""

    name: str
    heading: str
    start: int
    end: int


def _normalise(line: str) -> str:
    text = _STRIP.sub("", line).lower().replace("&", " and ").replace("+", " and ")
    return re.sub(r"\s+", " ", text).strip()


def heading_kind(line: str) -> str | None:
    """The section a line heads, or None when it is not a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or stripped.endswith((".", ",", ";")) or re.search(r"\d", stripped):
        return None
    text = _normalise(stripped)
    if re.search(r"(?:^| )[a-z](?: |$)", text) and text.replace(" ", "") in _SPACED:
        return _SPACED[text.replace(" ", "")]  # letter-spaced: "E X P E R I E N C E", "Edu c ati on"
    if not text or len(text.split()) > 6:
        return None
    kind = _phrase_kind(text)
    if kind is not None:
        return kind
    parts = [p.strip() for p in re.split(r"\band\b|/|,|\|", text) if p.strip()]
    kinds = [_phrase_kind(p) for p in parts]
    if len(parts) > 1 and all(kinds):
        return kinds[0]
    return None


# Modifiers that leave a heading's kind as it is: "Previous Employment", "Career Experience", "Prior Projects".
_MODIFIERS = ("my ", "key ", "selected ", "relevant ", "other ", "prior ", "previous ", "past ", "recent ", "career ",
              "professional ")  # fmt: skip


def _phrase_kind(text: str) -> str | None:
    """The kind of a normalised heading phrase: as listed, after a modifier, or inverted ("History of Employment")."""
    if text in _LOOKUP:
        return _LOOKUP[text]
    for prefix in _MODIFIERS:
        if text.startswith(prefix) and text[len(prefix) :] in _LOOKUP:
            return _LOOKUP[text[len(prefix) :]]
    inverted = re.fullmatch(r"(\w+) of (.+)", text)
    if inverted is not None:
        return _LOOKUP.get(f"{inverted.group(2)} {inverted.group(1)}")
    return None


def _inline_heading(line: str) -> tuple[str, int] | None:
    """'Skills: Python, SQL' style: a heading word, a colon, then content on the same line."""
    match = re.match(r"^\s*([A-Za-z][A-Za-z &/]{2,40}?)\s*:\s*(\S.*)$", line)
    if not match:
        return None
    kind = heading_kind(match.group(1))
    if kind is None or kind not in INLINE_SECTIONS:
        return None
    return kind, match.start(2)


def _side_heading(line: str) -> tuple[str, int] | None:
    """'Work | Executive Assistant ...': a heading set in a label column beside its section's first line."""
    match = re.match(r"^\s*([^|]{2,40}?)\s+\|\s+(\S.*)$", line)
    if match is None:
        return None
    label = match.group(1)
    if not (label.strip().isupper() or label[:1].isupper()):
        return None  # a heading is capitalised
    kind = heading_kind(label)
    return (kind, match.start(2)) if kind is not None else None


def _skill_sublabel(kind: str, content: str) -> bool:
    """Inside a skills section, 'Languages: Python, Go' is a sub-list; 'Languages: English, French' is not. A
    group named like a minor section beside a list of short items ('Leadership | Nursing Leadership, Budget
    Management, Quality Improvement') is a sub-list too."""
    if kind == "skills":
        return True
    parts = [part.split() for part in content.split(",")]
    if kind == "other" and len(parts) >= 3 and all(1 <= len(p) <= 4 for p in parts) and not re.search(r"\d", content):
        return True
    first = re.split(r"[\s,(;:|/-]", content.strip().lower(), maxsplit=1)[0]
    return kind == "languages" and first not in NATURAL_LANGUAGES


def entry_label(line: str) -> bool:
    """'Technologies: Java, Kafka' (or 'Tools:' over a list) as written inside a job or project entry.

    'Languages:' counts when a programming language, not a spoken one, follows it on the line."""
    match = re.match(r"^\s*([A-Za-z][A-Za-z &/]{1,40}?)\s*:(.*)$", line)
    if not match:
        return False
    label = _normalise(match.group(1))
    if label in _ENTRY_LABELS:
        return True
    return (
        label in ("languages", "language")
        and bool(match.group(2).strip())
        and _skill_sublabel("languages", match.group(2))
    )


def split_sections(
    text: str, regions: tuple[int, ...] = (), opens_header: Callable[[list[str]], bool] | None = None
) -> list[Section]:
    """Sections in text order; text before the first heading is the 'header' section.

    A layout region (a column) that starts with header material (a name, contact details) rather than a heading
    starts a new 'header' section, so a sidebar's last section does not swallow the main column's name line.
    """
    sections: list[Section] = []
    current_name, current_heading, current_start = "header", "", 0
    offset = 0
    region_starts = {r for r in regions if r > 0}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        line_end = offset + len(line)
        in_entry = current_name in _ENTRY_SECTIONS and entry_label(line)
        kind = None if in_entry else heading_kind(_with_open_phrase(lines, index))
        content_start: int | None = line_end + 1 if kind else None
        if kind is None and not in_entry:
            inline = _inline_heading(line) or _side_heading(line)
            if inline is not None and not (current_name == "skills" and _skill_sublabel(inline[0], line[inline[1] :])):
                kind, content_start = inline[0], offset + inline[1]
        # A region that opens right under a heading (the column or page broke after it) continues that section.
        under_heading = current_heading and not text[current_start:offset].strip()
        starts_region = kind is None and offset in region_starts and current_name != "header" and not under_heading
        if (
            starts_region
            and opens_header is not None
            and opens_header([ln for ln in lines[index : index + 8] if ln.strip()][:3])  # lines a gap apart too
        ):
            sections.append(Section(current_name, current_heading, current_start, offset))
            current_name, current_heading, current_start = "header", "", offset
        if kind is not None and content_start is not None:
            sections.append(Section(current_name, current_heading, current_start, offset))
            current_name, current_heading, current_start = kind, line.strip(), min(content_start, len(text))
        offset = line_end + 1
    sections.append(Section(current_name, current_heading, current_start, len(text)))
    return [s for s in sections if s.end > s.start or s.name != "header"]


def _with_open_phrase(lines: list[str], index: int) -> str:
    """A lower-case line under one a label column left open is read with it: 'Personal skills and' over
    'competences' heads skills, 'providing education and' over 'training' heads nothing."""
    line = lines[index]
    if index and line.strip()[:1].islower() and re.search(r"\s(?:and|or|of|&)$", lines[index - 1].rstrip()):
        return f"{lines[index - 1].strip()} {line.strip()}"
    return line


def section_at(sections: list[Section], position: int) -> str:
    """The kind of section that holds a character offset."""
    for section in sections:
        if section.start <= position < section.end:
            return section.name
    return "header"
