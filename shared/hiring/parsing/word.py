"""Word (.docx) text in document order (python-docx): header, paragraphs, tables and text boxes; list paragraphs
as bullets, table rows with their date and label cells joined to the entry beside them."""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from typing import Any

from hiring.parsing.cleanup import BULLET_RE, clean_line, clean_text
from hiring.parsing.model import DOCX, DocumentRejected, ExtractedDocument, RejectionCode

_MAX_DOCX_XML_BYTES = 60 * 1024 * 1024  # an uncompressed document.xml beyond this is a zip bomb, not a resume
_WORDS_PER_DOCX_PAGE = 500  # only used when the DOCX does not record its page count


def extract_docx(data: bytes, filename: str, max_pages: int) -> ExtractedDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is named .docx but is not a readable Word document ({exc})"
        ) from exc
    if "word/document.xml" not in names:
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is a zip archive but not a Word document (no word/document.xml)"
        )
    if archive.getinfo("word/document.xml").file_size > _MAX_DOCX_XML_BYTES:
        raise DocumentRejected(RejectionCode.TOO_LARGE, "the Word document expands to more than 60 MB of XML")
    pages = _docx_recorded_pages(archive)
    if pages is not None and pages > max_pages:
        raise DocumentRejected(
            RejectionCode.TOO_MANY_PAGES, f"the document has {pages} pages; the limit is {max_pages}"
        )
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except Exception as exc:  # python-docx raises several types for broken packages
        raise DocumentRejected(RejectionCode.CORRUPT, f"the Word document could not be read: {exc}") from exc
    text = clean_text("\n".join(lines))
    if not text:
        raise DocumentRejected(
            RejectionCode.NO_TEXT,
            "the Word document holds no text (only images?); a person needs to review it",
            needs_review=True,
        )
    # Generators often leave a stale page count, so the length of the text bounds it too.
    estimated = max(1, len(text.split()) // _WORDS_PER_DOCX_PAGE + 1)
    if estimated > max_pages:
        raise DocumentRejected(
            RejectionCode.TOO_MANY_PAGES, f"the document runs to about {estimated} pages; the limit is {max_pages}"
        )
    pages = max(pages or 1, estimated)
    return ExtractedDocument(
        text=text, page_count=pages, content_type=DOCX, regions=(0,), prominent=_docx_prominent(document)
    )


def _docx_prominent(document: Any) -> tuple[str, ...]:
    """Paragraphs styled as a title, or set at least 1.35 times the body's explicit run size, largest first."""
    from docx.oxml.ns import qn

    sized: list[tuple[float, str]] = []
    sizes: list[float] = []
    paragraphs = [p for section in document.sections for p in section.header.paragraphs] + list(document.paragraphs)
    for paragraph in paragraphs[:60]:
        text = clean_line(_docx_runs_text(paragraph._p, qn))
        runs = [float(sz.get(qn("w:val"))) for sz in paragraph._p.iter(qn("w:sz")) if sz.get(qn("w:val"), "").isdigit()]
        size = max(runs, default=0.0)
        sizes += runs
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if text and ("title" in style.lower() and "sub" not in style.lower()):
            size = max(size, 1e6)  # a paragraph styled as the document's title
        if text:
            sized.append((size, text))
    body = statistics.median(sizes) if sizes else 0.0
    large = sorted((item for item in sized if item[0] >= 1.35 * body and item[0] > 0), key=lambda i: -i[0])
    return tuple(text for _, text in large[:5])


def _docx_recorded_pages(archive: zipfile.ZipFile) -> int | None:
    try:
        app = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return None
    match = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return int(match.group(1)) if match else None


def _docx_lines(document: Any) -> list[str]:
    """Header, body (paragraphs, tables, text boxes) in document order."""
    from docx.oxml.ns import qn

    lines: list[str] = []
    seen_headers: set[str] = set()
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            text = _docx_runs_text(paragraph._p, qn)
            if text.strip() and text not in seen_headers:
                seen_headers.add(text)
                lines.append(text)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.extend(_docx_paragraph(child, qn))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells: list[list[str]] = []
                for cell in row.iter(qn("w:tc")):
                    paragraphs = [t for p in cell.iter(qn("w:p")) for t in _docx_paragraph(p, qn) if t.strip()]
                    if paragraphs and paragraphs not in cells:
                        cells.append(paragraphs)
                lines.extend(_docx_row_lines(cells))
            lines.append("")
    return lines


def _joined_ranges(pieces: list[str]) -> list[str]:
    """Consecutive pieces that are one date range broken in two ("02/2023 –", "Present") become one piece."""
    from hiring.resume.dates import continues_range  # the resume package imports this module

    out: list[str] = []
    for piece in pieces:
        if out and continues_range(out[-1], piece):
            out[-1] = f"{out[-1].rstrip()} {piece.strip()}"
        else:
            out.append(piece)
    return out


def _docx_row_lines(cells: list[list[str]]) -> list[str]:
    """A table row as lines. Short cells (dates, places, labels) join the first line of the one long cell beside
    them, so a date column dates its entry; a row of short cells is one line; long cells side by side (a sidebar
    and a main column) are read one after the other."""

    def short(cell: list[str]) -> bool:
        return len(cell) <= 3 and all(len(p.split()) <= 8 for p in cell)

    long_cells = [cell for cell in cells if not short(cell)]
    if not long_cells:
        return [" | ".join(_joined_ranges([p for cell in cells for p in cell]))] if cells else []
    if len(long_cells) == 1:
        body = long_cells[0]
        labels = _joined_ranges([p for cell in cells if cell is not body for p in cell])
        return [" | ".join([*labels, body[0]]), *body[1:]]
    out: list[str] = []
    for cell in cells:
        out += [*cell, ""]
    return out


def _docx_paragraph(paragraph: Any, qn: Any) -> list[str]:
    text = _docx_runs_text(paragraph, qn)
    lines = []
    numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is not None and re.search(r"list|bullet", style.get(qn("w:val"), ""), re.I):
        numbered = True
    if text.strip():
        lines.append(f"• {text}" if numbered and not BULLET_RE.match(text) else text)
    # Text boxes hold whole sidebars in many templates; mc:Fallback repeats them, so it is skipped.
    for box in paragraph.iter(qn("w:txbxContent")):
        if any(anc.tag.endswith("}Fallback") for anc in box.iterancestors()):
            continue
        lines.extend(t for p in box.iter(qn("w:p")) if (t := _docx_runs_text(p, qn)).strip())
        lines.append("")
    return lines


def _docx_runs_text(paragraph: Any, qn: Any) -> str:
    """Text of a paragraph's own runs (not of text boxes inside it), with tabs and breaks kept."""
    parts: list[str] = []
    box = qn("w:txbxContent")
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parent = node.getparent()
        while parent is not None and parent is not paragraph and parent.tag != box:
            parent = parent.getparent()
        if parent is not paragraph:
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" | ")  # Word aligns fields with tabs: "Engineer<TAB>2019 – 2021" is two fields
        else:
            parts.append("\n")
    return re.sub(r"^(?:\s*\|\s*)+|(?:\s*\|\s*)+$", "", "".join(parts))
