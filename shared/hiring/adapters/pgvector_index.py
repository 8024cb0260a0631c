"""Vector index on pgvector (HNSW, cosine), always filtered by tenant and kind."""

from __future__ import annotations

from collections.abc import Sequence

from hiring.adapters.postgres import Database
from hiring.ports import VectorHit


def _literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


class PgVectorIndex:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert(self, tenant_id: str, kind: str, ref_id: str, vector: Sequence[float]) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO embeddings (tenant_id, kind, ref_id, embedding) VALUES (%s, %s, %s, %s::vector)"
                " ON CONFLICT (tenant_id, kind, ref_id) DO UPDATE SET embedding = EXCLUDED.embedding,"
                " updated_at = now()",
                (tenant_id, kind, ref_id, _literal(vector)),
            )

    def delete(self, tenant_id: str, kind: str, ref_id: str) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "DELETE FROM embeddings WHERE tenant_id = %s AND kind = %s AND ref_id = %s", (tenant_id, kind, ref_id)
            )

    def search(self, tenant_id: str, kind: str, vector: Sequence[float], k: int) -> list[VectorHit]:
        with self.db.connect() as conn:
            # HNSW returns at most ef_search rows (default 40): widen the search to the k asked for.
            conn.execute(f"SET LOCAL hnsw.ef_search = {max(40, min(int(k), 1000))}")
            rows = conn.execute(
                "SELECT ref_id, 1 - (embedding <=> %s::vector) AS similarity FROM embeddings"
                " WHERE tenant_id = %s AND kind = %s ORDER BY embedding <=> %s::vector LIMIT %s",
                (_literal(vector), tenant_id, kind, _literal(vector), k),
            ).fetchall()
        return [VectorHit(ref_id=str(r["ref_id"]), score=float(r["similarity"])) for r in rows]

    def get(self, tenant_id: str, kind: str, ref_ids: Sequence[str]) -> dict[str, list[float]]:
        if not ref_ids:
            return {}
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT ref_id::text AS id, embedding::text AS v FROM embeddings"
                " WHERE tenant_id = %s AND kind = %s AND ref_id = ANY(%s::uuid[])",
                (tenant_id, kind, list(ref_ids)),
            ).fetchall()
        return {r["id"]: [float(x) for x in r["v"].strip("[]").split(",")] for r in rows}
