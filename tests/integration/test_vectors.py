"""pgvector index: nearest neighbours, filtered by tenant and kind."""

from __future__ import annotations

from hiring.adapters.hashing_embedder import HashingEmbedder
from hiring.adapters.pgvector_index import PgVectorIndex


def test_nearest_text_comes_first_and_tenants_stay_apart(container) -> None:  # type: ignore[no-untyped-def]
    identity = container.identity
    a, b = identity.create_tenant("aaa", "A"), identity.create_tenant("bbb", "B")
    embedder = HashingEmbedder(384)
    index = PgVectorIndex(container.db)
    texts = {
        "11111111-1111-1111-1111-111111111111": "python data engineer spark airflow",
        "22222222-2222-2222-2222-222222222222": "registered nurse intensive care unit",
        "33333333-3333-3333-3333-333333333333": "python backend developer django postgres",
    }
    for ref, text in texts.items():
        index.upsert(a, "job", ref, embedder.embed([text])[0])
    index.upsert(b, "job", "44444444-4444-4444-4444-444444444444", embedder.embed(["python developer"])[0])

    hits = index.search(a, "job", embedder.embed(["python developer"])[0], k=3)
    assert [h.ref_id for h in hits][0] == "33333333-3333-3333-3333-333333333333"
    assert "44444444-4444-4444-4444-444444444444" not in {h.ref_id for h in hits}
    assert hits[0].score > hits[-1].score
    assert index.search(a, "resume", embedder.embed(["python"])[0], k=3) == []
