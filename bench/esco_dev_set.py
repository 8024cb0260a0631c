"""Build the ESCO-linked SkillSpan development set (bench/data/esco_skillspan_dev.jsonl) without any embedding.

Each gold Skill or Knowledge span of the SkillSpan dev files (house and tech) is normalised (lower case, a
trailing ESCO qualifier such as "(computer programming)" and a trailing "skill(s)" dropped, punctuation to
spaces, plural "s" dropped) and looked up among the normalised ESCO v1.1.1 labels: a preferred-label match
wins over alternative-label matches; a span whose form names more than two skills is left out as ambiguous.
Every distinct span form -> skill pair was then read by hand; the pairs judged wrong are listed in
bench/data/esco_dev_rejected.json and left out. These links are "lexical" (via preferred or alternative).
A second, smaller part is "hand" linked (bench/data/esco_dev_hand_links.json): spans that no ESCO label names
("attention to detail", "Performs well in a team", "Test automation"), linked to ESCO skills chosen by reading
candidates from a keyword search over the labels (no embedding model was used). A sentence enters the set when
at least one of its spans keeps a link; its gold labels are the linked skills of all its spans. Sentences are
split in two halves by a hash of their text: "tune" (weights were chosen on it) and "test" (reported, never tuned on).
Usage (from the repository root): python -m bench.esco_dev_set [--esco PATH] [--skillspan DIR] [--out PATH] [--pairs]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from bench.skillspan_bench import read_conll
from hiring.skills.esco_linking import EscoConcept, read_esco_concepts

ROOT = Path(__file__).resolve().parents[2]
ESCO_ZIP = ROOT / "shared" / "data" / "taxonomy" / "esco-v1.1.1-en-csv.zip"
SKILLSPAN = ROOT / "shared" / "data" / "skills"
DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "esco_skillspan_dev.jsonl"
REJECTED = DATA / "esco_dev_rejected.json"
HAND_LINKS = DATA / "esco_dev_hand_links.json"
MAX_SKILLS_PER_SPAN = 2
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_FOLD = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "\x92": "'"})


def normalise(phrase: str) -> str:
    """The lookup form of a span or an ESCO label."""
    text = _QUALIFIER.sub("", phrase.lower().translate(_FOLD))
    text = re.sub(r"[^a-z0-9+#]+", " ", text).strip()
    text = re.sub(r"\s+skills?$", "", text)
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in text.split())


def label_lookup(concepts: list[EscoConcept]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Normalised preferred and alternative labels to the concepts that carry them."""
    preferred: dict[str, set[int]] = defaultdict(set)
    alternative: dict[str, set[int]] = defaultdict(set)
    for row, concept in enumerate(concepts):
        preferred[normalise(concept.label)].add(row)
        for label in concept.alternatives:
            alternative[normalise(label)].add(row)
    return preferred, alternative


def link_span(span: str, preferred: dict[str, set[int]], alternative: dict[str, set[int]]) -> tuple[list[int], str]:
    """The concepts a span names by label and how ("preferred", "alternative"), or nothing."""
    key = normalise(span)
    if not key:
        return [], ""
    for via, table in (("preferred", preferred), ("alternative", alternative)):
        rows = table.get(key, set())
        if rows:
            return (sorted(rows), via) if len(rows) <= MAX_SKILLS_PER_SPAN else ([], "ambiguous")
    return [], ""


def build(esco_zip: Path, skillspan: Path) -> tuple[list[dict[str, object]], dict[str, int]]:
    """The linked sentences and construction counts."""
    concepts = read_esco_concepts(esco_zip)
    preferred, alternative = label_lookup(concepts)
    rejected = {(r["span"], r["uri"]) for r in json.loads(REJECTED.read_text(encoding="utf-8"))["rejected"]}
    hand = hand_links(concepts)
    counts = {"sentences": 0, "spans": 0, "linked_spans": 0, "ambiguous_spans": 0, "rejected_links": 0}
    counts["hand_linked_spans"] = 0
    records: list[dict[str, object]] = []
    for domain in ("house", "tech"):
        for number, sentence in enumerate(read_conll(skillspan / f"skillspan_{domain}_dev.conll")):
            counts["sentences"] += 1
            spans = []
            for kind in ("Skill", "Knowledge"):
                for start, end in sentence.gold[kind]:
                    counts["spans"] += 1
                    rows, via = link_span(sentence.text[start:end], preferred, alternative)
                    counts["ambiguous_spans"] += via == "ambiguous"
                    key = normalise(sentence.text[start:end])
                    kept = [r for r in rows if (key, concepts[r].uri) not in rejected]
                    counts["rejected_links"] += len(rows) - len(kept)
                    by_hand = hand.pop((f"{domain}-{number}", sentence.text[start:end]), [])
                    if by_hand and not kept:
                        kept, via = by_hand, "hand"
                        counts["hand_linked_spans"] += 1
                    if kept:
                        counts["linked_spans"] += 1
                        esco = [{"uri": concepts[r].uri, "label": concepts[r].label} for r in kept]
                        spans.append({"start": start, "end": end, "kind": kind, "via": via, "esco": esco})
            if spans:
                spans.sort(key=lambda s: (s["start"], s["end"]))
                digest = hashlib.sha1(sentence.text.encode("utf-8"), usedforsecurity=False).digest()
                records.append(
                    {
                        "id": f"{domain}-{number}",
                        "split": "tune" if digest[0] % 2 == 0 else "test",
                        "text": sentence.text,
                        "spans": spans,
                    }
                )
    if hand:
        raise ValueError(f"hand links whose span is not a gold span of that sentence: {sorted(hand)}")
    counts["linked_sentences"] = len(records)
    return records, counts


def hand_links(concepts: list[EscoConcept]) -> dict[tuple[str, str], list[int]]:
    """(sentence id, span text) -> the concepts linked by hand, found by their preferred labels."""
    rows = {c.label: row for row, c in enumerate(concepts)}
    links: dict[tuple[str, str], list[int]] = {}
    for link in json.loads(HAND_LINKS.read_text(encoding="utf-8"))["links"]:
        missing = [label for label in link["esco"] if label not in rows]
        if missing:
            raise ValueError(f"hand link {link['id']} names no ESCO skill: {missing}")
        links[(link["id"], link["span"])] = [rows[label] for label in link["esco"]]
    return links


def distinct_pairs(records: list[dict[str, object]]) -> list[tuple[str, str, str, str]]:
    """Every distinct (normalised span, skill uri, skill label, via) pair, for reading by hand."""
    pairs = set()
    for record in records:
        text = str(record["text"])
        for span in record["spans"]:  # type: ignore[attr-defined]
            for esco in span["esco"]:
                pairs.add((normalise(text[span["start"] : span["end"]]), esco["uri"], esco["label"], span["via"]))
    return sorted(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--esco", type=Path, default=ESCO_ZIP)
    parser.add_argument("--skillspan", type=Path, default=SKILLSPAN)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pairs", action="store_true", help="print the distinct span -> skill pairs and stop")
    args = parser.parse_args(argv)
    records, counts = build(args.esco, args.skillspan)
    if args.pairs:
        for key, uri, label, via in distinct_pairs(records):
            sys.stdout.write(f"{key}\t{label}\t{via}\t{uri}\n")
        return 0
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    sys.stdout.write(json.dumps(counts) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
