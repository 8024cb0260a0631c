"""Finding a tenant by slug or id (the query lives in the identity store, which depends on nothing but the
database), so every function can do it whatever its layers hold."""

from __future__ import annotations

from hiring.stores.identity import find_tenant_id

__all__ = ["find_tenant_id"]
