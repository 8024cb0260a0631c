"""The fifth 2026-12-07 held-out group (layouts.BLIND_GROUP_5): tucv.sty from TeX Live (latex-tucv-shaded), the
eloquent, pumpkin and minyma JSON Resume themes, and a Word photo-header layout kept as .docx and saved to PDF by
LibreOffice (docx-photo-header, docx-photo-header-pdf).

These renderings are blind: nobody read their text or ran the parser on them before their figure was measured once.
So this suite checks only that rendering succeeded (every assigned file is there, small, a one- to three-page PDF
or a Word document with a text layer of some length) and what the renderers are fed (the LaTeX source, the themes'
JSON and the Word document before its conversion), never what the pages say.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Any

import docx
import pymupdf
import pytest

from tests.fixtures.corpus import docx_photo_header, render_html, render_tucv
from tests.fixtures.corpus.dates import base_style, expected_range, format_point, format_range
from tests.fixtures.corpus.groundtruth import date_style, load_truths, with_wrapped_open_job
from tests.fixtures.corpus.layouts import BLIND_GROUP_5, LAYOUTS, assignments, group_renderings, rendered_path
from tests.fixtures.corpus.render_latex import tex

TRUTHS = load_truths()
FIFTH = [layout for layout in LAYOUTS if layout.group == BLIND_GROUP_5]
THEMES = ("jsonresume-eloquent", "jsonresume-pumpkin", "jsonresume-minyma")


def test_the_group_has_a_latex_package_three_themes_and_two_word_layouts_of_eight_documents_each() -> None:
    plan = assignments()
    names = {layout.name for layout in FIFTH}
    assert names == set(render_tucv.LAYOUTS) | set(THEMES) | set(docx_photo_header.LAYOUTS)
    assert set(THEMES) <= set(render_html.LAYOUTS)
    assert all(len(plan[layout.name]) == 8 for layout in FIFTH)
    # Each document at most once in the group: 48 slots over 68 documents.
    documents = [doc for layout in FIFTH for doc in plan[layout.name]]
    assert len(documents) == len(set(documents)) == 48


@pytest.mark.parametrize(("layout", "doc_id"), group_renderings(BLIND_GROUP_5))
def test_each_rendering_exists_as_a_short_file_with_a_text_layer(layout: str, doc_id: str) -> None:
    item = next(item for item in FIFTH if item.name == layout)
    path = rendered_path(item, doc_id)
    assert path.is_file() and 0 < path.stat().st_size < 120_000
    if item.suffix == "docx":
        document = docx.Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert sum(len(text) for text in [*(p.text for p in document.paragraphs), *cells]) > 500  # a length
        return
    with pymupdf.open(path) as pdf:
        assert 1 <= pdf.page_count <= 3
        assert sum(len(page.get_text()) for page in pdf) > 500  # a length, not the words


def test_the_group_stays_under_two_and_a_half_megabytes() -> None:
    plan = assignments()
    total = sum(rendered_path(layout, doc).stat().st_size for layout in FIFTH for doc in plan[layout.name])
    assert total < 2_500_000


def test_tucv_gets_each_jobs_dates_as_the_truth_writes_them() -> None:
    resume = TRUTHS["software-oconnor"]
    hints = resume["meta"]["x-render"]
    source = render_tucv.latex_source("latex-tucv-shaded", resume)
    assert "\\usepackage[pagesetup]{tucv}" in source and "\\resheading{" in source
    for job in resume["work"]:
        written = format_range(job.get("startDate"), job.get("endDate"), date_style(job), hints["present"],
                               hints["range_sep"])  # fmt: skip
        assert r"\newline ".join(tex(part) for part in written.split("\n")) in source, written
        assert f"\\resemployer{{{tex(job['name'])}}}" in source and tex(job["position"]) in source


def test_tucv_keeps_a_wrapped_range_on_two_lines() -> None:
    source = render_tucv.latex_source("latex-tucv-shaded", with_wrapped_open_job(TRUTHS["software-oconnor"]))
    assert r"{Sep 2020 –\newline Current}" in source


def test_the_formatting_themes_get_the_expected_months_and_minyma_the_written_dates() -> None:
    doc_id = next(d for d, r in TRUTHS.items() if r.get("work") and r["work"][0].get("endDate"))
    job = TRUTHS[doc_id]["work"][0]
    start, end, _current = expected_range(job["startDate"], job.get("endDate"), date_style(job))
    for layout in ("jsonresume-eloquent", "jsonresume-pumpkin"):
        sent = render_html.theme_input(layout, TRUTHS[doc_id])["work"][0]
        assert (sent["startDate"], sent.get("endDate")) == (f"{start}-01", f"{end}-01" if end else None), layout
    written = format_point(job["startDate"], base_style(date_style(job)))
    assert render_html.theme_input("jsonresume-minyma", TRUTHS[doc_id])["work"][0]["startDate"] == written


def test_pumpkin_gets_a_null_end_for_an_open_job_where_the_others_get_none() -> None:
    """pumpkin's formatDate prints today's month for a missing end and 'Present' only for null."""
    resume = with_wrapped_open_job(TRUTHS["software-oconnor"])
    assert render_html.theme_input("jsonresume-pumpkin", resume)["work"][0]["endDate"] is None
    assert "endDate" not in render_html.theme_input("jsonresume-eloquent", resume)["work"][0]
    assert render_html.theme_input("jsonresume-minyma", resume)["work"][0]["endDate"] == "Current"


def _word_xml(resume: dict[str, Any]) -> str:
    with zipfile.ZipFile(BytesIO(docx_photo_header.render_photo_header(resume))) as archive:
        return archive.read("word/document.xml").decode()


def test_the_word_layout_has_a_photo_header_table_shaded_heading_rows_and_the_written_dates() -> None:
    resume = with_wrapped_open_job(TRUTHS["software-oconnor"])
    xml = _word_xml(resume)
    sections = sum(1 for key in ("work", "education", "skills") if resume.get(key))
    # The header table, then one shaded one-row table per section heading.
    assert xml.count("<w:tbl>") >= 1 + sections and xml.count('w:fill="3B3B3B"') == xml.count("<w:tbl>") - 1
    assert "<w:tcBorders>" in xml  # the photo placeholder's frame
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    assert any(text.endswith("Sep 2020 –") for text in texts) and any(text.endswith("Current") for text in texts)
    job = resume["work"][1]
    hints = resume["meta"]["x-render"]
    written = format_range(job.get("startDate"), job.get("endDate"), date_style(job), "Current", hints["range_sep"])
    joined = " ".join(texts)
    assert all(part in joined for part in written.split("\n")), written
    assert job["position"] in texts and any(job["name"] in text for text in texts)
