"""PDFs are tagged PDF/UA and rendered once per key."""

import io

import pytest
from flask import Flask
from pypdf import PdfReader

from portal.core.pdf import cached_pdf, html_to_pdf, html_to_pdf_within
from tests.pdfs import assert_pdf_ua, pdf_text

HTML = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>خطة العائلة</title><link rel="stylesheet" href="/static/pdf.css"></head>
<body><h1>خطة العائلة</h1><p>مرحبا</p></body></html>"""


def test_pdf_is_tagged_pdf_ua(app: Flask) -> None:
    with app.test_request_context():
        data = html_to_pdf(HTML)
    assert_pdf_ua(data, "ar")
    assert any("\u0600" <= char <= "\u06ff" for char in pdf_text(data)), "Arabic text is real text"


def test_pdfs_never_fetch_from_the_network(app: Flask) -> None:
    html = HTML.replace("/static/pdf.css", "http://127.0.0.1:9/x.css")
    with app.test_request_context(), pytest.raises(BaseException, match="refused to fetch"):
        html_to_pdf(html)


def test_rendered_once_then_served_from_cache(app: Flask) -> None:
    calls = []

    def render() -> str:
        calls.append(1)
        return HTML

    with app.test_request_context():
        first = cached_pdf(("test", "v1", "ar"), render)
        second = cached_pdf(("test", "v1", "ar"), render)
        cached_pdf(("test", "v2", "ar"), render)
    assert first == second
    assert len(calls) == 2, "v1 rendered once, v2 once"


def pdf_font_names(data: bytes) -> set[str]:
    """The names of the fonts a PDF's pages use."""
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_pdfs_use_our_stylesheet(app: Flask) -> None:
    english = HTML.replace('lang="ar" dir="rtl"', 'lang="en" dir="ltr"').replace(
        "<p>مرحبا</p>", "<p>Hello</p>"
    )
    with app.test_request_context():
        data = html_to_pdf(english)
    fonts = pdf_font_names(data)
    assert any(name.endswith("+Noto-Sans") for name in fonts), f"pdf.css not applied: {fonts}"


def test_the_first_rendering_that_fits_is_used(app: Flask) -> None:
    long_page = HTML.replace("<p>مرحبا</p>", "<p>مرحبا</p>" * 200)
    with app.test_request_context():
        data = html_to_pdf_within(1, [long_page, HTML, long_page])
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
