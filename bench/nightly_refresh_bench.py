"""A nightly refresh of 10,000 candidates through the local queue and the match worker, and what the same refresh
would take on Lambda fan-out, estimated from the per-message times measured here.

Candidates and jobs are synthetic but built from real text (see bench/matching_bench.py) and inserted directly;
the refresh itself runs the production path: the nightly_refresh handler enqueues refresh_batch messages, worker
threads pump the Postgres queue into the match_worker handler (SQS-shaped events), which scores each candidate
against every active job (the exhaustive path: job matrices and vectors cached in the warm worker) and stores
its top-N with breakdown and explanation. The cache build a cold worker pays is measured separately and charged
once per concurrent Lambda in the estimate.

    .venv/bin/python bench/nightly_refresh_bench.py [--candidates 10000] [--jobs 3000] [--workers 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "shared"), str(REPO), str(REPO / "bench")]
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")

import matching_bench as synth  # noqa: E402

LAMBDA_GB_SECOND = 0.0000166667  # USD, x86, us-east-1
LAMBDA_REQUEST = 0.20 / 1_000_000
SQS_REQUEST = 0.40 / 1_000_000
RDS_ROUND_TRIP_S = 0.0008  # assumed per query from Lambda to RDS in one AZ; local runs use a Unix socket
QUERIES_PER_CANDIDATE = 8


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.6g}" for x in vector) + "]"


def insert_jobs(conn: Any, tenant: str, jobs: list[Any], vectors: np.ndarray) -> None:
    rows = []
    for job in jobs:
        rows.append((
            str(uuid.uuid5(uuid.NAMESPACE_URL, job.id)), tenant, job.title, f"{job.title}. Synthetic posting.",
            "active", "analyzed", job.seniority, list(job.required), list(job.preferred),
            list(job.required) + list(job.preferred), job.experience_min, job.experience_max, job.city, job.region,
            job.country, job.arrangement, job.salary_min, job.salary_max, job.salary_currency,
            dt.datetime.combine(job.posted, dt.time(12), dt.UTC), job.occupation_code,
        ))  # fmt: skip
    from psycopg.types.json import Jsonb

    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO jobs (id, tenant_id, title, description, status, analysis_status, seniority, required_skills,"
            " preferred_skills, skills, experience_min, experience_max, location_city, location_region,"
            " location_country, work_arrangement, salary_min, salary_max, salary_currency, posted_at, occupation_code)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(*r[:7], Jsonb(r[7]), Jsonb(r[8]), Jsonb(r[9]), *r[10:]) for r in rows],
        )
        cur.executemany(
            "INSERT INTO embeddings (tenant_id, kind, ref_id, embedding) VALUES (%s, 'job', %s, %s::vector)",
            [(tenant, r[0], _literal(v)) for r, v in zip(rows, vectors, strict=True)],
        )


def synthetic_resumes(n: int, seed: int, jobs: list[Any], embedder: Any) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Profiles shaped like parsed resumes: skills with evidence, jobs with titles, education, a place."""
    rng = random.Random(seed)
    pool = sorted({s for j in jobs for s in j.required + j.preferred})
    titles = sorted({j.title for j in jobs})
    vectors = embedder.embed(pool + titles)
    skill_vec = dict(zip(pool, (np.array(v) for v in vectors[: len(pool)]), strict=True))
    title_vec = dict(zip(titles, (np.array(v) for v in vectors[len(pool) :]), strict=True))
    profiles, embeddings = [], np.zeros((n, len(vectors[0])), np.float32)
    for i in range(n):
        model = rng.choice(jobs)
        skills = list(dict.fromkeys([s for s in model.required if rng.random() < 0.7] + rng.sample(pool, 4)))
        months = rng.randint(0, 240)
        city, region, country = rng.choice(synth.PLACES)
        profile = {
            "name": f"Candidate {i}", "location": ", ".join(p for p in (city, region) if p),
            "experience": [{"title": model.title, "company": "Acme", "start": "2019-01", "current": True,
                            "months": months, "description": "Used " + ", ".join(skills[:3]) + "."}],
            "education": [{"level": rng.choice(["bachelor", "master", "associate"]), "field": "Computer Science"}],
            "skills": [{"name": s, "months": months if k < 3 else 0,
                        "evidence": [{"section": "experience" if k < 3 else "skills", "text": s, "start": 0, "end": 1}]}
                       for k, s in enumerate(skills)],
            "total_experience_months": months,
            "seniority": "senior" if months > 72 else "mid" if months > 24 else "entry",
        }  # fmt: skip
        profiles.append(profile)
        mixed = 0.5 * np.mean([skill_vec[s] for s in skills], axis=0) + 0.5 * title_vec[model.title]
        embeddings[i] = mixed / np.linalg.norm(mixed)
    return profiles, embeddings


