"""Run every benchmark in bench/ one after another, each in its own process (`make bench`).

Each script prints its own side-by-side ratios measured in one run; nothing here is a pass/fail test.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "parse_speed.py",
    "resume_corpus_bench.py",
    "dotin_bench.py",
    "skillspan_bench.py",
    "esco_linking_bench.py",
    "esco_matching_bench.py",
    "job_analysis_bench.py",
    "import_bench.py",
    "embedding_bench.py",
    "matching_bench.py",
    "nightly_refresh_bench.py",
    "service_recall_bench.py",
]


def main() -> int:
    failed = []
    for name in ORDER:
        sys.stdout.write(f"\n===== {name} =====\n")
        sys.stdout.flush()
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / name)], cwd=HERE.parent)  # noqa: S603 - our own scripts
        sys.stdout.write(f"----- {name}: exit {code}, {time.perf_counter() - started:.0f} s\n")
        if code:
            failed.append(name)
    if failed:
        sys.stdout.write(f"\nfailed: {', '.join(failed)}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
