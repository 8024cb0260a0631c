"""SkillSpan development benchmark: the taxonomy matcher, the trained span tagger and the two combined, against
gold Skill and Knowledge spans, side by side.

Each sentence's tokens are joined by single spaces; gold BIO spans become character spans. A dictionary mention
counts as Skill when its category is skill or soft, otherwise as Knowledge; a tagger span has its own type, and
a combined mention the tagger's type where it has one. Exact: same start and end. Loose: the spans overlap
(precision over predictions that overlap a gold span, recall over gold spans that some prediction overlaps).
Combined ignores the type. The tagger was trained on SkillSpan train only (hiring.skills.train_tagger); these
figures are on dev (published anchors, JobSpanBERT Skill 0.56 / Knowledge 0.62 span F1, are on test).
Usage: python bench/skillspan_bench.py [--split dev]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hiring.skills.extractor import SkillMention, get_extractor
from hiring.skills.tagger import MODEL_PATH, SpanTagger, TaggedSpan, combine, get_tagger
from hiring.skills.train_tagger import DEFAULT_DATA, DOMAINS, LabelledSentence, read_conll

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench.docs_tables` when run as a script

JOBS = Path(__file__).resolve().parents[2] / "shared" / "data" / "jobs" / "microsoft-careers-sample.json"
SKILL_CATEGORIES = frozenset({"skill", "soft"})
KINDS = ("Skill", "Knowledge", "Combined")
MODES = ("exact", "loose")
SYSTEMS = ("dictionary", "tagger", "combined")
Span = tuple[int, int]
Typed = list[tuple[Span, str]]


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

    def add_sentence(self, predicted: Typed, gold: dict[str, list[Span]]) -> None:
        for kind in ("Skill", "Knowledge"):
            spans = [span for span, typed in predicted if typed == kind]
            for mode in MODES:
                self._counts(kind, mode).add(spans, gold[kind], exact=mode == "exact")
        every = [span for span, _ in predicted]
        union = sorted(set(gold["Skill"]) | set(gold["Knowledge"]))
        for mode in MODES:
            self._counts("Combined", mode).add(every, union, exact=mode == "exact")

    def _counts(self, kind: str, mode: str) -> Counts:
        return self.counts.setdefault((kind, mode), Counts())


def _same(a: Span, b: Span) -> bool:
    return a == b


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _dictionary_type(mention: SkillMention) -> str:
    return mention.span_type or ("Skill" if mention.category in SKILL_CATEGORIES else "Knowledge")


def predict(sentences: Sequence[LabelledSentence], tagger: SpanTagger) -> dict[str, list[Typed]]:
    """Typed spans of every sentence for each system; the dictionary runs once and feeds the other two."""
    extractor = get_extractor()
    out: dict[str, list[Typed]] = {name: [] for name in SYSTEMS}
    for sentence in sentences:
        text = sentence.text
        mentions = extractor.extract(text)
        spans: list[TaggedSpan] = tagger.tag(text, mentions)
        merged = combine(text, mentions, spans, extractor.taxonomy)
        out["dictionary"].append([((m.start, m.end), _dictionary_type(m)) for m in mentions])
        out["tagger"].append([((s.start, s.end), s.kind) for s in spans])
        out["combined"].append([((m.start, m.end), _dictionary_type(m)) for m in merged])
    return out


def render(name: str, reports: dict[str, Report], sentences: int) -> str:
    """Precision, recall and F1 per type and mode, one column group per system."""
    head = f"{'type':<10} {'mode':<6}" + "".join(f" | {system:^20}" for system in SYSTEMS)
    sub = " " * 17 + "".join(f" | {'P':>6}{'R':>7}{'F1':>7}" for _ in SYSTEMS)
    lines = [f"{name}: {sentences} sentences", head, sub]
    for kind in KINDS:
        for mode in MODES:
            row = f"{kind:<10} {mode:<6}"
            for system in SYSTEMS:
                p, r, f = reports[system].counts[(kind, mode)].scores()
                row += f" | {p:>6.3f}{r:>7.3f}{f:>7.3f}"
            lines.append(row)
    return "\n".join(lines)


def evaluate(sentences: Sequence[LabelledSentence], tagger: SpanTagger) -> dict[str, Report]:
    """Reports of the three systems over the sentences."""
    predictions = predict(sentences, tagger)
    reports = {system: Report() for system in SYSTEMS}
    for system, per_sentence in predictions.items():
        for sentence, typed in zip(sentences, per_sentence, strict=True):
            reports[system].add_sentence(typed, sentence.gold)
    return reports


def docs_table(reports: dict[str, Report]) -> str:
    """The F1 exact / loose table of docs/resumes.md (all dev sentences), as this run measured it."""
    from bench.docs_tables import markdown_table

    header = ["type", "dictionary", "tagger", "dictionary + tagger"]

    def f1s(system: str, kind: str) -> str:
        return " / ".join(f"{reports[system].counts[(kind, mode)].scores()[2]:.3f}" for mode in MODES)

    label = {"Combined": "combined"}
    rows = [[label.get(kind, kind)] + [f1s(system, kind) for system in SYSTEMS] for kind in KINDS]
    return markdown_table(header, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write-docs", action="store_true", help="write the dev F1 table into docs/resumes.md")
    args = parser.parse_args(argv)
    if args.write_docs and args.split != "dev":
        parser.error("--write-docs reports the dev split")
    get_extractor()  # load the taxonomy outside the timed parts
    started = time.perf_counter()
    tagger = get_tagger()
    load_ms = (time.perf_counter() - started) * 1000
    out = sys.stdout
    everything: list[LabelledSentence] = []
    for domain in DOMAINS:
        path = args.data / f"skillspan_{domain}_{args.split}.conll"
        sentences = read_conll(path)
        everything += sentences
        out.write(render(path.name, evaluate(sentences, tagger), len(sentences)) + "\n\n")
    overall = evaluate(everything, tagger)
    out.write(render(f"all {args.split}", overall, len(everything)) + "\n\n")
    if args.write_docs:
        from bench.docs_tables import write_block

        out.write(f"wrote {write_block('resumes.md', 'skillspan', docs_table(overall))}\n")
    size = MODEL_PATH.stat().st_size / 1e6
    out.write(f"tagger model: {MODEL_PATH.name}, {size:.2f} MB, opened in {load_ms:.1f} ms\n")
    out.write(throughput(everything, tagger) + "\n")
    out.write(two_page_timing(tagger) + "\n")
    return 0


def _timed(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def throughput(sentences: Sequence[LabelledSentence], tagger: SpanTagger) -> str:
    """Sentences per second of the dictionary alone and of dictionary plus tagger."""
    extractor = get_extractor()
    texts = [s.text for s in sentences]
    started = time.perf_counter()
    for text in texts:
        extractor.extract(text)
    dictionary = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        tagger.tag(text, extractor.extract(text))
    both = time.perf_counter() - started
    return (
        f"throughput: dictionary {len(texts) / dictionary:,.0f} sentences/s, "
        f"dictionary + tagger {len(texts) / both:,.0f} sentences/s"
    )


def two_page_timing(tagger: SpanTagger, runs: int = 30) -> str:
    """Median extraction time of a two-page text (about 7,000 characters of real job postings)."""
    postings = json.loads(JOBS.read_text(encoding="utf-8"))
    text = "\n\n".join(p["description"] for p in postings)[:7000]
    extractor = get_extractor()
    mentions = extractor.extract(text)
    dictionary = _timed(lambda: extractor.extract(text), runs)
    both = _timed(lambda: combine(text, mentions, tagger.tag(text, mentions), extractor.taxonomy), runs)
    return (
        f"two-page text ({len(text)} chars, {len(mentions)} dictionary mentions): median {dictionary:.1f} ms "
        f"dictionary, {dictionary + both:.1f} ms dictionary + tagger over {runs} runs"
    )


if __name__ == "__main__":
    raise SystemExit(main())
