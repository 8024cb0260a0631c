"""`hiring parse resume FILE [--json | --jsonresume]`: the structured resume of one document."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_BAD_INPUT = 2
EXIT_REJECTED = 3


def register(subparsers: Any) -> None:
    """Add `hiring parse resume`."""
    parse = subparsers.add_parser("parse", help="parse documents into structured data")
    kinds = parse.add_subparsers(dest="kind", required=True)
    resume = kinds.add_parser("resume", help="parse a resume (PDF, DOCX or text) into the structured resume")
    resume.add_argument("file", help="path to the resume, or - for text on stdin")
    output = resume.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the structured resume as JSON")
    output.add_argument("--jsonresume", action="store_true", help="print it as a JSON Resume document")
    resume.set_defaults(func=cmd_parse_resume)


def cmd_parse_resume(args: argparse.Namespace) -> int:
    """Parse one resume file; exit 2 when it cannot be read, 3 when its bytes are refused."""
    from hiring.config import get_settings
    from hiring.parsing.model import DocumentRejected
    from hiring.resume import parse_document
    from hiring.resume.jsonresume import to_json_resume

    if args.file == "-":
        data, name = sys.stdin.buffer.read(), "stdin.txt"
    else:
        path = Path(args.file)
        if not path.is_file():
            sys.stderr.write(f"hiring parse resume: {args.file}: no such file\n")
            return EXIT_BAD_INPUT
        data, name = path.read_bytes(), path.name
    settings = get_settings()
    try:
        _, parsed = parse_document(data, name, settings.max_upload_bytes, settings.max_pages)
    except DocumentRejected as rejected:
        review = " (needs review by a person)" if rejected.needs_review else ""
        sys.stderr.write(f"hiring parse resume: {args.file}: {rejected.message} [{rejected.code.value}]{review}\n")
        return EXIT_REJECTED
    if args.json:
        sys.stdout.write(json.dumps(parsed.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
    elif args.jsonresume:
        sys.stdout.write(json.dumps(to_json_resume(parsed), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_summary(parsed.model_dump(mode="json")))
    return 0


def _summary(resume: dict[str, Any]) -> str:
    lines = [
        f"name        {resume['name'] or '-'}",
        f"email       {resume['email'] or '-'}",
        f"phone       {resume['phone'] or '-'}",
        f"experience  {resume['total_experience_months']} months, {resume['seniority']}",
    ]
    for job in resume["experience"]:
        end = "present" if job["current"] else job["end"] or "?"
        lines.append(f"  {job['start'] or '?'} .. {end}  {job['title'] or '-'} @ {job['company'] or '-'}")
    for school in resume["education"]:
        lines.append(f"  {school['degree'] or '-'}, {school['institution'] or '-'}")
    lines.append("skills      " + ", ".join(f"{s['name']} ({s['months']} mo)" for s in resume["skills"]))
    lines.append(f"confidence  {resume['confidence']:.2f}")
    lines += [f"warning     {w}" for w in resume["warnings"]]
    return "\n".join(lines) + "\n"
