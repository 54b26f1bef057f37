"""PDFs of the offers and parent pages: PDF/UA, language, council name, review date, cached."""

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.pdfs import assert_pdf_ua, pdf_text


def test_offer_pdf_is_tagged_and_carries_council_and_review_date(
    client: FlaskClient, app: Flask
) -> None:
    response = client.get("/care-leavers.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert_pdf_ua(response.data, "en")
    text = pdf_text(response.data)
    assert app.extensions["site"].council_name in text
    assert "Last reviewed: 1 October 2026" in text
    assert "Staying put" in text


def test_arabic_offer_pdf_is_in_arabic(client: FlaskClient) -> None:
    data = client.get("/kinship.pdf?lang=ar").data
    assert_pdf_ua(data, "ar")
    assert any("\u0600" <= char <= "\u06ff" for char in pdf_text(data))


def test_untranslated_page_pdf_is_wholly_english(client: FlaskClient) -> None:
    data = client.get("/parents/child-protection.pdf?lang=ar").data
    assert_pdf_ua(data, "en")


def test_each_page_links_its_pdf(client: FlaskClient, page_check) -> None:
    soup = page_check(client.get("/parents/pre-proceedings"))
    link = soup.find("a", href="/parents/pre-proceedings.pdf")
    assert link is not None
    assert client.get(link["href"]).status_code == 200


def test_pdf_is_rendered_once_then_served_from_cache(
    client: FlaskClient, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.core import pdf

    calls = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: calls.append(1) or real(html))
    first = client.get("/parents.pdf").data
    second = client.get("/parents.pdf").data
    assert first == second
    assert len(calls) == 1
    assert list(Path(app.config["PDF_CACHE_DIR"]).glob("*.pdf"))


def test_unknown_page_pdf_is_404(client: FlaskClient) -> None:
    assert client.get("/parents/nope.pdf").status_code == 404


def test_phone_numbers_keep_their_order_in_an_arabic_pdf(client: FlaskClient) -> None:
    text = pdf_text(client.get("/kinship.pdf?lang=ar").data)
    assert "01632 960200" in text
    assert "960200 01632" not in text
