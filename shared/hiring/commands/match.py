"""`hiring match rank --resume FILE --jobs FILE --json`: rank postings for one resume, no server, no database."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

EXIT_BAD_INPUT = 2
EXIT_REJECTED = 3
_STRUCTURED = ("required_skills", "preferred_skills", "experience_min", "experience_max", "education_level",
               "work_arrangement", "salary_min", "salary_max", "salary_currency", "seniority", "location_city",
               "location_region", "location_country", "occupation_code")  # fmt: skip


def register(subparsers: Any) -> None:
    """Add `hiring match rank`."""
    match = subparsers.add_parser("match", help="candidate-job matching")
    sub = match.add_subparsers(dest="match_command", required=True)
    rank = sub.add_parser("rank", help="rank job postings for one resume, best first")
    rank.add_argument("--resume", required=True, help="the resume: PDF, DOCX or text")
    rank.add_argument("--jobs", required=True, help="postings as a JSON array or JSON Lines: {id, title, description}")
    rank.add_argument("--json", action="store_true", help="print JSON (the default output)")
    rank.add_argument("--embedder", choices=("auto", "onnx", "hashing"), default="auto",
                      help="auto: the ONNX MiniLM model when installed, else feature hashing")  # fmt: skip
    rank.add_argument("--top", type=int, default=0, help="print only the best N (0: all)")
    rank.add_argument("--salary", type=float, help="the candidate's expected annual salary")
    rank.add_argument("--currency", help="currency of --salary, e.g. USD")
    rank.add_argument("--arrangement", choices=("remote", "hybrid", "on-site"), help="the arrangement wanted")
    rank.add_argument("--relocate", action="store_true", help="willing to relocate")
    rank.add_argument("--show-excluded", action="store_true", help="append jobs a hard filter excluded")
    rank.add_argument("--today", type=dt.date.fromisoformat, help="the date recency is measured from (YYYY-MM-DD)")
    rank.set_defaults(func=cmd_rank)


def read_postings(path: Path) -> list[dict[str, Any]]:
    """A JSON array (or {"jobs": [...]}) or JSON Lines; each posting needs id, title and description."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        loaded = json.loads(text)
        rows = loaded.get("jobs", [loaded]) if isinstance(loaded, dict) else loaded
    except json.JSONDecodeError:  # JSON Lines: one posting per line
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    if not isinstance(rows, list):
        raise ValueError('expected a JSON array of postings, {"jobs": [...]}, or JSON Lines')
    for number, row in enumerate(rows, start=1):
        missing = [k for k in ("id", "title", "description") if not isinstance(row, dict) or not row.get(k)]
        if missing:
            raise ValueError(f"posting {number} has no {', '.join(missing)}")
    return rows


def choose_embedder(name: str) -> Any:
    """The requested embedder; auto tries the ONNX model and falls back to feature hashing."""
    from hiring.adapters.hashing_embedder import HashingEmbedder

    if name == "hashing":
        return HashingEmbedder(384)
    try:
        from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder

        embedder = OnnxMiniLmEmbedder()
        embedder.load()
        return embedder
    except Exception:
        if name == "onnx":
            raise
        return HashingEmbedder(384)


def rank_postings(
    resume_text: str,
    parsed: Any,
    postings: list[dict[str, Any]],
    embedder: Any,
    preferences: Any,
    today: dt.date,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(ranked, excluded): every posting analysed, embedded and scored against the resume."""
    import numpy as np

    from hiring.analysis.job_analysis import analyze_job
    from hiring.matching.explain import explain
    from hiring.matching.profiles import candidate_profile, job_profile, job_row_from_analysis
    from hiring.matching.score import score_pair
    from hiring.matching.weights import default_profile, role_level

    candidate = candidate_profile("resume", parsed, today, preferences)
    jobs = []
    for posting in postings:
        analysis = analyze_job(
            posting["title"], posting["description"], location=posting.get("location"),
            salary_text=posting.get("salary"), employment_hint=posting.get("employment_type"),
            arrangement_hint=posting.get("work_arrangement"),
        )  # fmt: skip
        row = job_row_from_analysis(str(posting["id"]), posting["description"], analysis, posting.get("posted_at"))
        row.update({k: posting[k] for k in _STRUCTURED if posting.get(k) is not None})
        jobs.append(job_profile(row))
    vectors = np.array(
        embedder.embed([resume_text[:8000]] + [f"{p['title']}\n{p['description']}"[:8000] for p in postings]),
        dtype=np.float64,
    )
    similarity = vectors[1:] @ vectors[0]
    ranked: list[dict[str, Any]] = []
    excluded: list[dict[str, Any]] = []
    for job, cosine in zip(jobs, similarity, strict=True):
        result = score_pair(candidate, job, float(cosine), default_profile(role_level(job.seniority)), today)
        result.breakdown["components"]["semantic"]["model"] = embedder.model_name
        entry = {
            "id": job.id, "score": None if result.excluded_by else result.score, "grade": result.grade,
            "recommended": result.recommended, "breakdown": result.breakdown,
            "matched_skills": result.matched_skills, "missing_skills": result.missing_skills,
            "explanation": explain(result.breakdown, job.title),
        }  # fmt: skip
        (excluded if result.excluded_by else ranked).append(entry)
    ranked.sort(key=lambda e: (-e["score"], e["id"]))
    return ranked, excluded


def cmd_rank(args: argparse.Namespace) -> int:
    """Print the postings ranked for the resume; exit 2 for unreadable input, 3 for a refused document."""
    from hiring.config import get_settings
    from hiring.matching.profiles import Preferences
    from hiring.parsing.model import DocumentRejected
    from hiring.resume import parse_document

    resume_path, jobs_path = Path(args.resume), Path(args.jobs)
    for path in (resume_path, jobs_path):
        if not path.is_file():
            sys.stderr.write(f"hiring match rank: {path}: no such file\n")
            return EXIT_BAD_INPUT
    try:
        postings = read_postings(jobs_path)
    except (ValueError, json.JSONDecodeError) as exc:
        sys.stderr.write(f"hiring match rank: {jobs_path}: {exc}\n")
        return EXIT_BAD_INPUT
    settings = get_settings()
    try:
        document, parsed = parse_document(
            resume_path.read_bytes(), resume_path.name, settings.max_upload_bytes, settings.max_pages
        )
    except DocumentRejected as rejected:
        sys.stderr.write(f"hiring match rank: {resume_path}: {rejected.message} [{rejected.code.value}]\n")
        return EXIT_REJECTED
    preferences = Preferences(args.salary, args.currency, args.arrangement, args.relocate)
    today = args.today or dt.datetime.now(dt.UTC).date()
    ranked, excluded = rank_postings(
        document.text, parsed, postings, choose_embedder(args.embedder), preferences, today
    )
    if args.top > 0:
        ranked = ranked[: args.top]
    output = ranked + (excluded if args.show_excluded else [])
    sys.stdout.write(json.dumps(output, indent=2, ensure_ascii=False, default=str) + "\n")
    return 0
