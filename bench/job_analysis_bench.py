"""Per-field coverage of the job analysis over the real postings in ../shared/data/jobs, and time per posting.

.venv/bin/python bench/job_analysis_bench.py [path/to/postings.json]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from hiring.analysis.job_analysis import analyze_job

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "jobs" / "microsoft-careers-sample.json"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    postings = json.loads(path.read_text())
    analyze_job("warm up", "Python")  # loads the taxonomy and the occupation index once
    timings, results = [], []
    for posting in postings:
        start = time.perf_counter()
        results.append(analyze_job(posting["title"], posting["description"], location=posting.get("state")))
        timings.append((time.perf_counter() - start) * 1000)
    n = len(results)

    def share(predicate: object) -> str:
        count = sum(1 for r in results if predicate(r))  # type: ignore[operator]
        return f"{count:4d} / {n}  ({100 * count / n:5.1f}%)"

    rows = [
        ("occupation", lambda r: r.occupation is not None),
        ("required skills >= 1", lambda r: r.required_skills),
        ("preferred skills >= 1", lambda r: r.preferred_skills),
        ("experience range", lambda r: r.experience_min is not None or r.experience_max is not None),
        ("education level", lambda r: r.education_level),
        ("salary", lambda r: r.salary),
        ("work arrangement", lambda r: r.work_arrangement),
        ("employment type", lambda r: r.employment_type),
        ("location", lambda r: r.location),
    ]
    sys.stdout.write(f"{path.name}: {n} postings\n\nfield                    coverage\n")
    for name, predicate in rows:
        sys.stdout.write(f"{name:<24} {share(predicate)}\n")
    scores = [r.quality_score for r in results]
    sys.stdout.write(
        f"\nquality score: median {statistics.median(scores)}, min {min(scores)}, max {max(scores)}\n"
        f"required skills per posting: median {statistics.median(len(r.required_skills) for r in results)}\n"
        f"time per posting: median {statistics.median(timings):.1f} ms, p90 "
        f"{sorted(timings)[int(0.9 * n)]:.1f} ms, max {max(timings):.1f} ms\n"
    )


if __name__ == "__main__":
    main()
