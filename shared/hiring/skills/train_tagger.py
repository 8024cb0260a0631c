"""Train the span tagger (hiring.skills.tagger) on SkillSpan train and write its model and lexicon files.

SkillSpan CoNLL files hold one token per line with a Skill and a Knowledge BIO column; sentences are separated by
blank lines. The two columns are folded into one label sequence (a Skill tag wins where both are set: under 0.5%
of tokens). Only the train files are read; `--select` holds out a tenth of train to compare regularisation
settings, and the dev files stay for `bench/skillspan_bench.py`.
Usage: python -m hiring.skills.train_tagger [--data DIR] [--out FILE] [--select]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hiring.skills.tagger import (
    KNOWLEDGE,
    MODEL_PATH,
    SKILL,
    Lexicon,
    dictionary_tags,
    lexicon_path,
    spans_from_labels,
    token_features,
)

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "skills"
DOMAINS = ("house", "tech")
# Regularisation settings `--select` compares (L1 c1, L2 c2); the default is the best of them on held-out train.
SETTINGS = ((0.05, 0.01), (0.1, 0.01), (0.2, 0.01), (0.3, 0.01), (0.3, 0.05), (0.5, 0.01), (1.0, 0.01), (0.1, 0.1))
Span = tuple[int, int]


@dataclass(frozen=True)
class LabelledSentence:
    """One SkillSpan sentence: its tokens, the character span of each in the space-joined text, the folded BIO
    labels, and the gold character spans per kind (Skill and Knowledge kept apart, as annotated)."""

    words: tuple[str, ...]
    offsets: tuple[Span, ...]
    labels: tuple[str, ...]
    gold: dict[str, list[Span]]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def read_conll(path: Path) -> list[LabelledSentence]:
    """Sentences of a SkillSpan CoNLL file (token, Skill tag, Knowledge tag per line)."""
    sentences: list[LabelledSentence] = []
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            rows.append(line.split("\t"))
        elif rows:
            sentences.append(_sentence(rows))
            rows = []
    return sentences


def _sentence(rows: list[list[str]]) -> LabelledSentence:
    offsets, position = [], 0
    for row in rows:
        offsets.append((position, position + len(row[0])))
        position += len(row[0]) + 1
    columns = {kind: [row[k] if len(row) > k else "O" for row in rows] for k, kind in ((1, SKILL), (2, KNOWLEDGE))}
    labels = tuple(s if s != "O" else k for s, k in zip(columns[SKILL], columns[KNOWLEDGE], strict=True))
    gold: dict[str, list[Span]] = {}
    for kind, tags in columns.items():
        gold[kind] = [(offsets[i][0], offsets[j - 1][1]) for i, j, _ in spans_from_labels(tags)]
    return LabelledSentence(tuple(row[0] for row in rows), tuple(offsets), labels, gold)


def read_split(data: Path, split: str) -> list[LabelledSentence]:
    """Both SkillSpan domains (house, tech) of one split."""
    return [s for domain in DOMAINS for s in read_conll(data / f"skillspan_{domain}_{split}.conll")]


def sentence_features(sentence: LabelledSentence, lexicon: Lexicon) -> list[list[str]]:
    """The tagger's features of a labelled sentence, with the taxonomy matches of its text as dictionary tags."""
    from hiring.skills.extractor import get_extractor

    mentions = get_extractor().extract(sentence.text)
    return token_features(sentence.words, dictionary_tags(sentence.offsets, mentions), lexicon)


def taxonomy_lexicon() -> Lexicon:
    """The lexicon of the shipped taxonomy, which a new model is trained with and saved beside."""
    from hiring.skills.taxonomy import get_taxonomy

    return Lexicon.from_taxonomy(get_taxonomy())


def train(
    sentences: list[LabelledSentence], features: list[list[list[str]]], out: Path, c1: float, c2: float, iterations: int
) -> None:
    """Fit the CRF (L-BFGS with L1 and L2 penalties) on the sentences and their features; write the model file."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence, rows in zip(sentences, features, strict=True):
        trainer.append(rows, list(sentence.labels))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def span_f1(sentences: list[LabelledSentence], features: list[list[list[str]]], model: Path) -> float:
    """Exact span F1 over both kinds: how the selection compares settings."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    hit = predicted = gold = 0
    for sentence, rows in zip(sentences, features, strict=True):
        labels = tagger.tag(rows)
        spans = {(sentence.offsets[i][0], sentence.offsets[j - 1][1], k) for i, j, k in spans_from_labels(labels)}
        truth = {(s, e, kind) for kind, found in sentence.gold.items() for s, e in found}
        hit, predicted, gold = hit + len(spans & truth), predicted + len(spans), gold + len(truth)
    precision, recall = hit / max(predicted, 1), hit / max(gold, 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c1", type=float, default=0.3)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--select", action="store_true", help="compare settings on a held-out tenth of train")
    args = parser.parse_args(argv)
    sentences = read_split(args.data, "train")
    lexicon = taxonomy_lexicon()
    if args.select:
        # Every tenth sentence: spread over both domains and every posting, the same split on every run.
        held = [s for k, s in enumerate(sentences) if k % 10 == 0]
        fit = [s for k, s in enumerate(sentences) if k % 10 != 0]
        held_features = [sentence_features(s, lexicon) for s in held]
        fit_features = [sentence_features(s, lexicon) for s in fit]
        scratch = args.out.with_suffix(".select")
        for c1, c2 in SETTINGS:
            train(fit, fit_features, scratch, c1, c2, args.iterations)
            size = scratch.stat().st_size
            f1 = span_f1(held, held_features, scratch)
            sys.stdout.write(f"c1={c1} c2={c2}: held-out exact span F1 {f1:.3f}, model {size / 1e6:.2f} MB\n")
        scratch.unlink()
        return 0
    started = time.perf_counter()
    train(sentences, [sentence_features(s, lexicon) for s in sentences], args.out, args.c1, args.c2, args.iterations)
    lexicon.save(lexicon_path(args.out))
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    sys.stdout.write(f"trained on {len(sentences)} sentences in {elapsed:.0f} s: {args.out} ({size:.2f} MB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
