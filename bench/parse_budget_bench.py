"""Parse budget: rule-based parse time of single-line texts of 50 KB, 200 KB, 400 KB and 4 MB, side by side.

Each text is one line (no line breaks), built by repeating a seed: a real resume flattened to one line (the
fixture "lindqvist"), a run of soft skills (many mentions of non-technical skills, which ask whether they stand
in a list) and a run of dated sentences (many date ranges and entries). Prints seconds per size and the ratio of
each time to the 50 KB time next to the ratio of the sizes: linear parsing keeps the two close. No pass/fail:
the hard limit (HIRING_MAX_DOCUMENT_CHARS) and the per-document timeout are what bound the intake.
Usage: python bench/parse_budget_bench.py [--sizes 50000,200000,400000,4000000] [--seeds resume,soft,dated]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from hiring.resume import parse_resume_text  # noqa: E402
from hiring.resume.jsonresume import from_json_resume  # noqa: E402
from tests.fixtures.resumes.generate import load  # noqa: E402


def seeds() -> dict[str, str]:
    text, _ = from_json_resume(load("lindqvist"))
    return {
        "resume": " ".join(text.split()) + " ",
        "soft": "teamwork communication leadership customer service project management ",
        "dated": "Experienced engineer skilled in Python and SQL; worked at Acme 2019 - 2021 as Senior Developer. ",
    }


def single_line(seed: str, size: int) -> str:
    return (seed * (size // len(seed) + 1))[:size]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,200000,400000,4000000")
    parser.add_argument("--seeds", default="resume,soft,dated")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = {name: seed for name, seed in seeds().items() if name in args.seeds.split(",")}
    parse_resume_text("Jane Doe\nSkills\nPython")  # the taxonomy loads once, outside the clock
    print(f"{'seed':8} " + " ".join(f"{f'{size // 1000} KB':>16}" for size in sizes))
    for name, seed in chosen.items():
        times = []
        for size in sizes:
            started = time.perf_counter()
            parse_resume_text(single_line(seed, size))
            times.append(time.perf_counter() - started)
        cells = [f"{t:6.2f} s x{t / times[0]:5.1f}" for t in times]
        print(f"{name:8} " + " ".join(f"{c:>16}" for c in cells))
    print(f"{'size x':8} " + " ".join(f"{f'x{size / sizes[0]:.1f}':>16}" for size in sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
