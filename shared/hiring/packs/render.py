"""The tailored resume as PDF (pymupdf's Story: HTML laid out on A4 pages) and DOCX (python-docx): one paragraph
per line under a fixed heading per section, in the lines' order. The files hold the lines' texts and the headings,
nothing else, so their text can be checked against the JSON Resume."""

from __future__ import annotations

import io
from typing import Any

from hiring.packs.tailor import PackLine

HEADINGS = {
    "summary": "Summary", "skills": "Skills", "experience": "Experience", "projects": "Projects",
    "education": "Education", "certifications": "Certifications", "languages": "Languages",
}  # fmt: skip
_EMPHASISED = {"name", "title", "institution"}


def blocks(lines: list[PackLine]) -> list[tuple[str, str]]:
    """(kind, text) in reading order: "heading" for a section's heading, else the line's role."""
    out: list[tuple[str, str]] = []
    section = ""
    for line in lines:
        if line.section != section:
            section = line.section
            if section in HEADINGS:
                out.append(("heading", HEADINGS[section]))
        out.append((line.role, line.text))
    return out


def _wrap(text: str, width: float, font: Any, size: float) -> list[str]:
    """Rows at word boundaries; a word wider than the row itself (unspaced CJK text, a long URL) breaks between
    characters instead of running off the page."""
    rows: list[str] = []
    row = ""
    for word in text.split():
        trial = f"{row} {word}" if row else word
        if row and font.text_length(trial, fontsize=size) > width:
            rows.append(row)
            row = word
        else:
            row = trial
        while font.text_length(row, fontsize=size) > width and len(row) > 1:
            cut = len(row) - 1
            while cut > 1 and font.text_length(row[:cut], fontsize=size) > width:
                cut -= 1
            rows.append(row[:cut])
            row = row[cut:]
    return rows + ([row] if row else [])


def _font_for(text: str, latin: Any, fallback: Any) -> Any:
    """The Latin font (Helvetica's metrics: Latin, Greek, Cyrillic) unless the text has characters only the CJK
    fallback draws. What neither holds (Devanagari, Arabic, Thai, Vietnamese letters with a hook or dot below) keeps
    its text layer, so an ATS reads it, but shows no glyphs: the DOCX is the file to send in those scripts."""
    missing = [ch for ch in text if not ch.isspace() and not latin.has_glyph(ord(ch))]
    return fallback if missing and any(fallback.has_glyph(ord(ch)) for ch in missing) else latin


def render_pdf(lines: list[PackLine]) -> bytes:
    """An A4 PDF of the lines, placed as plain text in Helvetica (text, not images, and no ligatures: an ATS reads
    "Airflow", not "Air\ufb02ow"); long lines wrap at word boundaries, pages follow as needed."""
    import pymupdf

    regular, bold, cjk = pymupdf.Font("helv"), pymupdf.Font("hebo"), pymupdf.Font("cjk")
    doc = pymupdf.open()
    page_rect = pymupdf.paper_rect("a4")
    margin, width = 50.0, page_rect.width - 100.0
    page, writer, y = None, None, 0.0
    for kind, text in blocks(lines):
        size = 12.0 if kind == "heading" else 10.0
        font = _font_for(text, bold if kind == "heading" or kind in _EMPHASISED else regular, cjk)
        gap = 8.0 if kind == "heading" else 0.0
        for row in _wrap(text, width, font, size):
            if page is None or writer is None or y + gap + size * 1.3 > page_rect.height - margin:
                if page is not None and writer is not None:
                    writer.write_text(page)
                page = doc.new_page(width=page_rect.width, height=page_rect.height)
                writer, y = pymupdf.TextWriter(page.rect), margin
            y += gap + size * 1.3
            gap = 0.0
            writer.append((margin, y), row, font=font, fontsize=size)
    if page is not None and writer is not None:
        writer.write_text(page)
    if doc.page_count == 0:
        doc.new_page(width=page_rect.width, height=page_rect.height)
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def render_docx(lines: list[PackLine]) -> bytes:
    """A Word document of the lines: headings as Heading 2, the rest as paragraphs."""
    import docx

    document = docx.Document()
    for kind, text in blocks(lines):
        if kind == "heading":
            document.add_heading(text, level=2)
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = kind in _EMPHASISED
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
