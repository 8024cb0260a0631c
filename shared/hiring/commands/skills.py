"""`hiring skills`: build the compiled skill taxonomy and extract skill mentions from text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiring.skills.extractor import SkillMention

DEFAULT_SOURCE = Path(__file__).resolve().parents[4] / "shared" / "data" / "taxonomy"
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_PAGES = 20
DEFAULT_ESCO_TOP = 5


def register(subparsers: Any) -> None:
    """Add `hiring skills build-taxonomy`, `hiring skills build-esco-index` and `hiring skills extract`."""
    skills = subparsers.add_parser("skills", help="skill taxonomy and skill extraction")
    sub = skills.add_subparsers(dest="skills_command", required=True)

    build = sub.add_parser("build-taxonomy", help="compile the taxonomy from ESCO, O*NET and the tech-skill list")
    build.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help=f"source data folder (default {DEFAULT_SOURCE})"
    )
    build.add_argument("--out", type=Path, default=None, help="output folder (default: the package's skills/data)")
    build.set_defaults(func=cmd_build_taxonomy)

    esco = sub.add_parser("build-esco-index", help="embed every ESCO skill's labels and description (slow)")
    esco.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help=f"source data folder (default {DEFAULT_SOURCE})"
    )
    esco.add_argument("--out", type=Path, default=None, help="output file (default: the package's ESCO index)")
    esco.add_argument(
        "--near-duplicate",
        type=float,
        default=None,
        help="drop label vectors at least this close to a kept label of the same skill (default 0.75)",
    )
    esco.add_argument("--threads", type=int, default=1, help="inference threads (default 1)")
    esco.set_defaults(func=cmd_build_esco_index)

    extract = sub.add_parser("extract", help="print the skills found in a text file (or - for stdin)")
    extract.add_argument("file", help="a text file, a PDF or DOCX, or - to read standard input")
    extract.add_argument("--json", action="store_true", help="print a JSON list of mentions (the default output)")
    extract.add_argument(
        "--esco-top", type=int, default=DEFAULT_ESCO_TOP, help=f"ESCO skills per item (default {DEFAULT_ESCO_TOP})"
    )
    extract.add_argument("--no-esco", action="store_true", help="skip ESCO linking (no embedding model is loaded)")
    extract.add_argument(
        "--sentences", action="store_true", help="link whole sentences instead: [{start, end, text, esco}]"
    )
    extract.add_argument(
        "--tagger",
        action="store_true",
        help="add the trained span tagger's Skill and Knowledge spans (source 'tagger', span_type) to the taxonomy's",
    )
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


def cmd_build_esco_index(args: argparse.Namespace) -> int:
    """Embed the ESCO skills with the local model and write the index the linker reads."""
    from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder
    from hiring.skills.esco_linking import (
        DEFAULT_INDEX_PATH,
        NEAR_DUPLICATE,
        build_index,
        read_esco_concepts,
        save_index,
    )
    from hiring.skills.sources import ESCO_ZIP

    source = args.source / ESCO_ZIP
    if not source.is_file():
        sys.stderr.write(f"hiring skills build-esco-index: ESCO CSV zip not found: {source}\n")
        return 2
    concepts = read_esco_concepts(source)
    embedder = OnnxMiniLmEmbedder(intra_op_threads=args.threads)
    index = build_index(concepts, embedder, near_duplicate=args.near_duplicate or NEAR_DUPLICATE)
    target = args.out or DEFAULT_INDEX_PATH
    save_index(target, index)
    summary = {
        "path": str(target),
        "bytes": target.stat().st_size,
        "skills": index.size,
        "labels": len(index.terms),
        "label_vectors": len(index.label_owner),
        "model": index.model_name,
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


def _linked(text: str, mentions: list[SkillMention], top: int, *, sentences: bool) -> list[dict[str, Any]]:
    """The mentions with their ESCO links, or the text's sentences with theirs (the local MiniLM model)."""
    from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder
    from hiring.skills.esco_linking import EscoLinker

    linker = EscoLinker(OnnxMiniLmEmbedder())
    if sentences:
        return [s.to_dict() for s in linker.link_sentences(text, top, mentions)]
    links = linker.link_mentions(mentions, top)
    return [{**m.to_dict(), "esco": [e.to_dict() for e in found]} for m, found in zip(mentions, links, strict=True)]


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the skill mentions of a text as JSON, offsets into the text as read."""
    from hiring.parsing.model import DocumentRejected
    from hiring.skills.extractor import get_extractor

    try:
        text = _read_text(args.file)
    except (FileNotFoundError, IsADirectoryError, DocumentRejected) as exc:
        sys.stderr.write(f"hiring skills extract: {exc}\n")
        return 2
    if args.esco_top < 1 or (args.sentences and args.no_esco):
        problem = "--sentences links sentences to ESCO: drop --no-esco" if args.esco_top >= 1 else "--esco-top < 1"
        sys.stderr.write(f"hiring skills extract: {problem}\n")
        return 2
    if args.tagger:
        from hiring.skills.tagger import extract_with_tagger

        extracted = extract_with_tagger(text)
    else:
        extracted = get_extractor().extract(text)
    output: list[dict[str, Any]]
    if args.no_esco:
        output = [m.to_dict() for m in extracted]
    else:
        from hiring.adapters.onnx_embedder import EmbeddingModelUnavailable

        try:
            output = _linked(text, extracted, args.esco_top, sentences=args.sentences)
        except EmbeddingModelUnavailable as exc:
            sys.stderr.write(f"hiring skills extract: {exc} (or pass --no-esco)\n")
            return 2
    sys.stdout.write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0
