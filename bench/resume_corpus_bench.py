"""Resume corpus bench: the parser on every rendered corpus file, per field and layout, dev and unseen apart.

Each file of tests/fixtures/corpus/rendered/<layout>/ is parsed as `hiring parse resume` parses it
(hiring.resume.parse_document with the configured limits), with today fixed to the corpus date, and compared
with the ground truth of its truth document (tests/fixtures/corpus/groundtruth.py):
  name, email, phone   one value per file (name: case, punctuation and a "Dr."/", RN" around it ignored;
                       phone: the same digits, a "(0)" trunk digit optional)
  jobs                 share of truth jobs found: a parsed job with the company AND the title (normalised,
                       rapidfuzz ratio >= 85; a bracketed note after the title optional) and a start within
                       12 months; each parsed job counts once
  spurious             parsed jobs that match no truth job (count; lower is better; not in the field accuracy)
  education            share of truth schools found: institution (fuzzy, as above) and level equal (a diploma or
                       certificate, which the parser has no level for, matches a parsed entry without a level)
  months               total experience within 12 months of the truth (overlaps counted once)
  skills               share of truth skill keywords among the parsed skills (canonical name or mention text)
  field accuracy       mean of name, email, phone, jobs, education and months
The unseen layouts are held out: nobody writing parser rules looks at them, so `--misses` prints dev misses
only. Usage: python bench/resume_corpus_bench.py [--split dev|unseen|all] [--layout NAME] [--json] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench.docs_tables import markdown_table, ratio, write_block  # noqa: E402
from hiring.config import get_settings  # noqa: E402
from hiring.parsing.model import DocumentRejected  # noqa: E402
from hiring.resume import ParsedResume, parse_document  # noqa: E402
from tests.fixtures.corpus.groundtruth import AS_OF, Truth, TruthJob, TruthSchool, expected, load_truths  # noqa: E402
from tests.fixtures.corpus.layouts import BLIND_GROUP_5, LAYOUTS, Layout, assignments, rendered_path  # noqa: E402

FUZZY_MIN = 85
START_TOLERANCE_MONTHS = 12
TOTAL_TOLERANCE_MONTHS = 12
ACCURACY_FIELDS = ("name", "email", "phone", "jobs", "education", "months")
_NAME_AFFIXES = {"dr", "prof", "mr", "mrs", "ms", "miss", "rn", "bsn", "msn", "dnp", "phd", "md", "cpa", "pe", "mba"}
_LEVELLESS = {"diploma", "certificate"}  # levels the parser's model does not have


# --- matching ------------------------------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Case-, accent-form- and punctuation-insensitive text: 'O'Connor, Siobhan' -> 'o connor siobhan'."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def similar(truth: str | None, parsed: str | None) -> bool:
    """Whether two strings are the same after normalising, allowing small differences (ratio >= 85)."""
    a, b = normalise(truth), normalise(parsed)
    return bool(a and b) and fuzz.ratio(a, b) >= FUZZY_MIN


def name_matches(truth: str, parsed: str | None) -> bool:
    """The name equals the truth, ignoring case, punctuation and titles or post-nominals written around it."""
    tokens = normalise(parsed).split()
    while tokens and tokens[0] in _NAME_AFFIXES:
        tokens.pop(0)
    while tokens and tokens[-1] in _NAME_AFFIXES:
        tokens.pop()
    return bool(tokens) and tokens == normalise(truth).split()


def email_matches(truth: str, parsed: str | None) -> bool:
    return bool(parsed) and truth.strip().casefold() == (parsed or "").strip().casefold()


def phone_matches(truth: str, parsed: str | None) -> bool:
    """The same digits; a "(0)" trunk digit ("+49 (0)30 ...") may be kept or dropped."""
    if not parsed:
        return False
    got = re.sub(r"\D", "", parsed)
    return got in {re.sub(r"\D", "", truth), re.sub(r"\D", "", truth.replace("(0)", ""))}


def _month_index(value: str | None) -> int | None:
    if not value:
        return None
    parts = value.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 else 1) - 1


def job_matches(truth: TruthJob, company: str | None, title: str | None, start: str | None) -> bool:
    """Company and title alike (fuzzy) and the start within 12 months.

    A note in brackets after the title ("Research Assistant (part-time)", "Midwife (Band 6)") may be kept or
    dropped: it says how the job was held, not what it was.
    """
    want, got = _month_index(truth.start), _month_index(start)
    if want is None or got is None or abs(want - got) > START_TOLERANCE_MONTHS:
        return False
    bare_title = re.sub(r"\s*\([^)]*\)\s*$", "", truth.title)
    return similar(truth.company, company) and (similar(truth.title, title) or similar(bare_title, title))


def level_matches(truth_level: str, parsed_level: str | None) -> bool:
    return parsed_level == truth_level or (truth_level in _LEVELLESS and parsed_level is None)


def school_matches(truth: TruthSchool, institution: str | None, level: str | None) -> bool:
    return similar(truth.institution, institution) and level_matches(truth.level, level)


def pair_jobs(truth: list[TruthJob], parsed: ParsedResume) -> tuple[list[bool], int]:
    """Which truth jobs were found (each parsed job used once) and how many parsed jobs matched none."""
    used: set[int] = set()
    found = []
    for job in truth:
        hit = next(
            (n for n, got in enumerate(parsed.experience)
             if n not in used and job_matches(job, got.company, got.title, got.start)),
            None,
        )  # fmt: skip
        if hit is not None:
            used.add(hit)
        found.append(hit is not None)
    return found, len(parsed.experience) - len(used)


def pair_schools(truth: list[TruthSchool], parsed: ParsedResume) -> list[bool]:
    used: set[int] = set()
    found = []
    for school in truth:
        hit = next(
            (n for n, got in enumerate(parsed.education)
             if n not in used and school_matches(school, got.institution, got.level)),
            None,
        )  # fmt: skip
        if hit is not None:
            used.add(hit)
        found.append(hit is not None)
    return found


def skills_found(truth: list[str], parsed: ParsedResume, text: str) -> list[bool]:
    """Which truth keywords the parse lists: as a canonical skill name or as the text of a mention."""
    names = {skill.name.casefold() for skill in parsed.skills}
    names |= {text[e.start : e.end].casefold() for skill in parsed.skills for e in skill.evidence}
    return [keyword.casefold() in names for keyword in truth]


# --- scoring -------------------------------------------------------------------------------------------------


@dataclass
class FileScore:
    """One rendered file against its truth."""

    layout: str
    document: str
    name: bool
    email: bool
    phone: bool
    jobs_found: int
    jobs_total: int
    spurious: int
    schools_found: int
    schools_total: int
    months: bool
    skills_found: int
    skills_total: int
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (field, expected, got)


def score_file(layout: str, document: str, truth: Truth, parsed: ParsedResume, text: str) -> FileScore:
    """Compare one parse with its truth, keeping what was missed."""
    jobs, spurious = pair_jobs(truth.jobs, parsed)
    schools = pair_schools(truth.schools, parsed)
    skills = skills_found(truth.skills, parsed, text)
    months_ok = abs(parsed.total_experience_months - truth.total_experience_months) <= TOTAL_TOLERANCE_MONTHS
    score = FileScore(
        layout, document,
        name=name_matches(truth.name, parsed.name), email=email_matches(truth.email, parsed.email),
        phone=phone_matches(truth.phone, parsed.phone),
        jobs_found=sum(jobs), jobs_total=len(jobs), spurious=spurious,
        schools_found=sum(schools), schools_total=len(schools), months=months_ok,
        skills_found=sum(skills), skills_total=len(skills),
    )  # fmt: skip
    for label, ok, want, got in (
        ("name", score.name, truth.name, parsed.name),
        ("email", score.email, truth.email, parsed.email),
        ("phone", score.phone, truth.phone, parsed.phone),
        ("months", months_ok, truth.total_experience_months, parsed.total_experience_months),
    ):
        if not ok:
            score.misses.append((label, str(want), str(got)))
    parsed_jobs = "; ".join(f"{e.title} @ {e.company} from {e.start}" for e in parsed.experience) or "-"
    for job, ok in zip(truth.jobs, jobs, strict=True):
        if not ok:
            score.misses.append(("job", f"{job.title} @ {job.company} from {job.start}", parsed_jobs))
    parsed_schools = "; ".join(f"{e.institution} ({e.level})" for e in parsed.education) or "-"
    for school, ok in zip(truth.schools, schools, strict=True):
        if not ok:
            score.misses.append(("education", f"{school.institution} ({school.level})", parsed_schools))
    if spurious:
        score.misses.append(("spurious jobs", "-", parsed_jobs))
    missing_skills = [k for k, ok in zip(truth.skills, skills, strict=True) if not ok]
    if missing_skills:
        score.misses.append(("skills", ", ".join(missing_skills), ", ".join(s.name for s in parsed.skills) or "-"))
    return score


def summarise(scores: list[FileScore]) -> dict[str, float | int | None]:
    """Per-field accuracy over files (jobs, education and skills over their entries)."""
    if not scores:
        return {"files": 0}

    def share(found: int, total: int) -> float | None:
        return found / total if total else None

    out: dict[str, float | int | None] = {
        "files": len(scores),
        "name": share(sum(s.name for s in scores), len(scores)),
        "email": share(sum(s.email for s in scores), len(scores)),
        "phone": share(sum(s.phone for s in scores), len(scores)),
        "jobs": share(sum(s.jobs_found for s in scores), sum(s.jobs_total for s in scores)),
        "spurious": sum(s.spurious for s in scores),
        "education": share(sum(s.schools_found for s in scores), sum(s.schools_total for s in scores)),
        "months": share(sum(s.months for s in scores), len(scores)),
        "skills": share(sum(s.skills_found for s in scores), sum(s.skills_total for s in scores)),
    }
    values = [out[f] for f in ACCURACY_FIELDS if out[f] is not None]
    out["field_accuracy"] = sum(v for v in values if v is not None) / len(values) if values else None
    return out


# --- running -------------------------------------------------------------------------------------------------


def parse_file(path: Path) -> tuple[ParsedResume | None, str, str | None]:
    """Parse one file as the CLI does (today fixed to the corpus date); (parse, text, rejection or None)."""
    settings = get_settings()
    try:
        document, parsed = parse_document(path.read_bytes(), path.name, settings.max_upload_bytes,
                                          settings.max_pages, today=AS_OF)  # fmt: skip
    except DocumentRejected as rejected:
        return None, "", f"rejected, {rejected.code.value}: {rejected.message}"
    except Exception as exc:  # a parser crash is a result on this file, not the end of the bench
        return None, "", f"crashed, {type(exc).__name__}: {exc}"
    return parsed, document.text, None


_COLD_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
started = time.perf_counter()
from hiring.config import get_settings
from hiring.resume import parse_document
imported = time.perf_counter()
settings = get_settings()
data = Path({path!r}).read_bytes()
parse_document(data, Path({path!r}).name, settings.max_upload_bytes, settings.max_pages)
done = time.perf_counter()
print((imported - started) * 1000, (done - imported) * 1000)
"""


