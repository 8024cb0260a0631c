"""Settings the functions read from their environment: variable names from the domain's settings models, and
deploy-time values from CDK context, validated at synth so a bad value fails the synth, not a cold start."""

from __future__ import annotations

import json
from typing import Any

from constructs import Construct
from pydantic_settings import BaseSettings

from hiring.boards.config import BoardSettings
from hiring.config import Settings

BOARDS_CONTEXT = "hiring:boards"  # `cdk deploy -c hiring:boards='[{"platform": ...}]'` or cdk.json context
DEFAULT_BOARDS = "[]"
# Lambda allows 4 KB for all of a function's variables together; the others take about 1 KB once resolved.
MAX_BOARDS_CHARS = 3000


def setting_env(field: str, model: type[BaseSettings] = Settings) -> str:
    """The environment variable that a settings model of the domain reads for one of its fields."""
    info = model.model_fields.get(field)
    if info is None:
        raise KeyError(f"{model.__name__} has no field {field!r}")
    if info.alias:
        return info.alias
    return f"{model.model_config.get('env_prefix', '')}{field}".upper()


def boards_environment(scope: Construct) -> dict[str, str]:
    """HIRING_BOARDS for the board scraper, from the `hiring:boards` context: a JSON list of boards."""
    raw: Any = scope.node.try_get_context(BOARDS_CONTEXT)
    if raw is None:
        raw = DEFAULT_BOARDS
    try:
        # The CLI passes -c values as strings; cdk.json may hold the list itself.
        boards = json.loads(raw) if isinstance(raw, str) else raw
        # model_validate checks the boards (and lists each once) without reading this machine's environment.
        settings = BoardSettings.model_validate({"boards": boards})
    except ValueError as error:  # bad JSON, or pydantic's ValidationError (a ValueError)
        raise ValueError(f"context {BOARDS_CONTEXT} is not a valid list of boards: {error}") from error
    value = json.dumps([board.model_dump() for board in settings.boards], separators=(",", ":"))
    if len(value) > MAX_BOARDS_CHARS:
        raise ValueError(
            f"context {BOARDS_CONTEXT} is {len(value)} characters as JSON; more than {MAX_BOARDS_CHARS} would not "
            "fit Lambda's 4 KB of environment variables"
        )
    return {setting_env("boards", BoardSettings): value}
