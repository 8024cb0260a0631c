"""An embedded PostgreSQL 16 with pgvector (the pgserver package) for one machine."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from hiring.observability import logger


def start_embedded_postgres(data_dir: Path, delete_on_exit: bool = False) -> tuple[str, Any]:
    """Start (or join) the server whose cluster lives in data_dir; return its URL and a handle.

    The server stops when the last process using it exits; with delete_on_exit its files go too.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); pgserver then uses /tmp, which is fine.
        warnings.simplefilter("ignore")
        import pgserver  # imported lazily: only the local runtime and tests need it

        data_dir.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(str(data_dir), cleanup_mode="delete" if delete_on_exit else "stop")
    url = server.get_uri()
    logger.info("embedded postgres ready", extra={"pgdata": str(data_dir)})
    return url, server
