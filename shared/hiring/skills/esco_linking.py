"""Semantic links from skill mentions and requirement sentences to ESCO skills, beyond the dictionary.

A phrase ("communicate effectively with stakeholders") is embedded with the project's sentence embedder and
compared with precomputed vectors of every ESCO skill's labels (preferred and alternative) and description.
A skill's score mixes the best of its label similarities, its description similarity and the word overlap
between the phrase and its labels. Whole sentences are linked through the sentence and its clauses (split at
commas, brackets and conjunctions), so one requirement line can name several skills.

The vectors are built once (`hiring skills build-esco-index`) into data/esco_index.npz, int8 with one scale
per vector. The linker takes the embedder as a parameter: it runs where the embedder runs (the CLI, the
work-queue consumer), never inside the parse function, which does not carry the model.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hiring.ports import Embedder
from hiring.skills.extractor import SkillMention
from hiring.skills.taxonomy import Skill, get_taxonomy

INDEX_FILE = "esco_index.npz"
DEFAULT_INDEX_PATH = Path(__file__).resolve().parent / "data" / INDEX_FILE
INDEX_FORMAT = 1
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
DEFAULT_TOP = 5
# Alternative labels this close to a kept label of the same skill add little and cost 384 bytes each: the index
# keeps about a fifth of the 99,000 labels' vectors (every label still counts for word overlap); on the tune
# split, 0.65 scored as well as keeping every vector, at a third of the size.
NEAR_DUPLICATE = 0.65

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]

# Words that carry no skill: a label's overlap with a phrase is counted on its other words.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "to", "of", "in", "on", "for", "with", "and", "or", "at", "by", "as", "into", "from", "up"}
    | {"out", "be", "is", "are", "one", "one's", "own", "your", "their", "our", "its", "oneself", "s", "etc", "e"}
    | {"g", "i"}
)
# No "-er": "docker" is not "dock", "manager" stays apart from "manage".
_SUFFIXES = ("ations", "ation", "ings", "ing", "ities", "ity", "ively", "ive", "ments", "ment", "ed")
_WORD = re.compile(r"[^\W_]+(?:[+#]+|(?:\.[^\W_]+)+)?")
# Sentence ends: . ! ? ; followed by a space, line breaks, and list bullets.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n\s*|\s*[•▪●◦‣■►·]\s*|\s+[-*–]\s+(?=[A-Z])")
# Clause breaks inside a sentence: punctuation that separates items, and coordinating words.
_CLAUSE_BREAK = re.compile(
    r"\s*[,;:()\[\]/|]\s*|\s+(?:and|or|&|as well as|including|such as|e\.g\.?|i\.e\.?|etc\.?|plus|incl\.?)\s+",
    re.I,
)
_MIN_LETTERS = 2
_SCORE_BATCH = 64
_EMBED_CHUNK = 2048


def stem(word: str) -> str:
    """A crude stem, enough to match "testing" with "tests" and "communication" with "communicate"."""
    word = word.lower()
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words."""
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


@dataclass(frozen=True, slots=True)
class EscoLink:
    """One ESCO skill linked to a phrase: its preferred label, URI and score (higher is closer)."""

    label: str
    uri: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The link as plain JSON data."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LinkedSentence:
    """A sentence of a text (text[start:end]) with its ranked ESCO skills."""

    start: int
    end: int
    text: str
    esco: tuple[EscoLink, ...]

    def to_dict(self) -> dict[str, Any]:
        """The sentence as plain JSON data."""
        return {"start": self.start, "end": self.end, "text": self.text, "esco": [e.to_dict() for e in self.esco]}


@dataclass(frozen=True)
class LinkWeights:
    """How a skill's score mixes its evidence; tuned on the development half of the ESCO-linked SkillSpan set.

    The score is the weighted mean of the best label cosine, the description cosine and the word overlap, so a
    phrase that is a skill's label scores near 1 and unrelated text about 0.3-0.5.
    """

    label: float = 1.0
    description: float = 0.6
    overlap: float = 0.8
    # The whole sentence's score is discounted against its clauses', so a clause that names a skill outranks a
    # sentence that only talks around it.
    sentence: float = 0.85


