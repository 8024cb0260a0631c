"""What the model must return: a tolerant pydantic schema for the resume extraction prompt."""

# Kept apart from hiring.resume.model on purpose: this is the contract shown to the model (its JSON schema goes
# into the versioned prompt), so it holds only what the model may extract, without months, evidence or confidences.

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from hiring.resume.model import EducationLevel

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ONGOING = frozenset({"present", "current", "now", "ongoing", "today"})
_LEVELS: dict[str, EducationLevel] = {
    "high school": "high_school",
    "high_school": "high_school",
    "secondary": "high_school",
    "associate": "associate",
    "associates": "associate",
    "bachelor": "bachelor",
    "bachelors": "bachelor",
    "undergraduate": "bachelor",
    "master": "master",
    "masters": "master",
    "doctorate": "doctorate",
    "doctoral": "doctorate",
    "phd": "doctorate",
}


def _year_month(value: Any) -> str | None:
    """YYYY-MM or None: a date the model could not give to the month is dropped, not invented."""
    if not isinstance(value, str):
        return None
    match = _YEAR_MONTH.match(value.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return value.strip()


def _optional_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _text_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return value  # anything else fails validation as a list


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1"}  # bool("false") would be True
    return bool(value)


def _entries(value: Any) -> Any:
    return [] if value is None else value


# Models answer null, "", " Acme " and a lone string for a list; these types read all of them the same way.
Text = Annotated[str | None, BeforeValidator(_optional_text)]
Prose = Annotated[str, BeforeValidator(lambda value: _optional_text(value) or "")]
YearMonth = Annotated[str | None, BeforeValidator(_year_month)]
TextList = Annotated[list[str], BeforeValidator(_text_list)]


class _Output(BaseModel):
    # Extra keys from a chatty model are ignored rather than failing the whole call.
    model_config = ConfigDict(extra="ignore")


class LlmExperience(_Output):
    """One job as the model reads it."""

    company: Text = None
    title: Text = None
    location: Text = None
    start: YearMonth = None
    end: YearMonth = None
    current: Annotated[bool, BeforeValidator(_flag)] = False
    description: Prose = ""

    @model_validator(mode="before")
    @classmethod
    def _present_means_current(cls, data: Any) -> Any:
        # "end": "Present" is how models most often say current.
        if isinstance(data, dict) and isinstance(data.get("end"), str) and data["end"].strip().lower() in _ONGOING:
            return {**data, "end": None, "current": True}
        return data


class LlmEducation(_Output):
    """One degree or school as the model reads it."""

    degree: Text = None
    level: EducationLevel | None = None
    field: Text = None
    institution: Text = None
    start: YearMonth = None
    end: YearMonth = None
    gpa: float | None = None

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> EducationLevel | None:
        if not isinstance(value, str):
            return None
        key = re.sub(r"[^a-z_ ]", "", value.lower()).strip()
        return _LEVELS.get(key) or _LEVELS.get(key.split(" ")[0] if key else "")

    @field_validator("gpa", mode="before")
    @classmethod
    def _gpa(cls, value: Any) -> float | None:
        try:
            gpa = float(value)
        except (TypeError, ValueError):
            return None
        return gpa if 0 <= gpa <= 100 else None


class LlmProject(_Output):
    """One project as the model reads it."""

    title: Text = None
    technologies: TextList = Field(default_factory=list)
    description: Prose = ""
    url: Text = None


class LlmResume(_Output):
    """The resume fields the extraction prompt asks for; every string must come from the resume text."""

    name: Text = None
    email: Text = None
    phone: Text = None
    location: Text = None
    summary: Text = None
    experience: Annotated[list[LlmExperience], BeforeValidator(_entries)] = Field(default_factory=list)
    education: Annotated[list[LlmEducation], BeforeValidator(_entries)] = Field(default_factory=list)
    projects: Annotated[list[LlmProject], BeforeValidator(_entries)] = Field(default_factory=list)
    certifications: TextList = Field(default_factory=list)
    languages: TextList = Field(default_factory=list)
    skills: TextList = Field(default_factory=list)
