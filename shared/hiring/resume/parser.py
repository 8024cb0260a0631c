"""The rule-based resume parser: text in reading order -> ParsedResume with evidence and confidence."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from hiring.resume import contact
from hiring.resume.dates import find_ranges, union_months
from hiring.resume.education import parse_education
from hiring.resume.entries import ProjectEntry, list_items, months_of, parse_languages, parse_projects
from hiring.resume.experience import Job, parse_experience
from hiring.resume.headers import field_label, reads_as_title
from hiring.resume.lines import lines_of
from hiring.resume.model import (
    Confidences,
    Education,
    Evidence,
    Experience,
    Links,
    ParsedResume,
    Project,
    Seniority,
    Skill,
)
from hiring.resume.resegment import resegment
from hiring.resume.sections import Section, entry_label, section_at, split_sections
from hiring.resume.skills import TECH_CATEGORIES, Mention, SkillLines, find_mentions

REVIEW_BELOW = 0.5  # overall confidence under this sends a resume to needs_review
_SENIOR_TITLE = re.compile(
    r"\b(?:senior|sr\.?|lead|principal|staff|director|head|vp|vice president|chief|cto|ceo|cio|architect|manager)\b",
    re.I,
)
_JUNIOR_TITLE = re.compile(r"\b(?:intern|internship|junior|jr\.?|trainee|graduate|apprentice|entry[- ]level)\b", re.I)
_SNIPPET = 60
_REPEATED = 2  # mentions that make a non-technical skill count wherever they are


def parse_resume_text(
    text: str, regions: tuple[int, ...] = (), today: date | None = None, prominent: tuple[str, ...] = ()
) -> ParsedResume:
    """Parse resume text (already in reading order) into the structured resume; `prominent` holds the lines a
    layout set in large type (ExtractedDocument.prominent), where a name is looked for first.

    Text that lost its line breaks is re-segmented first (see resegment.py); that replaces only whitespace, so
    every offset in the result (skill evidence) indexes the text as given, which is the text callers store.
    """
    today = today or date.today()
    source, text = text, resegment(text)
    sections = split_sections(text, regions, _opens_header)
    known = [s for s in sections if s.name not in ("header", "other")]
    warnings: list[str] = []
    if text is not source:
        warnings.append("the text had almost no line breaks; lines were restored at headings, bullets and dates")
    if not known:
        warnings.append("no section headings found; fields were looked for in the whole text")

    header = _header_text(text, sections)
    name = contact.find_name([*prominent, *_name_candidates(text, sections, regions)], large=len(prominent))
    linkedin, github, portfolio, others = contact.find_links(text)
    email = contact.find_email(header) or contact.find_email(text)
    phone = (
        contact.find_phone(header)
        or contact.find_phone(_contact_zone(text, sections))
        or contact.find_phone(_around(text, email))
        or contact.find_labelled_phone(text)
    )
    location = contact.find_location(header) or contact.find_location(_contact_zone(text, sections))

    jobs = [job for s in sections if s.name == "experience" for job in parse_experience(text, s.start, s.end)]
    if not jobs and not known:
        jobs = [j for j in parse_experience(text, 0, len(text)) if j.dates is not None and (j.title or j.company)]
    schools = [school for s in sections if s.name == "education" for school in parse_education(text, s.start, s.end)]
    project_entries = [p for s in sections if s.name == "projects" for p in parse_projects(text, s.start, s.end)]
    certifications = [i for s in sections if s.name == "certifications" for i in list_items(text, s.start, s.end)]
    languages = parse_languages(
        [i for s in sections if s.name == "languages" for i in list_items(text, s.start, s.end)]
    )
    summary_text = " ".join(
        " ".join(text[s.start : s.end].split()) for s in sections if s.name == "summary" and s.end > s.start
    )

    # Skills sections are read as lists whatever their heading; not where line breaks were restored by guess.
    lists = [(s.start, s.end) for s in sections if s.name == "skills"] if text is source else None
    mentions = find_mentions(text, lists)
    experience = [_experience(job, today) for job in jobs]
    for n, job in enumerate(jobs, start=1):
        if job.dates is None:
            warnings.append(f"experience entry {n} ({job.title or job.company}) has no dates")
    total = union_months([job.dates.interval(today) for job in jobs if job.dates is not None])
    skills = skills_with_evidence(text, sections, mentions, jobs, project_entries, today, source)
    projects = [_project(p, text, mentions) for p in project_entries]
    education = [
        Education(
            degree=s.degree, level=s.level, field=s.field, institution=s.institution, gpa=s.gpa,
            start=s.dates.start.iso() if s.dates and not s.dates.single else None,
            end=s.dates.end.iso() if s.dates and s.dates.end else None,
        )
        for s in schools
    ]  # fmt: skip
    if name is None:
        warnings.append("no name found")
    if email is None:
        warnings.append("no email address found")
    if not skills:
        warnings.append("no skills recognised")

    parsed = ParsedResume(
        name=name,
        email=email,
        phone=phone,
        location=location,
        links=Links(linkedin=linkedin, github=github, portfolio=portfolio, other=others),
        summary=summary_text or None,
        experience=experience,
        education=education,
        projects=projects,
        certifications=certifications,
        languages=languages,
        skills=skills,
        total_experience_months=total,
        seniority=infer_seniority(total, [e.title for e in experience]),
        warnings=warnings,
    )
    return score_confidence(parsed, has_experience_section=any(s.name == "experience" for s in sections),
                            section_count=len({s.name for s in known}))  # fmt: skip


def _opens_header(lines: list[str]) -> bool:
    """Whether the first lines of a layout region are header material: a name or contact details.

    A region that opens in lower case continues a sentence the page broke ("planning routes" after "by re-"), and
    one with a date range among its first lines is an entry: neither is a header, whatever name-like employer
    it holds."""
    if not lines or lines[0].strip()[:1].islower():
        return False
    if any(find_ranges(line) for line in lines):
        return False  # "NYU Langone Health / New York, NY / May 2007 – February 2012": an entry the page broke before
    if reads_as_title(lines[0].strip()):
        return False  # "Shift Supervisor" opening a page: an entry's title the page broke from its dates, no name
    return any(contact.looks_like_name(line.strip()) or contact.EMAIL_RE.search(line) for line in lines)


def _header_text(text: str, sections: list[Section]) -> str:
    """The header sections (and any contact section), where contact details are expected."""
    zones = [text[s.start : s.end] for s in sections if s.name == "header" or "contact" in s.heading.lower()]
    return "\n".join(zones) if any(z.strip() for z in zones) else text[: min(len(text), 400)]


def _contact_zone(text: str, sections: list[Section]) -> str:
    """Header plus any contact/personal-details section: where a phone number is expected."""
    zones = [text[s.start : s.end] for s in sections if s.name == "header" or "contact" in s.heading.lower()]
    zones += [text[s.start : s.end] for s in sections if "personal" in s.heading.lower()]
    return "\n".join(zones) or text[:600]


def _around(text: str, found: str | None) -> str:
    """The lines around where a contact detail was found, four before and three after (a sidebar's "About" block
    holds the address, the email and the phone together)."""
    at = contact.where(text, found)
    if at < 0:
        return ""
    line = text.count("\n", 0, at)
    return "\n".join(text.split("\n")[max(0, line - 4) : line + 4])


_PERSONAL = re.compile(r"\bpersonal\s+(?:information|details|data|profile)\b|\bcontact\b", re.I)


def _name_candidates(text: str, sections: list[Section], regions: tuple[int, ...]) -> list[str]:
    """Lines where a name may stand: the header first, then the top of each layout region."""
    candidates: list[str] = []
    for section in sections:
        if section.name == "header":
            candidates += [ln.text for ln in lines_of(text, section.start, section.end) if not ln.blank][:8]
    for section in sections:
        if _PERSONAL.search(section.heading):  # European CVs: the name opens "Personal information / details"
            rows = [ln.text for ln in lines_of(text, section.start, section.end) if not ln.blank][:3]
            # "Name / Surname | Olivia Thompson": a labelled row's value, not its label
            candidates += [
                value if sep and field_label(label) == "name" else row
                for row in rows
                for label, sep, value in [row.partition(" | ")]
            ]
    for start in regions:
        candidates += [ln.text for ln in lines_of(text, start, min(len(text), start + 300)) if not ln.blank][:3]
    if not candidates:
        candidates = [ln.text for ln in lines_of(text, 0, min(len(text), 300)) if not ln.blank][:3]
    return candidates


def _experience(job: Job, today: date) -> Experience:
    dates = job.dates
    return Experience(
        company=job.company,
        title=job.title,
        location=job.location,
        start=dates.start.iso() if dates else None,
        end=dates.end.iso() if dates and dates.end else None,
        current=bool(dates and dates.current),
        months=months_of(dates, today),
        description=job.description,
    )


def _project(entry: ProjectEntry, text: str, mentions: list[Mention]) -> Project:
    inside = [m.canonical for m in mentions if entry.span[0] <= m.start < entry.span[1]]
    technologies = list(dict.fromkeys(inside + entry.named_technologies))
    dates = entry.dates
    return Project(
        title=entry.title,
        technologies=technologies,
        description=entry.description,
        url=entry.url,
        start=dates.start.iso() if dates else None,
        end=dates.end.iso() if dates and dates.end else None,
    )


def _on_entry_label(lines: SkillLines, offset: int, labelled: dict[tuple[int, int], bool]) -> bool:
    line = lines.line_of(offset)
    if line not in labelled:
        labelled[line] = entry_label(lines.text[line[0] : line[1]])
    return labelled[line]


class _SectionIndex:
    """section_at by bisection: sections come in text order without overlapping, so the one holding an offset is
    the last that starts at or before it (checked, so any other shape falls back to the scan)."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.filled = [s for s in sections if s.end > s.start]
        self.starts = [s.start for s in self.filled]
        self.ordered = all(a.end <= b.start for a, b in zip(self.filled, self.filled[1:], strict=False))

    def at(self, position: int) -> str:
        if not self.ordered:
            return section_at(self.sections, position)
        k = bisect_right(self.starts, position) - 1
        if k >= 0 and position < self.filled[k].end:
            return self.filled[k].name
        return "header"


