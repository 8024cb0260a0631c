"""The fourth 2026-12-07 held-out group (layouts.BLIND_GROUP_4): the europecv, curve, simplecv and currvita LaTeX CV
classes from TeX Live, the straightforward, rnord and simple-red JSON Resume themes, and a Word sidebar-table
layout saved to PDF by LibreOffice (docx-sidebar-pdf).

These renderings are blind: nobody read their text or ran the parser on them before their figure was measured once.
So this suite checks only that rendering succeeded (every assigned file is there, a small one- to three-page PDF with
a text layer of some length) and what the renderers are fed (the LaTeX sources, the themes' JSON and the Word
document before its conversion), never what the pages say.
"""

from __future__ import annotations

import copy
import re
import zipfile
from io import BytesIO
from typing import Any

import pymupdf
import pytest

from tests.fixtures.corpus import docx_sidebar, render_cvclasses, render_html
from tests.fixtures.corpus.dates import expected_range, format_range
from tests.fixtures.corpus.groundtruth import date_style, load_truths, with_wrapped_open_job
from tests.fixtures.corpus.layouts import BLIND_GROUP_4, LAYOUTS, assignments, group_renderings, rendered_path
from tests.fixtures.corpus.render_latex import tex

TRUTHS = load_truths()
FOURTH = [layout for layout in LAYOUTS if layout.group == BLIND_GROUP_4]
THEMES = ("jsonresume-straightforward", "jsonresume-rnord", "jsonresume-simple-red")


def test_the_group_has_four_latex_classes_three_themes_and_a_word_layout_of_eight_documents_each() -> None:
    plan = assignments()
    names = {layout.name for layout in FOURTH}
    assert names == set(render_cvclasses.LAYOUTS) | set(THEMES) | set(docx_sidebar.LAYOUTS)
    assert set(THEMES) <= set(render_html.LAYOUTS)
    assert all(len(plan[layout.name]) == 8 for layout in FOURTH)
    # Each document at most once in the group: 64 slots over 68 documents.
    documents = [doc for layout in FOURTH for doc in plan[layout.name]]
    assert len(documents) == len(set(documents)) == 64


@pytest.mark.parametrize(("layout", "doc_id"), group_renderings(BLIND_GROUP_4))
def test_each_rendering_exists_as_a_short_pdf_with_a_text_layer(layout: str, doc_id: str) -> None:
    path = rendered_path(next(item for item in FOURTH if item.name == layout), doc_id)
    assert path.is_file() and 0 < path.stat().st_size < 120_000
    with pymupdf.open(path) as pdf:
        assert 1 <= pdf.page_count <= 3
        assert sum(len(page.get_text()) for page in pdf) > 500  # a length, not the words


def test_the_group_stays_under_three_megabytes() -> None:
    plan = assignments()
    total = sum(rendered_path(layout, doc).stat().st_size for layout in FOURTH for doc in plan[layout.name])
    assert total < 3_000_000


@pytest.mark.parametrize("layout", render_cvclasses.LAYOUTS)
def test_every_latex_class_gets_each_jobs_dates_as_the_truth_writes_them(layout: str) -> None:
    resume = TRUTHS["software-oconnor"]
    hints = resume["meta"]["x-render"]
    source = render_cvclasses.latex_source(layout, resume)
    source += "".join(render_cvclasses.curve_files(render_cvclasses.tex_resume(resume)).values())
    for job in resume["work"]:
        written = format_range(job.get("startDate"), job.get("endDate"), date_style(job), hints["present"],
                               hints["range_sep"])  # fmt: skip
        for part in written.split("\n"):
            assert tex(part) in source, (layout, part)
        assert tex(job["name"]) in source and tex(job["position"]) in source, layout


