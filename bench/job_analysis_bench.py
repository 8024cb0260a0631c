"""The job analysis on real and hand-labelled postings.

1. Per-field coverage over the real postings in ../shared/data/jobs (no labels: how often each field is filled),
   with where skills came from (requirement blocks vs the duties and intro) and time per posting.
2. Per-field accuracy on the labelled complete postings in tests/fixtures/postings (expected.json).
3. The salary table: real-world salary strings by region (tests/fixtures/postings/salaries.json), exact min, max,
   currency and period.

.venv/bin/python bench/job_analysis_bench.py [path/to/postings.json]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hiring.analysis.job_analysis import JobAnalysis, analyze_job
from hiring.analysis.posting_sections import posting_text, split_sections
from hiring.analysis.salary import parse_salary

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "jobs" / "microsoft-careers-sample.json"
LABELLED = REPO / "tests" / "fixtures" / "postings"


def _real_postings(path: Path) -> None:
    postings = json.loads(path.read_text())
    analyze_job("warm up", "Python")  # loads the taxonomy and the occupation index once
    timings, results = [], []
    for posting in postings:
        start = time.perf_counter()
        results.append(analyze_job(posting["title"], posting["description"], location=posting.get("state")))
        timings.append((time.perf_counter() - start) * 1000)
    n = len(results)

    def share(predicate: Callable[[JobAnalysis], object]) -> str:
        count = sum(1 for r in results if predicate(r))
        return f"{count:4d} / {n}  ({100 * count / n:5.1f}%)"

    rows: list[tuple[str, Callable[[JobAnalysis], object]]] = [
        ("occupation", lambda r: r.occupation is not None),
        ("required skills >= 1", lambda r: r.required_skills),
        ("preferred skills >= 1", lambda r: r.preferred_skills),
        ("context skills >= 1", lambda r: r.context_skills),
        ("experience range", lambda r: r.experience_min is not None or r.experience_max is not None),
        ("education level", lambda r: r.education_level),
        ("salary", lambda r: r.salary),
        ("work arrangement", lambda r: r.work_arrangement),
        ("employment type", lambda r: r.employment_type),
        ("location", lambda r: r.location),
    ]
    out = sys.stdout.write
    out(f"{path.name}: {n} postings\n\nfield                    coverage\n")
    for name, predicate in rows:
        out(f"{name:<24} {share(predicate)}\n")
    # Where the required skills were found: a requirements block, an asking sentence elsewhere ("you have strong
    # Kafka experience" in the intro), or a posting with no requirements block at all (everything it names counts).
    origins: Counter[str] = Counter()
    for posting, r in zip(postings, results, strict=True):
        has_block = any(s.kind == "required" for s in split_sections(posting_text(posting["description"])))
        for skill in r.skills:
            if skill.required:
                in_block = skill.section in {"required", "preferred"}
                origins["requirements block" if in_block else "asking sentence" if has_block else "no block"] += 1
    total = sum(origins.values()) or 1
    out("\nrequired skills found in: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in origins.most_common()))
    out("\n")
    scores = [r.quality_score for r in results]
    sources = Counter(r.title_source for r in results)
    out(
        f"\nquality score: median {statistics.median(scores)}, min {min(scores)}, max {max(scores)}\n"
        f"skills per posting (median): required {statistics.median(len(r.required_skills) for r in results)}, "
        f"preferred {statistics.median(len(r.preferred_skills) for r in results)}, "
        f"context {statistics.median(len(r.context_skills) for r in results)}\n"
        f"title source: {dict(sorted(sources.items()))}\n"
        f"time per posting: median {statistics.median(timings):.1f} ms, p90 "
        f"{sorted(timings)[int(0.9 * n)]:.1f} ms, max {max(timings):.1f} ms\n"
    )


def _labelled_postings() -> None:
    """Each field right or wrong per labelled posting, as tests/unit/test_posting_fixtures.py judges it."""
    expected: dict[str, dict[str, Any]] = json.loads((LABELLED / "expected.json").read_text())
    right: Counter[str] = Counter()
    for name, truth in sorted(expected.items()):
        text = (LABELLED / name).read_text()
        title, body = (
            ("", text) if name.endswith(".html") else (lambda f: (f[0].strip(), f[2].strip()))(text.partition("\n"))
        )
        r = analyze_job(title, body, location=truth["location"])
        asked = set(r.required_skills) | set(r.preferred_skills)
        checks = {
            "title": r.title == truth["title"],
            "occupation": bool(r.occupation) and r.occupation["code"] in truth["occupations"],  # type: ignore[index]
            "required skills": set(truth["required_includes"]) <= set(r.required_skills),
            "preferred skills": set(truth["preferred_includes"]) <= set(r.preferred_skills),
            "context not asked": not set(truth["never_asked"]) & asked,
            "experience": [r.experience_min, r.experience_max] == truth["experience"],
            "salary": bool(r.salary)
            and {k: r.salary[k] for k in ("min", "max", "currency", "period")} == truth["salary"],  # type: ignore[index]
        }
        right.update(field for field, ok in checks.items() if ok)
    n = len(expected)
    sys.stdout.write(f"\nlabelled postings ({LABELLED.relative_to(REPO)}): {n}\n")
    for field in ("title", "occupation", "required skills", "preferred skills", "context not asked", "experience",
                  "salary"):  # fmt: skip
        sys.stdout.write(f"{field:<24} {right[field]:4d} / {n}\n")


def _salary_table() -> None:
    cases: list[dict[str, Any]] = json.loads((LABELLED / "salaries.json").read_text())
    by_region: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        salary = parse_salary(case["text"])
        exact = salary is not None and (salary.min, salary.max, salary.currency, salary.period) == (
            case["min"],
            case["max"],
            case["currency"],
            case["period"],
        )
        by_region[case["region"]].append(exact)
    sys.stdout.write(
        f"\nsalary strings ({LABELLED.relative_to(REPO)}/salaries.json): exact min, max, currency, period\n"
    )
    for region, results in by_region.items():
        sys.stdout.write(f"{region:<28} {sum(results):4d} / {len(results)}\n")
    total = [ok for results in by_region.values() for ok in results]
    sys.stdout.write(f"{'all':<28} {sum(total):4d} / {len(total)}\n")


def main() -> None:
    _real_postings(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    _labelled_postings()
    _salary_table()


if __name__ == "__main__":
    main()
