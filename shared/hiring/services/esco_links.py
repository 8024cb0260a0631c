"""Linking a posting's requirement sentences and a resume's sentences to ESCO skills, in the work-queue consumer
(where the embedding model runs; never in the parse function). Links are stored with their sentences
(hiring.stores.esco_links) and read by matching; writing them moves the job's or resume's updated_at, so the warm
matching caches, keyed by it, score the pair again with the new inputs."""

from __future__ import annotations

from collections.abc import Sequence

from hiring.adapters.postgres import Connection, Database
from hiring.config import get_settings
from hiring.observability import logger
from hiring.ports import Embedder
from hiring.skills.esco_matching import (
    SentenceLinker,
    SourceSentence,
    job_sentences,
    linker_for,
    resume_sentences,
)
from hiring.stores import esco_links as store


def sentence_linker(embedder: Embedder) -> SentenceLinker | None:
    """The process's linker, or None when linking is off or the embedder is not the ESCO index's model."""
    return linker_for(embedder, get_settings().esco_linking)


def _unchanged(
    conn: Connection, tenant_id: str, kind: str, entity_id: str, sentences: Sequence[SourceSentence], version: str
) -> bool:
    versions, stored = store.fingerprint(conn, tenant_id, kind, entity_id)
    wanted = {(s.block, s.part, s.start, s.text) for s in sentences}
    return versions <= {version} and set(stored) == wanted and (bool(versions) or not wanted)


def _prime(conn: Connection, linker: SentenceLinker, tenant_id: str, sentences: Sequence[SourceSentence]) -> None:
    """Give the process cache the links stored earlier for the same sentence texts (a cold worker asks the model
    only for sentences it never linked)."""
    from hiring.skills.esco_linking import EscoLink  # numpy and the index code: only where linking runs

    wanted = linker.missing([s.text for s in sentences])
    if wanted:
        known: dict[str, list[EscoLink]] = {}
        for row in store.known_links(conn, tenant_id, linker.version, wanted):
            link = EscoLink(row["label"], row["uri"], round(float(row["score"]), 4))  # as the linker rounds it
            known.setdefault(row["sentence"], []).append(link)
        linker.prime({text: tuple(links) for text, links in known.items()})


def link_job(conn: Connection, embedder: Embedder, tenant_id: str, job_id: str, description: str) -> int | None:
    """Link the requirement sentences of a job being analysed, in the caller's transaction (the one that stores
    the analysis and so moves the job's updated_at). None when linking is off; else the links written (0 when
    the stored ones were made from the same sentences by the same index)."""
    linker = sentence_linker(embedder)
    if linker is None:
        return None
    sentences = job_sentences(description or "")
    if _unchanged(conn, tenant_id, "job", job_id, sentences, linker.version):
        return 0
    _prime(conn, linker, tenant_id, sentences)
    linked = linker.link_sentences(sentences)
    return store.replace_links(conn, tenant_id, "job", job_id, linked, linker.version)


def link_resume(db: Database, embedder: Embedder, tenant_id: str, resume_id: str) -> int | None:
    """Link a parsed resume's sentences and move its updated_at when the links changed. None when linking is off
    or the resume is not parsed; else the links written (0 when unchanged)."""
    from hiring.resume.model import ParsedResume
    from hiring.stores.resumes import touch

    linker = sentence_linker(embedder)
    if linker is None:
        return None
    with db.connect() as conn:
        profile = store.parsed_profile(conn, tenant_id, resume_id)
    if profile is None:
        return None
    sentences = resume_sentences(ParsedResume.model_validate(profile))
    with db.connect() as conn:
        if _unchanged(conn, tenant_id, "resume", resume_id, sentences, linker.version):
            return 0
        _prime(conn, linker, tenant_id, sentences)
    linked = linker.link_sentences(sentences)  # the model runs outside any transaction
    with db.connect() as conn:
        if store.parsed_profile(conn, tenant_id, resume_id) is None:  # erased or replaced meanwhile
            return None
        written = store.replace_links(conn, tenant_id, "resume", resume_id, linked, linker.version)
        touch(conn, tenant_id, resume_id)
    logger.info("resume linked to ESCO", extra={"resume_id": resume_id, "sentences": len(sentences)})
    return written