@dataclass
class EscoIndex:
    """ESCO skills with their label and description vectors (unit vectors, dequantised at load).

    terms are every preferred and alternative label (grouped by skill, for word overlap); label_vectors embed
    a subset of them (the preferred label and the alternatives that are not near-duplicates of a kept one).
    """

    model_name: str
    uris: list[str]
    labels: list[str]
    terms: list[str]
    term_owner: Ints
    label_owner: Ints
    label_vectors: Floats
    description_vectors: Floats
    _stem_postings: dict[str, Ints] = field(default_factory=dict, repr=False)
    _stem_weight: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.uris)

    @cached_property
    def label_starts(self) -> Ints:
        """The first label vector of each skill (rows are grouped by skill, in skill order)."""
        return _group_starts(self.label_owner, self.size)

    @cached_property
    def term_starts(self) -> Ints:
        """The first term of each skill."""
        return _group_starts(self.term_owner, self.size)

    @cached_property
    def term_weight(self) -> Floats:
        """The summed word weights of each term (the denominator of its overlap with a phrase)."""
        rows: dict[str, list[int]] = {}
        for row, text in enumerate(self.terms):
            for word_stem in content_stems(text):
                rows.setdefault(word_stem, []).append(row)
        count = len(self.terms)
        # Rare words say more than "manage" or "use": weight each stem by its inverse term frequency.
        self._stem_weight = {s: float(np.log(count / len(r))) + 1.0 for s, r in rows.items()}
        self._stem_postings = {s: np.array(r, dtype=np.int32) for s, r in rows.items()}
        weight = np.zeros(count, dtype=np.float32)
        for word_stem, postings in self._stem_postings.items():
            weight[postings] += self._stem_weight[word_stem]
        return weight

    def overlap(self, phrase: str) -> Floats:
        """Per skill, the best share of a term's word weight that the phrase contains (0..1)."""
        weight = self.term_weight
        hits = np.zeros(len(self.terms), dtype=np.float32)
        for word_stem in content_stems(phrase):
            postings = self._stem_postings.get(word_stem)
            if postings is not None:
                hits[postings] += self._stem_weight[word_stem]
        share = np.divide(hits, weight, out=np.zeros_like(hits), where=weight > 0)
        return np.maximum.reduceat(share, self.term_starts)

    def label_similarity(self, vectors: Floats) -> Floats:
        """Per vector (rows) and skill (columns), the best cosine with the skill's label vectors."""
        return np.maximum.reduceat(vectors @ self.label_vectors.T, self.label_starts, axis=1)

    def uri(self, skill: int) -> str:
        return ESCO_SKILL_PREFIX + self.uris[skill]

    def find(self, uri: str) -> int | None:
        """The row of a skill by URI (or by the id at its end)."""
        return self._rows.get(uri.rsplit("/", 1)[-1])

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self.uris)}


def _group_starts(owner: Ints, size: int) -> Ints:
    starts = np.searchsorted(owner, np.arange(size)).astype(np.int32)
    if len(owner) and (np.any(np.diff(owner) < 0) or len(np.unique(owner)) != size):
        raise ValueError("every skill needs at least one row, rows grouped by skill in order")
    return starts


def _texts(values: Sequence[str]) -> npt.NDArray[np.uint8]:
    if any("\n" in v for v in values):
        raise ValueError("index texts must be single lines")
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def _untexts(data: npt.NDArray[np.uint8]) -> list[str]:
    return bytes(data).decode("utf-8").split("\n")


def quantise(vectors: Floats) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float16]]:
    """int8 vectors with one scale each (the largest component maps to 127)."""
    scales = np.maximum(np.abs(vectors).max(axis=1), 1e-8) / 127.0
    return np.round(vectors / scales[:, None]).astype(np.int8), scales.astype(np.float16)


