"""`hiring skills`: build the compiled skill taxonomy and extract skill mentions from text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_SOURCE = Path(__file__).resolve().parents[4] / "shared" / "data" / "taxonomy"
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_PAGES = 20


def register(subparsers: Any) -> None:
    """Add `hiring skills build-taxonomy` and `hiring skills extract`."""
    skills = subparsers.add_parser("skills", help="skill taxonomy and skill extraction")
    sub = skills.add_subparsers(dest="skills_command", required=True)

    build = sub.add_parser("build-taxonomy", help="compile the taxonomy from ESCO, O*NET and the tech-skill list")
    build.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help=f"source data folder (default {DEFAULT_SOURCE})"
    )
    build.add_argument("--out", type=Path, default=None, help="output folder (default: the package's skills/data)")
    build.set_defaults(func=cmd_build_taxonomy)

    extract = sub.add_parser("extract", help="print the skills found in a text file (or - for stdin)")
    extract.add_argument("file", help="a text file, a PDF or DOCX, or - to read standard input")
    extract.add_argument("--json", action="store_true", help="print a JSON list of mentions (the default output)")
    extract.set_defaults(func=cmd_extract)


def cmd_build_taxonomy(args: argparse.Namespace) -> int:
    """Compile the taxonomy and report its size and counts."""
    from hiring.skills.build import DATA_DIR, write

    if not args.source.is_dir():
        sys.stderr.write(f"hiring skills build-taxonomy: source folder not found: {args.source}\n")
        return 2
    target, compiled = write(args.source, args.out or DATA_DIR)
    summary = {
        "path": str(target),
        "bytes": target.stat().st_size,
        "skills": len(compiled["skills"]),
        "surface_forms": len(compiled["surfaces"]),
    }
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {name}")
    if path.suffix.lower() in {".pdf", ".docx"}:
        from hiring.parsing.documents import extract_document

        return str(extract_document(path.read_bytes(), path.name, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PAGES).text)
    return path.read_text(encoding="utf-8", errors="replace")


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the skill mentions of a text as JSON, offsets into the text as read."""
    from hiring.parsing.documents import DocumentRejected
    from hiring.skills.extractor import get_extractor

    try:
        text = _read_text(args.file)
    except (FileNotFoundError, IsADirectoryError, DocumentRejected) as exc:
        sys.stderr.write(f"hiring skills extract: {exc}\n")
        return 2
    mentions = [m.to_dict() for m in get_extractor().extract(text)]
    sys.stdout.write(json.dumps(mentions, ensure_ascii=False, indent=2) + "\n")
    return 0
