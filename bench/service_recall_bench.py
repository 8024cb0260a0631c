"""Recall@50 and latency of the real matching service's two paths against brute-force precise scoring of every
active job, in the embedded Postgres: the exhaustive path (every active job through the vectorized scorer, job
matrices and vectors cached in the warm worker; the default up to HIRING_MATCH_EXACT_LIMIT jobs) and the two-stage
path (pgvector HNSW top-K + skill and structured top-K from the warm JobIndex, RRF, precise scoring of the
fused set; used past the limit), each storing its top 50.

Jobs: the generator of bench/matching_bench.py (24 real analysed postings varied in skills, level, place, pay
and age, with composite embeddings of real text). Its rows are written straight into the analysed columns of
`jobs` and their vectors into `embeddings` (the table behind the VectorIndex port) by batched INSERTs: running
JobService.analyze on 20,000 postings would take minutes and, the postings being variants of 24 texts, would
only re-derive the 24 template analyses. Posting dates are shifted so the generator's "today" is today.

Candidates: the four rendered single-column fixture PDFs and the test resume (rendered to a PDF), uploaded,
parsed and embedded through ResumeService, with the matching bench's preferences set through the service.

Per candidate and path: MatchingService.match_candidate (warm worker: one untimed warm-up call per path builds
its caches), the stored top 50 read back; brute force = score_jobs over the full JobMatrix of active jobs, per
weight level, with the service's weight profiles, its date and the cosines of the vectors read through the port's
get().

    .venv/bin/python bench/service_recall_bench.py [--jobs 20000] [--embedder hashing|onnx] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_bench  # noqa: E402  (sets sys.path for hiring and tests, and one numpy thread)

from hiring.adapters.embedded_postgres import start_embedded_postgres  # noqa: E402
from hiring.adapters.pgvector_index import _literal  # noqa: E402
from hiring.config import Settings  # noqa: E402
from hiring.container import build_container  # noqa: E402
from hiring.matching.profiles import candidate_profile, job_profile  # noqa: E402
from hiring.matching.vectorized import JobMatrix, score_jobs  # noqa: E402
from hiring.matching.weights import LEVELS, role_level  # noqa: E402
from hiring.principal import Principal, Role  # noqa: E402
from hiring.services.match_caches import cosines, parsed_resume, row_preferences  # noqa: E402
from hiring.services.matching import MatchingService  # noqa: E402

RENDERED = matching_bench.REPO / "tests" / "fixtures" / "resumes" / "rendered"
PREFS = [
    {},
    {"salary_min": 120_000.0, "salary_currency": "USD"},
    {"arrangement": "remote"},
    {"relocate": True},
    {"salary_min": 140_000.0, "arrangement": "hybrid"},
]  # fmt: skip  (as in bench/matching_bench.py)
JOB_INSERT = (
    "INSERT INTO jobs (id, tenant_id, external_id, platform, title, company, location, description, skills, status,"
    " posted_at, analysis_status, analysis, occupation_code, seniority, required_skills, preferred_skills,"
    " experience_min, experience_max, education_level, work_arrangement, salary_min, salary_max, salary_currency,"
    " location_city, location_region, location_country) VALUES (" + ", ".join(["%s"] * 27) + ")"
)


def generated_rows(n: int, seed: int, embedder: Any) -> tuple[list[dict[str, Any]], np.ndarray]:
    """The matching bench's jobs as the rows it builds them from (captured from its job_profile calls)."""
    rows: list[dict[str, Any]] = []
    original = matching_bench.job_profile

    def capture(row: dict[str, Any]) -> Any:
        rows.append(row)
        return original(row)

    matching_bench.job_profile = capture
    try:
        _, embeddings = matching_bench.generate_jobs(n, seed, embedder)
    finally:
        matching_bench.job_profile = original
    return rows, embeddings


def insert_jobs(container: Any, tenant: str, rows: list[dict[str, Any]], embeddings: np.ndarray) -> list[str]:
    shift = dt.datetime.now(dt.UTC).date() - matching_bench.TODAY
    ids = [str(uuid.uuid4()) for _ in rows]
    values = []
    for ref, row in zip(ids, rows, strict=True):
        posted = dt.datetime.combine(row["posted_at"] + shift, dt.time(12), dt.UTC)
        place = ", ".join(p for p in (row["location_city"], row["location_region"]) if p)
        values.append((
                    ref, tenant, row["id"], "bench", row["title"], f"Company {hash(ref) % 1013}", place,
                    row["description"], json.dumps(row["required_skills"] + row["preferred_skills"]), "active",
                    posted, "analyzed", json.dumps(row["analysis"]), row["occupation_code"], row["seniority"],
                    json.dumps(row["required_skills"]), json.dumps(row["preferred_skills"]), row["experience_min"],
                    row["experience_max"], row["education_level"], row["work_arrangement"], row["salary_min"],
                    row["salary_max"], row["salary_currency"], row["location_city"], row["location_region"],
                    row["location_country"],
        ))  # fmt: skip
    # COPY is refused on tables with row-level security: batched INSERTs (psycopg pipelines executemany).
    with container.db.connect() as conn, conn.cursor() as cur:
        cur.executemany(JOB_INSERT, values)
        cur.executemany(
            "INSERT INTO embeddings (tenant_id, kind, ref_id, embedding) VALUES (%s, 'job', %s, %s::vector)",
            [(tenant, ref, _literal(vector)) for ref, vector in zip(ids, embeddings, strict=True)],
        )
        conn.execute("ANALYZE jobs")
        conn.execute("ANALYZE embeddings")
    return ids


