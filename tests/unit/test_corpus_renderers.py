"""The LaTeX and JSON Resume theme renderers of the corpus write what the truth says, and their committed PDFs show it.

The sources are checked as text (CI has no TeX or browser); the committed PDFs are read with PyMuPDF's text
layer, never with the parser.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.fixtures.corpus import render_html, render_latex
from tests.fixtures.corpus.dates import expected_range
from tests.fixtures.corpus.groundtruth import date_style, load_truths
from tests.fixtures.corpus.layouts import (
    BLIND_GROUP_2,
    BLIND_GROUP_3,
    BLIND_GROUP_4,
    BLIND_GROUP_5,
    assignments,
    layout_named,
    rendered_path,
)
from tests.fixtures.corpus.render_tools import write_compact_pdf

TRUTHS = load_truths()
MY_LAYOUTS = render_latex.LAYOUTS + render_html.LAYOUTS


def _with_hints(doc_id: str, **hints: Any) -> dict[str, Any]:
    resume = copy.deepcopy(TRUTHS[doc_id])
    resume["meta"]["x-render"].update(hints)
    return resume


# TeX sets ' as a right quote, and Source Sans (Awesome-CV) maps its hyphen glyph to U+2011 in the text layer.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


def _squashed(text: str) -> str:
    """Text without whitespace, case-folded, typographic quotes and hyphens as typed: line breaks, small caps
    and the templates' glyph choices do not hide a string."""
    return re.sub(r"\s+", "", text).casefold().translate(_TYPOGRAPHIC)


# --- LaTeX sources ---------------------------------------------------------------------------------------


def test_every_latex_special_character_is_escaped() -> None:
    escaped = render_latex.tex("R&D 100% $5 #1 a_b {x} ~ ^ \\")
    assert escaped == (r"R\&D 100\% \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}")


def test_accented_names_reach_the_source_as_utf8() -> None:
    source = render_latex.latex_source("latex-jake", TRUTHS["software-vargas"])
    assert "Mateo Vargas-Ríos" in source


def test_a_wrapped_range_is_a_real_line_break_in_every_latex_layout() -> None:
    resume = _with_hints("software-oconnor", present="Current")
    job = resume["work"][0]
    job["x-dateStyle"], job["startDate"] = "month-wrapped", "2020-09"
    job.pop("endDate", None)
    # moderncv's left column and Awesome-CV's date column are paragraphs; the other templates use table cells.
    assert r"\cventry{Sep 2020 –\newline Current}" in render_latex.latex_source("moderncv-classic", resume)
    assert r"{Sep 2020 –\newline Current}" in render_latex.latex_source("latex-awesome-cv", resume)
    stacked = r"\begin{tabular}[t]{@{}r@{}}Sep 2020 –\\Current\end{tabular}"
    for layout in ("latex-jake", "latex-sb2nov", "moderncv-banking"):
        assert stacked in render_latex.latex_source(layout, resume), layout


def test_latex_layouts_write_the_hinted_name_phone_label_extra_line_and_footer() -> None:
    resume = _with_hints(
        "nursing-johnson", name_prefix="Dr.", phone_label="Tel.:", header_extra="Open to relocation", footer="x/y"
    )
    for layout in render_latex.LAYOUTS:
        source = render_latex.latex_source(layout, resume)
        assert "Dr. Alicia M." in source and "Johnson, RN, BSN" in source, layout
        assert "Tel.: (214) 555-0198" in source, layout
        assert "Open to relocation" in source, layout
        if layout.startswith("moderncv"):
            assert r"\nopagenumbers" not in source, layout  # moderncv prints 'x/y' itself
        else:
            assert r"\thepage/\pageref*{LastPage}" in source, layout


def test_a_document_without_a_footer_hint_gets_no_page_footer() -> None:
    resume = _with_hints("nursing-johnson", footer=None)
    for layout in render_latex.LAYOUTS:
        source = render_latex.latex_source(layout, resume)
        assert r"\thepage" not in source.split(r"\begin{document}")[1], layout
        assert "LastPage" not in source, layout
        assert (r"\nopagenumbers" in source) == layout.startswith("moderncv"), layout


def test_an_unknown_footer_kind_is_refused_rather_than_dropped() -> None:
    with pytest.raises(ValueError, match="footer kind"):
        render_latex.latex_source("latex-jake", _with_hints("nursing-johnson", footer="roman"))


def test_education_is_written_with_its_city_and_leads_when_the_hint_says_so() -> None:
    first = render_latex.latex_source("latex-jake", _with_hints("data-chen-student", education_first=True))
    assert "McMaster University}{Hamilton, ON, Canada}" in first
    assert first.index("McMaster University}{Hamilton") < first.index("Scotiabank")
    last = render_latex.latex_source("latex-jake", _with_hints("data-chen-student", education_first=False))
    assert last.index("McMaster University}{Hamilton") > last.index("Scotiabank")


def test_a_running_header_hint_is_printed_by_every_latex_layout() -> None:
    resume = _with_hints("nursing-johnson", page_header="{name} | CV")
    for layout in render_latex.LAYOUTS:
        assert r"\fancyhead[C]{\small Alicia M. Johnson | CV}" in render_latex.latex_source(layout, resume), layout


# --- JSON Resume themes -----------------------------------------------------------------------------------


def test_themes_get_the_months_the_truth_expects_so_their_own_date_format_reads_back_exactly() -> None:
    resume = TRUTHS["data-chen-student"]  # season-styled jobs: Summer 2024, Fall 2023 - Spring 2024
    prepared = render_html.theme_input("jsonresume-even", resume)
    for job, sent in zip(resume["work"], prepared["work"], strict=True):
        start, end, _current = expected_range(job.get("startDate"), job.get("endDate"), date_style(job))
        assert sent["startDate"] == f"{start}-01"
        assert sent.get("endDate") == (f"{end}-01" if end else None)


