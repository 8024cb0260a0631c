"""Real migrations against the embedded Postgres."""

from __future__ import annotations

import psycopg
import pytest

from hiring.adapters.postgres import MigrationError, load_migrations, migrate


def test_migrations_apply_once_and_record_checksums(database_url: str) -> None:
    # The template database already ran them: a second run applies nothing.
    assert migrate(database_url) == []
    with psycopg.connect(database_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [m.version for m in load_migrations()]


def test_every_tenant_owned_table_carries_tenant_id(database_url: str) -> None:
    owned = {"users", "refresh_tokens", "resumes", "jobs", "matches", "status_events", "embeddings"}
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id'"
            " AND table_schema = 'public'"
        ).fetchall()
    assert owned <= {r[0] for r in rows}


def test_an_edited_migration_is_refused(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001'")
    with pytest.raises(MigrationError, match="edited after it was applied"):
        migrate(database_url)


def test_pgvector_is_installed(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
    assert row is not None
