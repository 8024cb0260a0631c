"""Should the span tagger's spans become resume skills? Their precision on the labelled dotin CVs, beside the
taxonomy's own.

For each CV, the taxonomy's mentions and the spans the tagger adds (hiring.skills.tagger.extract_with_tagger) are
judged against the labelled skill spans (Tech Tools, Job Specific Skills, Soft Skills): a prediction is right when
it overlaps one. Groups: the taxonomy's mentions; tagger spans over one dictionary match (widened, same skill);
new tagger spans the taxonomy links; new spans it cannot link. Usage: python bench/skill_tagger_resumes_bench.py
"""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dotin_bench import _ALL_SKILLS, DEFAULT_ZIP, read_cv  # noqa: E402

from hiring.skills.extractor import get_extractor  # noqa: E402
from hiring.skills.tagger import combine, get_tagger  # noqa: E402

GROUPS = ("taxonomy", "tagger widened", "tagger linked", "tagger unlinked")


def main() -> int:
    with zipfile.ZipFile(DEFAULT_ZIP) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".xml"))
        cvs = [read_cv(archive.read(n).decode("utf-8", "replace")) for n in names]
    extractor, tagger = get_extractor(), get_tagger()
    right = dict.fromkeys(GROUPS, 0)
    total = dict.fromkeys(GROUPS, 0)
    tagging = 0.0
    for cv in cvs:
        gold = [(s, e) for kind, s, e in cv.spans if kind in _ALL_SKILLS]
        mentions = extractor.extract(cv.text)
        started = time.perf_counter()
        merged = combine(cv.text, mentions, tagger.tag(cv.text, mentions), extractor.taxonomy)
        tagging += time.perf_counter() - started
        for mention in merged:
            if mention.source != "tagger":
                group = "taxonomy"
            elif any(m.start < mention.end and mention.start < m.end for m in mentions):
                group = "tagger widened"
            else:
                group = "tagger linked" if mention.known else "tagger unlinked"
            total[group] += 1
            right[group] += any(mention.start < e and s < mention.end for s, e in gold)
    out = sys.stdout
    out.write(f"dotin CVs: {len(cvs)}; tagger {tagging / len(cvs) * 1000:.1f} ms a CV on average\n")
    out.write(f"{'group':<18}{'predictions':>12}{'overlap a label':>17}\n")
    for group in GROUPS:
        share = right[group] / total[group] if total[group] else 0.0
        out.write(f"{group:<18}{total[group]:>12}{share:>17.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
