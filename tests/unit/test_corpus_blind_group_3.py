"""The third 2026-12-07 held-out group (layouts.BLIND_GROUP_3): the short, actual, autumn, slick and tachyons-clean
JSON Resume themes.

These renderings are blind: nobody read their text or ran the parser on them before their figure was measured once.
So this suite checks only that rendering succeeded (every assigned file is there, a one- to three-page PDF with a
text layer of some length) and what the renderer feeds the themes, never what the pages say.
"""

from __future__ import annotations

import pymupdf
import pytest

from tests.fixtures.corpus import render_html
from tests.fixtures.corpus.dates import base_style, expected_range, format_point
from tests.fixtures.corpus.groundtruth import date_style, load_truths
from tests.fixtures.corpus.layouts import BLIND_GROUP_3, LAYOUTS, assignments, group_renderings, rendered_path

TRUTHS = load_truths()
THIRD = [layout for layout in LAYOUTS if layout.group == BLIND_GROUP_3]


def test_the_group_has_five_theme_layouts_of_eight_documents() -> None:
    plan = assignments()
    assert len(THIRD) == 5 and all(layout.name in render_html.LAYOUTS for layout in THIRD)
    assert all(len(plan[layout.name]) == 8 for layout in THIRD)


@pytest.mark.parametrize(("layout", "doc_id"), group_renderings(BLIND_GROUP_3))
def test_each_rendering_exists_as_a_short_pdf_with_a_text_layer(layout: str, doc_id: str) -> None:
    path = rendered_path(next(item for item in THIRD if item.name == layout), doc_id)
    assert path.is_file() and 0 < path.stat().st_size < 120_000
    with pymupdf.open(path) as pdf:
        assert 1 <= pdf.page_count <= 3
        assert sum(len(page.get_text()) for page in pdf) > 500  # a length, not the words


def test_themes_that_print_raw_dates_get_written_dates_and_the_others_the_expected_months() -> None:
    doc_id = next(d for d, r in TRUTHS.items() if r.get("work") and r["work"][0].get("endDate"))
    job = TRUTHS[doc_id]["work"][0]
    style = date_style(job)
    written = format_point(job["startDate"], base_style(style))
    start, _end, _current = expected_range(job["startDate"], job.get("endDate"), style)
    for layout in ("jsonresume-slick", "jsonresume-tachyons-clean"):
        assert render_html.theme_input(layout, TRUTHS[doc_id])["work"][0]["startDate"] == written, layout
    for layout in ("jsonresume-short", "jsonresume-actual", "jsonresume-autumn"):
        assert render_html.theme_input(layout, TRUTHS[doc_id])["work"][0]["startDate"] == f"{start}-01", layout
