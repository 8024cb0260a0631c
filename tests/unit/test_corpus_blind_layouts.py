"""The 2026-12-07 held-out layouts (layouts.BLIND_GROUP) write what the truth says, and their committed PDFs show it.

Europass (LaTeX), the kendall and onepage JSON Resume themes and a Word document built on Word's heading styles:
their sources are checked as text where there is one, and every committed PDF is read with PyMuPDF's text layer
(never with the parser, whose accuracy on these layouts is measured blind).
"""

from __future__ import annotations

import copy
import re
import zipfile
from io import BytesIO
from typing import Any

import pymupdf
import pytest

from tests.fixtures.corpus import docx_layouts, render_europass, render_html
from tests.fixtures.corpus.dates import FULL_MONTHS, expected_range, format_point, format_range
from tests.fixtures.corpus.groundtruth import date_style, load_truths
from tests.fixtures.corpus.layouts import BLIND_GROUP, LAYOUTS, group_renderings, rendered_path

TRUTHS = load_truths()
BLIND = [layout for layout in LAYOUTS if layout.group == BLIND_GROUP]
# TeX sets ' as a right quote; Chromium and LibreOffice keep the typed characters.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


def _with_hints(doc_id: str, **hints: Any) -> dict[str, Any]:
    resume = copy.deepcopy(TRUTHS[doc_id])
    resume["meta"]["x-render"].update(hints)
    return resume


def _squashed(text: str) -> str:
    """Text without whitespace, case-folded (kendall prints the name in capitals), quotes and hyphens as typed."""
    return re.sub(r"\s+", "", text).casefold().translate(_TYPOGRAPHIC)


def _written_dates(layout: str, job: dict[str, Any], hints: dict[str, Any]) -> list[str]:
    """The pieces of a job's range as the layout prints them, each on one line of the page.

    kendall formats the expected months itself ('June 2020', 'Present'); onepage prints the truth's written points
    around its own dash; Europass and the Word layout write format_range's text, a wrapped range on two lines.
    """
    style = date_style(job)
    if layout == "jsonresume-kendall":
        start, end, _current = expected_range(job["startDate"], job.get("endDate"), style)
        return [f"{FULL_MONTHS[int(month[5:]) - 1]} {month[:4]}" if month else "Present" for month in (start, end)]
    if layout == "jsonresume-onepage":
        end = job.get("endDate")
        return [format_point(job["startDate"], style), format_point(end, style) if end else hints["present"]]
    written = format_range(job["startDate"], job.get("endDate"), style, hints["present"], hints["range_sep"])
    return written.split("\n")


# --- sources ---------------------------------------------------------------------------------------------


def test_europass_writes_the_hinted_name_phone_label_extra_line_and_footer() -> None:
    resume = _with_hints(
        "nursing-johnson", name_prefix="Dr.", phone_label="Tel.:", header_extra="Open to relocation", footer="x/y"
    )
    source = render_europass.latex_source("latex-europass", resume)
    assert r"\ecvname{Dr. Alicia M. Johnson, RN, BSN}" in source
    assert r"\ecvmobile{Tel.: (214) 555-0198}" in source
    assert r"\ecvaddress{Open to relocation}" in source
    assert r"\ecvpage{\thepage/\pageref*{LastPage}}" in source
    # No footer hint: the class's own page number goes too.
    assert r"\ecvpage{}" in render_europass.latex_source("latex-europass", _with_hints("nursing-johnson", footer=None))


def test_europass_puts_dates_in_the_label_column_with_a_real_break_for_a_wrapped_range() -> None:
    resume = _with_hints("software-oconnor", present="Current")
    job = resume["work"][0]
    job["x-dateStyle"], job["startDate"] = "month-wrapped", "2020-09"
    job.pop("endDate", None)
    source = render_europass.latex_source("latex-europass", resume)
    assert r"\ecvtitle{Sep 2020 –\newline Current}{" + job["position"] + "}" in source
    assert r"\ecvsection{Work experience}" in source and r"\ecvsection{Education and training}" in source


