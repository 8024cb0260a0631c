"""Validate uploaded bytes and extract their text: PDF (hiring.parsing.pdf), DOCX (hiring.parsing.word), plain
text. What the extraction gives or refuses is in hiring.parsing.model, the clean-up every format shares in
hiring.parsing.cleanup."""

from __future__ import annotations

from hiring.parsing.cleanup import clean_text
from hiring.parsing.model import DOCX, PDF, TEXT, DocumentRejected, ExtractedDocument, RejectionCode

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_TEXT_SUFFIXES = (".txt", ".md", ".text")
_DOCX_SUFFIXES = (".docx", ".docm")


def sniff_content_type(data: bytes, filename: str) -> str:
    """What the bytes are, judged by their content first and the name second."""
    head = data[:1024]
    if head.lstrip().startswith(_PDF_MAGIC) or _PDF_MAGIC in head:
        return PDF
    lower = filename.lower()
    if data.startswith(_ZIP_MAGIC) and lower.endswith(_DOCX_SUFFIXES):
        return DOCX
    if lower.endswith(_TEXT_SUFFIXES):
        return TEXT
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
    if content_type != "application/octet-stream":
        return content_type
    lower = filename.lower()
    if lower.endswith(".pdf"):
        raise DocumentRejected(
            RejectionCode.NOT_PDF, f"{filename!r} is named .pdf but its bytes are not a PDF (no %PDF- header)"
        )
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_OOXML in data:
        raise DocumentRejected(RejectionCode.ENCRYPTED, f"{filename!r} is a password-protected Office document")
    if lower.endswith(_DOCX_SUFFIXES):
        raise DocumentRejected(
            RejectionCode.NOT_DOCX, f"{filename!r} is named .docx but its bytes are not a Word document (not a zip)"
        )
    if data.startswith(_OLE_MAGIC) or lower.endswith(".doc"):
        raise DocumentRejected(
            RejectionCode.UNSUPPORTED, f"{filename!r} is a legacy Word (.doc) file; save it as .docx or PDF"
        )
    raise DocumentRejected(
        RejectionCode.UNSUPPORTED, f"{filename!r} is not a supported document type (PDF, DOCX or plain text)"
    )


def extract_document(
    data: bytes, filename: str, max_bytes: int, max_pages: int, max_chars: int | None = None
) -> ExtractedDocument:
    """Validate the upload and return its text, or raise DocumentRejected with a specific code.

    The text holds no control characters (NUL and the other C0 controls but tab and newline, DEL, lone
    surrogates: hiring.hygiene), so it can be stored as it is; more than max_chars characters is refused."""
    content_type = check_bytes(data, filename, max_bytes)
    if content_type == TEXT:
        document = _extract_text_file(data)
    elif content_type == DOCX:
        from hiring.parsing.word import extract_docx  # python-docx only where Word files are read

        document = extract_docx(data, filename, max_pages)
    else:
        from hiring.parsing.pdf import extract_pdf  # PyMuPDF only in the functions that read PDFs (parse layer)

        document = extract_pdf(data, max_pages)
    if max_chars is not None and len(document.text) > max_chars:
        raise DocumentRejected(
            RejectionCode.TOO_LONG,
            f"the document holds {len(document.text)} characters of text; the limit is {max_chars}",
        )
    return document


def _extract_text_file(data: bytes) -> ExtractedDocument:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(RejectionCode.CORRUPT, f"the text file is not valid UTF-8 ({exc.reason})") from exc
    text = clean_text(raw)
    if not text:
        raise DocumentRejected(RejectionCode.EMPTY, "the text file holds only whitespace")
    return ExtractedDocument(text=text, page_count=1, content_type=TEXT, regions=(0,))
