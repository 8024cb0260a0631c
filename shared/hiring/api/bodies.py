"""Request bodies validated by hand where a refusal must be recorded, not only answered."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from hiring.errors import InvalidInput
from hiring.hygiene import InvalidText, TooDeep, loads_bounded, text_problems

Model = TypeVar("Model", bound=BaseModel)
# (reason, raw body, per-field problems) -> None: stores the refusal (rejected_inputs) before the 422 goes out.
OnReject = Callable[[str, bytes, list[dict[str, str]]], None]


def validated_body(
    raw: bytes, model: type[Model], what: str, on_reject: OnReject, rows_field: str | None = None
) -> Model:
    """The body as `model`, or InvalidInput naming every problem, after `on_reject` has recorded it.

    Text holding a NUL or control character is refused (InvalidText, code invalid_text) with its field paths,
    except under `rows_field`: rows there are refused one by one by the import that takes them.
    """
    try:
        document = loads_bounded(raw)
    except TooDeep as exc:
        on_reject(exc.message, raw, [])
        raise
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        on_reject(f"the body is not valid JSON: {exc}", raw, [])
        raise InvalidInput(f"the body is not valid JSON: {exc}") from exc
    checked = {k: v for k, v in document.items() if k != rows_field} if isinstance(document, dict) else document
    problems = text_problems(checked)
    if problems:
        fields = ", ".join(p["field"] for p in problems)
        on_reject(f"the {what} holds a NUL or control character in {fields}", raw, problems)
        raise InvalidText(f"the {what} holds text that is not allowed", problems=problems)
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
            for e in exc.errors(include_url=False, include_input=False)
        ]
        on_reject(f"the {what} failed validation", raw, problems)
        raise InvalidInput(f"the {what} failed validation", problems=problems) from exc
