"""Checks for the PDFs the portal makes: tagged PDF/UA-1, in the right language."""

import io

from pypdf import PdfReader


def assert_pdf_ua(data: bytes, lang: str) -> PdfReader:
    """Assert the PDF declares PDF/UA-1, is tagged, and names its language; return it."""
    assert data.startswith(b"%PDF-"), "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp, "the PDF does not declare PDF/UA-1"
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert bool(root["/MarkInfo"]["/Marked"]), "the PDF is not marked as tagged"
    assert root["/Lang"] == lang
    return reader


def pdf_text(data: bytes) -> str:
    """All the text in a PDF, page after page."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
