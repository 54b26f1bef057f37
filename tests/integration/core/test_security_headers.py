"""Strict CSP and the other security headers on every response."""

import gzip

from flask.testing import FlaskClient

from portal.core.security import CONTENT_SECURITY_POLICY


def test_headers_on_pages(client: FlaskClient) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_headers_on_errors_too(client: FlaskClient) -> None:
    assert "Content-Security-Policy" in client.get("/nope").headers


def test_text_is_compressed(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_static_files_are_gzipped(client: FlaskClient) -> None:
    plain = client.get("/static/vendor/govuk-frontend/govuk-frontend.min.css")
    packed = client.get(
        "/static/vendor/govuk-frontend/govuk-frontend.min.css",
        headers={"Accept-Encoding": "gzip, deflate"},
    )
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.data) < len(plain.data) / 4
    assert gzip.decompress(packed.data) == plain.data
