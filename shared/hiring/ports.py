"""Ports: the small protocols the domain talks to. Adapters live in hiring.adapters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel


class BlobNotFound(KeyError):
    """The key does not exist in the blob store."""


@dataclass(frozen=True)
class BlobInfo:
    key: str
    size: int
    etag: str


class BlobStore(Protocol):
    """Object storage keyed by '/'-separated paths (S3 in the cloud, a directory locally)."""

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> BlobInfo: ...
    def get(self, key: str) -> bytes: ...
    def head(self, key: str) -> BlobInfo: ...
    def delete(self, key: str) -> None: ...
    def copy(self, source_key: str, dest_key: str) -> BlobInfo: ...
    def list(self, prefix: str) -> list[BlobInfo]: ...


@dataclass
class QueueMessage:
    message_id: str
    body: dict[str, Any]
    receipt_handle: str
    receive_count: int = 1
    attributes: dict[str, str] = field(default_factory=dict)


WorkBody = BaseModel | dict[str, Any]  # a work message (hiring.services.messages), or a raw body (tests, replays)


def wire_body(body: WorkBody) -> dict[str, Any]:
    """A work message as it travels: a model as JSON data (fields it leaves unset are left out), a dict as is."""
    return body.model_dump(mode="json", exclude_none=True) if isinstance(body, BaseModel) else body


class WorkQueue(Protocol):
    """At-least-once work queue (SQS + DLQ in the cloud, a Postgres table locally); producers send the message
    models of hiring.services.messages, which the adapters turn into JSON with wire_body."""

    def send(self, body: WorkBody, dedup_key: str | None = None) -> str: ...
    def send_batch(self, bodies: Sequence[WorkBody]) -> list[str]: ...
    def receive(self, max_messages: int = 10, visibility_timeout_s: int | None = None) -> list[QueueMessage]: ...
    def delete(self, receipt_handle: str) -> None: ...
    def release(self, receipt_handle: str, delay_s: int = 0) -> None: ...
    def depth(self) -> int: ...
    def ping(self) -> None: ...


@dataclass(frozen=True)
class VectorHit:
    ref_id: str
    score: float  # cosine similarity, higher is closer


class VectorIndex(Protocol):
    """Nearest-neighbour search over embeddings, always filtered by tenant and kind."""

    def upsert(self, tenant_id: str, kind: str, ref_id: str, vector: Sequence[float]) -> None: ...
    def delete(self, tenant_id: str, kind: str, ref_id: str) -> None: ...
    def search(self, tenant_id: str, kind: str, vector: Sequence[float], k: int) -> list[VectorHit]: ...
    def get(self, tenant_id: str, kind: str, ref_ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of these ids (ids with none are left out)."""
        ...


class Embedder(Protocol):
    """Text to a fixed-size unit vector."""

    @property
    def dim(self) -> int: ...
    @property
    def model_name(self) -> str: ...
    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...