def skills_with_evidence(
    text: str,
    sections: list[Section],
    mentions: list[Mention],
    jobs: list[Job],
    projects: list[ProjectEntry],
    today: date,
    source: str | None = None,
) -> list[Skill]:
    """One skill per canonical name with all its evidence and the months of the jobs and projects naming it.

    `source` is the text as stored when `text` is its re-segmented copy (same length): snippets are cut at the
    restored line breaks but quote the stored text, so text[start:end] of the stored text lies in each snippet.
    """
    periods = [(job.span, job.dates) for job in jobs if job.dates is not None]
    periods += [(p.span, p.dates) for p in projects if p.dates is not None]
    employers = {job.company.lower() for job in jobs if job.company}
    lines = SkillLines(text, mentions)  # every per-mention question below is answered from this one index
    index = _SectionIndex(sections)
    labelled: dict[tuple[int, int], bool] = {}
    placed: list[tuple[Mention, str]] = []
    for mention in mentions:
        section = index.at(mention.start)
        if mention.text.lower() in employers and section == "experience":
            continue  # "Stripe" or "Dropbox" as an employer is not a skill
        if (
            not mention.known
            and section != "skills"
            and not mention.grouped
            and not _on_entry_label(lines, mention.start, labelled)
        ):
            continue  # a term the taxonomy does not know counts only where the candidate lists it as a skill:
            # a skills section, or a "Technologies: ..." line inside a job or project
        placed.append((mention, section))
    counted = _counted_skills(placed)
    by_name: dict[str, Skill] = {}
    intervals: dict[str, set[tuple[int, int]]] = {}
    # Mentions come in text order: a sweep keeps the periods open at each one, instead of asking every period.
    pending = sorted(((span, dates.interval(today)) for span, dates in periods), key=lambda p: p[0][0])
    cursor, open_periods = 0, list[tuple[tuple[int, int], tuple[int, int]]]()
    for mention, section in placed:
        if mention.canonical not in counted:
            continue
        skill = by_name.setdefault(mention.canonical, Skill(name=mention.canonical, category=mention.category))
        skill.evidence.append(
            Evidence(
                section=section,
                text=_snippet(lines, mention.start, mention.end, source),
                start=mention.start,
                end=mention.end,
            )
        )
        # A soft skill in a bare list that falls inside a job's span ("Personal Qualities" under an unknown heading)
        # says nothing about that job: it gets no months from it ("Customer service" was given 168 months).
        listed = mention.known and mention.category not in TECH_CATEGORIES and lines.listed(mention)
        while cursor < len(pending) and pending[cursor][0][0] <= mention.start:
            open_periods.append(pending[cursor])
            cursor += 1
        open_periods = [period for period in open_periods if mention.start < period[0][1]]
        if not listed:
            intervals.setdefault(mention.canonical, set()).update(interval for _, interval in open_periods)
    for name, skill in by_name.items():
        skill.months = union_months(sorted(intervals.get(name, ())))
    return sorted(by_name.values(), key=lambda s: (-s.months, -len(s.evidence), s.name))


