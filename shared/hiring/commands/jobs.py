"""`hiring jobs`: analyse a job description, import a feed, compile the occupation index."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_ONET = Path(__file__).resolve().parents[4] / "shared" / "data" / "taxonomy"
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def register(subparsers: Any) -> None:
    """Add `hiring jobs analyze`, `hiring jobs import` and `hiring jobs build-occupations`."""
    jobs = subparsers.add_parser("jobs", help="job description analysis and feed imports")
    sub = jobs.add_subparsers(dest="jobs_command", required=True)

    analyze = sub.add_parser("analyze", help="analyse one job description (text, PDF or DOCX)")
    analyze.add_argument("file", help="the job description; its first line is the title unless --title is given")
    analyze.add_argument("--title", help="the job title, when the file holds only the description")
    analyze.add_argument("--location", help="the posting's location field")
    analyze.add_argument("--salary", help="the posting's salary field, as written")
    analyze.add_argument("--json", action="store_true", help="print JSON (the default output)")
    analyze.set_defaults(func=cmd_analyze)

    feed = sub.add_parser("import", help="import a JSON or JSON Lines feed of postings into a tenant")
    feed.add_argument("file", type=Path)
    feed.add_argument("--platform", required=True, help="generic, schema.org, indeed, dice, linkedin, glassdoor, ...")
    feed.add_argument("--tenant", default=None, help="tenant slug (default: the configured default tenant)")
    feed.add_argument("--no-progress", action="store_true", help="no progress bar")
    feed.set_defaults(func=cmd_import)

    build = sub.add_parser("build-occupations", help="compile the O*NET occupation index shipped in the package")
    build.add_argument("--source", type=Path, default=DEFAULT_ONET)
    build.set_defaults(func=cmd_build_occupations)


def _document_text(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    data = path.read_bytes()
    if path.suffix.lower() in {".pdf", ".docx"}:
        from hiring.parsing.documents import extract_document
        from hiring.parsing.model import DocumentRejected

        try:
            return extract_document(data, path.name, MAX_DOCUMENT_BYTES, 50).text
        except DocumentRejected as rejected:
            raise ValueError(f"{path.name}: {rejected.message}") from rejected
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name} is not UTF-8 text, PDF or DOCX") from exc


def cmd_analyze(args: argparse.Namespace) -> int:
    from hiring.analysis.job_analysis import analyze_job

    text = _document_text(Path(args.file)).strip()
    if not text:
        raise ValueError(f"{args.file} is empty")
    title = args.title
    if title is None:
        # The first line is offered as the title; a sentence there ("We are looking for a Senior Backend Engineer
        # to join ...") is read back into the posting and the analysis takes the role it names.
        first, _, rest = text.partition("\n")
        title, text = first.strip(), rest.strip() or first.strip()
    analysis = analyze_job(title, text, location=args.location, salary_text=args.salary).as_dict()
    analysis.pop("skills")  # the evidence per skill is long; required/preferred carry the names
    sys.stdout.write(json.dumps(analysis, indent=2) + "\n")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from hiring.analysis.feeds import PLATFORMS, read_feed
    from hiring.cli import _local_container
    from hiring.stores.identity import find_tenant_id

    if args.platform not in PLATFORMS:
        raise ValueError(f"unknown platform {args.platform!r}; known: {', '.join(PLATFORMS)}")
    if not args.file.is_file():
        raise FileNotFoundError(f"no such file: {args.file}")
    container = _local_container()
    tenant = args.tenant or container.settings.default_tenant
    with container.db.connect() as conn:
        tenant_id = find_tenant_id(conn, tenant)
    if tenant_id is None:
        raise ValueError(f"no tenant {tenant!r}")
    with tqdm(desc=f"importing {args.file.name}", unit=" rows", disable=args.no_progress, file=sys.stderr) as bar:
        result = container.jobs.import_rows(
            tenant_id, args.platform, read_feed(args.file), source=args.file.name, progress=bar.update
        )
    summary = result.as_dict()
    summary["errors"] = summary["errors"][:50]
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


def cmd_build_occupations(args: argparse.Namespace) -> int:
    from hiring.analysis.occupations import build_occupation_index

    target = Path(__file__).resolve().parents[1] / "analysis" / "data" / "occupations.json.gz"
    sys.stdout.write(json.dumps(build_occupation_index(args.source, target)) + "\n")
    return 0