def test_the_flat_theme_prints_raw_strings_so_it_gets_the_dates_as_the_truth_writes_them() -> None:
    resume = _with_hints("software-oconnor", present="Current")
    resume["work"][0].update({"x-dateStyle": "month-wrapped", "startDate": "2020-09"})
    resume["work"][0].pop("endDate", None)
    sent = render_html.theme_input("jsonresume-flat", resume)["work"][0]
    assert (sent["startDate"], sent["endDate"]) == ("Sep 2020", "Current")
    assert sent["company"] == resume["work"][0]["name"]  # the 0.x schema name flat and macchiato print


def test_themes_show_the_hinted_name_and_extra_line() -> None:
    resume = _with_hints("nursing-johnson", name_prefix="Dr.", header_extra="Dallas, TX")
    basics = render_html.theme_input("jsonresume-stackoverflow", resume)["basics"]
    assert basics["name"] == "Dr. Alicia M. Johnson, RN, BSN"
    assert basics["label"].endswith("Dallas, TX")


def test_theme_html_keeps_nothing_that_would_load_from_the_network() -> None:
    html = (
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Lato">'
        '<script src="https://ajax.googleapis.com/ajax/libs/jquery/1.11.0/jquery.min.js"></script>'
        "<style>@import url(https://cdn.example.com/x.css); @font-face { src: url(https://fonts.gstatic.com/a.ttf) }"
        '</style></head><body><img src="https://s.gravatar.com/avatar/1"><p>Jane Doe</p></body></html>'
    )
    offline = render_html.offline_html(html)
    assert "http" not in offline
    assert "<p>Jane Doe</p>" in offline


def test_footer_and_running_header_hints_become_printed_page_margins_in_themes() -> None:
    resume = _with_hints("data-mueller", footer="name_page", page_header="{name} | CV")
    css = render_html.page_margin_css(resume)
    assert '@bottom-center { content: "Jonas Müller" " – Page " counter(page);' in css
    assert '@top-center { content: "Jonas Müller | CV";' in css
    assert render_html.page_margin_css(_with_hints("data-mueller", footer=None, page_header=None)) == ""


def test_a_rerun_writes_the_same_bytes_without_the_producers_timestamp(tmp_path: Path) -> None:
    def produced(stamp: str) -> Path:
        """A one-page PDF as a producer writes it, stamped with the time of its run."""
        source = tmp_path / f"{stamp}.pdf"
        with pymupdf.open() as doc:
            doc.new_page().insert_text((72, 72), "Jonas Müller, Data Engineer, Celonis")
            doc.set_metadata({"producer": "Skia/PDF m156", "creationDate": stamp, "modDate": stamp})
            doc.save(source)
        return source

    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    write_compact_pdf(produced("D:20261206223345+00'00'"), first)
    write_compact_pdf(produced("D:20261207001500+00'00'"), second)
    assert first.read_bytes() == second.read_bytes()
    with pymupdf.open(first) as pdf:
        assert pdf.metadata["creationDate"] == "" and pdf.metadata["producer"] == "Skia/PDF m156"
        assert "Jonas Müller" in pdf[0].get_text()


# --- the committed renderings -----------------------------------------------------------------------------


def _renderings() -> list[tuple[str, str]]:
    """Committed renderings whose text may be read: the third to fifth blind groups' are checked only for having
    rendered (tests/unit/test_corpus_blind_group_3.py, _4.py, _5.py) until their blind figure is measured. The second
    group's are opened but not held to this check: TeX hyphenates moderncv's contact line and icon glyphs precede
    it, which the parser must read (tests/unit/test_resume_second_group.py), not the renderer avoid."""
    plan = assignments()
    blind_groups = (BLIND_GROUP_2, BLIND_GROUP_3, BLIND_GROUP_4, BLIND_GROUP_5)
    blind = {layout for layout in MY_LAYOUTS if layout_named(layout).group in blind_groups}
    return [(layout, doc) for layout in MY_LAYOUTS if layout not in blind for doc in plan[layout]]


@pytest.mark.parametrize(("layout", "doc_id"), _renderings())
def test_each_committed_rendering_is_a_small_pdf_showing_the_truth_contact_and_employers(
    layout: str, doc_id: str
) -> None:
    path = rendered_path(layout_named(layout), doc_id)
    assert path.stat().st_size < 90_000
    with pymupdf.open(path) as pdf:
        text = _squashed(" ".join(page.get_text() for page in pdf))
    resume = TRUTHS[doc_id]
    assert _squashed(resume["basics"]["email"]) in text
    assert _squashed(resume["basics"]["name"]) in text
    for job in resume.get("work", []):
        assert _squashed(job["name"]) in text, job["name"]


@pytest.mark.parametrize(
    "layout", ["latex-jake", "latex-sb2nov", "moderncv-classic", "moderncv-banking", "moderncv-casual"]
)
def test_pdflatex_lineage_layouts_read_ligatures_as_their_letters(layout: str) -> None:
    """These templates are built with pdflatex and glyphtounicode, whose text layer says 'ff', not U+FB00."""
    ligatures = re.compile("[\ufb00-\ufb06]")
    found = []
    for doc_id in assignments()[layout]:
        with pymupdf.open(rendered_path(layout_named(layout), doc_id)) as pdf:
            text = " ".join(page.get_text() for page in pdf)
        found += [(doc_id, word) for word in text.split() if ligatures.search(word)]
    assert found == []
