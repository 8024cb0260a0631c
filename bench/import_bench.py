"""Feed import throughput: a 10,000-row feed through the import pipeline into the embedded Postgres, beside a
plain bulk insert (COPY) of the same rows into the same table (the ceiling). Both measured in one run.

The pipeline maps and validates every row, upserts by (platform, external id) with a savepoint per row, checks
cross-platform duplicates and queues each new posting for analysis. Analysis itself runs from the work queue;
its per-posting cost is printed by bench/job_analysis_bench.py.

    .venv/bin/python bench/import_bench.py [rows]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from hiring.adapters.embedded_postgres import start_embedded_postgres
from hiring.config import Settings
from hiring.container import build_container

SOURCE = Path(__file__).resolve().parents[1] / "shared" / "hiring" / "data" / "demo_jobs.json"
CITIES = ["Seattle, WA", "Austin, TX", "New York, NY", "Remote", "Denver, CO", "Boston, MA", "Chicago, IL"]


def feed(rows: int) -> list[dict[str, object]]:
    """Realistic rows: real posting text, varied companies, titles and places, unique external ids."""
    postings = json.loads(SOURCE.read_text())
    rng = random.Random(7)
    out = []
    for i in range(rows):
        base = rng.choice(postings)
        out.append({
            "id": f"bench-{i}", "title": f"{base['title']} {i % 97}", "company": f"Company {i % 1013}",
            "location": rng.choice(CITIES), "description": f"Req {i}. " + base["description"],
            "salary": f"${rng.randint(60, 200)}K - ${rng.randint(201, 260)}K", "posted_at": "2026-11-01",
        })  # fmt: skip
    return out


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    url, server = start_embedded_postgres(Path(tempfile.mkdtemp(prefix="bench-pg-")), delete_on_exit=True)
    container = build_container(Settings(DATABASE_URL=url, data_dir=Path(tempfile.mkdtemp()), jwt_secret="x" * 40))
    tenant = container.identity.create_tenant("bench", "Bench")
    data = feed(rows)

    start = time.perf_counter()
    # The ceiling runs as the login role: COPY is not allowed under row-level security, which binds the app role.
    with (
        psycopg.connect(url) as conn,
        conn.cursor().copy(
            "COPY jobs (tenant_id, external_id, platform, title, company, location, description, status) FROM STDIN"
        ) as copy,
    ):
        for row in data:
            copy.write_row((tenant, row["id"], "copy", row["title"], row["company"], row["location"],
                            row["description"], "active"))  # fmt: skip
    copy_s = time.perf_counter() - start

    start = time.perf_counter()
    result = container.jobs.import_rows(tenant, "generic", enumerate(data, start=1), "bench")
    import_s = time.perf_counter() - start

    start = time.perf_counter()
    again = container.jobs.import_rows(tenant, "generic", enumerate(data, start=1), "bench")
    reimport_s = time.perf_counter() - start

    sys.stdout.write(
        f"{rows} rows, {sum(len(str(r['description'])) for r in data) / rows:.0f} characters of description each\n\n"
        f"{'path':<44}{'seconds':>9}{'rows/s':>10}{'vs COPY':>9}\n"
        f"{'plain bulk insert (COPY), the ceiling':<44}{copy_s:>9.2f}{rows / copy_s:>10.0f}{1:>9.2f}\n"
        f"{'import pipeline (new rows)':<44}{import_s:>9.2f}{rows / import_s:>10.0f}{copy_s / import_s:>9.2f}\n"
        f"{'re-import of the same file (unchanged)':<44}{reimport_s:>9.2f}{rows / reimport_s:>10.0f}"
        f"{copy_s / reimport_s:>9.2f}\n\n"
        f"first import: new {result.new}, duplicate {result.duplicate}, failed {result.failed}; "
        f"re-import: unchanged {again.unchanged}, updated {again.updated}, new {again.new}\n"
    )
    container.close()
    server.cleanup()


if __name__ == "__main__":
    main()
