"""Shared fixtures: one embedded PostgreSQL for the session, a fresh migrated database per test,
a container wired to local adapters, and the API served over real HTTP by uvicorn."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EVENTS = REPO_ROOT / "events"

os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")


BROWSER_TESTS = REPO_ROOT / "tests" / "browser"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The browser tests run last: their session's Playwright (sync API) keeps an asyncio event loop running in
    the main thread until the session ends, and code that runs its own loop there afterwards (Mangum, as the API
    Lambda does) would find it busy. A stable sort keeps every other order as collected."""
    items.sort(key=lambda item: BROWSER_TESTS in item.path.parents)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """An embedded PostgreSQL 16 + pgvector for the whole run, or the server in TEST_DATABASE_URL."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
        return
    from hiring.adapters.embedded_postgres import start_embedded_postgres

    pgdata = Path(tempfile.mkdtemp(prefix="hiring-test-pg-"))
    url, server = start_embedded_postgres(pgdata, delete_on_exit=True)
    yield url
    server.cleanup()


@pytest.fixture(scope="session")
def template_db(pg_server_url: str) -> str:
    """A database migrated once; each test clones it (CREATE DATABASE ... TEMPLATE is fast)."""
    import psycopg

    from hiring.adapters.postgres import migrate

    name = f"hiring_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    migrate(_with_database(pg_server_url, name))
    return name


@pytest.fixture
def database_url(pg_server_url: str, template_db: str) -> Iterator[str]:
    import psycopg

    name = f"hiring_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
    yield _with_database(pg_server_url, name)
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from hiring.config import Settings, reset_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HIRING_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HIRING_JWT_SECRET", "test-secret-" + "x" * 40)
    monkeypatch.setenv("HIRING_MAX_UPLOAD_BYTES", str(200_000))
    # Upload rate limits out of the way of tests that upload a lot; tests/e2e/test_upload_limits.py tightens them.
    for scope in ("USER", "CLIENT"):
        monkeypatch.setenv(f"HIRING_UPLOAD_BURST_PER_{scope}", "100000")
    # The real model has its own tests (tests/unit/test_onnx_embedder.py, tests/e2e/test_semantic_matching.py);
    # elsewhere the fast deterministic embedder keeps the suite quick on two cores.
    monkeypatch.setenv("HIRING_EMBEDDER", os.environ.get("TEST_EMBEDDER", "hashing"))
    reset_settings()
    yield Settings()
    reset_settings()


@pytest.fixture
def container(settings):  # type: ignore[no-untyped-def]
    from hiring.container import build_container, set_container

    built = build_container(settings)
    set_container(built)
    yield built
    set_container(None)
    built.close()


@pytest.fixture
def demo(container):  # type: ignore[no-untyped-def]
    """The demo tenant with one user of each role and 24 real postings."""
    from hiring.runtime.demo import seed_demo

    return seed_demo(container, "demo-password-123")


@pytest.fixture
def runtime(container):  # type: ignore[no-untyped-def]
    from hiring.runtime.local import LocalRuntime

    return LocalRuntime(container)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def api_base_url() -> Iterator[str]:
    """The API app served by uvicorn over real TCP; each test installs its own container behind it."""
    import uvicorn

    from hiring.api.app import create_app

    port = _free_port()
    # As `hiring serve`: the API believes X-Forwarded-For only when HIRING_TRUST_FORWARDED_FOR says so.
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def http(api_base_url: str, container) -> Iterator[httpx.Client]:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=api_base_url, timeout=30) as client:
        yield client


def login(http: httpx.Client, email: str, password: str = "demo-password-123") -> dict[str, str]:
    response = http.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