def _counted_skills(placed: list[tuple[Mention, str]]) -> set[str]:
    """The skills the profile counts (each then keeps every mention as evidence).

    A technical name (language, framework, database, cloud, platform, tool, methodology) is specific: the extractor
    already asks ambiguous ones ("Go", "Spring") for technical context, so one mention anywhere is evidence. The
    other categories (domains, soft skills, ESCO skill phrases, spoken languages) are ordinary phrases that also
    name degrees ("B.A. in Political Science"), publications, employers' businesses and hobbies; mentioned once in
    such prose they say little about the candidate. They count when the candidate claims them: in a skills or
    languages list, in an experience or project description (what they did), in a certification, or when the
    resume mentions them at least twice (emphasis; also the only signal left when no section headings are found).
    """
    claimed = {"skills", "languages", "experience", "projects", "certifications"}
    counts: dict[str, int] = {}
    counted: set[str] = set()
    for mention, section in placed:
        counts[mention.canonical] = counts.get(mention.canonical, 0) + 1
        if mention.category in TECH_CATEGORIES or section in claimed or not mention.known or mention.grouped:
            counted.add(mention.canonical)
    return counted | {name for name, count in counts.items() if count >= _REPEATED}


def _snippet(lines: SkillLines, start: int, end: int, source: str | None = None) -> str:
    """The line around a mention, cut to a readable window (quoted from `source` when given)."""
    line_start, line_end = lines.line_of(start)[0], lines.line_of(end)[1]
    lo, hi = max(line_start, start - _SNIPPET), min(line_end, end + _SNIPPET)
    return (lines.text if source is None else source)[lo:hi].strip()


