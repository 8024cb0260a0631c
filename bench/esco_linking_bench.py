"""ESCO linking benchmark: ranked ESCO skills of job-posting sentences against labels built without embeddings.

The set (bench/data/esco_skillspan_dev.jsonl, built by bench/esco_dev_set.py) holds the SkillSpan dev
sentences (house and tech postings) whose gold Skill/Knowledge spans name an ESCO v1.1.1 skill by one of its
labels, after normalisation and a hand check of every distinct span -> skill pair. It is lexical by
construction: it measures whether a ranking finds the skills a sentence names, not paraphrases ("work with
people from other teams" for "work in teams"), and it favours the dictionary, whose surface forms come from the
same ESCO labels. Half the sentences ("tune") chose the linker's weights; "test" was never tuned on.

Methods, each giving at most 5 skills per sentence (the top 5):
- dictionary: the rule-based extractor's mentions, through the taxonomy's ESCO references, in text order;
- embedding: EscoLinker's sentence mode (the sentence and its clauses against ESCO labels and descriptions);
- combined: the sentence mode given the extractor's mentions (as `hiring skills extract --sentences` runs it):
  the dictionary's skills first, then the embedding's ranking.
Metrics per sentence, averaged: RP@5 = gold in the top 5 / min(5, gold); Recall@5 = gold in the top 5 / gold;
MRR@5 = 1 / rank of the first gold skill (0 past 5). Usage: python bench/esco_linking_bench.py [--tune]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder
from hiring.skills.esco_linking import (
    DEFAULT_INDEX_PATH,
    EscoLinker,
    LinkWeights,
    dictionary_esco_uris,
    load_index,
    sentence_phrases,
)
from hiring.skills.extractor import SkillMention, get_extractor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench.docs_tables` when run as a script

DEV_SET = Path(__file__).resolve().parent / "data" / "esco_skillspan_dev.jsonl"
TOP = 5


VIEWS = ("lexical", "hand", "all")


@dataclass(frozen=True)
class LinkedExample:
    """One sentence of the set with its gold ESCO URIs: every link, and the lexical and hand links apart."""

    id: str
    split: str
    text: str
    gold: frozenset[str]
    lexical: frozenset[str]
    hand: frozenset[str]

    def view(self, name: str) -> LinkedExample:
        """The example with only one kind of gold link ("lexical", "hand" or "all")."""
        gold = self.gold if name == "all" else getattr(self, name)
        return LinkedExample(self.id, self.split, self.text, gold, self.lexical, self.hand)


@dataclass(frozen=True)
class Scores:
    """Averages over sentences."""

    rp5: float
    recall5: float
    mrr5: float
    sentences: int


def read_set(path: Path = DEV_SET) -> list[LinkedExample]:
    """The linked sentences of the set."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        uris = [(span["via"], e["uri"]) for span in record["spans"] for e in span["esco"]]
        hand = frozenset(uri for via, uri in uris if via == "hand")
        lexical = frozenset(uri for via, uri in uris if via != "hand")
        examples.append(LinkedExample(record["id"], record["split"], record["text"], hand | lexical, lexical, hand))
    return examples


def select(examples: Sequence[LinkedExample], view: str, split: str) -> list[tuple[int, LinkedExample]]:
    """The examples (with their positions) of one split ("tune", "test", "all") that have gold in a view."""
    chosen = [(i, e.view(view)) for i, e in enumerate(examples) if split in ("all", e.split)]
    return [(i, e) for i, e in chosen if e.gold]


def score(rankings: Sequence[Sequence[str]], examples: Sequence[LinkedExample]) -> Scores:
    """RP@5, Recall@5 and MRR@5 of rankings (lists of URIs, best first) against the gold URIs."""
    rp, recall, mrr = [], [], []
    for ranking, example in zip(rankings, examples, strict=True):
        top = list(dict.fromkeys(ranking))[:TOP]
        hits = sum(uri in example.gold for uri in top)
        rp.append(hits / min(TOP, len(example.gold)))
        recall.append(hits / len(example.gold))
        first = next((rank for rank, uri in enumerate(top, 1) if uri in example.gold), None)
        mrr.append(1 / first if first else 0.0)
    return Scores(float(np.mean(rp)), float(np.mean(recall)), float(np.mean(mrr)), len(examples))


