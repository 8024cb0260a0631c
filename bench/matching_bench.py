"""One candidate against 100,000 synthetic-but-realistic jobs: two-stage retrieval beside brute-force precise
scoring (latency, recall@50), and the vectorized scorer beside a per-pair Python loop (pairs/s/core, agreement).

Jobs are generated from the 24 real postings in shared/hiring/data/demo_jobs.json (their analysed skills, titles
and text) varied with skills from the same postings and the taxonomy, levels, places, salaries and ages.
Embeddings are of real text: each job's vector mixes the embeddings of its template posting, its title and its
skill names (the embedder is ONNX MiniLM when installed, else feature hashing; the run says which).

Two-stage answers its first stage the way an index does, never with a pass over every job: the vector top-K from
an in-memory faiss HNSW index (the engine OpenSearch k-NN uses; pgvector HNSW is the same algorithm), the skill
and structured top-K from hiring.matching.retrieval.JobIndex (skill postings and per-key tables, hard filters
applied per key); the three lists are fused by RRF and every fused job is scored by the same vectorized scorer as
brute force, in one call with each job under its level's weight profile (brute force: one call per level over that
level's matrix). Index builds are setup and not timed; faiss answers on one thread.

    .venv/bin/pip install -e '.[bench]'   # faiss-cpu
    .venv/bin/python bench/matching_bench.py [--jobs 100000] [--k 150] [--sweep 100,125,150,200,400,800,1600] [--seed 7]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core: per-core figures
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "shared"), str(REPO)]

from hiring.analysis.job_analysis import analyze_job  # noqa: E402
from hiring.matching.profiles import CandidateProfile, JobProfile, candidate_profile, job_profile, job_row_from_analysis  # noqa: E402,E501
from hiring.matching.retrieval import READ_PER_SKILL, STRUCTURED_POOL, JobIndex, fuse_rows  # noqa: E402
from hiring.matching.score import pair_score  # noqa: E402
from hiring.matching.vectorized import JobMatrix, score_jobs, score_mixed_jobs  # noqa: E402
from hiring.matching.weights import LEVELS, WeightProfile, default_profile, role_level  # noqa: E402

TODAY = dt.date(2025, 6, 1)
PLACES = [("Seattle", "WA", "US"), ("Redmond", "WA", "US"), ("San Francisco", "CA", "US"), ("Austin", "TX", "US"),
          ("New York", "NY", "US"), ("Boston", "MA", "US"), ("Chicago", "IL", "US"), ("Denver", "CO", "US"),
          ("Atlanta", "GA", "US"), ("Raleigh", "NC", "US"), ("Toronto", None, "Canada"), ("London", None, "GB"),
          ("Dublin", None, "Ireland"), ("Berlin", None, "Germany"), ("Bangalore", None, "India")]  # fmt: skip
LEVEL_WORDS = {"entry": ("Junior", 0.0, 2.0, 70_000), "mid": ("", 2.0, 5.0, 110_000),
               "senior": ("Senior", 5.0, None, 150_000), "lead": ("Principal", 8.0, None, 190_000)}  # fmt: skip
FIXTURES = REPO / "tests" / "fixtures" / "resumes"
HNSW_M, HNSW_EF_CONSTRUCTION = 48, 200  # the jobs cluster tightly around 24 templates: a sparser graph strands some


def choose_embedder() -> Any:
    """ONNX MiniLM when it loads, else feature hashing."""
    from hiring.adapters.hashing_embedder import HashingEmbedder

    try:
        from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder

        embedder = OnnxMiniLmEmbedder()
        embedder.load()
        return embedder
    except Exception:
        return HashingEmbedder(384)


def _unit(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.maximum(np.linalg.norm(matrix, axis=-1, keepdims=True), 1e-12)).astype(np.float32)


def templates() -> list[dict[str, Any]]:
    """The 24 real postings, analysed once."""
    postings = json.loads((REPO / "shared" / "hiring" / "data" / "demo_jobs.json").read_text())
    out = []
    for posting in postings:
        analysis = analyze_job(posting["title"], posting["description"], location=posting.get("state"))
        row = job_row_from_analysis(posting["id"], posting["description"], analysis)
        out.append({"title": posting["title"], "text": f"{posting['title']}\n{posting['description']}", "row": row})
    return out


def skill_pool(bases: list[dict[str, Any]]) -> list[str]:
    """Skills from the real postings plus the taxonomy's frequently asked technical skills."""
    from hiring.skills.taxonomy import get_taxonomy

    names = {s for b in bases for s in b["row"]["required_skills"] + b["row"]["preferred_skills"]}
    hot = [s.name for s in get_taxonomy().skills if s.hot and s.category in {"language", "tool", "cloud", "database",
                                                                              "framework", "domain"}]  # fmt: skip
    return sorted(names) + sorted(set(hot) - names)[:250]


