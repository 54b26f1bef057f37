"""Staff sign in with a password and then an authenticator code; nothing less opens a page."""

import time
from datetime import timedelta
from urllib.parse import urlencode

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.accounts.totp import TOTP_STEP_SECONDS
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.extensions import db
from tests.conftest import TEST_PASSWORD, next_totp_code, post_form


def test_password_and_code_sign_in(client: FlaskClient, make_account, app: Flask) -> None:
    account = make_account([Role.FRONT_DOOR])
    response = post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/sign-in/code"
    assert client.get("/practitioners").status_code == 302, "a password alone opens nothing"
    response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    assert response.headers["Location"] == "/practitioners"
    page = client.get("/practitioners")
    assert page.status_code == 200
    assert account.display_name in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    with app.app_context():
        actions = [e.action for e in db.session.scalars(db.select(AuditEvent))]
    assert "account.signed_in" in actions


def test_wrong_password_gives_one_message_for_every_case(
    client: FlaskClient, make_account, page_check
) -> None:
    account = make_account([Role.FRONT_DOOR])
    wrong = post_form(client, "/sign-in", {"email": account.email, "password": "nope-nope"})
    unknown = post_form(client, "/sign-in", {"email": "nobody@x.example", "password": "nope"})
    for response in (wrong, unknown):
        assert response.status_code == 200
        soup = page_check(response)
        assert "Enter a correct email address and password" in soup.get_text()
    assert 'value="' + account.email in wrong.get_data(as_text=True), "what was typed is kept"


def test_empty_form_says_what_to_do(client: FlaskClient, page_check) -> None:
    soup = page_check(post_form(client, "/sign-in", {"email": "", "password": ""}))
    summary = soup.select_one(".govuk-error-summary").get_text()
    assert "Enter your email address" in summary and "Enter your password" in summary
    assert soup.title.get_text().startswith("Error:")


def test_wrong_and_replayed_codes_are_refused(client: FlaskClient, make_account, app) -> None:
    account = make_account([Role.LCPP])
    post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    refused = post_form(client, "/sign-in/code", {"code": "000000"})
    assert refused.status_code == 200
    assert "not right" in refused.get_data(as_text=True)

    code = next_totp_code(account, app)
    assert post_form(client, "/sign-in/code", {"code": code}).status_code == 302
    other = app.test_client()
    post_form(other, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    replay = post_form(other, "/sign-in/code", {"code": code})
    assert replay.status_code == 200, "a code works once"


def test_code_from_long_ago_is_refused(client: FlaskClient, make_account) -> None:
    account = make_account([Role.LCPP])
    post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    old = pyotp.TOTP(account.totp_secret).at(time.time() - 10 * TOTP_STEP_SECONDS)
    assert post_form(client, "/sign-in/code", {"code": old}).status_code == 200


def test_sign_out_needs_a_post(client: FlaskClient, make_account, sign_in) -> None:
    account = make_account([Role.PARTICIPATION])
    sign_in(client, account)
    assert client.get("/sign-out").status_code == 200
    assert client.get("/practitioners").status_code == 200, "GET did not sign out"
    response = post_form(client, "/sign-out", {})
    assert response.headers["Location"] == "/signed-out"
    assert client.get("/practitioners").status_code == 302


def test_idle_sessions_are_signed_out(app: Flask, client: FlaskClient, make_account, sign_in):
    account = make_account([Role.FRONT_DOOR])
    sign_in(client, account)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=30)
    with client.session_transaction() as session:
        session["last_active"] -= 31 * 60
    response = client.get("/practitioners")
    assert response.headers["Location"] == "/signed-out?reason=idle"
    assert client.get("/practitioners").status_code == 302


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.example/",
        "https://evil.example/practitioners",
        "/\\evil.example",
        "/\t/evil.example",
    ],
)
def test_next_only_goes_to_our_own_pages(
    client: FlaskClient, make_account, app, next_path: str
) -> None:
    account = make_account([Role.FRONT_DOOR])
    url = "/sign-in?" + urlencode({"next": next_path})
    assert client.get(url).status_code == 200
    post_form(client, url, {"email": account.email, "password": TEST_PASSWORD})
    response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    assert response.headers["Location"] == "/practitioners"


def test_the_session_cookie_is_protected(app: Flask, client: FlaskClient, make_account, sign_in):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = sign_in(client, make_account([Role.ADMIN]))
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("ff_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_stored_as_argon2(make_account, app: Flask) -> None:
    account = make_account([Role.ADMIN])
    assert account.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in account.password_hash


def test_next_survives_password_and_code(
    client: FlaskClient, make_account, app, page_check
) -> None:
    account = make_account([Role.FRONT_DOOR])
    sent_to = client.get("/practitioners/front-door")
    assert sent_to.headers["Location"] == "/sign-in?next=/practitioners/front-door"
    post_form(
        client, sent_to.headers["Location"], {"email": account.email, "password": TEST_PASSWORD}
    )
    response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    assert response.headers["Location"] == "/practitioners/front-door"
    landed = page_check(client.get(response.headers["Location"]))
    assert landed.h1.get_text(strip=True) == "Front door"


def test_sign_in_page_links_partners_to_registration(client: FlaskClient, page_check) -> None:
    page = page_check(client.get("/sign-in"))
    link = page.find("a", string="Register as a partner professional")
    assert link is not None, "no visible link to partner registration"
    assert link["href"] == "/partners/register"
    paragraph = link.find_parent("main").get_text(" ", strip=True)
    assert "Partner professionals without an account can register with their work email" in (
        paragraph
    )
