"""SkillSpan development benchmark: the rule-based skill extractor against gold Skill and Knowledge spans.

Each sentence's tokens are joined by single spaces; gold BIO spans become character spans. A predicted mention
counts as Skill when its category is skill or soft, otherwise as Knowledge. Exact: same start and end.
Partial: the spans overlap (precision over predictions that overlap a gold span, recall over gold spans that
some prediction overlaps). Combined ignores the type. Usage: python bench/skillspan_bench.py [--split dev]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hiring.skills.extractor import SkillMention, get_extractor

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "skills"
JOBS = Path(__file__).resolve().parents[2] / "shared" / "data" / "jobs" / "microsoft-careers-sample.json"
SKILL_CATEGORIES = frozenset({"skill", "soft"})
Span = tuple[int, int]


@dataclass
class Sentence:
    """One SkillSpan sentence: its text and the gold spans per type."""

    text: str
    gold: dict[str, list[Span]]


@dataclass
class Counts:
    """Matched and total counts for one type and one matching mode."""

    pred_hit: int = 0
    pred: int = 0
    gold_hit: int = 0
    gold: int = 0

    def add(self, predicted: list[Span], gold: list[Span], *, exact: bool) -> None:
        match = _same if exact else _overlap
        self.pred += len(predicted)
        self.gold += len(gold)
        self.pred_hit += sum(1 for p in predicted if any(match(p, g) for g in gold))
        self.gold_hit += sum(1 for g in gold if any(match(p, g) for p in predicted))

    def scores(self) -> tuple[float, float, float]:
        precision = self.pred_hit / self.pred if self.pred else 0.0
        recall = self.gold_hit / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Report:
    """Counts per (type, mode)."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)

    def add(self, kind: str, mode: str, predicted: list[Span], gold: list[Span]) -> None:
        self.counts.setdefault((kind, mode), Counts()).add(predicted, gold, exact=mode == "exact")


def _same(a: Span, b: Span) -> bool:
    return a == b


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a SkillSpan CoNLL file (token, Skill tag, Knowledge tag per line)."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            rows.append(line.split("\t"))
            continue
        if rows:
            sentences.append(_sentence(rows))
            rows = []
    return sentences


def _sentence(rows: list[list[str]]) -> Sentence:
    offsets, position = [], 0
    for row in rows:
        offsets.append((position, position + len(row[0])))
        position += len(row[0]) + 1
    text = " ".join(row[0] for row in rows)
    gold: dict[str, list[Span]] = {"Skill": [], "Knowledge": []}
    for column, kind in ((1, "Skill"), (2, "Knowledge")):
        span: Span | None = None
        for index, row in enumerate(rows):
            tag = row[column] if len(row) > column else "O"
            if tag.startswith("B-") or (tag.startswith("I-") and span is None):
                if span is not None:
                    gold[kind].append(span)
                span = offsets[index]
            elif tag.startswith("I-") and span is not None:
                span = (span[0], offsets[index][1])
            else:
                if span is not None:
                    gold[kind].append(span)
                span = None
        if span is not None:
            gold[kind].append(span)
    return Sentence(text, gold)


def _kind(mention: SkillMention) -> str:
    return "Skill" if mention.category in SKILL_CATEGORIES else "Knowledge"


def evaluate(sentences: list[Sentence]) -> tuple[Report, float]:
    """Scores over the sentences and the extraction time in seconds."""
    extractor = get_extractor()
    started = time.perf_counter()
    predictions = [extractor.extract(s.text) for s in sentences]
    elapsed = time.perf_counter() - started
    report = Report()
    for sentence, mentions in zip(sentences, predictions, strict=True):
        for kind in ("Skill", "Knowledge"):
            spans = [(m.start, m.end) for m in mentions if _kind(m) == kind]
            for mode in ("exact", "partial"):
                report.add(kind, mode, spans, sentence.gold[kind])
        every = [(m.start, m.end) for m in mentions]
        gold = sorted(set(sentence.gold["Skill"]) | set(sentence.gold["Knowledge"]))
        for mode in ("exact", "partial"):
            report.add("Combined", mode, every, gold)
    return report, elapsed


def render(name: str, report: Report, sentences: int, elapsed: float) -> str:
    """A text table of precision, recall and F1."""
    lines = [
        f"{name}: {sentences} sentences",
        f"{'type':<10} {'mode':<8} {'pred':>6} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for kind in ("Skill", "Knowledge", "Combined"):
        for mode in ("exact", "partial"):
            counts = report.counts[(kind, mode)]
            p, r, f = counts.scores()
            lines.append(f"{kind:<10} {mode:<8} {counts.pred:>6} {counts.gold:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    lines.append(f"throughput: {sentences / elapsed:,.0f} sentences/s ({elapsed * 1000:.0f} ms extraction)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    get_extractor()  # load the taxonomy outside the timed part
    everything: list[Sentence] = []
    for domain in ("house", "tech"):
        path = args.data / f"skillspan_{domain}_{args.split}.conll"
        sentences = read_conll(path)
        everything += sentences
        report, elapsed = evaluate(sentences)
        sys.stdout.write(render(path.name, report, len(sentences), elapsed) + "\n\n")
    report, elapsed = evaluate(everything)
    sys.stdout.write(render(f"all {args.split}", report, len(everything), elapsed) + "\n\n")
    sys.stdout.write(two_page_timing() + "\n")
    return 0


def two_page_timing(runs: int = 30) -> str:
    """Median extraction time of a two-page text (about 7,000 characters of real job postings)."""
    postings = json.loads((JOBS).read_text(encoding="utf-8"))
    text = "\n\n".join(p["description"] for p in postings)[:7000]
    extractor = get_extractor()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        mentions = extractor.extract(text)
        times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    return f"two-page text ({len(text)} chars, {len(mentions)} mentions): median {median:.1f} ms over {runs} runs"


if __name__ == "__main__":
    raise SystemExit(main())
