"""Who is calling, with no dependencies: every Lambda can import it whatever its layers hold."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CANDIDATE = "candidate"
    RECRUITER = "recruiter"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    """Who is calling: every query is scoped by tenant_id."""

    user_id: str
    tenant_id: str
    role: Role
    email: str
