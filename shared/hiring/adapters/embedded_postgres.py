"""An embedded PostgreSQL 16 with pgvector (the pgserver package) for one machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hiring.observability import logger


def start_embedded_postgres(data_dir: Path, cleanup: bool = False) -> tuple[str, Any]:
    """Start (or join) the server whose cluster lives in data_dir; return its URL and a handle."""
    import pgserver  # imported lazily: only the local runtime and tests need it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode="stop" if cleanup else None)
    url = server.get_uri()
    logger.info("embedded postgres ready", extra={"pgdata": str(data_dir)})
    return url, server