def first_parse_ms(path: Path) -> tuple[float, float]:
    """(import ms, first parse ms) of one file in a fresh Python process, as a Lambda cold start pays them."""
    script = _COLD_SCRIPT.format(root=str(REPO_ROOT), path=str(path))
    command = [sys.executable, "-c", script]  # our own interpreter and script, paths from this repository
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)  # noqa: S603
    imported, parsed = done.stdout.split()
    return float(imported), float(parsed)


def _fmt(value: float | int | None, percent: bool = True) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if percent and isinstance(value, float) else str(value)


def _table(rows: list[tuple[str, str, dict[str, float | int | None]]]) -> str:
    columns = ("files", "name", "email", "phone", "jobs", "spurious", "education", "months", "skills",
               "field_accuracy")  # fmt: skip
    header = f"{'layout':<26}{'split':<8}" + "".join(f"{c[:9]:>10}" for c in columns)
    lines = [header, "-" * len(header)]
    for layout, split, summary in rows:
        lines.append(f"{layout:<26}{split:<8}" + "".join(f"{_fmt(summary.get(c)):>10}" for c in columns))
    return "\n".join(lines)


# The reported groups: every unseen layout, then the newest blind group apart from the earlier unseen layouts.
NEWEST_BLIND = BLIND_GROUP_5
_COLUMNS = (("dev", "dev"), ("unseen", "unseen"), ("unseen-earlier", "earlier"), ("unseen-newest", "new blind"))


