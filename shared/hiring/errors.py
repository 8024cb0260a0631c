"""Domain exceptions. The API maps each to one HTTP status in one place (hiring.api.errors)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base: a specific, user-facing reason with a machine-readable code."""

    code = "error"

    def __init__(self, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(DomainError):
    code = "not_found"


class Unauthenticated(DomainError):
    code = "unauthenticated"


class Forbidden(DomainError):
    code = "forbidden"


class Conflict(DomainError):
    code = "conflict"


class InvalidInput(DomainError):
    code = "invalid_input"


class PayloadTooLarge(DomainError):
    code = "payload_too_large"


class UnsupportedMedia(DomainError):
    code = "unsupported_media_type"


class RateLimited(DomainError):
    """Too many requests; detail carries retry_after_s."""

    code = "rate_limited"