def dictionary_ranking(text: str) -> list[str]:
    """The ESCO URIs of the extractor's mentions, confident matches first, then in text order."""
    return dictionary_esco_uris(get_extractor().extract(text))


def embedding_ranking(linker: EscoLinker, text: str, mentions: Sequence[SkillMention] = ()) -> list[str]:
    """The URIs of the linker's sentence mode over the text (a SkillSpan sentence may hold several)."""
    sentences = linker.link_sentences(text, TOP, mentions)
    if len(sentences) == 1:
        return [link.uri for link in sentences[0].esco]
    # Several pieces: the dictionary's links of every piece first, then the rest by score.
    pinned = dictionary_esco_uris(mentions)
    links = sorted((link for sentence in sentences for link in sentence.esco), key=lambda link: -link.score)
    return list(dict.fromkeys([*pinned, *(link.uri for link in links)]))


def render(name: str, scores: Scores) -> str:
    return f"{name:<28} {scores.sentences:>5} {scores.rp5:>7.3f} {scores.recall5:>9.3f} {scores.mrr5:>7.3f}"


# The rows of docs/resumes.md's RP@5 table: (row label, view, split).
_DOC_ROWS = (
    ("all sentences", "all", "all"),
    ("test half only", "all", "test"),
    ("label-matched links", "lexical", "all"),
    ("hand-linked paraphrases, test half", "hand", "test"),
)
_METHODS = ("dictionary", "embedding", "combined")


def docs_table(examples: list[LinkedExample], rankings: dict[str, list[list[str]]]) -> str:
    """The RP@5 table of docs/resumes.md, as this run measured it."""
    from bench.docs_tables import markdown_table

    rows = []
    for label, view, split in _DOC_ROWS:
        chosen = select(examples, view, split)
        subset = [e for _, e in chosen]
        scores = {m: score([rankings[m][i] for i, _ in chosen], subset) for m in _METHODS}
        rows.append([label, str(len(subset))] + [f"{scores[m].rp5:.3f}" for m in _METHODS])
    return markdown_table(["RP@5 on", "sentences", *_METHODS], rows)


def rank_all(examples: list[LinkedExample], linker: EscoLinker) -> tuple[dict[str, list[list[str]]], float, float]:
    """Each method's ranking of every example, and the seconds the dictionary and the embedding linker took."""
    get_extractor()
    started = time.perf_counter()
    dictionary = [dictionary_ranking(e.text) for e in examples]
    dictionary_seconds = time.perf_counter() - started
    started = time.perf_counter()
    embedding = [embedding_ranking(linker, e.text) for e in examples]
    embedding_seconds = time.perf_counter() - started
    # Combined is what `hiring skills extract --sentences` prints: the extractor's mentions pin their links.
    combined = [embedding_ranking(linker, e.text, get_extractor().extract(e.text)) for e in examples]
    rankings = {"dictionary": dictionary, "embedding": embedding, "combined": combined}
    return rankings, dictionary_seconds, embedding_seconds


def evaluate(examples: list[LinkedExample], linker: EscoLinker) -> tuple[str, dict[str, list[list[str]]]]:
    """The table of the three methods per split and the linker's throughput; and the rankings it measured."""
    rankings, dictionary_seconds, embedding_seconds = rank_all(examples, linker)
    dictionary, embedding, combined = rankings["dictionary"], rankings["embedding"], rankings["combined"]
    lines = [f"{'method / links / split':<28} {'sents':>5} {'RP@5':>7} {'Recall@5':>9} {'MRR@5':>7}"]
    for view in VIEWS:
        for split in ("tune", "test", "all"):
            chosen = select(examples, view, split)
            subset = [e for _, e in chosen]
            for name, ranked in (("dictionary", dictionary), ("embedding", embedding), ("combined", combined)):
                scores = score([ranked[i] for i, _ in chosen], subset)
                lines.append(render(f"{name} / {view} / {split}", scores))
    lexical, hand = sum(len(e.lexical) for e in examples), sum(len(e.hand) for e in examples)
    lines.append(
        f"set: {len(examples)} SkillSpan dev sentences ({DEV_SET.name}), gold ESCO labels {lexical} lexical "
        f"+ {hand} hand-linked; {sum(1 for e in examples if e.hand)} sentences hold a hand link"
    )
    lines.append(
        f"throughput: embedding linker {len(examples) / embedding_seconds:.1f} sentences/s (sentence mode, "
        f"1 thread), dictionary {len(examples) / dictionary_seconds:.0f} sentences/s"
    )
    return "\n".join(lines), rankings


