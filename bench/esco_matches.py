"""Matches with and without ESCO links, side by side: the 24 demo postings (shared/hiring/data/demo_jobs.json)
against the 68 ground-truth resumes of the resume corpus (tests/fixtures/corpus/truth, JSON Resume), scored
in memory by the same profiles and scorer the service uses, once without links and once with the links the
work-queue consumer would store (hiring.skills.esco_matching: a requirement sentence the dictionary finds no skill
in asks for its best ESCO skill at MATCH_THRESHOLD or more; a resume sentence shows the ESCO skills it links to
at MATCH_THRESHOLD or more). Used by bench/esco_matching_bench.py."""

from __future__ import annotations

import datetime as dt
import json
import time
from importlib import resources
from pathlib import Path
from typing import Any

from hiring.analysis.job_analysis import analyze_job
from hiring.matching.profiles import candidate_profile, job_profile, job_row_from_analysis
from hiring.matching.score import required_esco, score_pair
from hiring.matching.weights import default_profile, role_level
from hiring.resume.jsonresume import from_json_resume
from hiring.skills.esco_linking import EscoLinker
from hiring.skills.esco_matching import (
    JOB_LINKS_PER_SENTENCE,
    MATCH_THRESHOLD,
    SentenceLinker,
    SentenceLinks,
    job_sentences,
    resume_sentences,
)

TRUTH = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus" / "truth"
TODAY = dt.date(2026, 12, 1)
TOP = 10


def _job_rows(linked: list[SentenceLinks]) -> list[dict[str, Any]]:
    """What stores.esco_links.JOB_ESCO hands the scorer, from links made in memory."""
    rows = []
    for item in sorted(linked, key=lambda i: (i.sentence.block != "required", i.sentence.start)):
        if item.sentence.resolved:
            continue
        for rank, link in enumerate(item.links[:JOB_LINKS_PER_SENTENCE], start=1):
            if link.score >= MATCH_THRESHOLD and rank <= JOB_LINKS_PER_SENTENCE:
                rows.append({"block": item.sentence.block, "uri": link.uri, "label": link.label,
                             "sentence": item.sentence.text, "score": link.score})  # fmt: skip
    return rows


def _resume_rows(linked: list[SentenceLinks]) -> list[dict[str, Any]]:
    """What stores.esco_links.CANDIDATE_ESCO hands the scorer."""
    rows = [
        {"block": item.sentence.block, "uri": link.uri, "label": link.label, "sentence": item.sentence.text,
         "score": link.score}
        for item in linked for link in item.links if link.score >= MATCH_THRESHOLD
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (-r["score"], r["uri"], r["block"]))


def matches_table(linker: EscoLinker) -> None:
    sentences = SentenceLinker(linker)
    postings = json.loads((resources.files("hiring") / "data" / "demo_jobs.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    jobs = []
    for number, posting in enumerate(postings):
        analysis = analyze_job(posting["title"], posting["description"], location=posting.get("state") or None)
        row = job_row_from_analysis(f"job-{number}", posting["description"], analysis)
        linked = sentences.link_sentences(job_sentences(posting["description"]))
        jobs.append((job_profile(row), job_profile({**row, "esco": _job_rows(linked)}), len(linked)))
    people = []
    for path in sorted(TRUTH.glob("*.resume.json")):
        _, parsed = from_json_resume(json.loads(path.read_text(encoding="utf-8")), TODAY)
        linked = sentences.link_sentences(resume_sentences(parsed))
        plain = candidate_profile(path.stem, parsed, TODAY)
        people.append((plain, candidate_profile(path.stem, parsed, TODAY, esco=_resume_rows(linked)), len(linked)))
    elapsed = time.perf_counter() - started
    linked_count = sentences.computed
    print(f"\n{len(jobs)} demo postings x {len(people)} corpus resumes; {linked_count} distinct sentences linked "
          f"in {elapsed:.1f} s ({linked_count / elapsed:.1f}/s), threshold {MATCH_THRESHOLD}")  # fmt: skip
    added = [len(with_esco.esco) for _, with_esco, _ in jobs]
    print(f"ESCO requirements per posting: mean {sum(added) / len(added):.2f}, "
          f"{sum(1 for a in added if a)} of {len(jobs)} postings have one or more "
          f"({sum(n for *_, n in jobs)} requirement sentences)")  # fmt: skip
    met_total = met_plain = met_esco_only = asked_esco = pairs_esco = met_uncounted = 0
    changed_lists = 0
    deltas = []
    for plain_c, esco_c, _ in people:
        before, after = [], []
        for plain_j, esco_j, _ in jobs:
            profile = default_profile(role_level(plain_j.seniority))
            a = score_pair(plain_c, plain_j, None, profile, TODAY)
            b = score_pair(esco_c, esco_j, None, profile, TODAY)
            before.append((-a.score, plain_j.id))
            after.append((-b.score, esco_j.id))
            deltas.append(b.score - a.score)
            met_plain += len(a.matched_skills)
            met_total += len(b.matched_skills)
            esco_names = {name for name, _, _ in esco_j.esco}
            asked_esco += len(required_esco(esco_j))
            only = [m for m in b.breakdown["components"]["required_skills"]["matched"] if m["skill"] in esco_names]
            met_esco_only += len(only)
            pairs_esco += bool(only)
            asked = [e for part in b.breakdown["components"].values() for e in part.get("esco", ())]
            met_uncounted += sum(1 for e in asked if e["met"] and not e["counted"])
        changed_lists += [j for _, j in sorted(before)[:TOP]] != [j for _, j in sorted(after)[:TOP]]
    pairs = len(jobs) * len(people)
    print(f"{'':<44} {'without ESCO':>12} {'with ESCO':>10}")
    print(f"{'required skills met, all pairs':<44} {met_plain:>12} {met_total:>10}")
    label = "  of which ESCO requirements met"
    print(f"{label:<44} {0:>12} {met_esco_only:>10} (of {asked_esco} asked, summed over pairs)")
    print(f"{'pairs with a requirement met through ESCO':<44} {0:>12} {pairs_esco:>10} (of {pairs})")
    label = "  ESCO requirements met, not counted"
    print(f"{label:<44} {'-':>12} {met_uncounted:>10} (counting them would have lowered the coverage)")
    label = f"resumes whose top {TOP} jobs change order"
    print(f"{label:<44} {'-':>12} {changed_lists:>10} (of {len(people)})")
    deltas.sort()
    low, middle, high = deltas[0], deltas[len(deltas) // 2], deltas[-1]
    raised, lowered = sum(1 for d in deltas if d > 0), sum(1 for d in deltas if d < 0)
    print(f"score change with ESCO: min {low:+.2f}, median {middle:+.2f}, max {high:+.2f}")
    print(
        f"scores move between {low:+.2f} and {high:+.2f} points: {raised} pairs raised, {lowered} lowered, "
        f"{len(deltas) - raised - lowered} unchanged (of {len(deltas)})"
    )
