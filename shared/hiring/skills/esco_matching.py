"""ESCO links for matching: which sentences of a posting and a resume are linked, how, and which links count.

A posting's requirement sentences (its required and preferred blocks) and a resume's summary, job and project
descriptions and skills lines are linked to ESCO skills by hiring.skills.esco_linking where the embedding model
runs (the work-queue consumer), and stored with the sentence as evidence (table esco_links). Matching reads them:

- a requirement sentence in which the dictionary found no known skill ("communicate effectively with
  stakeholders") asks for its best JOB_LINKS_PER_SENTENCE ESCO skill(s) scoring at least MATCH_THRESHOLD;
- a resume has an ESCO skill when one of its sentences links to it at MATCH_THRESHOLD or more, that sentence being
  the evidence ("Presented quarterly results to the board and key stakeholders").

The threshold was chosen on the tune half of the ESCO-linked SkillSpan dev set (bench/esco_matching_bench.py). The
same sentence always gets the same links (the model and index are fixed per release), and links are cached by
the sentence's normalised text in the process, so re-linking an unchanged posting or resume costs no model call.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiring.ports import Embedder
    from hiring.resume.model import ParsedResume
    from hiring.skills.esco_linking import EscoLink, EscoLinker

# Chosen on the tune half of the dev set: the best F1 of a sentence's top-5 links (bench/esco_matching_bench.py).
MATCH_THRESHOLD = 0.60
# A requirement sentence asks for its best ESCO skill only: its second link is right less than half as often.
JOB_LINKS_PER_SENTENCE = 1
STORED_TOP = 5  # links kept per sentence (matching reads those above the threshold)
MAX_SENTENCES = 120  # per posting or resume: bounds the model's work on a pathological document
LINKER_VERSION = "1"  # bump when the sentence cutting or the link weights change: stored links are re-made
CACHE_SIZE = 50_000  # sentences whose links a process keeps


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """A sentence to link: the block it comes from (required/preferred, or a resume section), which item of that
    block (part: the job or project's position, 0 otherwise), its offsets in that item's text, its text, and
    whether the dictionary already found a known skill in it."""

    block: str
    part: int
    start: int
    end: int
    text: str
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class SentenceLinks:
    """A sentence with its ranked ESCO skills (best first)."""

    sentence: SourceSentence
    links: tuple[EscoLink, ...]


def normalised(text: str) -> str:
    """The cache key of a sentence: case and spacing do not change its links."""
    return " ".join(text.split()).lower()


def _is_heading(sentence: str, heading: str) -> bool:
    return bool(heading) and normalised(sentence.strip("#:- ")) == normalised(heading.strip("#:- "))


def job_sentences(description: str) -> list[SourceSentence]:
    """The sentences of a posting's required and preferred blocks (offsets into posting_text(description)), each
    marked resolved when the dictionary finds a known skill in it."""
    from hiring.analysis.posting_sections import posting_text, split_sections
    from hiring.skills.esco_linking import split_sentences
    from hiring.skills.extractor import get_extractor

    text = posting_text(description)
    sections = [s for s in split_sections(text) if s.kind in ("required", "preferred")]
    if not sections:
        return []
    known = [(m.start, m.end) for m in get_extractor().extract(text) if m.known]
    found: list[SourceSentence] = []
    for section in sections:
        for start, end in split_sentences(text[section.start : section.end]):
            start, end = start + section.start, end + section.start
            sentence = text[start:end]
            if _is_heading(sentence, section.heading):
                continue
            resolved = any(start <= a and b <= end for a, b in known)
            found.append(SourceSentence(section.kind, 0, start, end, sentence, resolved))
    return found[:MAX_SENTENCES]


def resume_sentences(resume: ParsedResume) -> list[SourceSentence]:
    """The sentences of a resume's summary, job and project descriptions, and its skills lines (offsets into the
    field they come from: the summary, experience[part].description, projects[part].description, or the line)."""
    from hiring.skills.esco_linking import split_sentences

    found: list[SourceSentence] = []

    def add(block: str, part: int, text: str | None) -> None:
        for start, end in split_sentences(text or ""):
            found.append(SourceSentence(block, part, start, end, (text or "")[start:end]))

    add("summary", 0, resume.summary)
    for part, job in enumerate(resume.experience):
        add("experience", part, job.description)
    for part, project in enumerate(resume.projects):
        add("projects", part, project.description)
    lines = dict.fromkeys(e.text.strip() for s in resume.skills for e in s.evidence if e.section == "skills")
    for part, line in enumerate(line for line in lines if line):
        add("skills", part, line)
    return found[:MAX_SENTENCES]


@lru_cache(maxsize=1)
def index_model(path: Path | None = None) -> str:
    """The embedding model the ESCO index was built with (read without loading the vectors)."""
    import numpy as np

    from hiring.skills.esco_linking import DEFAULT_INDEX_PATH

    with np.load(path or DEFAULT_INDEX_PATH) as data:
        return bytes(data["model"]).decode("utf-8").split("\n")[0]


@lru_cache(maxsize=1)
def index_version(path: Path | None = None) -> str:
    """The version stored with every link: the index file's digest and the linker's version."""
    from hiring.skills.esco_linking import DEFAULT_INDEX_PATH

    digest = hashlib.sha256((path or DEFAULT_INDEX_PATH).read_bytes()).hexdigest()[:12]
    return f"{digest}-v{LINKER_VERSION}"


class SentenceLinker:
    """EscoLinker's sentence mode with an LRU cache of links by normalised sentence text (thread-safe; the model is
    uncased, so the normalised text links as the sentence does). A worker primes it from the links already stored
    for the same sentences (hiring.services.esco_links), so a fresh process re-links nothing it stored before."""

    def __init__(self, linker: EscoLinker, cache_size: int = CACHE_SIZE) -> None:
        self.linker = linker
        self.version = index_version()
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[EscoLink, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # sentences the model linked (cache misses), for tests and benches

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The texts whose links the cache does not hold (each once, in order)."""
        with self._lock:
            return list(dict.fromkeys(t for t in texts if normalised(t) not in self._cache))

    def prime(self, known: dict[str, tuple[EscoLink, ...]]) -> None:
        """Put links made earlier (stored with the same index version) in the cache, by sentence text."""
        with self._lock:
            for text, links in known.items():
                self._cache[normalised(text)] = links
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def forget(self) -> None:
        """Empty the cache (a fresh process)."""
        with self._lock:
            self._cache.clear()

    def link(self, texts: Sequence[str]) -> list[tuple[EscoLink, ...]]:
        """The top STORED_TOP links of each text; only texts not in the cache reach the model, in one batch."""
        keys = [normalised(t) for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            rows = self.linker.sentence_scores(missing)
            fresh = {k: self.linker.ranked(row, STORED_TOP) for k, row in zip(missing, rows, strict=True)}
            with self._lock:
                self.computed += len(missing)
                for key, links in fresh.items():
                    self._cache[key] = links
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            found = []
            for key in keys:
                self._cache.move_to_end(key)
                found.append(self._cache[key])
            return found

    def link_sentences(self, sentences: Sequence[SourceSentence]) -> list[SentenceLinks]:
        return [
            SentenceLinks(s, links) for s, links in zip(sentences, self.link([s.text for s in sentences]), strict=True)
        ]


_linkers: dict[str, SentenceLinker] = {}
_linkers_lock = threading.Lock()


def linker_for(embedder: Embedder, setting: str = "auto") -> SentenceLinker | None:
    """The process's sentence linker for this embedder; None when linking is off (setting "off") or the embedder is
    not the model the ESCO index was built with (the hashing embedder of the test suite, another model)."""
    if setting == "off":
        return None
    model = embedder.model_name
    if model != index_model():
        return None
    with _linkers_lock:
        linker = _linkers.get(model)
        if linker is None:
            from hiring.skills.esco_linking import EscoLinker

            linker = _linkers[model] = SentenceLinker(EscoLinker(embedder))
        return linker
