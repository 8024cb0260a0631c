"""Layout-aware PDF text, DOCX reading and the validation added for them, on real documents."""

from __future__ import annotations

import io
import zipfile

import pymupdf
import pytest

from hiring.parsing.cleanup import clean_line, clean_text
from hiring.parsing.documents import extract_document
from hiring.parsing.model import DocumentRejected, RejectionCode

LIMIT = 5_000_000
LEFT = ["EXPERIENCE", "Acme Corp", "Engineer 2019 - 2021", "Built the billing system", "in Python and Go",
        "Globex", "Developer 2016 - 2019", "Wrote the reporting tools", "and the data exports"]  # fmt: skip
RIGHT = ["SKILLS", "Python", "Go", "PostgreSQL", "EDUCATION", "MIT", "BSc Physics", "2012 - 2016", "GPA 3.9"]


def _pdf(draw) -> bytes:  # type: ignore[no-untyped-def]
    doc = pymupdf.open()
    draw(doc.new_page())
    data: bytes = doc.tobytes()
    doc.close()
    return data


def _two_columns(page) -> None:  # type: ignore[no-untyped-def]
    page.insert_text((50, 50), "Jordan Example", fontsize=18)
    for n, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        page.insert_text((50, 90 + n * 14), left, fontsize=10)
        page.insert_text((330, 90 + n * 14), right, fontsize=10)


def test_two_columns_are_read_one_after_the_other() -> None:
    text = extract_document(_pdf(_two_columns), "cv.pdf", LIMIT, 5).text
    assert text.startswith("Jordan Example")
    assert "Built the billing system\nin Python and Go" in text
    assert text.index("and the data exports") < text.index("SKILLS")


def test_dates_right_of_titles_stay_on_their_row() -> None:
    def draw(page) -> None:  # type: ignore[no-untyped-def]
        rows = [("Senior Engineer", "Jan 2020 - Present"), ("Acme Corp", ""), ("Engineer", "2016 - 2019"),
                ("Globex", ""), ("Analyst", "2014 - 2016"), ("Initech", ""), ("Intern", "Summer 2013"),
                ("Hooli", "")]  # fmt: skip
        for n, (left, right) in enumerate(rows):
            page.insert_text((50, 60 + n * 14), left, fontsize=10)
            if right:
                width = pymupdf.get_text_length(right, fontsize=10)
                page.insert_text((545 - width, 60 + n * 14), right, fontsize=10)

    text = extract_document(_pdf(draw), "cv.pdf", LIMIT, 5).text
    assert "Senior Engineer | Jan 2020 - Present" in text


def test_odd_spacing_ligatures_bullets_and_hyphenation_are_cleaned() -> None:
    assert clean_line("Senior\tSoftware\t\tEngineer") == "Senior Software Engineer"
    assert clean_line("ﬁnancial ﬂows") == "financial flows"
    assert clean_line("\uf0b7 Led the team") == "• Led the team"
    assert clean_line("▪Led the team") == "• Led the team"
    assert clean_line("S K I L L S") == "SKILLS"
    assert clean_text("built a distri-\nbuted system\n2017 -\nPresent") == "built a distributed system\n2017 -\nPresent"


def _docx(paragraphs: list[str], pages: int | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("Python and SQL", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    if pages is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"<Pages>1</Pages>", f"<Pages>{pages}</Pages>".encode())
            target.writestr(item, data)
    return out.getvalue()


def test_docx_text_with_bullets() -> None:
    document = extract_document(_docx(["Jordan Example", "EXPERIENCE"]), "cv.docx", LIMIT, 5)
    assert document.text.startswith("Jordan Example\nEXPERIENCE")
    assert "• Python and SQL" in document.text
    assert document.content_type.endswith("wordprocessingml.document")


def _rejected(data: bytes, name: str, max_pages: int = 5) -> DocumentRejected:
    with pytest.raises(DocumentRejected) as caught:
        extract_document(data, name, LIMIT, max_pages)
    return caught.value


def test_a_docx_that_is_not_a_zip_is_refused() -> None:
    assert _rejected(b"Dear hiring manager", "cv.docx").code == RejectionCode.NOT_DOCX


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert _rejected(buffer.getvalue(), "cv.docx").code == RejectionCode.UNSUPPORTED


def test_a_docx_with_too_many_pages_is_refused() -> None:
    rejected = _rejected(_docx(["Jordan Example"], pages=40), "cv.docx", max_pages=20)
    assert rejected.code == RejectionCode.TOO_MANY_PAGES
    assert "40 pages" in rejected.message


def test_a_legacy_doc_file_is_refused_with_advice() -> None:
    rejected = _rejected(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cv.doc")
    assert rejected.code == RejectionCode.UNSUPPORTED
    assert ".docx or PDF" in rejected.message