def test_onepage_gets_written_dates_and_a_one_point_range_twice_since_it_prints_present_for_no_end() -> None:
    resume = _with_hints("software-oconnor", present="Now")
    first, second = resume["work"][0], resume["work"][1]
    first.update({"x-dateStyle": "season", "startDate": "2020-06", "endDate": "2020-08"})
    second.update({"x-dateStyle": "numeric", "startDate": "2018-06"})
    second.pop("endDate", None)
    sent = render_html.theme_input("jsonresume-onepage", resume)["work"]
    assert (sent[0]["startDate"], sent[0]["endDate"]) == ("Summer 2020", "Summer 2020")
    assert (sent[1]["startDate"], sent[1]["endDate"]) == ("06/2018", "Now")
    # flat shows an empty end as nothing, so it keeps the empty end.
    assert render_html.theme_input("jsonresume-flat", resume)["work"][0]["endDate"] == ""


def test_kendall_gets_the_months_the_truth_expects() -> None:
    resume = TRUTHS["data-chen-student"]  # season-styled jobs
    sent = render_html.theme_input("jsonresume-kendall", resume)["work"]
    for job, prepared in zip(resume["work"], sent, strict=True):
        start, _end, _current = expected_range(job["startDate"], job.get("endDate"), date_style(job))
        assert prepared["startDate"] == f"{start}-01"


def _docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph, tabs kept."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    out = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', paragraph)
        text = "".join(
            "\t" if piece == "<w:tab/>" else piece for piece in re.findall(r"<w:tab/>|(?<=>)[^<]+(?=</w:t>)", paragraph)
        )
        out.append((style.group(1) if style else "Normal", text))
    return out


def test_word_headings_layout_uses_heading_styles_and_tab_aligned_dates() -> None:
    resume = _with_hints("software-oconnor", present="Current", range_sep="–")
    job = resume["work"][0]
    job["x-dateStyle"], job["startDate"] = "month-wrapped", "2020-09"
    job.pop("endDate", None)
    paragraphs = _docx_paragraphs(docx_layouts.render_headings(resume))
    styles = {style for style, _text in paragraphs}
    assert {"Title", "Heading1", "Heading2"} <= styles
    place = f", {job['location']}" if job.get("location") else ""
    index = paragraphs.index(("Heading2", f"{job['name']}{place}\tSep 2020 –"))
    # The wrapped range's second line sits at the right of the title line below.
    assert paragraphs[index + 1] == ("Normal", f"{job['position']}\tCurrent")
    with zipfile.ZipFile(BytesIO(docx_layouts.render_headings(resume))) as archive:
        columns = re.findall(r'<w:cols [^>]*w:num="(\d)"', archive.read("word/document.xml").decode())
    assert columns == ["2", "1"]  # the closing two-column section, then the one-column end that balances it


# --- the committed renderings ----------------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "doc_id"), group_renderings(BLIND_GROUP))
def test_each_blind_rendering_shows_the_truth_contact_jobs_and_dates(layout: str, doc_id: str) -> None:
    path = rendered_path(next(item for item in BLIND if item.name == layout), doc_id)
    assert path.stat().st_size < 90_000
    with pymupdf.open(path) as pdf:
        text = _squashed(" ".join(page.get_text() for page in pdf))
    resume = TRUTHS[doc_id]
    hints = resume["meta"]["x-render"]
    for value in (resume["basics"]["name"], resume["basics"]["email"], resume["basics"]["phone"]):
        assert _squashed(value) in text, value
    for job in resume.get("work", []):
        assert _squashed(job["name"]) in text, job["name"]
        assert _squashed(job["position"]) in text, job["position"]
        for piece in _written_dates(layout, job, hints):
            assert _squashed(piece) in text, (job["name"], piece)