def upload_candidates(container: Any, tenant: str) -> list[tuple[str, str]]:
    from tests.pdfs import RESUME_TEXT, text_pdf

    docs = [(p.name.split(".")[0], p.read_bytes()) for p in sorted(RENDERED.glob("*.single.pdf"))]
    docs.append(("jane", text_pdf(RESUME_TEXT)))
    principal = Principal(str(uuid.uuid4()), tenant, Role.RECRUITER, "bench@example.com")
    out = []
    for i, (name, data) in enumerate(docs):
        upload = container.resumes.upload(principal, f"{name}.pdf", data, "application/pdf")
        with container.db.connect() as conn:
            key = conn.execute("SELECT inbox_key FROM resumes WHERE id = %s", (upload.id,)).fetchone()
        container.resumes.process_inbox_object(key["inbox_key"])
        with container.db.connect() as conn:
            status = conn.execute("SELECT status FROM resumes WHERE id = %s", (upload.id,)).fetchone()
            if status["status"] != "parsed":
                print(f"  {name}: status {status['status']}, left out")
                continue
            container.matching.set_preferences(conn, tenant, upload.id, PREFS[i % len(PREFS)])
        container.resumes.embed(tenant, upload.id)
        out.append((name, upload.id))
    return out


class BruteForce:
    """Every active analysed job as one JobMatrix per weight level, and every job vector, read once."""

    def __init__(self, container: Any, tenant: str) -> None:
        self.container, self.tenant, self.service = container, tenant, container.matching
        with container.db.connect() as conn:
            rows = conn.execute(
                "SELECT id, title, description, seniority, required_skills, preferred_skills, experience_min,"
                " experience_max, education_level, occupation_code, analysis, location_city, location_region,"
                " location_country, work_arrangement, salary_min, salary_max, salary_currency, posted_at"
                " FROM jobs WHERE tenant_id = %s AND status = 'active' AND analysis_status = 'analyzed' ORDER BY id",
                (tenant,),
            ).fetchall()
        jobs = [job_profile(r) for r in rows]
        self.ids = [j.id for j in jobs]
        matrix = JobMatrix(jobs)
        level = np.array([LEVELS.index(role_level(j.seniority)) for j in jobs], np.int64)
        self.groups = {lv: np.flatnonzero(level == i) for i, lv in enumerate(LEVELS)}
        self.matrices = {lv: matrix.take(rows) for lv, rows in self.groups.items() if len(rows)}
        start = time.perf_counter()
        stored = container.vectors.get(tenant, "job", self.ids)
        self.fetch_s = time.perf_counter() - start
        self.vectors = np.asarray([stored[ref] for ref in self.ids], np.float64)

    def top(self, resume_id: str, n: int = 50) -> list[tuple[str, float]]:
        service = self.service
        profiles = service.weight_profiles(self.tenant)
        with self.container.db.connect() as conn:
            row = conn.execute(
                "SELECT r.id, r.profile, r.skills, p.salary_min AS pref_salary_min, p.salary_currency AS"
                " pref_salary_currency, p.arrangement AS pref_arrangement, p.relocate AS pref_relocate"
                " FROM resumes r LEFT JOIN candidate_preferences p ON p.resume_id = r.id WHERE r.id = %s",
                (resume_id,),
            ).fetchone()
        candidate = candidate_profile(resume_id, parsed_resume(row), service.today, row_preferences(row))
        query = self.container.vectors.get(self.tenant, "resume", [resume_id])[resume_id]
        similarity = np.round(cosines(np.asarray(query, np.float64), self.vectors), 6)  # as the service rounds
        scored: list[tuple[str, float]] = []
        for level, matrix in self.matrices.items():
            rows = self.groups[level]
            batch = score_jobs(candidate, matrix, similarity[rows], profiles[level], service.today)
            keep = np.flatnonzero(~batch.excluded)
            scored += [(self.ids[rows[i]], float(batch.scores[i])) for i in keep]
        scored.sort(key=lambda p: (-p[1], p[0]))
        return scored[:n]


