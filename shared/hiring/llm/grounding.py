"""Check a model's output against the resume text: whatever the text does not contain is dropped and logged."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from hiring.llm.ports import Hallucination
from hiring.llm.schema import LlmEducation, LlmExperience, LlmProject, LlmResume
from hiring.observability import logger

_NOT_WORD = re.compile(r"[^\w+#]+")  # '+' and '#' stay: C++ and C# are not C
_PHONE_RUN = re.compile(r"\+?\d[\d\s().\-/]{5,}\d")
_MAX_JOIN = 3  # "Node.js" vs "NodeJS", "Micro-\nsoft" vs "Microsoft": compare up to 3 tokens run together
_PROSE_COVERAGE = 0.8  # share of a summary's words that must come from the text


def normalise(text: str) -> str:
    """Lower case, Unicode-compatible forms, punctuation and whitespace runs to one space."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("_", " ")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@dataclass(frozen=True)
class SkillMention:
    """A canonical skill found in some text, with its span when the extractor gives one."""

    canonical: str
    category: str | None = None
    start: int | None = None
    end: int | None = None
    needs_context: bool = False  # the surface is also an ordinary word ("Go", "Rust"): only context decides


class SkillVocabulary(Protocol):
    """Finds canonical skills (aliases resolved) in text; the skills extractor behind a small port."""

    def find(self, text: str) -> list[SkillMention]: ...


@dataclass(frozen=True)
class GroundedSkill:
    """A model-named skill the text supports: its canonical name and where it appears."""

    name: str
    category: str | None
    start: int | None
    end: int | None


@dataclass
class Grounded:
    """The model's output with unsupported values removed, the values removed, and the verified skills."""

    resume: LlmResume
    hallucinations: list[Hallucination] = field(default_factory=list)
    skills: list[GroundedSkill] = field(default_factory=list)


class SourceText:
    """The resume text prepared for containment checks."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.lower = unicodedata.normalize("NFKC", text).lower()
        self.tokens = normalise(text).split()
        self.spaced = f" {' '.join(self.tokens)} "

    @cached_property
    def _joined(self) -> frozenset[str]:
        runs = set()
        for width in range(1, _MAX_JOIN + 1):
            for i in range(len(self.tokens) - width + 1):
                runs.add("".join(self.tokens[i : i + width]))
        return frozenset(runs)

    @cached_property
    def _phone_digits(self) -> list[str]:
        return [re.sub(r"\D", "", run) for run in _PHONE_RUN.findall(self.raw)]

    @cached_property
    def _months(self) -> frozenset[str]:
        # Read with the rule-based parser's own date grammar, so both paths agree on what a date is.
        from hiring.resume.dates import find_ranges

        found: set[str] = set()
        for span in find_ranges(self.raw):
            found.update(m.iso() for m in (span.start, span.end) if m is not None and m.exact)
        return frozenset(found)

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(self.tokens)

    def contains(self, value: str) -> bool:
        """Whether the value appears as whole words, ignoring case, punctuation and spacing."""
        needle = normalise(value)
        if not needle:
            return False
        if f" {needle} " in self.spaced:
            return True
        return needle.replace(" ", "") in self._joined

    def contains_email(self, value: str) -> bool:
        email = value.strip().lower()
        return bool(email) and (email in self.lower or email in "".join(self.lower.split()))

    def contains_phone(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        if len(digits) < 7:
            return False
        # A model may add a country code the text leaves out, so either may contain the other.
        return any(digits in run or (len(run) >= 7 and run in digits) for run in self._phone_digits)

    def contains_url(self, value: str) -> bool:
        bare = re.sub(r"^[a-z]+://(www\.)?", "", value.strip().lower()).rstrip("/")
        return bool(bare) and bare in self.lower

    def contains_month(self, value: str) -> bool:
        """Whether the text writes this YYYY-MM month; a month the model added to a bare year does not count."""
        return value in self._months

    def covers_prose(self, value: str) -> bool:
        """Whether most words of a paraphrase (a summary) come from the text."""
        words = normalise(value).split()
        if not words:
            return False
        found = sum(1 for word in words if word in self._words)
        return found / len(words) >= _PROSE_COVERAGE

    def locate(self, value: str) -> tuple[int, int] | None:
        """Character offsets of the value's first whole-word occurrence in the raw text, if it appears literally."""
        tokens = normalise(value).split()
        if not tokens:
            return None
        pattern = r"(?<![\w+#])" + r"[^\w+#]+".join(re.escape(token) for token in tokens) + r"(?![\w+#])"
        match = re.search(pattern, self.raw, re.IGNORECASE)
        return (match.start(), match.end()) if match else None


