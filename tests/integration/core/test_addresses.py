"""An address typed with a trailing slash reaches the page, and never leaves the site."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.core.access import Role


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("/practitioners/", "/practitioners"),
        ("/practitioners/front-door/", "/practitioners/front-door"),
        ("/practitioners/have-your-say/", "/practitioners/have-your-say"),
        ("/practitioners/families//", "/practitioners/families"),
        ("/my-plan/", "/my-plan"),
        ("/partners/register/", "/partners/register"),
        ("/kinship/?lang=pl", "/kinship?lang=pl"),
        ("/sign-in/?next=/practitioners/front-door", "/sign-in?next=/practitioners/front-door"),
    ],
)
def test_a_trailing_slash_goes_to_the_page(client: FlaskClient, typed: str, canonical: str) -> None:
    response = client.get(typed)
    assert response.status_code == 308
    assert response.headers["Location"] == canonical


def test_signed_in_staff_reach_their_home_with_a_slash(
    client: FlaskClient, make_account, sign_in, page_check
) -> None:
    sign_in(client, make_account([Role.FRONT_DOOR]))
    page = page_check(client.get("/practitioners/", follow_redirects=True))
    assert page.h1.get_text(strip=True) == "Your work"


@pytest.mark.parametrize(
    "typed", ["//evil.example/", "///evil.example/", "/\\evil.example/", "//practitioners/"]
)
def test_a_slash_never_leads_off_the_site(client: FlaskClient, typed: str) -> None:
    # PATH_INFO as a server passes it: the test client would read "//host/" as a host.
    response = client.get("/", environ_overrides={"PATH_INFO": typed})
    location = response.headers.get("Location", "/")
    assert location.startswith("/") and not location.startswith(("//", "/\\"))


def test_an_unknown_address_with_a_slash_is_still_not_found(client: FlaskClient) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_partners_section_root_leads_to_their_work(client: FlaskClient) -> None:
    for typed in ("/partners", "/partners/"):
        response = client.get(typed, follow_redirects=False)
        while response.status_code in (301, 302, 308):
            response = client.get(response.headers["Location"])
        assert response.request.path == "/sign-in"
        assert "Sign in" in response.get_data(as_text=True)


def test_forms_posted_with_a_slash_are_not_redirected(app: Flask, client: FlaskClient) -> None:
    response = client.post("/sign-in/", data={"email": "a@b.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers
