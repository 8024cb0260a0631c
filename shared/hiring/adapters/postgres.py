"""The relational store: psycopg 3 against Postgres (RDS in the cloud, an embedded server locally)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb, JsonbDumper
from psycopg_pool import ConnectionPool

from hiring.observability import logger

Connection = psycopg.Connection[dict[str, Any]]
Json = Jsonb  # wrap a list (or any value) to store it as jsonb

# Serialises concurrent runners (two Lambdas on deploy, two dev processes) on one database.
_MIGRATION_LOCK_ID = 7_420_001


# The tenant of the HTTP request being served (set by the API's authentication); None for system work.
current_tenant: ContextVar[str | None] = ContextVar("current_tenant", default=None)
APP_ROLE = "hiring_app"  # the role row-level security binds (migration 0008)

POOL_TIMEOUT_S = 10.0  # longest wait for a pooled connection before PoolTimeout (psycopg_pool's default is 30)
CONNECT_TIMEOUT_S = 5  # libpq connect_timeout for each new connection
PING_TIMEOUT_S = 2.0  # /health's database probe


class Database:
    """A small connection pool; every connection returns dict rows and adapts dicts/lists to jsonb.

    Connections act as hiring_app, so row-level security applies; inside a request that has a tenant, each
    transaction is limited to that tenant's rows (the second wall behind the queries' own tenant filter).
    """

    def __init__(
        self,
        url: str,
        min_size: int = 1,
        max_size: int = 8,
        pool_timeout_s: float = POOL_TIMEOUT_S,
        connect_timeout_s: int = CONNECT_TIMEOUT_S,
    ) -> None:
        self.url = url
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            # A caller waits at most pool_timeout_s for a connection (PoolTimeout), and a new connection gives up
            # after connect_timeout_s (libpq): a database that is down is an error in seconds, never a hang.
            timeout=pool_timeout_s,
            kwargs={"row_factory": dict_row, "autocommit": False, "connect_timeout": connect_timeout_s},
            configure=_configure,
            open=True,
        )

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        with self._pool.connection() as conn:
            tenant = current_tenant.get()
            if tenant is not None:
                conn.execute("SELECT set_config('hiring.tenant_id', %s, true)", (tenant,))
            yield conn  # the pool commits or rolls back on exit

    def ping(self, timeout_s: float = PING_TIMEOUT_S) -> None:
        """Raise unless the database answers within about timeout_s (a connection, then a bounded query)."""
        with self._pool.connection(timeout=timeout_s) as conn:
            conn.execute(f"SET LOCAL statement_timeout = {int(timeout_s * 1000)}")
            conn.execute("SELECT 1")

    def close(self) -> None:
        self._pool.close()


def _configure(conn: psycopg.Connection[Any]) -> None:
    # dicts go to jsonb directly; lists stay Postgres arrays (wrap JSON lists in `Json(...)`).
    conn.adapters.register_dumper(dict, JsonbDumper)
    # Before migration 0008 has run (a first deploy) the role does not exist yet; the connection then keeps
    # the login role, and the tenant filter in every query is the only wall, as before.
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,)).fetchone():
        conn.execute(f"SET ROLE {APP_ROLE}")
    else:
        logger.warning("row-level security role missing; run the migrations", extra={"role": APP_ROLE})
    conn.commit()


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations() -> list[Migration]:
    """Every versioned .sql file shipped in hiring/migrations, in version order."""
    folder = resources.files("hiring") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = Path(str(entry.name))
        if name.suffix != ".sql":
            continue
        version, _, rest = name.stem.partition("_")
        found.append(Migration(version=version, name=rest, sql=entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


class MigrationError(RuntimeError):
    """An applied migration changed, or one failed to apply."""


def migrate(url: str) -> list[str]:
    """Apply pending migrations in order, each in its own transaction; return the versions applied."""
    applied_now: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK_ID,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {row[0]: row[1] for row in conn.execute("SELECT version, checksum FROM schema_migrations")}
            for migration in load_migrations():
                if migration.version in done:
                    if done[migration.version] != migration.checksum:
                        raise MigrationError(
                            f"migration {migration.version}_{migration.name} was edited after it was applied; "
                            "add a new migration instead"
                        )
                    continue
                with conn.transaction():
                    conn.execute(migration.sql.encode())
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                        (migration.version, migration.name, migration.checksum),
                    )
                logger.info("migration applied", extra={"version": migration.version, "migration": migration.name})
                applied_now.append(migration.version)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK_ID,))
    return applied_now
