"""The structured resume: the stable interface `hiring parse resume --json` prints and other tools import."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# certificate and diploma: post-secondary qualifications that are not degrees (Certificate III, HND, NVQ Diploma).
EducationLevel = Literal["high_school", "certificate", "diploma", "associate", "bachelor", "master", "doctorate"]
Seniority = Literal["entry", "mid", "senior"]
SectionName = Literal[
    "header",
    "summary",
    "experience",
    "education",
    "skills",
    "projects",
    "certifications",
    "languages",
    "awards",
    "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Links(_Model):
    """Profile links found in the resume."""

    linkedin: str | None = None
    github: str | None = None
    portfolio: str | None = None
    other: list[str] = Field(default_factory=list)


class Experience(_Model):
    """One job; dates are YYYY-MM strings, end is None when current or unknown."""

    company: str | None = None
    title: str | None = None
    location: str | None = None
    start: str | None = None
    end: str | None = None
    current: bool = False
    months: int | None = None
    description: str = ""


class Education(_Model):
    """One degree or school."""

    degree: str | None = None
    level: EducationLevel | None = None
    field: str | None = None
    institution: str | None = None
    start: str | None = None
    end: str | None = None
    gpa: float | None = None


class Project(_Model):
    """One project with the technologies it names."""

    title: str | None = None
    technologies: list[str] = Field(default_factory=list)
    description: str = ""
    url: str | None = None
    start: str | None = None
    end: str | None = None


class Evidence(_Model):
    """One place a skill appears: its section, the snippet, and character offsets into the extracted text."""

    section: str
    text: str
    start: int
    end: int


class Skill(_Model):
    """A canonical skill with every place it appears and the months of experience behind it."""

    name: str
    category: str | None = None
    months: int = 0
    evidence: list[Evidence] = Field(default_factory=list)


class Confidences(_Model):
    """Confidence (0-1) per field group."""

    contact: float = 0.0
    experience: float = 0.0
    education: float = 0.0
    skills: float = 0.0
    sections: float = 0.0


class ParsedResume(_Model):
    """The structured resume (JSON keys are the stable CLI/API interface)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: Links = Field(default_factory=Links)
    summary: str | None = None
    experience: list[Experience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    total_experience_months: int = 0
    seniority: Seniority = "entry"
    confidence: float = 0.0
    confidences: Confidences = Field(default_factory=Confidences)
    warnings: list[str] = Field(default_factory=list)