def group_of(layout: Layout) -> str:
    """Which reported group a layout's accuracy counts in, beside its split: unseen-newest or unseen-earlier."""
    if layout.measured_split == "dev":
        return "dev"
    return "unseen-newest" if layout.group == NEWEST_BLIND else "unseen-earlier"


def _side_by_side(by_split: dict[str, dict[str, float | int | None]]) -> str:
    lines = ["".join([f"{'field':<16}", *(f"{label:>11}" for _key, label in _COLUMNS)]), "-" * 60]
    for key in ("files", "name", "email", "phone", "jobs", "spurious", "education", "months", "skills",
                "field_accuracy"):  # fmt: skip
        lines.append(f"{key:<16}" + "".join(f"{_fmt(by_split[group].get(key)):>11}" for group, _ in _COLUMNS))
    return "\n".join(lines)


_DOC_ROWS = (
    ("name", "name"), ("email", "email"), ("phone", "phone"), ("jobs", "jobs"), ("spurious", "spurious jobs (count)"),
    ("education", "education"), ("months", "total months within 12"), ("skills", "skills recall"),
    ("field_accuracy", "**field accuracy**"),
)  # fmt: skip


_DOC_COLUMNS = (
    ("unseen-newest", "unseen: newest blind group"),
    ("unseen-earlier", "unseen: earlier held-out"),
    ("unseen", "unseen: all"),
    ("dev", "dev"),
)


