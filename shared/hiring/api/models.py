"""Shapes the whole API shares: the one error envelope every 4xx and 5xx answers with, and the table of error
answers create_app declares on every operation, so /openapi.json describes each failure a client can meet."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    code: str = Field(description="a stable, specific code: not_found, invalid_input, rate_limited ...")
    message: str = Field(description="what went wrong, for a person; never echoes the refused input")
    details: dict[str, Any] | None = Field(
        default=None,
        description="what the code needs to be acted on: the field at fault, problems [{field, in?, message}], "
        "retry_after_s ...",
    )
    detail: dict[str, Any] | None = Field(
        default=None, deprecated=True, description="deprecated alias of details (same value); read details"
    )


class ErrorEnvelope(BaseModel):
    """{"error": {"code", "message", "details"?}} - the body of every 4xx and 5xx answer."""

    model_config = ConfigDict(json_schema_extra={"example": {"error": {"code": "not_found", "message": "..."}}})

    error: ErrorBody


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """An error envelope as JSON-ready data; `details` goes out under both names while clients move off `detail`."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
        error["detail"] = details
    return {"error": error}


ERROR_ANSWERS: dict[int, str] = {
    400: "bad_request: the request cannot be read",
    401: "unauthenticated: no valid bearer token (or scraper API key), or a wrong email or password",
    403: "forbidden: the caller's role may not call this operation",
    404: "not_found: no such resource in the caller's tenant",
    409: "conflict: the resource already exists or is in a state that refuses this",
    413: "payload_too_large: the body passes this operation's limit",
    415: "unsupported_media: the upload is not a type this operation reads",
    422: "invalid_input, invalid_text, too_deep, weak_password ...: details.problems names each field at fault",
    429: "rate_limited: too many attempts; wait Retry-After seconds",
    500: "internal_error: the server could not answer this request",
}


def error_responses(reworded: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """The error answers of an operation, each with the envelope's schema; `reworded` describes some anew."""
    reworded = reworded or {}
    return {
        status: {"model": ErrorEnvelope, "description": reworded.get(status, text)}
        for status, text in ERROR_ANSWERS.items()
    }