def stored_top(container: Any, tenant: str, resume_id: str) -> list[str]:
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT job_id::text AS id FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
            " ORDER BY score DESC, job_id",
            (tenant, resume_id),
        ).fetchall()
    return [r["id"] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--embedder", choices=("hashing", "onnx"), default="hashing")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per candidate (best is printed)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    url, server = start_embedded_postgres(Path(tempfile.mkdtemp(prefix="bench-pg-")), delete_on_exit=True)
    settings = Settings(DATABASE_URL=url, data_dir=Path(tempfile.mkdtemp()), jwt_secret="x" * 40,
                        embedder=args.embedder)  # fmt: skip
    container = build_container(settings)
    tenant = container.identity.create_tenant("bench", "Bench")
    print(f"postgres up and migrated in {time.perf_counter() - t0:.1f}s; embedder {container.embedder.model_name}")

    start = time.perf_counter()
    rows, embeddings = generated_rows(args.jobs, args.seed, container.embedder)
    gen_s = time.perf_counter() - start
    start = time.perf_counter()
    insert_jobs(container, tenant, rows, embeddings)
    print(f"{len(rows):,} jobs generated in {gen_s:.1f}s, written (INSERT jobs + embeddings, HNSW maintained) in"
          f" {time.perf_counter() - start:.1f}s")  # fmt: skip
    start = time.perf_counter()
    people = upload_candidates(container, tenant)
    print(f"{len(people)} candidates uploaded, parsed and embedded in {time.perf_counter() - start:.1f}s")

    exhaustive = container.matching
    two_stage = MatchingService(container.db, exhaustive.top_n, vectors=container.vectors,
                                retrieve_k=exhaustive.retrieve_k, exact_limit=0)  # fmt: skip
    for label, service in (("exhaustive", exhaustive), ("two-stage", two_stage)):
        start = time.perf_counter()
        service.match_candidate(tenant, people[0][1])
        print(f"{label} warm-up (first match_candidate: builds the job matrix cache"
              f"{' and reads every job vector' if service is exhaustive else ''}):"
              f" {(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip
    start = time.perf_counter()
    brute = BruteForce(container, tenant)
    print(f"brute-force setup: job matrix + vectors in {time.perf_counter() - start:.1f}s"
          f" (of which {brute.fetch_s:.1f}s reading {len(brute.ids):,} vectors through VectorIndex.get)")  # fmt: skip

    print(f"\ntwo-stage retrieve_k={two_stage.retrieve_k} per list, top_n={exhaustive.top_n}; times are best of"
          f" {args.repeat}; brute = in-memory vectorized scoring of every job (no storage)")  # fmt: skip
    print(f"{'candidate':<10} {'brute ms':>9} {'exhaustive ms':>14} {'recall@50':>10} {'2-stage ms':>11}"
          f" {'pairs':>6} {'recall@50':>10}")  # fmt: skip
    table: list[list[float]] = []
    for name, resume_id in people:
        bf_s, truth = float("inf"), []
        for _ in range(args.repeat):
            start = time.perf_counter()
            truth = brute.top(resume_id)
            bf_s = min(bf_s, time.perf_counter() - start)
        expected = {ref for ref, _ in truth}
        line = [bf_s * 1000]
        for service in (exhaustive, two_stage):
            svc_s, pairs = float("inf"), 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                pairs = service.match_candidate(tenant, resume_id)
                svc_s = min(svc_s, time.perf_counter() - start)
            stored = stored_top(container, tenant, resume_id)
            line += [svc_s * 1000, len(expected & set(stored[:50])) / max(1, len(expected)), pairs]
        table.append(line)
        print(f"{name:<10} {line[0]:>9.1f} {line[1]:>14.1f} {line[2]:>10.2f} {line[4]:>11.1f} {line[6]:>6.0f}"
              f" {line[5]:>10.2f}")  # fmt: skip
    mean = np.mean(np.asarray(table), axis=0)
    print(f"{'mean':<10} {mean[0]:>9.1f} {mean[1]:>14.1f} {mean[2]:>10.3f} {mean[4]:>11.1f} {'':>6}"
          f" {mean[5]:>10.3f}")  # fmt: skip
    print(
        f"two-stage takes {mean[4] / mean[1]:.2f}x the exhaustive path's time; the exhaustive path takes"
        f" {mean[1] / mean[0]:.2f}x the in-memory brute force (the rest is storage: reading the candidate, writing"
        " 50 matches and the exclusions)"
    )
    print(f"total {time.perf_counter() - t0:.0f}s")
    container.close()
    server.cleanup()


if __name__ == "__main__":
    main()
