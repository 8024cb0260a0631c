"""Resume intelligence: documents -> structured resumes with evidence, confidence and JSON Resume exchange."""

from __future__ import annotations

from datetime import date

from hiring.parsing.documents import extract_document
from hiring.parsing.model import ExtractedDocument
from hiring.resume.model import ParsedResume
from hiring.resume.parser import parse_resume_text

__all__ = ["ParsedResume", "parse_document", "parse_resume_text"]


def parse_document(
    data: bytes, filename: str, max_bytes: int, max_pages: int, today: date | None = None
) -> tuple[ExtractedDocument, ParsedResume]:
    """Validate and read a document, then parse it; raises DocumentRejected for unusable bytes."""
    document = extract_document(data, filename, max_bytes, max_pages)
    return document, parse_resume_text(document.text, document.regions, today, document.prominent)