def generate_jobs(n: int, seed: int, embedder: Any) -> tuple[list[JobProfile], np.ndarray]:
    """n jobs varied from the real templates, with composite embeddings of real text."""
    rng = random.Random(seed)
    bases = templates()
    pool = skill_pool(bases)
    levels = list(LEVEL_WORDS)
    titles = sorted({f"{LEVEL_WORDS[lv][0]} {b['title']}".strip() for b in bases for lv in levels})
    vectors = embedder.embed([b["text"][:8000] for b in bases] + pool + titles)
    base_vec = np.array(vectors[: len(bases)], np.float64)
    skill_vec = {
        s: np.array(v, np.float64) for s, v in zip(pool, vectors[len(bases) : len(bases) + len(pool)], strict=True)
    }
    title_vec = {t: np.array(v, np.float64) for t, v in zip(titles, vectors[len(bases) + len(pool) :], strict=True)}
    jobs: list[JobProfile] = []
    embeddings = np.zeros((n, len(vectors[0])), np.float32)
    for i in range(n):
        t = rng.randrange(len(bases))
        base = bases[t]["row"]
        level = rng.choices(levels, weights=(2, 4, 4, 1))[0]
        prefix, low, high, pay = LEVEL_WORDS[level]
        required = [s for s in base["required_skills"] if rng.random() < 0.75]
        required += rng.sample(pool, rng.randint(0, 3))
        preferred = [s for s in base["preferred_skills"] if rng.random() < 0.6] + rng.sample(pool, rng.randint(0, 2))
        required = list(dict.fromkeys(required))[:12]
        preferred = [s for s in dict.fromkeys(preferred) if s not in required][:8]
        city, region, country = rng.choice(PLACES)
        arrangement = rng.choices(["on-site", "hybrid", "remote", None], weights=(3, 3, 2, 2))[0]
        salary = None if rng.random() < 0.35 else round(pay * rng.uniform(0.8, 1.25), -3)
        title = f"{prefix} {bases[t]['title']}".strip()
        row = {**base, "id": f"job-{i:06d}", "title": title, "seniority": level, "required_skills": required,
               "preferred_skills": preferred, "experience_min": low + rng.choice([0.0, 0.0, 1.0]),
               "experience_max": high, "location_city": city, "location_region": region,
               "location_country": country, "work_arrangement": arrangement, "salary_min": salary,
               "salary_max": None if salary is None else salary + 30_000, "salary_currency": "USD" if salary else None,
               "posted_at": TODAY - dt.timedelta(days=rng.randint(0, 60))}  # fmt: skip
        jobs.append(job_profile(row))
        skills = [skill_vec[s] for s in required + preferred if s in skill_vec]
        mixed = 0.6 * base_vec[t] + 0.15 * title_vec[title]
        if skills:
            mixed = mixed + 0.25 * np.mean(skills, axis=0)
        embeddings[i] = mixed
    return jobs, _unit(embeddings)


