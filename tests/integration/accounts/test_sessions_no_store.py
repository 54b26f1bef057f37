"""Pages that show a secret are never cached, signed in or not; nor is any signed-in page."""

import re

from portal.core.access import Role
from tests.conftest import post_form
from tests.integration.accounts.test_partner_registration import DETAILS, latest_email


def authenticator_page(app, client):
    """Register a partner up to the page that shows the authenticator key and its QR code."""
    email = "no.store@nhs.net"
    confirm_url = post_form(client, "/partners/register", {**DETAILS, "email": email}).headers[
        "Location"
    ]
    code = re.search(r"Your code is (\d{6})", latest_email(app, email).body).group(1)
    password_url = post_form(client, confirm_url, {"code": code}).headers["Location"]
    password = "a long and memorable password"
    setup_url = post_form(
        client, password_url, {"password": password, "confirm": password}
    ).headers["Location"]
    return client.get(setup_url)


def test_the_authenticator_set_up_page_is_never_cached(app, client):
    response = authenticator_page(app, client)
    assert response.status_code == 200
    assert 'id="totp-secret"' in response.get_data(as_text=True)  # the page shows the key
    assert response.headers["Cache-Control"] == "no-store"


def test_the_development_outbox_of_codes_is_never_cached(client):
    response = client.get("/dev/outbox")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_signed_in_pages_are_never_cached(client, sign_in, make_account):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    for path in ("/practitioners", "/practitioners/families", "/sign-out"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_public_pages_without_secrets_may_be_cached(client):
    response = client.get("/partners/register")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
