"""The ESCO links store: ALL SQL on esco_links (migration 0022), the ESCO skills linked to a job's requirement
sentences and a resume's sentences, with the sentence as evidence. Rows go with their resume or job (ON DELETE
CASCADE). Matching reads them through hiring.stores.matches (JOB_ESCO / CANDIDATE_ESCO below)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Connection
from hiring.skills.esco_matching import JOB_LINKS_PER_SENTENCE, MATCH_THRESHOLD, SentenceLinks

Row = dict[str, Any]

# What the scorer reads, as one JSON array per job / resume, in a fixed order (the same rows -> the same profile):
# a job's links of sentences the dictionary did not resolve, best JOB_LINKS_PER_SENTENCE per sentence, above the
# threshold; a resume's links above the threshold, best first.
JOB_ESCO = (
    "(SELECT coalesce(jsonb_agg(jsonb_build_object('block', e.block, 'uri', e.uri, 'label', e.label,"
    " 'sentence', e.sentence, 'score', e.score) ORDER BY e.block DESC, e.sentence_start, e.rank), '[]'::jsonb)"
    " FROM esco_links e WHERE e.job_id = jobs.id AND NOT e.resolved"
    f" AND e.rank <= {JOB_LINKS_PER_SENTENCE} AND e.score >= {MATCH_THRESHOLD}) AS esco"
)
CANDIDATE_ESCO = (
    "(SELECT coalesce(jsonb_agg(jsonb_build_object('block', e.block, 'uri', e.uri, 'label', e.label,"
    " 'sentence', e.sentence, 'score', e.score) ORDER BY e.score DESC, e.uri, e.block, e.part, e.sentence_start),"
    f" '[]'::jsonb) FROM esco_links e WHERE e.resume_id = r.id AND e.score >= {MATCH_THRESHOLD}) AS esco"
)


def fingerprint(
    conn: Connection, tenant_id: str, kind: str, entity_id: str
) -> tuple[set[str], list[tuple[str, int, int, str]]]:
    """The index versions and the sentences (block, part, start, text; in that order) of an entity's links."""
    rows = conn.execute(
        "SELECT DISTINCT index_version, block, part, sentence_start, sentence FROM esco_links"
        f" WHERE tenant_id = %s AND {_entity_column(kind)} = %s ORDER BY block, part, sentence_start",
        (tenant_id, entity_id),
    ).fetchall()
    sentences = [(r["block"], r["part"], r["sentence_start"], r["sentence"]) for r in rows]
    return {r["index_version"] for r in rows}, list(dict.fromkeys(sentences))


def replace_links(
    conn: Connection, tenant_id: str, kind: str, entity_id: str, linked: Sequence[SentenceLinks], version: str
) -> int:
    """Replace an entity's links with these (every sentence's ranked links); returns the rows written."""
    column = _entity_column(kind)
    conn.execute(f"DELETE FROM esco_links WHERE tenant_id = %s AND {column} = %s", (tenant_id, entity_id))
    rows = [
        (tenant_id, kind, entity_id, item.sentence.block, item.sentence.part, item.sentence.start, item.sentence.end,
         item.sentence.text, item.sentence.resolved, rank, link.uri, link.label, link.score, version)
        for item in linked
        for rank, link in enumerate(item.links, start=1)
    ]  # fmt: skip
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO esco_links (tenant_id, entity_kind, {column}, block, part, sentence_start, sentence_end,"
                " sentence, resolved, rank, uri, label, score, index_version)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
    return len(rows)


def known_links(conn: Connection, tenant_id: str, version: str, sentences: Sequence[str]) -> list[Row]:
    """The links stored by the same index version for any of these sentence texts in the tenant, one set per text
    (by rank), found through the md5 of the text (migration 0023's index)."""
    digests = [hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest() for text in sentences]
    return conn.execute(
        "SELECT DISTINCT ON (sentence, rank) sentence, rank, uri, label, score FROM esco_links"
        " WHERE tenant_id = %s AND index_version = %s AND md5(sentence) = ANY(%s) ORDER BY sentence, rank, id",
        (tenant_id, version, digests),
    ).fetchall()


def links_of(conn: Connection, tenant_id: str, kind: str, entity_id: str) -> list[Row]:
    """Every stored link of a job or resume, by block, part, sentence and rank."""
    return conn.execute(
        "SELECT block, part, sentence_start, sentence_end, sentence, resolved, rank, uri, label, score, index_version"
        f" FROM esco_links WHERE tenant_id = %s AND {_entity_column(kind)} = %s"
        " ORDER BY block, part, sentence_start, rank",
        (tenant_id, entity_id),
    ).fetchall()


def parsed_profile(conn: Connection, tenant_id: str, resume_id: str) -> Any:
    """The structured profile of a parsed resume that is not superseded (None otherwise)."""
    row = conn.execute(
        "SELECT profile FROM resumes WHERE tenant_id = %s AND id = %s AND status = 'parsed'",
        (tenant_id, resume_id),
    ).fetchone()
    return None if row is None else row["profile"]


def _entity_column(kind: str) -> str:
    if kind not in ("job", "resume"):
        raise ValueError(f"ESCO links belong to a job or a resume, not {kind!r}")
    return f"{kind}_id"