def docs_table(by_split: dict[str, dict[str, float | int | None]], layouts: dict[str, int]) -> str:
    """The table of docs/resumes.md, as this run measured it: the unseen figures first (the newest blind group,
    the earlier held-out layouts, all unseen), then dev."""
    header = ["field"] + [
        f"{label} ({layouts[group]} layouts, {by_split[group].get('files', 0)} files)" for group, label in _DOC_COLUMNS
    ]
    rows = []
    for key, label in _DOC_ROWS:
        cells = [ratio(by_split[group].get(key)) for group, _ in _DOC_COLUMNS]
        rows.append([label] + ([f"**{c}**" for c in cells] if key == "field_accuracy" else cells))
    return markdown_table(header, rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "unseen", "all"), default="all")
    parser.add_argument("--layout", action="append", help="only this layout (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--misses", action="store_true", help="print each miss on dev layouts")
    parser.add_argument("--write-docs", action="store_true", help="write the dev/unseen table into docs/resumes.md")
    args = parser.parse_args(argv)
    if args.write_docs and (args.split != "all" or args.layout):
        parser.error("--write-docs measures every layout: use it without --split or --layout")
    truths = {doc: expected(resume) for doc, resume in load_truths().items()}
    plan = assignments(list(truths))
    chosen: list[Layout] = [
        layout
        for layout in LAYOUTS
        if args.split in ("all", layout.measured_split) and (not args.layout or layout.name in args.layout)
    ]
    scores: dict[str, list[FileScore]] = {}
    notes: list[str] = []
    timings: list[float] = []
    first_file: Path | None = None
    warmed = False
    for layout in chosen:
        files = [(doc, rendered_path(layout, doc)) for doc in plan[layout.name]]
        present = [(doc, path) for doc, path in files if path.is_file()]
        if len(present) < len(files):
            notes.append(f"{layout.name}: {len(files) - len(present)} of {len(files)} files not rendered yet, skipped")
        layout_scores = scores.setdefault(layout.name, [])
        for doc, path in present:
            if not warmed:  # the first parse loads the taxonomy; it is timed apart, in a fresh process
                parse_file(path)
                warmed, first_file = True, path
            started = time.perf_counter()
            parsed, text, rejected = parse_file(path)
            timings.append((time.perf_counter() - started) * 1000)
            if parsed is None:
                parsed, text = ParsedResume(), ""
                notes.append(f"{layout.name}/{doc}: {rejected}")
            layout_scores.append(score_file(layout.name, doc, truths[doc], parsed, text))
    split_of = {layout.name: layout.measured_split for layout in LAYOUTS}
    reported = {layout.name: group_of(layout) for layout in LAYOUTS}
    by_split = {
        split: summarise([s for name, group in scores.items() if split_of[name] == split for s in group])
        for split in ("dev", "unseen")
    }
    for part in ("unseen-earlier", "unseen-newest"):
        by_split[part] = summarise([s for name, group in scores.items() if reported[name] == part for s in group])
    cold = first_parse_ms(first_file) if first_file is not None else None
    warm_median = statistics.median(timings) if timings else None
    if args.json:
        payload: dict[str, Any] = {
            "as_of": AS_OF.isoformat(),
            "layouts": {name: {"split": split_of[name], **summarise(group)} for name, group in scores.items()},
            "dev": by_split["dev"],
            "unseen": by_split["unseen"],
            "unseen_earlier": by_split["unseen-earlier"],
            "unseen_newest_blind_group": by_split["unseen-newest"],
            "first_parse_ms": {"imports": cold[0], "parse": cold[1]} if cold else None,
            "warm_median_ms": warm_median,
            "notes": notes,
        }
        if args.misses:
            payload["misses"] = [asdict(s) for name, group in scores.items() if split_of[name] == "dev" for s in group]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return 0
    out = sys.stdout
    rows: list[tuple[str, str, dict[str, float | int | None]]] = [
        (name, split_of[name], summarise(group)) for name, group in scores.items() if group
    ]
    out.write(_table(rows) + "\n\n")
    out.write(_side_by_side(by_split) + "\n\n")
    if args.write_docs:
        layouts = {split: sum(1 for name in scores if split_of[name] == split) for split in ("dev", "unseen")}
        layouts |= {
            part: sum(1 for name in scores if reported[name] == part) for part in ("unseen-earlier", "unseen-newest")
        }
        out.write(f"wrote {write_block('resumes.md', 'resume-corpus', docs_table(by_split, layouts))}\n")
    if cold is not None:
        out.write(f"first parse in a fresh process: {cold[1]:.0f} ms (imports before it: {cold[0]:.0f} ms), "
                  f"{first_file.relative_to(REPO_ROOT) if first_file else ''}\n")  # fmt: skip
    if warm_median is not None:
        out.write(f"warm parse, median per file: {warm_median:.1f} ms over {len(timings)} files\n")
    for note in notes:
        out.write(f"note: {note}\n")
    if args.misses:
        held_out = [name for name in scores if split_of[name] == "unseen"]
        if held_out:
            out.write(f"\nmisses on unseen layouts are held out and not printed ({', '.join(held_out)})\n")
        for name, group in scores.items():
            if split_of[name] != "dev":
                continue
            for score in group:
                for label, want, got in score.misses:
                    out.write(f"MISS {name}/{score.document} {label}: expected {want!r} got {got!r}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