def dequantise(values: npt.NDArray[np.int8], scales: npt.NDArray[np.float16]) -> Floats:
    """Unit float32 vectors back from int8 and their scales."""
    vectors = values.astype(np.float32) * scales.astype(np.float32)[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def save_index(path: Path, index: EscoIndex) -> None:
    """Write the index compactly: int8 vectors with scales, texts as UTF-8 bytes."""
    label_values, label_scales = quantise(index.label_vectors)
    description_values, description_scales = quantise(index.description_vectors)
    np.savez_compressed(
        path,
        format=np.array([INDEX_FORMAT], dtype=np.int32),
        model=_texts([index.model_name]),
        uris=_texts(index.uris),
        labels=_texts(index.labels),
        terms=_texts(index.terms),
        term_owner=index.term_owner.astype(np.int32),
        label_owner=index.label_owner.astype(np.int32),
        label_values=label_values,
        label_scales=label_scales,
        description_values=description_values,
        description_scales=description_scales,
    )


def load_index(path: Path = DEFAULT_INDEX_PATH) -> EscoIndex:
    """Read an index written by save_index."""
    with np.load(path) as data:
        if int(data["format"][0]) != INDEX_FORMAT:
            raise ValueError(f"{path}: ESCO index format {int(data['format'][0])}, expected {INDEX_FORMAT}")
        return EscoIndex(
            model_name=_untexts(data["model"])[0],
            uris=_untexts(data["uris"]),
            labels=_untexts(data["labels"]),
            terms=_untexts(data["terms"]),
            term_owner=data["term_owner"].astype(np.int32),
            label_owner=data["label_owner"].astype(np.int32),
            label_vectors=dequantise(data["label_values"], data["label_scales"]),
            description_vectors=dequantise(data["description_values"], data["description_scales"]),
        )


@dataclass(frozen=True)
class EscoConcept:
    """One ESCO skill as read from the classification: URI, preferred and alternative labels, description."""

    uri: str
    label: str
    alternatives: tuple[str, ...]
    description: str


def read_esco_concepts(zip_path: Path) -> list[EscoConcept]:
    """The released ESCO skills and knowledge concepts of the CSV distribution, in URI order."""
    from hiring.skills.sources import read_esco  # the taxonomy build's reader: the same rows, the same order

    if not zipfile.is_zipfile(zip_path):
        raise FileNotFoundError(f"not an ESCO CSV zip: {zip_path}")
    rows, *_ = read_esco(zip_path)
    concepts = []
    for row in rows:
        if not row["skillType"] or row.get("status", "released") != "released":
            continue
        label = " ".join(row["preferredLabel"].split())
        seen = {label.lower()}
        alternatives = []
        for alternative in row["altLabels"].splitlines():
            alternative = " ".join(alternative.split())
            if alternative and alternative.lower() not in seen:
                seen.add(alternative.lower())
                alternatives.append(alternative)
        description = " ".join(row["description"].split())
        concepts.append(EscoConcept(row["conceptUri"], label, tuple(alternatives), description))
    return concepts


def build_index(
    concepts: Sequence[EscoConcept], embedder: Embedder, *, near_duplicate: float = NEAR_DUPLICATE
) -> EscoIndex:
    """Embed every concept's labels and description; keep the label vectors that are not near-duplicates."""
    terms: list[str] = []
    owner: list[int] = []
    for row, concept in enumerate(concepts):
        terms += [concept.label, *concept.alternatives]
        owner += [row] * (1 + len(concept.alternatives))
    term_owner = np.array(owner, dtype=np.int32)
    vectors = _embed(embedder, terms)
    kept = distinct_rows(vectors, term_owner, near_duplicate)
    return EscoIndex(
        model_name=embedder.model_name,
        uris=[c.uri.rsplit("/", 1)[-1] for c in concepts],
        labels=[c.label for c in concepts],
        terms=terms,
        term_owner=term_owner,
        label_owner=term_owner[kept],
        label_vectors=vectors[kept],
        description_vectors=_embed(embedder, [c.description or c.label for c in concepts]),
    )


def distinct_rows(vectors: Floats, owner: Ints, near_duplicate: float) -> Ints:
    """Per skill, its first row and each later row whose cosine with every kept row is below near_duplicate."""
    kept: list[int] = []
    bounds = np.flatnonzero(np.diff(owner)) + 1
    for rows in np.split(np.arange(len(owner)), bounds):
        similarity = vectors[rows] @ vectors[rows].T
        chosen = [0]
        for position in range(1, len(rows)):
            if similarity[position, chosen].max() < near_duplicate:
                chosen.append(position)
        kept += [int(rows[p]) for p in chosen]
    return np.array(kept, dtype=np.int32)


def _embed(embedder: Embedder, texts: Sequence[str]) -> Floats:
    """Unit vectors of the texts as one float32 array (in chunks: the port returns Python lists)."""
    output = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(texts), _EMBED_CHUNK):
        chunk = list(texts[start : start + _EMBED_CHUNK])
        output[start : start + len(chunk)] = np.asarray(embedder.embed(chunk), dtype=np.float32)
    return output


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences and list items of a text (stripped, at least two letters)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*_SENTENCE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        spans.extend(_stripped(text, position, end))
        if match:
            position = match.end()
    return spans


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(" \t\r\n-*–:"))
    right = len(piece.rstrip(" \t\r\n"))
    if right <= left or sum(c.isalpha() for c in piece) < _MIN_LETTERS:
        return []
    return [(start + left, start + right)]


