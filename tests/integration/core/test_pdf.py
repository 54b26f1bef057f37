"""PDFs are tagged PDF/UA and rendered once per key."""

import pytest
from flask import Flask

from portal.core.pdf import cached_pdf, html_to_pdf
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