def tune(examples: list[LinkedExample], linker: EscoLinker) -> str:
    """Grid search of the linker's weights on the tune split only (vectors and overlaps computed once)."""
    tuning = [e for e in examples if e.split == "tune"]
    views = {view: [(i, e) for i, e in enumerate(tuning) if e.view(view).gold] for view in ("lexical", "hand")}
    phrase_sets = [sentence_phrases(e.text) for e in tuning]
    vectors = [np.asarray(linker.embedder.embed(p), dtype=np.float32) for p in phrase_sets]
    index = linker.index
    parts = []
    for phrases, vector in zip(phrase_sets, vectors, strict=True):
        label = index.label_similarity(vector)
        description = vector @ index.description_vectors.T
        overlap = np.stack([index.overlap(p) for p in phrases])
        parts.append((label, description, overlap))
    results = []
    # A penalty for ESCO's sector- and occupation-specific skills was tried too (0.02-0.1): no better here.
    grid = itertools.product((0.0, 0.2, 0.4, 0.6, 0.8), (0.0, 0.3, 0.5, 0.8, 1.2), (0.7, 0.85, 1.0))
    for description_weight, overlap_weight, sentence_weight in grid:
        weights = LinkWeights(1.0, description_weight, overlap_weight, sentence_weight)
        trial = EscoLinker(linker.embedder, index, weights=weights)
        rankings = [_ranking(trial, *part) for part in parts]
        per_view = [
            score([rankings[i] for i, _ in chosen], [e.view(view) for _, e in chosen]) for view, chosen in views.items()
        ]
        results.append((float(np.mean([v.rp5 for v in per_view])), per_view, weights))
    results.sort(key=lambda r: -r[0])
    lines = [f"tune split: {len(tuning)} sentences; weights by the mean RP@5 of the lexical and hand links"]
    lines += [
        f"mean {mean:.3f}  lexical RP@5 {lexical.rp5:.3f}  hand RP@5 {hand.rp5:.3f} MRR@5 {hand.mrr5:.3f}  {weights}"
        for mean, (lexical, hand), weights in results[:12]
    ]
    return "\n".join(lines)


def _ranking(linker: EscoLinker, label: np.ndarray, description: np.ndarray, overlap: np.ndarray) -> list[str]:
    scores = linker.combine(label, description, overlap)
    scores[0] *= linker.weights.sentence
    best = scores.max(axis=0)
    return [linker.index.uri(int(i)) for i in np.argsort(-best)[:TOP]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX_PATH, help="the ESCO index file")
    parser.add_argument("--tune", action="store_true", help="grid-search the weights on the tune split")
    parser.add_argument("--write-docs", action="store_true", help="write the RP@5 table into docs/resumes.md")
    args = parser.parse_args(argv)
    examples = read_set(args.set)
    linker = EscoLinker(OnnxMiniLmEmbedder(), load_index(args.index))
    linker.link_phrases(["warm up"])  # load the model and the word index outside the timed part
    if args.tune:
        sys.stdout.write(tune(examples, linker) + "\n")
        return 0
    report, rankings = evaluate(examples, linker)
    sys.stdout.write(report + "\n")
    if args.write_docs:
        from bench.docs_tables import write_block

        sys.stdout.write(f"wrote {write_block('resumes.md', 'esco', docs_table(examples, rankings))}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