def clauses(sentence: str) -> list[str]:
    """The clauses and list items of a sentence, split at separating punctuation and conjunctions."""
    parts = [" ".join(p.split()) for p in _CLAUSE_BREAK.split(sentence)]
    return [p for p in dict.fromkeys(parts) if sum(c.isalpha() for c in p) >= _MIN_LETTERS]


def sentence_phrases(sentence: str) -> list[str]:
    """What a sentence is linked through: itself first, then its clauses."""
    # Overlapping 4- and 6-word windows over long clauses were tried too: lower RP@5 on the tune split.
    return list(dict.fromkeys([" ".join(sentence.split()), *clauses(sentence)]))


class EscoLinker:
    """Ranks ESCO skills for phrases and sentences with a sentence embedder over a precomputed index."""

    def __init__(
        self,
        embedder: Embedder,
        index: EscoIndex | None = None,
        *,
        weights: LinkWeights | None = None,
    ) -> None:
        self.index = index if index is not None else load_index()
        if embedder.model_name != self.index.model_name:
            raise ValueError(
                f"the ESCO index holds {self.index.model_name} vectors; the embedder is {embedder.model_name}"
            )
        self.embedder = embedder
        self.weights = weights or LinkWeights()

    def scores(self, phrases: Sequence[str]) -> Floats:
        """A (phrases, skills) matrix of scores."""
        vectors = _embed(self.embedder, phrases)
        return self.scores_of_vectors(phrases, vectors)

    def scores_of_vectors(self, phrases: Sequence[str], vectors: Floats) -> Floats:
        """Scores of phrases whose vectors are already computed (the same model as the index)."""
        index = self.index
        result = np.empty((len(phrases), index.size), dtype=np.float32)
        for start in range(0, len(phrases), _SCORE_BATCH):  # matrix products, a bounded block at a time
            block = vectors[start : start + _SCORE_BATCH]
            overlap = np.stack([index.overlap(p) for p in phrases[start : start + len(block)]])
            label, description = index.label_similarity(block), block @ index.description_vectors.T
            result[start : start + len(block)] = self.combine(label, description, overlap)
        return result

    def combine(self, label: Floats, description: Floats, overlap: Floats) -> Floats:
        """The score from its parts: label and description cosines and word overlap, per phrase and skill."""
        weights = self.weights
        score = weights.label * label + weights.description * description + weights.overlap * overlap
        return score / (weights.label + weights.description + weights.overlap)  # type: ignore[no-any-return]

    def ranked(self, scores: Floats, top: int, pinned: Iterable[str] = ()) -> tuple[EscoLink, ...]:
        """The top skills of one score vector, best first; pinned skills (URIs) come before the ranking."""
        top = min(top, len(scores))
        if top <= 0:
            return ()
        first = [row for row in (self.index.find(uri) for uri in pinned) if row is not None]
        first = sorted(dict.fromkeys(first), key=lambda row: -scores[row])[:top]
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best], kind="stable")]
        rows = list(dict.fromkeys([*first, *(int(i) for i in best)]))[:top]
        return tuple(EscoLink(self.index.labels[i], self.index.uri(i), round(float(scores[i]), 4)) for i in rows)

    def link_phrases(self, phrases: Sequence[str], top: int = DEFAULT_TOP) -> list[tuple[EscoLink, ...]]:
        """The ranked ESCO skills of each phrase (a skill mention, a label, a short requirement)."""
        if not phrases:
            return []
        return [self.ranked(row, top) for row in self.scores(phrases)]

    def sentence_scores(self, sentences: Sequence[str]) -> list[Floats]:
        """Per sentence, each skill's best score over the sentence and its clauses."""
        phrases: list[str] = []
        groups: list[tuple[int, int]] = []
        for sentence in sentences:
            parts = sentence_phrases(sentence)
            groups.append((len(phrases), len(phrases) + len(parts)))
            phrases += parts
        if not phrases:
            return []
        vectors = _embed(self.embedder, phrases)
        combined = []
        for start, end in groups:
            scores = self.scores_of_vectors(phrases[start:end], vectors[start:end])
            scores[0] *= self.weights.sentence
            combined.append(scores.max(axis=0))
        return combined

    def link_mentions(self, mentions: Sequence[SkillMention], top: int = DEFAULT_TOP) -> list[tuple[EscoLink, ...]]:
        """The ranked ESCO skills of each extracted mention; the taxonomy's own ESCO links come first."""
        if not mentions:
            return []
        # A known mention is linked by its canonical name ("k8s" -> Kubernetes), an unknown one as written.
        phrases = [m.canonical if m.known else m.text for m in mentions]
        scores = self.scores(phrases)
        return [self.ranked(row, top, dictionary_esco_uris([m])) for row, m in zip(scores, mentions, strict=True)]

    def link_sentences(
        self, text: str, top: int = DEFAULT_TOP, mentions: Sequence[SkillMention] = ()
    ) -> list[LinkedSentence]:
        """Split a text into sentences and rank the ESCO skills of each; the ESCO links of the dictionary's
        mentions (extracted from the same text) inside a sentence come first."""
        spans = split_sentences(text)
        scores = self.sentence_scores([text[a:b] for a, b in spans])
        linked = []
        for (start, end), row in zip(spans, scores, strict=True):
            pinned = dictionary_esco_uris([m for m in mentions if start <= m.start and m.end <= end])
            linked.append(LinkedSentence(start, end, text[start:end], self.ranked(row, top, pinned)))
        return linked


def esco_uris_of(refs: Iterable[str]) -> list[str]:
    """The ESCO URIs among a taxonomy skill's source references ("esco:<id>")."""
    return [ESCO_SKILL_PREFIX + ref.split(":", 1)[1] for ref in refs if ref.startswith("esco:")]


@lru_cache(maxsize=1)
def _skills_by_name() -> dict[str, list[Skill]]:
    by_name: dict[str, list[Skill]] = {}
    for skill in get_taxonomy().skills:
        by_name.setdefault(skill.name, []).append(skill)
    return by_name


def dictionary_esco_uris(mentions: Iterable[SkillMention]) -> list[str]:
    """The ESCO URIs the taxonomy links the known mentions to, confident mentions first, then in text order."""
    by_name = _skills_by_name()
    uris: list[str] = []
    for mention in sorted(mentions, key=lambda m: (-m.confidence, m.start)):
        if mention.known:
            for skill in by_name.get(mention.canonical, ()):
                uris += esco_uris_of(skill.sources)
    return list(dict.fromkeys(uris))
