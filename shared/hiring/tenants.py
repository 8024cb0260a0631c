"""Finding a tenant by slug or id, with no dependencies, so every function can do it whatever its layers hold."""

from __future__ import annotations

from hiring.adapters.postgres import Connection


def find_tenant_id(conn: Connection, slug_or_id: str) -> str | None:
    """The tenant's id, or None when no tenant has that slug or id."""
    row = conn.execute("SELECT id FROM tenants WHERE slug = %s OR id::text = %s", (slug_or_id, slug_or_id)).fetchone()
    return str(row["id"]) if row else None
