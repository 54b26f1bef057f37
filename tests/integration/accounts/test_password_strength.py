"""Passwords that are easy to guess, or made of the person's own name or email, are refused."""

import re

import pytest

from portal.accounts.passwords import password_problem
from tests.conftest import TEST_PASSWORD, post_form
from tests.integration.accounts.test_family_sign_in import (  # noqa: F401 - a fixture
    FAMILY_EMAIL,
    PASSWORD,
    invited,
    start_confirming,
)
from tests.integration.plans.plan_factories import latest_code

WEAK = (
    "Choose a password that is harder to guess. Avoid repeated letters, "
    "single common words and sequences like 12345."
)
PERSONAL = "Your password must not contain your name or email address"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("aaaaaaaaaa", WEAK),
        ("password1234", WEAK),
        ("qwertyuiop123", WEAK),
        ("Funmi-in-Eastholme-2026", PERSONAL),  # her name
        ("PARENT-horse-battery", PERSONAL),  # her email
        (TEST_PASSWORD, None),
        (PASSWORD, None),
    ],
)
def test_which_passwords_are_refused(app, password: str, message: str | None) -> None:
    with app.test_request_context():
        assert password_problem(password, ("Funmi", FAMILY_EMAIL)) == message


def test_a_family_member_cannot_choose_a_weak_password(app, invited, page_check) -> None:  # noqa: F811
    client = start_confirming(app, invited)
    with app.app_context():
        code = latest_code(FAMILY_EMAIL)
    set_password = post_form(client, "/my-plan/confirm", {"code": code}).headers["Location"]
    for password, message in (("aaaaaaaaaa", WEAK), ("funmi-and-the-kids", PERSONAL)):
        response = post_form(client, set_password, {"password": password, "confirm": password})
        assert response.status_code == 200, "no account was made"
        soup = page_check(response)
        assert soup.select_one(".govuk-error-summary").get_text(" ", strip=True).endswith(message)
        assert soup.title.get_text().startswith("Error:")
    response = post_form(client, set_password, {"password": PASSWORD, "confirm": PASSWORD})
    assert response.headers["Location"].endswith("/my-plan")


def test_a_partner_cannot_choose_a_weak_password(app, client, page_check) -> None:
    email = "robin.shaw@nhs.net"
    details = {"display_name": "Robin Shaw", "organisation": "Eastholme Health", "email": email}
    confirm_url = post_form(client, "/partners/register", details).headers["Location"]
    with app.app_context():
        code = latest_code(email)
    password_url = post_form(client, confirm_url, {"code": code}).headers["Location"]
    for password, message in (("aaaaaaaaaaaa", WEAK), ("robin-shaw-at-work!", PERSONAL)):
        response = post_form(client, password_url, {"password": password, "confirm": password})
        assert message in page_check(response).get_text()
        assert not re.search(r"/authenticator$", response.headers.get("Location", ""))
    response = post_form(client, password_url, {"password": PASSWORD, "confirm": PASSWORD})
    assert response.headers["Location"].endswith("/authenticator")