def test_a_wrapped_range_stays_two_lines_in_every_latex_class() -> None:
    resume = with_wrapped_open_job(TRUTHS["software-oconnor"])
    for layout in render_cvclasses.LAYOUTS:
        source = render_cvclasses.latex_source(layout, resume)
        source += "".join(render_cvclasses.curve_files(render_cvclasses.tex_resume(resume)).values())
        if layout == "latex-europecv":  # the dates are a paragraph cell of the table: a real line break
            assert r"\ecvitem{Dates}{Sep 2020 –\newline Current}" in source
        else:  # a list label or table key: a two-line cell
            assert r"\twolines{Sep 2020 –}{Current}" in source, layout
            assert r"\DeclareRobustCommand{\twolines}" in source, layout


def test_curve_reads_one_rubric_file_per_section() -> None:
    resume = render_cvclasses.tex_resume(TRUTHS["software-oconnor"])
    files = render_cvclasses.curve_files(resume)
    source = render_cvclasses.curve(resume)
    assert "work.tex" in files and "education.tex" in files
    for name in files:
        assert f"\\makerubric{{{name.removesuffix('.tex')}}}" in source
        assert files[name].startswith("\\begin{rubric}") and files[name].endswith("\\end{rubric}\n")


def test_a_footer_hint_is_printed_and_none_leaves_the_page_edges_empty() -> None:
    resume = copy.deepcopy(TRUTHS["nursing-johnson"])
    resume["meta"]["x-render"].update(footer="page_x_of_y", page_header="{name} | CV")
    for layout in ("latex-curve", "latex-simplecv", "latex-currvita"):
        source = render_cvclasses.latex_source(layout, resume)
        assert r"\fancyfoot[C]{\small Page \thepage{} of \pageref*{LastPage}}" in source, layout
        assert r"\fancyhead[C]{\small Alicia M. Johnson | CV}" in source, layout
    resume["meta"]["x-render"].update(footer=None, page_header=None)
    for layout in ("latex-curve", "latex-simplecv", "latex-currvita"):
        source = render_cvclasses.latex_source(layout, resume)
        assert r"\fancyhf{}" in source and r"\thepage" not in source and r"\fancyhead[C]" not in source, layout


def test_the_new_themes_get_the_months_the_truth_expects() -> None:
    doc_id = next(d for d, r in TRUTHS.items() if r.get("work") and r["work"][0].get("endDate"))
    job = TRUTHS[doc_id]["work"][0]
    start, end, _current = expected_range(job["startDate"], job.get("endDate"), date_style(job))
    for layout in THEMES:
        sent = render_html.theme_input(layout, TRUTHS[doc_id])["work"][0]
        assert (sent["startDate"], sent.get("endDate")) == (f"{start}-01", f"{end}-01" if end else None), layout


def test_rnords_bootstrap_is_served_from_the_npm_copy_of_its_version() -> None:
    tag = '<link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/3.3.7/css/bootstrap.min.css">'
    if not (render_html.THEMES_DIR / "node_modules" / "bootstrap-3.3.7").is_dir():
        pytest.skip("the themes are not installed (npm ci in tests/fixtures/corpus/themes)")
    offline = render_html.offline_html(f"<head>{tag}</head>")
    assert "<link" not in offline and "Bootstrap v3.3.7" in offline and ".col-sm-9" in offline


def _word_xml(resume: dict[str, Any]) -> str:
    with zipfile.ZipFile(BytesIO(docx_sidebar.render_sidebar(resume))) as archive:
        return archive.read("word/document.xml").decode()


def test_the_word_sidebar_is_one_shaded_table_with_small_caps_headings_and_the_written_dates() -> None:
    resume = with_wrapped_open_job(TRUTHS["software-oconnor"])
    xml = _word_xml(resume)
    assert xml.count("<w:tbl>") == 1 and 'w:fill="DDE4EC"' in xml and "<w:smallCaps/>" in xml
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    # A wrapped range is two lines (two paragraphs), each as format_range writes it.
    assert "Sep 2020 –" in texts and "Current" in texts
    job = resume["work"][1]
    hints = resume["meta"]["x-render"]
    written = format_range(job.get("startDate"), job.get("endDate"), date_style(job), "Current", hints["range_sep"])
    assert all(part in texts for part in written.split("\n")), written
    assert job["position"] in texts and any(job["name"] in text for text in texts)
