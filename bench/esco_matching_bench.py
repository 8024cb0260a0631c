"""ESCO links in matching: the link threshold chosen on the ESCO-linked SkillSpan dev set, and matches found with
and without ESCO on the demo postings.

1. Threshold. Every sentence of bench/data/esco_skillspan_dev.jsonl (SkillSpan dev sentences with their gold ESCO
   skills, see bench/data/README.md) is linked as the work-queue consumer links a requirement sentence
   (hiring.skills.esco_matching: the sentence and its clauses, top links). A link counts as a hit when its URI is
   one of the sentence's gold skills. For each threshold: precision (hits / links kept) and recall (hits / gold)
   of the links scoring at or above it, on the "tune" half and on the "test" half (never chosen on). A resume
   sentence keeps its top 5 links, so the threshold is the best F1 of the top-5 links on the tune half; a
   requirement sentence asks for its top JOB_LINKS_PER_SENTENCE link(s), shown beside it (all sentences, and the
   ones the dictionary finds no skill in, which are the ones matching links).
2. Matches. The 24 demo postings (hiring.runtime.demo) against the resumes of tests/fixtures/corpus truth
   files' work highlights, scored with and without their ESCO links: requirements measured, requirements met,
   and how many of those were met only through ESCO.

Usage: python bench/esco_matching_bench.py [--matches-only | --threshold-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.esco_linking_bench import read_set  # noqa: E402
from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder  # noqa: E402
from hiring.skills.esco_linking import EscoLinker  # noqa: E402
from hiring.skills.esco_matching import JOB_LINKS_PER_SENTENCE, MATCH_THRESHOLD  # noqa: E402

THRESHOLDS = [round(0.40 + 0.025 * i, 3) for i in range(15)]


def threshold_table(linker: EscoLinker) -> None:
    examples = read_set()
    started = time.perf_counter()
    scores = linker.sentence_scores([e.text for e in examples])
    elapsed = time.perf_counter() - started
    print(f"{len(examples)} sentences linked in {elapsed:.1f} s ({len(examples) / elapsed:.1f}/s)")
    from hiring.skills.extractor import get_extractor

    unresolved = [not any(m.known for m in get_extractor().extract(e.text)) for e in examples]
    print(f"{sum(unresolved)} of {len(examples)} sentences name no dictionary skill")
    for top, only_unresolved in ((5, False), (JOB_LINKS_PER_SENTENCE, False), (JOB_LINKS_PER_SENTENCE, True)):
        which = "sentences the dictionary finds no skill in" if only_unresolved else "all sentences"
        print(f"\ntop {top} links per sentence, {which}")
        print(f"{'threshold':>9} | {'tune P':>6} {'tune R':>6} {'F1':>5} | {'test P':>6} {'test R':>6} {'F1':>5}")
        best = (-1.0, 0.0)
        for threshold in THRESHOLDS:
            cells = []
            for split in ("tune", "test"):
                kept = hits = gold = 0
                for example, row in zip(examples, scores, strict=True):
                    if example.split != split or not example.gold:
                        continue
                    if only_unresolved and not unresolved[examples.index(example)]:
                        continue
                    links = linker.ranked(row, top)
                    chosen = [link for link in links if link.score >= threshold]
                    kept += len(chosen)
                    hits += sum(link.uri in example.gold for link in chosen)
                    gold += len(example.gold)
                precision = hits / kept if kept else 0.0
                recall = hits / gold if gold else 0.0
                f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
                cells.append((precision, recall, f1))
            if cells[0][2] > best[0]:
                best = (cells[0][2], threshold)
            (tp, tr, tf), (sp, sr, sf) = cells
            mark = " <- in use" if abs(threshold - MATCH_THRESHOLD) < 1e-9 else ""
            print(f"{threshold:>9.3f} | {tp:>6.3f} {tr:>6.3f} {tf:>5.3f} | {sp:>6.3f} {sr:>6.3f} {sf:>5.3f}{mark}")
        print(f"best F1 on tune: {best[0]:.3f} at {best[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold-only", action="store_true")
    parser.add_argument("--matches-only", action="store_true")
    args = parser.parse_args()
    linker = EscoLinker(OnnxMiniLmEmbedder())
    if not args.matches_only:
        threshold_table(linker)
    if not args.threshold_only:
        from bench.esco_matches import matches_table

        matches_table(linker)
    np.seterr(all="ignore")


if __name__ == "__main__":
    main()
