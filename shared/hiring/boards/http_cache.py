"""What we remember about each board between runs, so an unchanged board costs one 304 and no import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Validator:
    """The cache validators a board last sent, and a hash of the body we last imported from it."""

    etag: str | None = None
    last_modified: str | None = None
    # Catches an unchanged board even when the server ignores conditional requests or sends no validators.
    content_sha256: str | None = None


class ValidatorStore(Protocol):
    """Validators keyed by (platform, board token)."""

    def get(self, platform: str, token: str) -> Validator | None: ...
    def put(self, platform: str, token: str, validator: Validator) -> None: ...


class InMemoryValidatorStore:
    """A ValidatorStore in a dict: for tests and one-off local runs."""

    def __init__(self) -> None:
        self._validators: dict[tuple[str, str], Validator] = {}

    def get(self, platform: str, token: str) -> Validator | None:
        return self._validators.get((platform, token))

    def put(self, platform: str, token: str, validator: Validator) -> None:
        self._validators[(platform, token)] = validator
