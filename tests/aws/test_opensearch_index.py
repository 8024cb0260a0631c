"""OpenSearchVectorIndex through a real opensearch-py client against a local recording HTTP server.

No OpenSearch cluster can run here, so these tests pin the exact requests the adapter sends and how it reads
realistic responses; they do not prove the cluster's ranking.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from opensearchpy import OpenSearch

from hiring.adapters.opensearch_index import OpenSearchVectorIndex, VectorIndexError, VectorItem, opensearch_client

INDEX = "hiring-vectors"
DIM = 4


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def ndjson(self) -> list[Any]:
        return [json.loads(line) for line in self.body.decode().splitlines() if line]


@dataclass
class FakeOpenSearch:
    """Routes (method, path) to canned (status, JSON) responses and records every request."""

    port: int = 0
    routes: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def respond(self, method: str, path: str, status: int, body: Any = None) -> None:
        self.routes[(method, path)] = (status, body)


def _handler(fake: FakeOpenSearch) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            fake.requests.append(
                Recorded(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {name.lower(): value for name, value in self.headers.items()},
                    body,
                )
            )
            status, payload = fake.routes.get(
                (self.command, parts.path),
                (404, {"error": {"type": "no_route", "reason": f"no canned response for {parts.path}"}, "status": 404}),
            )
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _serve  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # keep test output clean

    return Handler


@pytest.fixture
def fake() -> Iterator[FakeOpenSearch]:
    recorder = FakeOpenSearch()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    recorder.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield recorder
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def index(fake: FakeOpenSearch) -> OpenSearchVectorIndex:
    client = OpenSearch(hosts=[{"host": "127.0.0.1", "port": fake.port}], use_ssl=False, max_retries=0, timeout=5)
    return OpenSearchVectorIndex(client, INDEX, DIM)


def _shards() -> dict[str, int]:
    return {"total": 2, "successful": 1, "failed": 0}


def _search_response(hits: list[tuple[str, float]]) -> dict[str, Any]:
    return {
        "took": 3,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": len(hits), "relation": "eq"},
            "max_score": max((score for _, score in hits), default=None),
            "hits": [
                {"_index": INDEX, "_id": f"t1:job:{ref}", "_score": score, "_source": {"ref_id": ref}}
                for ref, score in hits
            ],
        },
    }


def test_ensure_index_creates_knn_index_when_absent(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond("HEAD", f"/{INDEX}", 404)
    fake.respond("PUT", f"/{INDEX}", 200, {"acknowledged": True, "shards_acknowledged": True, "index": INDEX})

    created = index.ensure_index()

    assert created is True
    assert [(r.method, r.path) for r in fake.requests] == [("HEAD", f"/{INDEX}"), ("PUT", f"/{INDEX}")]
    assert fake.requests[1].json() == {
        "settings": {"index": {"knn": True}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "tenant_id": {"type": "keyword"},
                "kind": {"type": "keyword"},
                "ref_id": {"type": "keyword"},
                "vector": {
                    "type": "knn_vector",
                    "dimension": DIM,
                    "method": {
                        "name": "hnsw",
                        "space_type": "cosinesimil",
                        "engine": "lucene",
                        "parameters": {"ef_construction": 128, "m": 16},
                    },
                },
            },
        },
    }


def test_ensure_index_leaves_existing_index_alone(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond("HEAD", f"/{INDEX}", 200)

    assert index.ensure_index() is False
    assert [(r.method, r.path) for r in fake.requests] == [("HEAD", f"/{INDEX}")]


def test_ensure_index_tolerates_concurrent_creation(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond("HEAD", f"/{INDEX}", 404)
    error = {
        "type": "resource_already_exists_exception",
        "reason": f"index [{INDEX}/abc] already exists",
        "index": INDEX,
    }
    fake.respond("PUT", f"/{INDEX}", 400, {"error": {"root_cause": [error], **error}, "status": 400})

    assert index.ensure_index() is False


def test_upsert_indexes_document_under_tenant_kind_ref_id(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    path = f"/{INDEX}/_doc/t1%3Ajob%3Aj-42"
    fake.respond(
        "PUT",
        path,
        201,
        {"_index": INDEX, "_id": "t1:job:j-42", "_version": 1, "result": "created", "_shards": _shards()},
    )

    index.upsert("t1", "job", "j-42", [0.1, 0.2, 0.3, 0.4])

    [request] = fake.requests
    assert (request.method, request.path) == ("PUT", path)
    assert request.json() == {"tenant_id": "t1", "kind": "job", "ref_id": "j-42", "vector": [0.1, 0.2, 0.3, 0.4]}


@pytest.mark.parametrize(
    ("vector", "message"),
    [
        ([0.1, 0.2, 0.3], "3 dimensions, the index expects 4"),
        ([0.0] * DIM, "zero vector"),
        ([1, 0, 0, float("nan")], "NaN"),
    ],
)
def test_upsert_rejects_unusable_vector_before_sending(
    index: OpenSearchVectorIndex, fake: FakeOpenSearch, vector: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        index.upsert("t1", "job", "j-1", vector)

    assert fake.requests == []


def test_bulk_upsert_sends_ndjson_index_actions(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond(
        "POST",
        "/_bulk",
        200,
        {
            "took": 7,
            "errors": False,
            "items": [
                {"index": {"_index": INDEX, "_id": doc_id, "_version": 1, "result": "created", "status": 201}}
                for doc_id in ("t1:job:a", "t1:candidate:b")
            ],
        },
    )

    written = index.bulk_upsert([VectorItem("t1", "job", "a", [1, 0, 0, 0]), ("t1", "candidate", "b", [0, 1, 0, 0])])

    assert written == 2
    [request] = fake.requests
    assert (request.method, request.path) == ("POST", "/_bulk")
    assert request.headers["content-type"].startswith("application/json")
    assert request.body.endswith(b"\n")
    assert request.ndjson() == [
        {"index": {"_index": INDEX, "_id": "t1:job:a"}},
        {"tenant_id": "t1", "kind": "job", "ref_id": "a", "vector": [1.0, 0.0, 0.0, 0.0]},
        {"index": {"_index": INDEX, "_id": "t1:candidate:b"}},
        {"tenant_id": "t1", "kind": "candidate", "ref_id": "b", "vector": [0.0, 1.0, 0.0, 0.0]},
    ]


def test_bulk_upsert_of_nothing_sends_nothing(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    assert index.bulk_upsert([]) == 0
    assert fake.requests == []


def test_bulk_upsert_names_documents_that_failed(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    rejection = {
        "type": "mapper_parsing_exception",
        "reason": "failed to parse field [vector] of type [knn_vector]",
    }
    fake.respond(
        "POST",
        "/_bulk",
        200,
        {
            "took": 4,
            "errors": True,
            "items": [
                {"index": {"_index": INDEX, "_id": "t1:job:a", "result": "created", "status": 201}},
                {"index": {"_index": INDEX, "_id": "t1:job:b", "status": 400, "error": rejection}},
            ],
        },
    )

    with pytest.raises(VectorIndexError) as caught:
        index.bulk_upsert([("t1", "job", "a", [1, 0, 0, 0]), ("t1", "job", "b", [0, 1, 0, 0])])

    assert "1 of 2 documents failed" in str(caught.value)
    assert "t1:job:b: failed to parse field [vector]" in str(caught.value)
    assert "t1:job:a" not in str(caught.value)


def test_delete_removes_document_by_id(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    path = f"/{INDEX}/_doc/t1%3Acandidate%3Ac-7"
    fake.respond("DELETE", path, 200, {"_index": INDEX, "_id": "t1:candidate:c-7", "result": "deleted"})

    index.delete("t1", "candidate", "c-7")

    assert [(r.method, r.path) for r in fake.requests] == [("DELETE", path)]


def test_delete_of_missing_document_is_not_an_error(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    path = f"/{INDEX}/_doc/t1%3Acandidate%3Agone"
    fake.respond("DELETE", path, 404, {"_index": INDEX, "_id": "t1:candidate:gone", "result": "not_found"})

    index.delete("t1", "candidate", "gone")

    assert len(fake.requests) == 1


def test_search_sends_knn_query_filtered_by_tenant_and_kind(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond("POST", f"/{INDEX}/_search", 200, _search_response([]))

    index.search("t1", "job", [0.5, 0.5, 0.5, 0.5], k=20)

    [request] = fake.requests
    assert (request.method, request.path) == ("POST", f"/{INDEX}/_search")
    assert request.json() == {
        "size": 20,
        "_source": ["ref_id"],
        "query": {
            "knn": {
                "vector": {
                    "vector": [0.5, 0.5, 0.5, 0.5],
                    "k": 20,
                    "filter": {"bool": {"filter": [{"term": {"tenant_id": "t1"}}, {"term": {"kind": "job"}}]}},
                }
            }
        },
    }


def test_search_converts_lucene_scores_to_cosine(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    # Lucene cosinesimil score = (1 + cos) / 2: cos 1.0 -> 1.0, cos 0.6 -> 0.8, cos 0 -> 0.5, cos -0.5 -> 0.25
    fake.respond("POST", f"/{INDEX}/_search", 200, _search_response([("a", 1.0), ("b", 0.8), ("c", 0.5), ("d", 0.25)]))

    hits = index.search("t1", "job", [1, 0, 0, 0], k=4)

    assert [hit.ref_id for hit in hits] == ["a", "b", "c", "d"]
    assert [hit.score for hit in hits] == pytest.approx([1.0, 0.6, 0.0, -0.5])


def test_search_error_raises_with_status_and_root_cause(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    root = {
        "type": "illegal_argument_exception",
        "reason": "Query vector has invalid dimension: 4. Dimension should be: 8",
    }
    fake.respond(
        "POST",
        f"/{INDEX}/_search",
        400,
        {
            "error": {
                "root_cause": [root],
                "type": "search_phase_execution_exception",
                "reason": "all shards failed",
                "phase": "query",
                "grouped": True,
                "failed_shards": [{"shard": 0, "index": INDEX, "reason": root}],
            },
            "status": 400,
        },
    )

    with pytest.raises(VectorIndexError) as caught:
        index.search("t1", "job", [1, 0, 0, 0], k=5)

    assert caught.value.status == 400
    assert caught.value.error_type == "illegal_argument_exception"
    assert str(caught.value) == (
        "OpenSearch search failed (400 illegal_argument_exception): "
        "Query vector has invalid dimension: 4. Dimension should be: 8"
    )


def test_search_of_missing_index_raises_clear_error(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    error = {"type": "index_not_found_exception", "reason": f"no such index [{INDEX}]", "index": INDEX}
    fake.respond("POST", f"/{INDEX}/_search", 404, {"error": {"root_cause": [error], **error}, "status": 404})

    with pytest.raises(VectorIndexError, match=r"404 index_not_found_exception\): no such index"):
        index.search("t1", "job", [1, 0, 0, 0], k=5)


def test_search_for_zero_results_sends_nothing(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    assert index.search("t1", "job", [1, 0, 0, 0], k=0) == []
    assert fake.requests == []


def test_client_factory_signs_requests_with_sigv4(fake: FakeOpenSearch) -> None:
    fake.respond("POST", f"/{INDEX}/_search", 200, _search_response([("a", 0.9)]))
    client = opensearch_client(fake.url, "us-east-1")

    hits = OpenSearchVectorIndex(client, INDEX, DIM).search("t1", "job", [1, 0, 0, 0], k=1)

    assert [hit.ref_id for hit in hits] == ["a"]
    headers = fake.requests[0].headers
    assert headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=testing/")
    assert "/us-east-1/es/aws4_request" in headers["authorization"]
    assert "x-amz-content-sha256" in headers["authorization"]
    assert "x-amz-date" in headers


def test_client_factory_defaults_to_https_on_port_443() -> None:
    client = opensearch_client("search-hiring-abc.us-east-1.es.amazonaws.com", "us-east-1")

    [connection] = client.transport.connection_pool.connections
    assert connection.host == "https://search-hiring-abc.us-east-1.es.amazonaws.com:443"


def test_get_multi_gets_vectors_by_document_id(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    fake.respond(
        "POST",
        f"/{INDEX}/_mget",
        200,
        {
            "docs": [
                {"_index": INDEX, "_id": "t1:job:a", "_version": 1, "_seq_no": 0, "_primary_term": 1, "found": True,
                 "_source": {"vector": [1.0, 0.0, 0.0, 0.0]}},
                {"_index": INDEX, "_id": "t1:job:gone", "found": False},
                {"_index": INDEX, "_id": "t1:job:b", "_version": 3, "_seq_no": 7, "_primary_term": 1, "found": True,
                 "_source": {"vector": [0.5, 0.5, 0.5, 0.5]}},
            ]
        },
    )  # fmt: skip

    vectors = index.get("t1", "job", ["a", "gone", "b", "a"])

    assert vectors == {"a": [1.0, 0.0, 0.0, 0.0], "b": [0.5, 0.5, 0.5, 0.5]}
    [request] = fake.requests
    assert (request.method, request.path) == ("POST", f"/{INDEX}/_mget")
    assert request.query == {"_source": ["vector"]}
    assert request.json() == {"ids": ["t1:job:a", "t1:job:gone", "t1:job:b"]}


def test_get_of_no_ids_sends_nothing(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    assert index.get("t1", "job", []) == {}
    assert fake.requests == []


def test_get_chunks_large_id_lists(
    index: OpenSearchVectorIndex, fake: FakeOpenSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hiring.adapters.opensearch_index.MGET_CHUNK", 2)
    fake.respond("POST", f"/{INDEX}/_mget", 200, {"docs": []})

    assert index.get("t1", "resume", ["a", "b", "c"]) == {}

    assert [r.json() for r in fake.requests] == [{"ids": ["t1:resume:a", "t1:resume:b"]}, {"ids": ["t1:resume:c"]}]


def test_get_of_missing_index_raises_clear_error(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    error = {"type": "index_not_found_exception", "reason": f"no such index [{INDEX}]", "index": INDEX}
    fake.respond("POST", f"/{INDEX}/_mget", 404, {"error": {"root_cause": [error], **error}, "status": 404})

    with pytest.raises(VectorIndexError, match=r"get failed \(404 index_not_found_exception\): no such index"):
        index.get("t1", "job", ["a"])


def test_get_raises_on_a_per_document_error(index: OpenSearchVectorIndex, fake: FakeOpenSearch) -> None:
    error = {"type": "index_not_found_exception", "reason": f"no such index [{INDEX}]", "index": INDEX}
    fake.respond("POST", f"/{INDEX}/_mget", 200, {"docs": [{"_index": INDEX, "_id": "t1:job:a", "error": error}]})

    with pytest.raises(VectorIndexError, match="no such index"):
        index.get("t1", "job", ["a"])