class _Checker:
    """Collects what it drops, so the caller can log and count it."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.dropped: list[Hallucination] = []

    def keep(self, field_name: str, value: str | None, check: Callable[[str], bool] | None = None) -> str | None:
        if value is None:
            return None
        if (check or self.source.contains)(value):
            return value
        self.dropped.append(Hallucination(field=field_name, value=value[:200]))
        return None

    def keep_all(self, field_name: str, values: list[str]) -> list[str]:
        return [value for value in values if self.keep(field_name, value) is not None]


def ground(output: LlmResume, text: str, vocabulary: SkillVocabulary | None = None) -> Grounded:
    """Drop every value the text does not support; log each one as a hallucination."""
    source = SourceText(text)
    checker = _Checker(source)
    in_text = {m.canonical.lower(): m for m in vocabulary.find(text)} if vocabulary else {}
    lookups: dict[str, list[SkillMention]] = {}

    def lookup(name: str) -> list[SkillMention]:
        if name not in lookups:
            lookups[name] = _lookup(vocabulary, name)
        return lookups[name]

    def skill_supported(name: str) -> bool:
        known = lookup(name)
        if any(m.canonical.lower() in in_text for m in known):
            return True  # the extractor reads this skill (or an alias of it) in the text
        if known and all(m.needs_context for m in known):
            return False  # "Go" in "go to market" is not the language: the extractor's reading is the test
        return source.contains(name)

    grounded_resume = LlmResume(
        name=checker.keep("name", output.name),
        email=checker.keep("email", output.email, source.contains_email),
        phone=checker.keep("phone", output.phone, source.contains_phone),
        location=checker.keep("location", output.location),
        summary=checker.keep("summary", output.summary, source.covers_prose),
        experience=[job for job in (_ground_job(checker, job) for job in output.experience) if job],
        education=[school for school in (_ground_school(checker, s) for s in output.education) if school],
        projects=[p for p in (_ground_project(checker, p, skill_supported) for p in output.projects) if p],
        certifications=checker.keep_all("certifications", output.certifications),
        languages=checker.keep_all("languages", output.languages),
        skills=[s for s in output.skills if checker.keep("skills", s, skill_supported) is not None],
    )
    skills = _resolve_skills(grounded_resume.skills, source, lookup, in_text)
    for dropped in checker.dropped:
        logger.warning("llm hallucination dropped", extra={"field": dropped.field, "value": dropped.value})
    return Grounded(resume=grounded_resume, hallucinations=checker.dropped, skills=skills)


def _lookup(vocabulary: SkillVocabulary | None, name: str) -> list[SkillMention]:
    """What the vocabulary makes of a skill name on its own."""
    # Read as a skills-list item, so ambiguous names ("Go", "R") resolve as in a resume's skills section.
    return vocabulary.find(f"Skills: {name}") if vocabulary else []


def _anchored(
    checker: _Checker, kind: str, anchor: tuple[str, str | None], second: tuple[str, str | None]
) -> tuple[bool, str | None]:
    """Whether an entry stands, and its checked second field (title, degree)."""
    # An anchor (company, school) the text lacks means the whole entry is invented, not just that field;
    # without an anchor the second field must hold on its own.
    (anchor_name, anchor_value), (second_name, second_value) = anchor, second
    if anchor_value is not None and checker.keep(f"{kind}.{anchor_name}", anchor_value) is None:
        return False, None
    kept = checker.keep(f"{kind}.{second_name}", second_value)
    return anchor_value is not None or kept is not None, kept


def _ground_job(checker: _Checker, job: LlmExperience) -> LlmExperience | None:
    stands, title = _anchored(checker, "experience", ("company", job.company), ("title", job.title))
    if not stands:
        return None
    return job.model_copy(
        update={
            "title": title,
            "location": checker.keep("experience.location", job.location),
            "description": job.description if checker.source.covers_prose(job.description) else "",
            **_dates(checker, "experience", job.start, job.end),
        }
    )


def _ground_school(checker: _Checker, school: LlmEducation) -> LlmEducation | None:
    stands, degree = _anchored(checker, "education", ("institution", school.institution), ("degree", school.degree))
    if not stands:
        return None
    return school.model_copy(
        update={
            "degree": degree,
            "field": checker.keep("education.field", school.field),
            **_dates(checker, "education", school.start, school.end),
        }
    )


def _dates(checker: _Checker, kind: str, start: str | None, end: str | None) -> dict[str, str | None]:
    month = checker.source.contains_month
    return {"start": checker.keep(f"{kind}.start", start, month), "end": checker.keep(f"{kind}.end", end, month)}


def _ground_project(
    checker: _Checker, project: LlmProject, skill_supported: Callable[[str], bool]
) -> LlmProject | None:
    if project.title is None or checker.keep("projects.title", project.title) is None:
        return None
    technologies = [t for t in project.technologies if checker.keep("projects.technologies", t, skill_supported)]
    description = project.description if checker.source.covers_prose(project.description) else ""
    url = checker.keep("projects.url", project.url, checker.source.contains_url)
    return project.model_copy(update={"technologies": technologies, "description": description, "url": url})


def _resolve_skills(
    names: list[str],
    source: SourceText,
    lookup: Callable[[str], list[SkillMention]],
    in_text: dict[str, SkillMention],
) -> list[GroundedSkill]:
    """Canonical names (when the vocabulary knows the skill) and a span in the text for each verified skill."""
    resolved: dict[str, GroundedSkill] = {}
    for name in names:
        canonical = next((m for m in lookup(name) if m.canonical.lower() in in_text), None)
        mention = in_text[canonical.canonical.lower()] if canonical else None
        label = mention.canonical if mention else name
        span = source.locate(name)
        if span is None and mention is not None and mention.start is not None and mention.end is not None:
            span = (mention.start, mention.end)
        key = label.lower()
        if key not in resolved:
            resolved[key] = GroundedSkill(
                name=label,
                category=mention.category if mention else None,
                start=span[0] if span else None,
                end=span[1] if span else None,
            )
    return list(resolved.values())
