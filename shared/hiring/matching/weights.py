"""Weight profiles by role level, per-tenant overrides, hard-filter settings; every profile carries a version."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

COMPONENTS = (
    "required_skills",
    "preferred_skills",
    "experience",
    "education",
    "location",
    "salary",
    "semantic",
    "title",
    "recency",
)
LEVELS = ("entry", "mid", "senior")
DEFAULT_VERSION = "default-v1"


def role_level(seniority: str | None) -> str:
    """The weight profile a job's seniority uses: lead and executive roles weigh like senior ones."""
    if seniority in {"senior", "lead", "executive"}:
        return "senior"
    return "entry" if seniority == "entry" else "mid"


@dataclass(frozen=True)
class FilterConfig:
    """Hard filters applied before scoring; each can be switched off or loosened."""

    salary_enabled: bool = True
    salary_shortfall: float = 0.25  # exclude when the job's top pay is this share or more below the expectation
    location_enabled: bool = True  # exclude on-site/hybrid jobs abroad (no relocation) or for remote-only people
    experience_enabled: bool = True
    experience_below_years: float = 4.0  # exclude when the candidate is this many years or more short of the minimum
    experience_above_years: float = 15.0  # exclude when this many years or more above the stated maximum


@dataclass(frozen=True)
class WeightProfile:
    """Weights per component (any positive scale) and skill-evidence credits in thousandths of one skill."""

    version: str
    level: str
    weights: dict[str, float]
    base_credit: int = 600  # the skill is listed anywhere
    experience_credit: int = 250  # shown in a job
    project_credit: int = 200  # shown in a project
    recent_credit: int = 150  # used in the last two years
    filters: FilterConfig = field(default_factory=FilterConfig)

    def weight(self, component: str) -> float:
        return float(self.weights.get(component, 0.0))


_DEFAULTS: dict[str, WeightProfile] = {
    # Entry roles: projects count as much as jobs, education weighs more, experience less.
    "entry": WeightProfile(
        DEFAULT_VERSION, "entry",
        {"required_skills": 25, "preferred_skills": 8, "experience": 6, "education": 14, "location": 10,
         "salary": 6, "semantic": 17, "title": 8, "recency": 6},
        project_credit=250,
    ),
    "mid": WeightProfile(
        DEFAULT_VERSION, "mid",
        {"required_skills": 30, "preferred_skills": 8, "experience": 12, "education": 7, "location": 10,
         "salary": 7, "semantic": 13, "title": 8, "recency": 5},
    ),
    # Senior roles: experience weighs most after skills; a project alone is weaker evidence than a job.
    "senior": WeightProfile(
        DEFAULT_VERSION, "senior",
        {"required_skills": 28, "preferred_skills": 7, "experience": 20, "education": 3, "location": 10,
         "salary": 8, "semantic": 11, "title": 9, "recency": 4},
        project_credit=100,
    ),
}  # fmt: skip


def default_profile(level: str) -> WeightProfile:
    """The built-in profile for a role level."""
    return _DEFAULTS[level if level in _DEFAULTS else "mid"]


class FilterSettings(BaseModel):
    """A tenant's hard-filter overrides (omitted fields keep the default)."""

    model_config = ConfigDict(extra="forbid")

    salary_enabled: bool | None = None
    salary_shortfall: float | None = Field(default=None, gt=0, le=1)
    location_enabled: bool | None = None
    experience_enabled: bool | None = None
    experience_below_years: float | None = Field(default=None, gt=0, le=40)
    experience_above_years: float | None = Field(default=None, gt=0, le=60)


class WeightSettings(BaseModel):
    """A tenant's profile for one level: weights for some or all components, credits, filters."""

    model_config = ConfigDict(extra="forbid")

    level: str = Field(pattern="^(entry|mid|senior)$")
    weights: dict[str, float] = Field(default_factory=dict)
    base_credit: int | None = Field(default=None, ge=0, le=1000)
    experience_credit: int | None = Field(default=None, ge=0, le=1000)
    project_credit: int | None = Field(default=None, ge=0, le=1000)
    recent_credit: int | None = Field(default=None, ge=0, le=1000)
    filters: FilterSettings = Field(default_factory=FilterSettings)

    @field_validator("weights")
    @classmethod
    def _known_non_negative(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(COMPONENTS))
        if unknown:
            raise ValueError(f"unknown components {unknown}; known: {list(COMPONENTS)}")
        if any(w < 0 or w > 1000 for w in value.values()):
            raise ValueError("weights must be between 0 and 1000")
        return value


def apply_settings(settings: WeightSettings | dict[str, Any], version: str) -> WeightProfile:
    """The default profile for the level with a tenant's overrides on top, under the given version."""
    parsed = settings if isinstance(settings, WeightSettings) else WeightSettings.model_validate(settings)
    base = default_profile(parsed.level)
    weights = {**base.weights, **parsed.weights}
    if sum(weights.values()) <= 0:
        raise ValueError("at least one weight must be positive")
    credits = {
        k: getattr(parsed, k)
        for k in ("base_credit", "experience_credit", "project_credit", "recent_credit")
        if getattr(parsed, k) is not None
    }
    profile = replace(base, version=version, weights=weights, **credits)
    if profile.base_credit + max(profile.experience_credit, profile.project_credit) + profile.recent_credit > 1000:
        raise ValueError("base + evidence + recency credits may not exceed 1000 (one whole skill)")
    overrides = {k: v for k, v in parsed.filters.model_dump().items() if v is not None}
    return replace(profile, filters=replace(base.filters, **overrides))
