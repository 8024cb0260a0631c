"""Which boards to scrape and how politely: a settings model read once at cold start, never at import."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Platform = Literal["greenhouse", "lever"]


class BoardSpec(BaseModel):
    """One company's public board: HIRING_BOARDS='[{"platform":"greenhouse","token":"acme","company":"Acme"}]'."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform: Platform
    # Goes into the URL path, so only the characters board tokens and Lever site names use.
    token: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
    company: str = Field(min_length=1, max_length=200)


class BoardSettings(BaseSettings):
    """The board scraper's knobs; environment variables use the HIRING_ prefix like the rest of the system."""

    model_config = SettingsConfigDict(env_prefix="HIRING_", extra="ignore")

    boards: list[BoardSpec] = Field(default_factory=list)
    boards_min_interval_s: float = Field(default=1.0, ge=0)  # between two requests to one host
    boards_timeout_s: float = Field(default=10.0, gt=0)
    boards_max_attempts: int = Field(default=3, ge=1, le=10)
    boards_backoff_base_s: float = Field(default=2.0, ge=0)
    boards_max_retry_after_s: float = Field(default=60.0, ge=0)
    boards_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    boards_user_agent: str = Field(
        default="hiring-intelligence-board-reader/0.1 (reads public job-board APIs; set a contact URL here)",
        min_length=8,
    )
    # Overridable for Lever's EU instance (https://api.eu.lever.co) and for tests against a local server.
    boards_greenhouse_base_url: str = "https://boards-api.greenhouse.io"
    boards_lever_base_url: str = "https://api.lever.co"

    @model_validator(mode="after")
    def _each_board_once(self) -> BoardSettings:
        seen: set[tuple[str, str]] = set()
        for spec in self.boards:
            key = (spec.platform, spec.token.lower())
            if key in seen:
                raise ValueError(f"HIRING_BOARDS lists {spec.platform}/{spec.token} twice")
            seen.add(key)
        return self


@lru_cache(maxsize=1)
def get_board_settings() -> BoardSettings:
    return BoardSettings()


def reset_board_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_board_settings.cache_clear()
