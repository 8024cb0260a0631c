"""Prospect profiles as bots upload them (issue 14): each row validated alone, like scraped jobs (a bad row is
refused with its reason, the others kept), and the keys that make two profiles the same person within a run."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hiring.hygiene import FORBIDDEN_TEXT, forbidden_char_paths

Text = Annotated[str, Field(min_length=1, max_length=200)]
MAX_PROFILES = 1000


class Experience(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Text | None = None
    company: Text | None = None
    industry: Text | None = None
    start: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$", description="YYYY or YYYY-MM")
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    current: bool = False
    description: str | None = Field(default=None, max_length=5000)


class Education(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    institution: Text | None = None
    degree: Text | None = None
    field: Text | None = None
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")


class ProspectProfile(BaseModel):
    """One person as a bot found them; no protected attribute has a field here."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text
    headline: str | None = Field(default=None, max_length=300)
    location: Text | None = None
    experience: list[Experience] = Field(default_factory=list, max_length=50)
    education: list[Education] = Field(default_factory=list, max_length=20)
    skills: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(default_factory=list, max_length=200)
    profile_url: str = Field(max_length=500, pattern=r"^https?://[^\s/]+\.[^\s]+$")
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    github_login: str | None = Field(default=None, pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
    source: str = Field(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")


class ProfileUpload(BaseModel):
    """Profiles for one sourcing task; each row is validated alone by the upload that takes them."""

    model_config = ConfigDict(extra="forbid")

    profiles: list[dict[str, Any]] = Field(max_length=MAX_PROFILES)


class RefusedProfile(BaseModel):
    row: int  # 1-based
    reason: str


def validate_profiles(rows: list[Any]) -> tuple[list[ProspectProfile], list[RefusedProfile]]:
    """(profiles kept, rows refused with their reason): a NUL or control character, or a field that fails."""
    kept: list[ProspectProfile] = []
    refused: list[RefusedProfile] = []
    for index, row in enumerate(rows):
        paths = list(forbidden_char_paths(row, f"profiles.{index}"))
        if paths:
            refused.append(RefusedProfile(row=index + 1, reason=f"{', '.join(paths)} {FORBIDDEN_TEXT}"))
            continue
        try:
            kept.append(ProspectProfile.model_validate(row))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}"
                for e in exc.errors(include_url=False, include_input=False)
            )
            refused.append(RefusedProfile(row=index + 1, reason=problems[:500]))
    return kept, refused


def refused_evidence(rows: list[Any], refused: list[RefusedProfile]) -> list[dict[str, Any]]:
    """The refused rows as the rejection record keeps them: row, reason and the row's first characters."""
    return [
        {"row": r.row, "reason": r.reason, "raw": json.dumps(rows[r.row - 1], ensure_ascii=False, default=str)[:500]}
        for r in refused
    ]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def current_company(profile: ProspectProfile) -> str | None:
    """The company of the current job, else of the first listed (profiles list the latest first)."""
    for item in profile.experience:
        if item.current and item.company:
            return item.company
    return next((item.company for item in profile.experience if item.company), None)


def dedupe_keys(profile: ProspectProfile) -> list[str]:
    """url:, email: and person: (name + current company) keys; two profiles sharing any one are the same person."""
    url = profile.profile_url.lower().split("://", 1)[-1].removeprefix("www.").split("?", 1)[0].rstrip("/")
    keys = [f"url:{url}"]
    if profile.email:
        keys.append(f"email:{profile.email.lower()}")
    company = current_company(profile)
    if company:
        keys.append(f"person:{_norm(profile.name)}|{_norm(company)}")
    return keys
