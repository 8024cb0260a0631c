"""Request bodies validated by hand where a refusal must be recorded, not only answered."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from hiring.errors import InvalidInput

Model = TypeVar("Model", bound=BaseModel)
# (reason, raw body, per-field problems) -> None: stores the refusal (rejected_inputs) before the 422 goes out.
OnReject = Callable[[str, bytes, list[dict[str, str]]], None]


def validated_body(raw: bytes, model: type[Model], what: str, on_reject: OnReject) -> Model:
    """The body as `model`, or InvalidInput naming every problem, after `on_reject` has recorded it."""
    try:
        return model.model_validate(json.loads(raw))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        on_reject(f"the body is not valid JSON: {exc}", raw, [])
        raise InvalidInput(f"the body is not valid JSON: {exc}") from exc
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
            for e in exc.errors(include_url=False, include_input=False)
        ]
        on_reject(f"the {what} failed validation", raw, problems)
        raise InvalidInput(f"the {what} failed validation", problems=problems) from exc