def infer_seniority(total_months: int, titles: list[str | None]) -> Seniority:
    """Entry, mid or senior from months of experience, nudged by the most recent title."""
    level: Seniority = "entry" if total_months < 24 else "mid" if total_months < 72 else "senior"
    latest = next((t for t in titles if t), "")
    if _JUNIOR_TITLE.search(latest):
        return "entry" if total_months < 36 else "mid"
    if _SENIOR_TITLE.search(latest) and total_months >= 36:
        return "senior"
    if _SENIOR_TITLE.search(latest) and level == "entry" and total_months >= 12:
        return "mid"
    return level


def score_confidence(parsed: ParsedResume, has_experience_section: bool, section_count: int) -> ParsedResume:
    """Confidence per field group and overall; the reasons for low values are in the warnings."""
    contact_score = 0.45 * bool(parsed.name) + 0.35 * bool(parsed.email) + 0.2 * bool(parsed.phone)
    sections = {0: 0.1, 1: 0.4, 2: 0.7}.get(section_count, 1.0)
    if parsed.experience:
        per_job = [0.4 * bool(e.start) + 0.3 * bool(e.title) + 0.3 * bool(e.company) for e in parsed.experience]
        experience = sum(per_job) / len(per_job)
    else:
        experience = 0.2 if has_experience_section else 0.4
    if parsed.education:
        per_school = [0.5 * bool(e.institution) + 0.5 * bool(e.degree) for e in parsed.education]
        education = sum(per_school) / len(per_school)
    else:
        education = 0.4
    skills = min(1.0, len(parsed.skills) / 5)
    overall = 0.3 * contact_score + 0.2 * sections + 0.25 * experience + 0.1 * education + 0.15 * skills
    if parsed.name is None:
        overall = min(overall, 0.45)
    if section_count == 0:
        overall = min(overall, 0.3)
    parsed.confidences = Confidences(
        contact=round(contact_score, 3), experience=round(experience, 3), education=round(education, 3),
        skills=round(skills, 3), sections=round(sections, 3),
    )  # fmt: skip
    parsed.confidence = round(overall, 3)
    return parsed


def review_reason(parsed: ParsedResume) -> str | None:
    """Why a parse needs a person to look at it, or None when it is confident enough."""
    if parsed.confidence >= REVIEW_BELOW:
        return None
    weak = [name for name, value in parsed.confidences.model_dump().items() if value < 0.5]
    details = "; ".join(parsed.warnings) or "few fields could be read"
    return f"low parse confidence {parsed.confidence:.2f} (weak: {', '.join(weak) or 'overall'}): {details}"
