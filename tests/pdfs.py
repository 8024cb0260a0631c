"""Real PDFs made with PyMuPDF for tests: text, several pages, image-only, encrypted."""

from __future__ import annotations

import pymupdf


def text_pdf(*pages: str) -> bytes:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(56, 56, 540, 790), text, fontsize=10)
    data = doc.tobytes()
    doc.close()
    return data


def image_only_pdf() -> bytes:
    """A page with a picture and no text layer, like a scan."""
    doc = pymupdf.open()
    page = doc.new_page()
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 64), False)
    pixmap.clear_with(200)
    page.insert_image(pymupdf.Rect(56, 56, 300, 300), pixmap=pixmap)
    data = doc.tobytes()
    doc.close()
    return data


def encrypted_pdf(text: str = "secret resume") -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-pw", user_pw="user-pw")
    doc.close()
    return data


RESUME_TEXT = (
    "Jane Doe\njane.doe@example.org\n\nSUMMARY\nSenior software engineer.\n\n"
    "SKILLS\nPython, C++, Azure, SQL, machine learning, distributed systems, Kubernetes\n\n"
    "EXPERIENCE\nContoso Ltd - Senior Engineer (2019 - Present)\nBuilt data pipelines in Python on Azure."
)
