"""Validate uploaded bytes and extract their text (PyMuPDF for PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pymupdf


class RejectionCode(StrEnum):
    EMPTY = "empty_file"
    TOO_LARGE = "too_large"
    NOT_PDF = "not_a_pdf"
    UNSUPPORTED = "unsupported_type"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_MANY_PAGES = "too_many_pages"
    NO_TEXT = "no_text_layer"


class DocumentRejected(Exception):
    """The bytes cannot be turned into resume text; code says why, message says it plainly."""

    def __init__(self, code: RejectionCode, message: str, needs_review: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.needs_review = needs_review


@dataclass(frozen=True)
class ExtractedDocument:
    text: str
    page_count: int
    content_type: str


_PDF_MAGIC = b"%PDF-"


def sniff_content_type(data: bytes, filename: str) -> str:
    """What the bytes are, judged by their content first and the name second."""
    if data[:1024].lstrip().startswith(_PDF_MAGIC) or _PDF_MAGIC in data[:1024]:
        return "application/pdf"
    if filename.lower().endswith(".txt"):
        return "text/plain"
    return "application/octet-stream"


def check_bytes(data: bytes, filename: str, max_bytes: int) -> str:
    """The checks that need no parser (size, what the bytes are); returns the content type."""
    if len(data) == 0:
        raise DocumentRejected(RejectionCode.EMPTY, "the file is empty (0 bytes)")
    if len(data) > max_bytes:
        raise DocumentRejected(
            RejectionCode.TOO_LARGE, f"the file is {len(data)} bytes; the limit is {max_bytes} bytes"
        )
    content_type = sniff_content_type(data, filename)
    if content_type == "application/octet-stream":
        if filename.lower().endswith(".pdf"):
            raise DocumentRejected(
                RejectionCode.NOT_PDF, f"{filename!r} is named .pdf but its bytes are not a PDF (no %PDF- header)"
            )
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is not a supported document type (PDF or plain text)"
        )
    return content_type


def extract_document(data: bytes, filename: str, max_bytes: int, max_pages: int) -> ExtractedDocument:
    """Validate the upload and return its text, or raise DocumentRejected with a specific code."""
    if check_bytes(data, filename, max_bytes) == "text/plain":
        return _extract_text_file(data)
    return _extract_pdf(data, max_pages)


def _extract_text_file(data: bytes) -> ExtractedDocument:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(RejectionCode.CORRUPT, f"the text file is not valid UTF-8 ({exc.reason})") from exc
    if not text.strip():
        raise DocumentRejected(RejectionCode.EMPTY, "the text file holds only whitespace")
    return ExtractedDocument(text=text, page_count=1, content_type="text/plain")


def _extract_pdf(data: bytes, max_pages: int) -> ExtractedDocument:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise DocumentRejected(RejectionCode.CORRUPT, f"the PDF could not be opened: {exc}") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise DocumentRejected(RejectionCode.ENCRYPTED, "the PDF is password-protected")
        if doc.page_count == 0:
            raise DocumentRejected(RejectionCode.CORRUPT, "the PDF has no pages")
        if doc.page_count > max_pages:
            raise DocumentRejected(
                RejectionCode.TOO_MANY_PAGES, f"the PDF has {doc.page_count} pages; the limit is {max_pages}"
            )
        try:
            pages = [page.get_text("text", sort=True) for page in doc]
        except Exception as exc:
            raise DocumentRejected(RejectionCode.CORRUPT, f"the PDF's text could not be read: {exc}") from exc
        page_count = doc.page_count
    text = "\n".join(pages).strip()
    if not text:
        raise DocumentRejected(
            RejectionCode.NO_TEXT,
            "the PDF has no text layer (a scan or image); it needs OCR or a person to review it",
            needs_review=True,
        )
    return ExtractedDocument(text=text, page_count=page_count, content_type="application/pdf")