def candidates(embedder: Any) -> list[tuple[CandidateProfile, np.ndarray]]:
    """The four JSON Resume fixtures and the test resume, parsed the way uploads are."""
    from hiring.matching.profiles import Preferences
    from hiring.resume import parse_resume_text
    from hiring.resume.jsonresume import from_json_resume
    from tests.pdfs import RESUME_TEXT

    docs = [
        (path.stem.split(".")[0], *from_json_resume(json.loads(path.read_text()), TODAY))
        for path in sorted(FIXTURES.glob("*.resume.json"))
    ]
    docs.append(("jane", RESUME_TEXT, parse_resume_text(RESUME_TEXT, today=TODAY)))
    vectors = _unit(np.array(embedder.embed([text[:8000] for _, text, _ in docs]), np.float64))
    prefs = [Preferences(), Preferences(salary_min=120_000.0, salary_currency="USD"), Preferences(arrangement="remote"),
             Preferences(relocate=True), Preferences(salary_min=140_000.0, arrangement="hybrid")]  # fmt: skip
    return [(candidate_profile(name, parsed, TODAY, prefs[i % len(prefs)]), vectors[i])
            for i, (name, _, parsed) in enumerate(docs)]  # fmt: skip


class Catalog:
    """What a worker keeps per tenant: the job matrix (and one slice per weight profile), vectors and the indexes."""

    def __init__(self, jobs: list[JobProfile], embeddings: np.ndarray, faiss: Any) -> None:
        self.jobs, self.embeddings = jobs, embeddings
        self.ids = [j.id for j in jobs]
        self.id_rank = np.argsort(np.argsort(np.array(self.ids)))  # ties in score go to the smaller id
        self.matrix = JobMatrix(jobs)
        self.level = np.array([LEVELS.index(role_level(j.seniority)) for j in jobs])
        self.groups = {lv: np.flatnonzero(self.level == i) for i, lv in enumerate(LEVELS)}
        self.matrices = {lv: self.matrix.take(rows) for lv, rows in self.groups.items()}
        start = time.perf_counter()
        self.index = JobIndex(jobs, TODAY)
        self.index_s = time.perf_counter() - start
        start = time.perf_counter()
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # building is setup; queries below run on one thread
        self.hnsw = faiss.IndexHNSWFlat(embeddings.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        self.hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        self.hnsw.add(embeddings)
        faiss.omp_set_num_threads(1)
        self.hnsw_s = time.perf_counter() - start


def score_rows(catalog: Catalog, candidate: CandidateProfile, rows: np.ndarray, query: np.ndarray,
               profiles: dict[str, WeightProfile], n: int) -> list[tuple[str, float]]:  # fmt: skip
    """Precise scores of the given jobs, best n: one vectorized call, each job under its level's weight profile."""
    similarity = (catalog.embeddings[rows] @ query).astype(np.float64)
    batch = score_mixed_jobs(candidate, catalog.matrix.take(rows), similarity, [profiles[lv] for lv in LEVELS],
                             catalog.level[rows], TODAY)  # fmt: skip
    keep = np.flatnonzero(~batch.excluded)
    kept, score = rows[keep], batch.scores[keep]
    if len(score) > n:  # only the jobs scoring at least the n-th best can place: sort those alone
        near = np.flatnonzero(score >= -np.partition(-score, n - 1)[n - 1])
        kept, score = kept[near], score[near]
    best = np.lexsort((catalog.id_rank[kept], -score))[:n]
    return [(catalog.ids[kept[i]], float(score[i])) for i in best]


def first_stage(catalog: Catalog, candidate: CandidateProfile, query: np.ndarray, k: int,
                profiles: dict[str, WeightProfile]) -> np.ndarray:  # fmt: skip
    """Rows to score precisely: RRF of the HNSW vector top-K (hard-filtered jobs dropped), the skill top-K and the
    structured top-K, each answered from an index without a pass over every job."""
    index = catalog.index
    pricing = index.price(candidate, profiles, TODAY)
    catalog.hnsw.hnsw.efSearch = k
    _, found = catalog.hnsw.search(query[None, :], k)
    vector = found[0][found[0] >= 0].astype(np.int64)
    vector = vector[~index.excluded(pricing, vector)]
    skill = index.skill_search(pricing, k, READ_PER_SKILL * k)
    structured = index.structured_search(pricing, k, STRUCTURED_POOL * k)
    return fuse_rows([vector, skill, structured])


def two_stage(catalog: Catalog, candidate: CandidateProfile, query: np.ndarray, k: int,
              profiles: dict[str, WeightProfile], n: int = 50) -> tuple[list[tuple[str, float]], int]:  # fmt: skip
    """The indexed first stage, then precise scoring of the fused set."""
    rows = first_stage(catalog, candidate, query, k, profiles)
    return score_rows(catalog, candidate, rows, query, profiles, n), len(rows)


def brute_force(catalog: Catalog, candidate: CandidateProfile, query: np.ndarray, profiles: dict[str, WeightProfile],
                n: int = 50) -> list[tuple[str, float]]:  # fmt: skip
    """Precise (vectorized) scores of every job, best n."""
    similarity = (catalog.embeddings @ query).astype(np.float64)
    scored: list[tuple[str, float]] = []
    for level in LEVELS:
        rows = catalog.groups[level]
        batch = score_jobs(candidate, catalog.matrices[level], similarity[rows], profiles[level], TODAY)
        keep = np.flatnonzero(~batch.excluded)
        best = keep[np.argsort(-batch.scores[keep], kind="stable")[: n * 2]]
        scored += [(catalog.ids[rows[i]], float(batch.scores[i])) for i in best]
    return sorted(scored, key=lambda p: (-p[1], p[0]))[:n]


def _timed(fn: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=150, help="top-K of each first-stage list (per-candidate table)")
    parser.add_argument("--sweep", default="100,125,150,200,400,800,1600", help="top-K values compared side by side")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--loop-pairs", type=int, default=100_000, help="pairs the per-pair loop scores per candidate")
    args = parser.parse_args()
    try:
        import faiss
    except ImportError:
        sys.exit("matching_bench needs faiss-cpu for its HNSW vector index: .venv/bin/pip install -e '.[bench]'")
    sweep = sorted({int(k) for k in args.sweep.split(",")} | {args.k})

    embedder = choose_embedder()
    start = time.perf_counter()
    jobs, embeddings = generate_jobs(args.jobs, args.seed, embedder)
    people = candidates(embedder)
    catalog = Catalog(jobs, embeddings, faiss)
    profiles = {lv: default_profile(lv) for lv in LEVELS}
    print(f"setup: {len(jobs):,} jobs from 24 real postings, {len(people)} candidates, embedder {embedder.model_name},"
          f" built in {time.perf_counter() - start:.1f}s (not timed below); numpy threads=1")  # fmt: skip
    print(f"indexes: faiss {faiss.__version__} HNSW (M={HNSW_M}, efConstruction={HNSW_EF_CONSTRUCTION}, efSearch=K,"
          f" 1 query thread) built in {catalog.hnsw_s:.1f}s; skill postings and key tables built in"
          f" {catalog.index_s:.1f}s")  # fmt: skip

    loop_all_s: dict[str, float] = {}
    print("\n== batch scoring throughput: vectorized vs per-pair Python loop (same formula, one core) ==")
    print(f"{'candidate':<10} {'vectorized pairs/s':>19} {'loop pairs/s':>13} {'ratio':>7} {'pairs compared':>15}"
          f" {'disagreements':>14}")  # fmt: skip
    ratios = []
    for candidate, query in people:
        similarity = (catalog.embeddings @ query).astype(np.float64)

        def vectorized(c: CandidateProfile = candidate, s: np.ndarray = similarity) -> dict[str, Any]:
            return {
                lv: score_jobs(c, catalog.matrices[lv], s[catalog.groups[lv]], profiles[lv], TODAY) for lv in LEVELS
            }

        vector_s, batches = _timed(vectorized, 3)
        compared = disagreements = 0
        start = time.perf_counter()
        for level in LEVELS:
            batch = batches[level]
            for position, row in enumerate(catalog.groups[level]):
                if compared >= args.loop_pairs:
                    break
                expected = pair_score(candidate, jobs[row], float(similarity[row]), profiles[level], TODAY)
                got = None if batch.excluded[position] else float(batch.scores[position])
                disagreements += expected != got
                compared += 1
        loop_s = time.perf_counter() - start
        loop_all_s[candidate.id] = loop_s * len(jobs) / compared
        vector_rate, loop_rate = len(jobs) / vector_s, compared / loop_s
        ratios.append(vector_rate / loop_rate)
        print(f"{candidate.id:<10} {vector_rate:>19,.0f} {loop_rate:>13,.0f} {vector_rate / loop_rate:>6.0f}x"
              f" {compared:>15,} {disagreements:>14}")  # fmt: skip
    print(f"{'mean':<10} {'':>19} {'':>13} {np.mean(ratios):>6.0f}x")

    # Per candidate, brute force then every K, each the best of 5 back-to-back runs, so each ratio is of one moment.
    runs: dict[str, dict[Any, tuple[float, Any]]] = {}
    for candidate, query in people:
        fns: dict[Any, Any] = {"brute": lambda c=candidate, q=query: brute_force(catalog, c, q, profiles)}
        for k in sweep:
            fns[("two", k)] = lambda c=candidate, q=query, k=k: two_stage(catalog, c, q, k, profiles)
            fns[("first", k)] = lambda c=candidate, q=query, k=k: first_stage(catalog, c, q, k, profiles)
        runs[candidate.id] = {key: _timed(fn, 5) for key, fn in fns.items()}

    def figures(name: str, k: int) -> tuple[float, float, float, float, float, int, float]:
        (brute_s, brute), (fast_s, (fast, fused)) = runs[name]["brute"], runs[name][("two", k)]
        truth = {ref for ref, _ in brute}
        recall = len(truth & {ref for ref, _ in fast}) / max(1, len(truth))
        loop_s = loop_all_s[name]
        return brute_s, loop_s, fast_s, runs[name][("first", k)][0], brute_s / fast_s, fused, recall

    print(
        f"\n== two-stage retrieval (K={args.k} per list) vs brute-force precise scoring (one candidate, best of 5) =="
    )
    print("brute = precise scoring of every job: vectorized (numpy) and per-pair loop (from the run above)")
    print(f"{'candidate':<10} {'brute vec ms':>13} {'brute loop ms':>14} {'2-stage ms':>11} {'1st stage':>10}"
          f" {'vs vec':>7} {'vs loop':>8} {'fused':>6} {'recall@50':>10}")  # fmt: skip
    rows = []
    for candidate, _ in people:
        brute_s, loop_s, fast_s, first_s, speedup, fused, recall = figures(candidate.id, args.k)
        rows.append((speedup, loop_s / fast_s, recall))
        print(f"{candidate.id:<10} {brute_s * 1000:>13.1f} {loop_s * 1000:>14.0f} {fast_s * 1000:>11.2f}"
              f" {first_s * 1000:>10.2f} {speedup:>6.1f}x {loop_s / fast_s:>7.0f}x {fused:>6}"
              f" {recall:>10.2f}")  # fmt: skip
    means = np.mean(rows, axis=0)
    print(f"{'mean':<10} {'':>13} {'':>14} {'':>11} {'':>10} {means[0]:>6.1f}x {means[1]:>7.0f}x {'':>6}"
          f" {means[2]:>10.3f}")  # fmt: skip

    print("\n== K sweep: means over the candidates, every K timed side by side with brute force ==")
    print(f"{'K per list':>10} {'2-stage ms':>11} {'1st stage':>10} {'vs vec':>7} {'vs loop':>8} {'fused':>6}"
          f" {'recall@50':>10} {'min recall':>11}")  # fmt: skip
    met = []
    for k in sweep:
        per = [figures(candidate.id, k) for candidate, _ in people]
        fast_ms = np.mean([p[2] for p in per]) * 1000
        first_ms = np.mean([p[3] for p in per]) * 1000
        speedup, loop_speedup = np.mean([p[4] for p in per]), np.mean([p[1] / p[2] for p in per])
        recall = np.mean([p[6] for p in per])
        fused = np.mean([p[5] for p in per])
        met += [k] if recall >= 0.95 and speedup >= 20 else []
        print(f"{k:>10} {fast_ms:>11.2f} {first_ms:>10.2f} {speedup:>6.1f}x {loop_speedup:>7.0f}x {fused:>6.0f}"
              f" {recall:>10.3f} {min(p[6] for p in per):>11.2f}")  # fmt: skip
    verdict = f"met at K = {', '.join(map(str, met))}" if met else "not met at any K above"
    print(f"target (mean recall@50 >= 0.95 at >= 20x the vectorized brute force): {verdict}")


if __name__ == "__main__":
    main()
