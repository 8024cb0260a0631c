"""dotin CV benchmark: the rule-based resume parser against the inline entity labels of ~310 anonymised CVs.

Each XML file is turned into plain text (labels removed, their character spans kept) and parsed with
`parse_resume_text`. Per field:
  name, email       one prediction per CV; correct when it equals one of the CV's gold values (case and spacing
                    ignored). Precision over CVs with a prediction, recall over CVs with a gold value.
  designation       the set of job titles (experience[].title) against the set of Designation labels; exact is
                    equal after normalising, partial is one containing the other.
  skills            skill evidence spans against labelled spans (Tech Tools; and Tech Tools + Job Specific
                    Skills + Soft Skills); exact is the same span, partial is overlapping spans.
No rule was tuned against these CVs beyond reading the README. Usage: python bench/dotin_bench.py [--zip PATH]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hiring.resume.parser import parse_resume_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench.docs_tables` when run as a script

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ZIP = REPO_ROOT.parent / "shared" / "data" / "resumes" / "dotin" / "545_cvs_train_v2.zip"
_LABEL = re.compile(r'<label type="([^"]+)">(.*?)</label>', re.S)
_TECH = {"Tech Tools"}
_ALL_SKILLS = {"Tech Tools", "Job Specific Skills", "Soft Skills"}


@dataclass
class Cv:
    """Plain text of one CV and its labelled spans (type, start, end)."""

    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)

    def values(self, kind: str) -> list[str]:
        return [self.text[s:e] for k, s, e in self.spans if k == kind]


def read_cv(raw: str) -> Cv:
    """Strip the XML: keep the text, remember where each label's text lands."""
    body = raw.split("<cv>", 1)[-1].rsplit("</cv>", 1)[0]
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    length = 0
    cursor = 0
    for match in _LABEL.finditer(body):
        before = html.unescape(re.sub(r"<[^>]+>", "", body[cursor : match.start()]))
        parts.append(before)
        length += len(before)
        inner = html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
        spans.append((match.group(1), length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        cursor = match.end()
    parts.append(html.unescape(re.sub(r"<[^>]+>", "", body[cursor:])))
    return Cv("".join(parts), spans)


def norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" .,;:-|\"'").lower()


@dataclass
class Score:
    tp_p: int = 0  # predictions judged correct
    predicted: int = 0
    tp_r: int = 0  # gold items found
    gold: int = 0

    def add(self, tp_p: int, predicted: int, tp_r: int, gold: int) -> None:
        self.tp_p += tp_p
        self.predicted += predicted
        self.tp_r += tp_r
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_p / self.predicted if self.predicted else 0.0
        r = self.tp_r / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _single(score: Score, predicted: str | None, gold: Iterable[str]) -> None:
    golds = {norm(g) for g in gold if norm(g)}
    hit = predicted is not None and norm(predicted) in golds
    score.add(int(hit), int(predicted is not None), int(hit), int(bool(golds)))


def _sets(exact: Score, partial: Score, predicted: set[str], gold: set[str]) -> None:
    exact.add(len(predicted & gold), len(predicted), len(predicted & gold), len(gold))

    def near(a: str, b: str) -> bool:
        return a in b or b in a

    partial.add(
        sum(1 for p in predicted if any(near(p, g) for g in gold)),
        len(predicted),
        sum(1 for g in gold if any(near(p, g) for p in predicted)),
        len(gold),
    )


def _spans(exact: Score, partial: Score, predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> None:
    exact.add(len(predicted & gold), len(predicted), len(predicted & gold), len(gold))

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    partial.add(
        sum(1 for p in predicted if any(overlaps(p, g) for g in gold)),
        len(predicted),
        sum(1 for g in gold if any(overlaps(p, g) for p in predicted)),
        len(gold),
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    parser.add_argument("--write-docs", action="store_true", help="write the P/R/F1 table into docs/resumes.md")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.zip) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".xml"))
        cvs = [read_cv(archive.read(n).decode("utf-8", "replace")) for n in names]
    scores = {key: Score() for key in ("name", "email", "designation exact", "designation partial",
                                        "skills(tech) exact", "skills(tech) partial", "skills(all) exact",
                                        "skills(all) partial")}  # fmt: skip
    started = time.perf_counter()
    for cv in cvs:
        parsed = parse_resume_text(cv.text)
        _single(scores["name"], parsed.name, cv.values("Name"))
        _single(scores["email"], parsed.email, cv.values("Email Address"))
        titles = {norm(e.title) for e in parsed.experience if e.title}
        _sets(scores["designation exact"], scores["designation partial"], titles,
              {norm(v) for v in cv.values("Designation") if norm(v)})  # fmt: skip
        predicted = {(ev.start, ev.end) for skill in parsed.skills for ev in skill.evidence}
        tech = {(s, e) for k, s, e in cv.spans if k in _TECH}
        every = {(s, e) for k, s, e in cv.spans if k in _ALL_SKILLS}
        _spans(scores["skills(tech) exact"], scores["skills(tech) partial"], predicted, tech)
        _spans(scores["skills(all) exact"], scores["skills(all) partial"], predicted, every)
    elapsed = time.perf_counter() - started
    out = sys.stdout
    out.write(f"dotin CVs: {len(cvs)} from {args.zip.name}; parsed in {elapsed:.1f} s\n")
    out.write(f"{'field':<24}{'precision':>10}{'recall':>9}{'F1':>8}{'pred':>8}{'gold':>8}\n")
    for key, score in scores.items():
        p, r, f = score.prf()
        out.write(f"{key:<24}{p:>10.3f}{r:>9.3f}{f:>8.3f}{score.predicted:>8}{score.gold:>8}\n")
    if args.write_docs:
        from bench.docs_tables import write_block

        out.write(f"wrote {write_block('resumes.md', 'dotin', docs_table(scores))}\n")
    return 0


_DOC_ROWS = (
    ("name", None), ("email", None), ("designation (exact / partial)", "designation"),
    ("skills, tech (exact / partial)", "skills(tech)"), ("skills, all (exact / partial)", "skills(all)"),
)  # fmt: skip


def docs_table(scores: dict[str, Score]) -> str:
    """The precision / recall / F1 table of docs/resumes.md, as this run measured it."""
    from bench.docs_tables import markdown_table

    rows = []
    for label, paired in _DOC_ROWS:
        if paired is None:
            rows.append([label] + [f"{v:.3f}" for v in scores[label].prf()])
        else:
            exact, partial = scores[f"{paired} exact"].prf(), scores[f"{paired} partial"].prf()
            rows.append([label] + [f"{e:.3f} / {p:.3f}" for e, p in zip(exact, partial, strict=True)])
    return markdown_table(["field", "precision", "recall", "F1"], rows)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
