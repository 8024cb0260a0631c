"""Validation and text extraction of uploaded documents, on real PDFs."""

from __future__ import annotations

import pytest

from hiring.parsing.documents import extract_document
from hiring.parsing.model import DocumentRejected, RejectionCode
from tests.pdfs import RESUME_TEXT, encrypted_pdf, image_only_pdf, text_pdf

LIMIT = 1_000_000


def _rejection(data: bytes, name: str = "cv.pdf", max_bytes: int = LIMIT, max_pages: int = 5) -> DocumentRejected:
    with pytest.raises(DocumentRejected) as caught:
        extract_document(data, name, max_bytes, max_pages)
    return caught.value


def test_text_pdf_gives_its_text_and_page_count() -> None:
    document = extract_document(text_pdf(RESUME_TEXT, "Page two: Kubernetes"), "cv.pdf", LIMIT, 5)
    assert "jane.doe@example.org" in document.text
    assert "Page two" in document.text
    assert document.page_count == 2
    assert document.content_type == "application/pdf"


def test_plain_text_file_is_accepted() -> None:
    document = extract_document(RESUME_TEXT.encode(), "cv.txt", LIMIT, 5)
    assert document.text.startswith("Jane Doe")
    assert document.content_type == "text/plain"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "cv.pdf", RejectionCode.EMPTY),
        (b"Dear hiring manager, please find", "cv.pdf", RejectionCode.NOT_PDF),
        (b"PK\x03\x04 a zip file", "cv.docx", RejectionCode.UNSUPPORTED),
        (b"%PDF-1.7\n this is not really a pdf", "cv.pdf", RejectionCode.CORRUPT),
        (b"   \n\t ", "cv.txt", RejectionCode.EMPTY),
        (b"\xff\xfe\x00bad utf8 \xc3\x28", "cv.txt", RejectionCode.CORRUPT),
    ],
)
def test_bad_bytes_get_a_specific_code(data: bytes, name: str, code: RejectionCode) -> None:
    assert _rejection(data, name).code == code


def test_too_large_names_the_limit() -> None:
    rejected = _rejection(text_pdf(RESUME_TEXT), max_bytes=100)
    assert rejected.code == RejectionCode.TOO_LARGE
    assert "limit is 100 bytes" in rejected.message


def test_too_many_pages() -> None:
    rejected = _rejection(text_pdf(*["page"] * 4), max_pages=3)
    assert rejected.code == RejectionCode.TOO_MANY_PAGES
    assert "4 pages" in rejected.message


def test_encrypted_pdf_is_refused() -> None:
    assert _rejection(encrypted_pdf()).code == RejectionCode.ENCRYPTED


def test_image_only_pdf_goes_to_review_not_to_an_invented_profile() -> None:
    rejected = _rejection(image_only_pdf())
    assert rejected.code == RejectionCode.NO_TEXT
    assert rejected.needs_review is True


# --- hostile text (issue 10) -------------------------------------------------------------------------------


def test_nul_and_control_characters_are_stripped_from_the_text() -> None:
    data = b"Jane\x00 Doe\nSkills: Python,\x07 SQL\x1b\nEnd\x7f"
    document = extract_document(data, "cv.txt", LIMIT, 5)
    assert document.text == "Jane Doe\nSkills: Python, SQL\nEnd"


def test_a_form_feed_breaks_the_line_it_stands_in() -> None:
    document = extract_document(b"Jane Doe\x0cSkills", "cv.txt", LIMIT, 5)
    assert document.text.split("\n") == ["Jane Doe", "Skills"]


def test_control_characters_in_a_pdf_text_layer_are_stripped() -> None:
    document = extract_document(text_pdf("Jane Doe\x01\x02 Engineer"), "cv.pdf", LIMIT, 5)
    assert "\x01" not in document.text and "\x02" not in document.text
    assert "Jane Doe" in document.text


def test_more_characters_than_the_limit_is_refused_as_too_long() -> None:
    text = ("Python developer with SQL. " * 400).encode()
    assert len(extract_document(text, "cv.txt", LIMIT, 5, max_chars=len(text)).text) <= len(text)
    with pytest.raises(DocumentRejected) as caught:
        extract_document(text, "cv.txt", LIMIT, 5, max_chars=1_000)
    assert caught.value.code == RejectionCode.TOO_LONG
    assert "1000" in caught.value.message
