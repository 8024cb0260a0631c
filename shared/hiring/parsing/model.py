"""What extracting a document gives (ExtractedDocument) or refuses (DocumentRejected, with a RejectionCode), and
the content types it tells apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RejectionCode(StrEnum):
    EMPTY = "empty_file"
    TOO_LARGE = "too_large"
    NOT_PDF = "not_a_pdf"
    NOT_DOCX = "not_a_docx"
    UNSUPPORTED = "unsupported_type"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_MANY_PAGES = "too_many_pages"
    NO_TEXT = "no_text_layer"
    TOO_LONG = "too_long"  # more characters of text than a resume holds (max_chars)
    PARSE_TIMEOUT = "parse_timeout"  # the parse did not finish in its time budget (hiring.parsing.isolation)


class DocumentRejected(Exception):
    """The bytes cannot be turned into resume text; code says why, message says it plainly."""

    def __init__(self, code: RejectionCode, message: str, needs_review: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.needs_review = needs_review


@dataclass(frozen=True)
class ExtractedDocument:
    """Text in reading order; regions are offsets where a new layout region (page, column) begins."""

    text: str
    page_count: int
    content_type: str
    regions: tuple[int, ...] = field(default=())
    # Lines of the first page set well above the body size, largest first: where a layout puts the name.
    prominent: tuple[str, ...] = field(default=())


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
