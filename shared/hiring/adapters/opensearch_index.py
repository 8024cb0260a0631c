"""VectorIndex on OpenSearch k-NN (Amazon OpenSearch Service), one index shared by all tenants."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import boto3
from opensearchpy import OpenSearch, Urllib3AWSV4SignerAuth, Urllib3HttpConnection, helpers
from opensearchpy.exceptions import NotFoundError, TransportError

from hiring.ports import VectorHit

# Lucene's HNSW supports efficient filtering inside the knn clause (the tenant filter is applied during the
# graph walk, so a small tenant still gets k hits). Its cosine score is (1 + cos) / 2; `search` converts back.
ENGINE = "lucene"
SPACE_TYPE = "cosinesimil"
VECTOR_FIELD = "vector"
MGET_CHUNK = 500  # documents per multi-get: a few MB of 384-dim vectors at most


class VectorItem(NamedTuple):
    tenant_id: str
    kind: str
    ref_id: str
    vector: Sequence[float]


class VectorIndexError(RuntimeError):
    """OpenSearch refused a request; the message carries its status, error type and reason."""

    def __init__(self, action: str, status: int | str | None, error_type: str, reason: str) -> None:
        self.action = action
        self.status = status
        self.error_type = error_type
        self.reason = reason
        super().__init__(f"OpenSearch {action} failed ({status} {error_type}): {reason}")


def _index_error(action: str, error: TransportError) -> VectorIndexError:
    info = error.info if isinstance(error.info, dict) else {}
    detail = info.get("error")
    if isinstance(detail, dict):
        root = (detail.get("root_cause") or [detail])[0]
        # The root cause names the real problem (e.g. a dimension mismatch); the top level is often generic.
        return VectorIndexError(action, error.status_code, str(root.get("type", "")), str(root.get("reason", "")))
    return VectorIndexError(action, error.status_code, str(error.error), str(detail or info or ""))


def document_id(tenant_id: str, kind: str, ref_id: str) -> str:
    return f"{tenant_id}:{kind}:{ref_id}"


def cosine_from_score(score: float) -> float:
    """Undo the Lucene cosinesimil score transform, score = (1 + cos) / 2."""
    return max(-1.0, min(1.0, 2.0 * score - 1.0))


class OpenSearchVectorIndex:
    """Embeddings of one dimension, each document tagged with tenant, kind and the row it belongs to."""

    def __init__(
        self,
        client: OpenSearch,
        index_name: str,
        dim: int,
        *,
        ef_construction: int = 128,
        m: int = 16,
    ) -> None:
        self._client = client
        self.index_name = index_name
        self.dim = dim
        self._ef_construction = ef_construction
        self._m = m

    def index_body(self) -> dict[str, Any]:
        """Settings and mappings of the k-NN index."""
        return {
            "settings": {"index": {"knn": True}},
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "tenant_id": {"type": "keyword"},
                    "kind": {"type": "keyword"},
                    "ref_id": {"type": "keyword"},
                    VECTOR_FIELD: {
                        "type": "knn_vector",
                        "dimension": self.dim,
                        "method": {
                            "name": "hnsw",
                            "space_type": SPACE_TYPE,
                            "engine": ENGINE,
                            "parameters": {"ef_construction": self._ef_construction, "m": self._m},
                        },
                    },
                },
            },
        }

    def ensure_index(self) -> bool:
        """Create the index unless it exists. Returns True when it was created now."""
        try:
            if self._client.indices.exists(index=self.index_name):
                return False
            self._client.indices.create(index=self.index_name, body=self.index_body())
        except TransportError as error:
            failure = _index_error("create index", error)
            # Another cold start may have created it between our check and our create.
            if failure.error_type == "resource_already_exists_exception":
                return False
            raise failure from None
        return True

    def _checked(self, vector: Sequence[float]) -> list[float]:
        values = [float(value) for value in vector]
        if len(values) != self.dim:
            raise ValueError(f"vector has {len(values)} dimensions, the index expects {self.dim}")
        if not any(values):
            raise ValueError("a zero vector has no cosine similarity and cannot be indexed or searched")
        if not all(math.isfinite(value) for value in values):
            raise ValueError("vector contains NaN or infinity")
        return values

    def _source(self, tenant_id: str, kind: str, ref_id: str, vector: Sequence[float]) -> dict[str, Any]:
        return {"tenant_id": tenant_id, "kind": kind, "ref_id": ref_id, VECTOR_FIELD: self._checked(vector)}

    def upsert(self, tenant_id: str, kind: str, ref_id: str, vector: Sequence[float]) -> None:
        body = self._source(tenant_id, kind, ref_id, vector)
        try:
            self._client.index(index=self.index_name, id=document_id(tenant_id, kind, ref_id), body=body)
        except TransportError as error:
            raise _index_error("upsert", error) from None

    def bulk_upsert(self, items: Iterable[VectorItem | tuple[str, str, str, Sequence[float]]]) -> int:
        """Index many vectors in bulk requests. Returns how many were written; raises naming the ids that failed."""
        actions = [
            {
                "_op_type": "index",
                "_index": self.index_name,
                "_id": document_id(tenant_id, kind, ref_id),
                "_source": self._source(tenant_id, kind, ref_id, vector),
            }
            for tenant_id, kind, ref_id, vector in items
        ]
        if not actions:
            return 0
        try:
            # raise_on_error=False sends every chunk, so one bad document does not hold back the rest.
            written, errors = helpers.bulk(self._client, actions, raise_on_error=False, max_retries=2)
        except TransportError as error:
            raise _index_error("bulk upsert", error) from None
        if errors:
            failures = []
            for item in errors:
                outcome = next(iter(item.values()))
                cause = outcome.get("error", {})
                reason = cause.get("reason", cause) if isinstance(cause, dict) else cause
                failures.append(f"{outcome.get('_id')}: {reason}")
            raise VectorIndexError(
                "bulk upsert",
                None,
                "bulk_item_errors",
                f"{len(failures)} of {len(actions)} documents failed: " + "; ".join(failures),
            )
        return int(written)

    def delete(self, tenant_id: str, kind: str, ref_id: str) -> None:
        try:
            self._client.delete(index=self.index_name, id=document_id(tenant_id, kind, ref_id))
        except NotFoundError:
            return  # already gone: deletes are idempotent
        except TransportError as error:
            raise _index_error("delete", error) from None

    def search_body(self, tenant_id: str, kind: str, vector: Sequence[float], k: int) -> dict[str, Any]:
        """A k-NN query filtered by tenant and kind inside the knn clause (efficient filtering, not post-filtering)."""
        return {
            "size": k,
            "_source": ["ref_id"],
            "query": {
                "knn": {
                    VECTOR_FIELD: {
                        "vector": self._checked(vector),
                        "k": k,
                        "filter": {
                            "bool": {
                                "filter": [
                                    {"term": {"tenant_id": tenant_id}},
                                    {"term": {"kind": kind}},
                                ]
                            }
                        },
                    }
                }
            },
        }

    def search(self, tenant_id: str, kind: str, vector: Sequence[float], k: int) -> list[VectorHit]:
        """The k nearest vectors of this tenant and kind, closest first, scored as cosine similarity."""
        if k <= 0:
            return []
        body = self.search_body(tenant_id, kind, vector, k)
        try:
            response = self._client.search(index=self.index_name, body=body)
        except TransportError as error:
            raise _index_error("search", error) from None
        return [
            VectorHit(ref_id=hit["_source"]["ref_id"], score=cosine_from_score(float(hit["_score"])))
            for hit in response["hits"]["hits"]
        ]

    def get(self, tenant_id: str, kind: str, ref_ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of these ids by multi-get on their document ids; ids not indexed are left out."""
        wanted = list(dict.fromkeys(ref_ids))
        found: dict[str, list[float]] = {}
        for start in range(0, len(wanted), MGET_CHUNK):
            chunk = {document_id(tenant_id, kind, ref): ref for ref in wanted[start : start + MGET_CHUNK]}
            try:
                response = self._client.mget(
                    index=self.index_name, body={"ids": list(chunk)}, params={"_source": VECTOR_FIELD}
                )
            except TransportError as error:
                raise _index_error("get", error) from None
            for doc in response["docs"]:
                detail = doc.get("error")
                if detail is not None:
                    cause = detail if isinstance(detail, dict) else {"reason": detail}
                    raise VectorIndexError("get", None, str(cause.get("type", "")), str(cause.get("reason", "")))
                ref = chunk.get(doc.get("_id", ""))
                vector = (doc.get("_source") or {}).get(VECTOR_FIELD)
                if doc.get("found") and ref is not None and vector is not None:
                    found[ref] = [float(value) for value in vector]
        return found


def opensearch_client(
    endpoint: str,
    region: str,
    *,
    service: str = "es",
    timeout_s: float = 10.0,
    session: boto3.Session | None = None,
) -> OpenSearch:
    """An OpenSearch client that signs every request with SigV4 using the ambient AWS credentials.

    `endpoint` is the domain endpoint, with or without scheme ("https://search-x.us-east-1.es.amazonaws.com").
    Use service "aoss" for OpenSearch Serverless.
    """
    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    if not parts.hostname:
        raise ValueError(f"not an OpenSearch endpoint: {endpoint!r}")
    use_ssl = parts.scheme == "https"
    credentials = (session or boto3.Session()).get_credentials()
    if credentials is None:
        raise RuntimeError("no AWS credentials found to sign OpenSearch requests")
    return OpenSearch(
        hosts=[{"host": parts.hostname, "port": parts.port or (443 if use_ssl else 80)}],
        http_auth=Urllib3AWSV4SignerAuth(credentials, region, service),
        use_ssl=use_ssl,
        verify_certs=use_ssl,
        connection_class=Urllib3HttpConnection,
        timeout=timeout_s,
    )
