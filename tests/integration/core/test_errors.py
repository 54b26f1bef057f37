"""Error pages for every code, in the person's language."""

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from portal.core.access import public
from tests.conftest import TEST_PASSWORD, csrf_token_from


def add_route(app: Flask, rule: str, view, methods: list[str] | None = None) -> None:
    app.add_url_rule(rule, view.__name__, public(view), methods=methods or ["GET"])


def test_404_in_polish(client: FlaskClient, page_check) -> None:
    response = client.get("/no-such-page?lang=pl")
    assert response.status_code == 404
    soup = page_check(response, expect_lang="pl")
    assert soup.h1.get_text(strip=True) != "Page not found", "the heading is translated"


def test_405_when_the_method_is_wrong(client: FlaskClient, page_check) -> None:
    response = client.get("/session/keep-alive")
    assert response.status_code == 405
    page_check(response)


def test_413_when_the_request_is_too_large(app: Flask, client: FlaskClient, page_check) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/sign-in", data={"email": "x" * 5000})
    assert response.status_code == 413
    page_check(response)


def test_400_when_the_form_has_no_csrf_token(client: FlaskClient, page_check) -> None:
    response = client.post("/sign-in", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 400
    assert "could not be sent" in page_check(response).h1.get_text()


@pytest.mark.parametrize("code", [400, 403])
def test_aborts_render_our_page(app: Flask, client: FlaskClient, page_check, code: int) -> None:
    def failing() -> str:
        abort(code)

    add_route(app, "/failing", failing)
    response = client.get("/failing?lang=ar")
    assert response.status_code == code
    page_check(response, expect_lang="ar")


def test_500_page_for_an_unexpected_error(app: Flask, client: FlaskClient, page_check) -> None:
    app.testing = False  # let the error handler see the exception, as in production
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken() -> str:
        raise RuntimeError("boom")

    add_route(app, "/broken", broken)
    response = client.get("/broken")
    assert response.status_code == 500
    assert "problem with the service" in page_check(response).h1.get_text()


def test_429_after_too_many_sign_in_attempts(app: Flask, client: FlaskClient, page_check) -> None:
    token = csrf_token_from(client.get("/sign-in"))
    statuses = [
        client.post(
            "/sign-in", data={"csrf_token": token, "email": "a@b.example", "password": "wrong"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    response = client.post(
        "/sign-in", data={"csrf_token": token, "email": "a@b.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    page_check(response)