def insert_resumes(conn: Any, tenant: str, profiles: list[dict[str, Any]], vectors: np.ndarray) -> None:
    from psycopg.types.json import Jsonb

    ids = [str(uuid.uuid4()) for _ in profiles]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO resumes (id, tenant_id, source, filename, inbox_key, status, skills, profile, text_content,"
            " parsed_at) VALUES (%s, %s, 'api', 'cv.pdf', %s, 'parsed', %s, %s, 'synthetic', now())",
            [(i, tenant, f"bench/{i}", Jsonb([s["name"] for s in p["skills"]]), Jsonb(p))
             for i, p in zip(ids, profiles, strict=True)],
        )  # fmt: skip
        cur.executemany(
            "INSERT INTO embeddings (tenant_id, kind, ref_id, embedding) VALUES (%s, 'resume', %s, %s::vector)",
            [(tenant, i, _literal(v)) for i, v in zip(ids, vectors, strict=True)],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=3_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--new-jobs", type=int, default=20, help="jobs posted after the refresh (event path)")
    args = parser.parse_args()

    from hiring.adapters.embedded_postgres import start_embedded_postgres
    from hiring.adapters.postgres import migrate
    from hiring.catalog import function_named
    from hiring.config import Settings
    from hiring.container import build_container, set_container
    from hiring.runtime import events
    from hiring.runtime.invoke import invoke
    from hiring.runtime.local import LocalRuntime
    from hiring.services.matching import MatchingService

    data = Path(tempfile.mkdtemp(prefix="hiring-refresh-bench-"))
    url, server = start_embedded_postgres(data / "pg", delete_on_exit=True)
    migrate(url)
    os.environ.update({"DATABASE_URL": url, "HIRING_DATA_DIR": str(data / "var"), "HIRING_EMBEDDER": "hashing"})
    settings = Settings()
    container = build_container(settings, apply_migrations=False)
    set_container(container)
    setup = time.perf_counter()
    embedder = synth.choose_embedder()
    jobs, job_vectors = synth.generate_jobs(args.jobs, args.seed, embedder)
    profiles, resume_vectors = synthetic_resumes(args.candidates, args.seed, jobs, embedder)
    tenant = container.identity.create_tenant("bench", "Bench")
    with container.db.connect() as conn:
        insert_jobs(conn, tenant, jobs, job_vectors)
        insert_resumes(conn, tenant, profiles, resume_vectors)
        conn.execute("ANALYZE")
    print(f"setup: {args.jobs:,} active jobs, {args.candidates:,} parsed candidates, embedder {embedder.model_name},"
          f" {time.perf_counter() - setup:.0f}s (not timed)")  # fmt: skip

    cold = MatchingService(container.db, vectors=container.vectors)  # what a cold worker does first, timed alone
    start = time.perf_counter()
    with container.db.connect() as conn:
        cold.caches.warm_vectors(tenant, "job", cold.caches.active_jobs(conn, tenant))
    cache_build = time.perf_counter() - start
    print(f"cold worker: job cache for {args.jobs:,} jobs (profiles, matrices, vectors) built in {cache_build:.1f}s")

    pairs = [0]
    lock = threading.Lock()
    original = container.matching.handle

    def counted(message: Any) -> int:
        scored = original(message)
        with lock:
            pairs[0] += scored
        return scored

    container.matching.handle = counted  # type: ignore[method-assign]
    runtime = LocalRuntime(container)
    message_times: list[tuple[int, float]] = []

    def worker() -> None:
        idle = 0
        while idle < 3:
            start = time.perf_counter()
            result = runtime.pump_queue()
            if result.received:
                idle = 0
                with lock:
                    message_times.append((result.received, time.perf_counter() - start))
            else:
                idle += 1
                time.sleep(0.2)

    start = time.perf_counter()
    counts = invoke("nightly_refresh", events.scheduled("hiring-nightly_refresh"))
    threads = [threading.Thread(target=worker) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start - 0.6  # the idle polls after the queue emptied
    with container.db.connect() as conn:
        stored = conn.execute("SELECT count(*) AS n FROM matches").fetchone()["n"]
        left = container.queue.depth()
    batch = settings.refresh_batch_size
    per_message = [seconds / received for received, seconds in message_times]
    p50, p95 = statistics.median(per_message), sorted(per_message)[int(0.95 * (len(per_message) - 1))]
    sqs_batch = function_named("match_worker").trigger.batch_size
    print("\n== nightly refresh through the local queue and the match worker ==")
    print(f"candidates {counts['candidates']:,}  messages {counts['messages']:,} ({batch} candidates each)"
          f"  worker threads {args.workers}  left in queue {left}")  # fmt: skip
    print(f"wall time {wall:.1f}s  pairs scored {pairs[0]:,}  matches stored {stored:,}"
          f"  candidates/s {counts['candidates'] / wall:.0f}  pairs/s {pairs[0] / wall:,.0f}")  # fmt: skip
    print(f"per message ({batch} candidates): p50 {p50:.2f}s  p95 {p95:.2f}s;"
          f"  per candidate p50 {p50 / batch * 1000:.1f} ms")  # fmt: skip

    print("\n== estimate: the same refresh on Lambda fan-out (from the per-message times above) ==")
    per_candidate = p50 / batch + RDS_ROUND_TRIP_S * QUERIES_PER_CANDIDATE
    duration = per_candidate * batch * sqs_batch
    memory_gb = function_named("match_worker").memory_mb / 1024
    print(f"assumptions: SQS batch {sqs_batch} messages x {batch} candidates per invocation, {memory_gb:g} GB,"
          f" +{RDS_ROUND_TRIP_S * 1000:.1f} ms RDS round trip x {QUERIES_PER_CANDIDATE} queries per candidate"
          f" -> {per_candidate * 1000:.1f} ms per candidate, {duration:.1f}s per invocation; each concurrent"
          f" Lambda builds its job cache once ({cache_build:.1f}s, measured above)")  # fmt: skip
    print(f"{'candidates':>11} {'concurrency':>12} {'invocations':>12} {'wall':>9} {'GB-s':>10} {'cost USD':>9}")
    for total in (10_000, 100_000, 1_000_000):
        for concurrency in (20, 100):
            invocations = -(-total // (batch * sqs_batch))
            waves = -(-invocations // concurrency)
            gb_s = (invocations * duration + min(concurrency, invocations) * cache_build) * memory_gb
            messages = -(-total // batch)
            cost = gb_s * LAMBDA_GB_SECOND + invocations * LAMBDA_REQUEST + messages * 3 * SQS_REQUEST
            print(f"{total:>11,} {concurrency:>12} {invocations:>12,} {(waves * duration + cache_build) / 60:>8.1f}m"
                  f" {gb_s:>10,.0f} {cost:>9.2f}")  # fmt: skip
    print(
        "note: RDS connections (one pool per concurrent Lambda; RDS Proxy past ~100) and the database's own CPU"
        " bound the useful concurrency; the figures above assume the database keeps up."
    )
    event_path(container, tenant, args, embedder)
    container.close()
    server.cleanup()


def event_path(container: Any, tenant: str, args: Any, embedder: Any) -> None:
    """New jobs after the refresh go through match_job (vector + skill top-K over candidates, RRF, precise scoring).

    Truth for a new job: the candidates whose top 50 it would enter, i.e. its precise score (same profile, the
    cosine in float64) beats the candidate's 50th stored score as the job arrives; recall = the share of them
    match_job reached. Up to HIRING_MATCH_EXACT_CANDIDATES_LIMIT candidates match_job scores every one.
    """
    import dataclasses

    from hiring.matching.score import score_pair
    from hiring.matching.weights import role_level
    from hiring.services.match_caches import cosines

    service = container.matching
    fresh, fresh_vectors = synth.generate_jobs(args.new_jobs, args.seed + 1, embedder)
    fresh = [dataclasses.replace(job, id=f"posted-later-{i}") for i, job in enumerate(fresh)]
    with container.db.connect() as conn:
        resume_ids = [
            str(r["id"])
            for r in conn.execute(
                "SELECT id FROM resumes WHERE tenant_id = %s AND status = 'parsed' ORDER BY id", (tenant,)
            ).fetchall()
        ]
        insert_jobs(conn, tenant, fresh, fresh_vectors)
        candidates = {ref: service.matcher.candidate(conn, tenant, ref) for ref in resume_ids}
    stored_vectors = service.vectors.get(tenant, "resume", resume_ids)
    refs = [ref for ref in resume_ids if ref in stored_vectors]
    matrix = np.asarray([stored_vectors[ref] for ref in refs], np.float64)
    profiles = service.weight_profiles(tenant)
    print(f"\n== event path: {len(fresh)} jobs posted after the refresh, each through match_job ==")
    print(f"{'job':<16} {'event ms':>9} {'scored':>7} {'belongs in':>11} {'reached':>8} {'recall':>7}"
          f" {'2-stage reached':>16} {'recall':>7}")  # fmt: skip
    recalls, times, two_recalls = [], [], []
    for job in fresh:
        job_id = str(uuid.uuid5(uuid.NAMESPACE_URL, job.id))
        with container.db.connect() as conn:  # each list's floor as this job arrives (earlier jobs moved some)
            bar = {str(r["resume_id"]): (float(r["score"]), int(r["n"])) for r in conn.execute(
                "SELECT resume_id, min(score) AS score, count(*) AS n FROM (SELECT resume_id, score, row_number()"
                " OVER (PARTITION BY resume_id ORDER BY score DESC) AS rank FROM matches WHERE tenant_id = %s"
                " AND status = 'suggested') m WHERE rank <= %s GROUP BY resume_id",
                (tenant, service.top_n)).fetchall()}  # fmt: skip
        with container.db.connect() as conn:  # what the two-stage path (past the limit) would reach: then undone
            [profile] = service.caches.job_profiles(conn, tenant, [job_id]).values()
            level_profile = service.weight_profiles(tenant)[role_level(profile.seniority)]
            query_list = service.matcher.stored_vector(tenant, "job", job_id)
            found, _ = service.matcher._job_against_retrieved(conn, tenant, profile, query_list, level_profile)
            conn.rollback()
        two_stage = {ref for ref, result, _ in found if bar.get(ref, (-1.0, 0))[1] < service.top_n
                     or result.score > bar[ref][0]}  # fmt: skip
        start = time.perf_counter()
        retrieved = service.match_job(tenant, job_id)
        times.append(time.perf_counter() - start)
        with container.db.connect() as conn:
            reached = {str(r["resume_id"]) for r in conn.execute(
                "SELECT resume_id FROM matches WHERE job_id = %s", (job_id,)).fetchall()}  # fmt: skip
            [profile] = service.caches.job_profiles(conn, tenant, [job_id]).values()
        query = np.asarray(service.vectors.get(tenant, "job", [job_id])[job_id], np.float64)
        similarity = cosines(query, matrix)
        truth = set()
        for ref, sim in zip(refs, similarity, strict=True):
            candidate = candidates[ref]
            if candidate is None:
                continue
            result = score_pair(candidate, profile, float(sim), profiles[role_level(profile.seniority)], service.today)
            score, count = bar.get(ref, (-1.0, 0))
            if not result.excluded_by and (count < service.top_n or result.score > score):
                truth.add(ref)
        recall = len(truth & reached) / len(truth) if truth else float("nan")
        two_recall = len(truth & two_stage) / len(truth) if truth else float("nan")
        if truth:
            recalls.append(recall)
            two_recalls.append(two_recall)
        print(f"{job.title[:16]:<16} {times[-1] * 1000:>9.0f} {retrieved:>7} {len(truth):>11}"
              f" {len(truth & reached):>8} {recall:>7.2f} {len(truth & two_stage):>16} {two_recall:>7.2f}")  # fmt: skip
    print(f"{'mean':<16} {np.mean(times) * 1000:>9.0f} {'':>7} {'':>11} {'':>8} {np.mean(recalls):>7.3f}"
          f" {'':>16} {np.mean(two_recalls):>7.3f}")  # fmt: skip
    print(
        f"two-stage = vector + skill top-{service.retrieve_k} over candidates, RRF, precise scoring (the path past"
        " HIRING_MATCH_EXACT_CANDIDATES_LIMIT), run per job and rolled back"
    )


if __name__ == "__main__":
    main()
