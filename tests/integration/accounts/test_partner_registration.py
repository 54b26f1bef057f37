"""Partner registration: allowed work email, emailed code, password, authenticator, sign in."""

import re

import pyotp
from sqlalchemy import select

from portal.accounts.codes import hash_code
from portal.accounts.models import Account, PartnerRegistration
from portal.accounts.passwords import password_hasher
from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from tests.conftest import post_form

DETAILS = {"display_name": "Dana Price", "organisation": "Eastholme Academy"}


def latest_email(app, to):
    with app.app_context():
        return db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == to)
            .order_by(OutboxMessage.id.desc())
        ).first()


def test_a_partner_registers_and_then_signs_in(app, client, page_check):
    email = "dana.price@academy.eastholme.sch.uk"
    page_check(client.get("/partners/register"))
    response = post_form(client, "/partners/register", {**DETAILS, "email": email})
    confirm_url = response.headers["Location"]
    assert confirm_url.endswith("/confirm")
    code = re.search(r"Your code is (\d{6})", latest_email(app, email).body).group(1)

    wrong = post_form(client, confirm_url, {"code": "000000" if code != "000000" else "111111"})
    assert "The code is not right" in page_check(wrong).get_text()
    password_url = post_form(client, confirm_url, {"code": code}).headers["Location"]
    short = post_form(client, password_url, {"password": "short", "confirm": "short"})
    assert "Password must be 12 characters or more" in page_check(short).get_text()
    password = "a long and memorable password"
    setup_url = post_form(
        client, password_url, {"password": password, "confirm": password}
    ).headers["Location"]
    page = page_check(client.get(setup_url))
    secret = page.find(id="totp-secret").get_text().replace(" ", "")
    assert page.find("svg") is not None  # the QR code
    done = post_form(client, setup_url, {"code": pyotp.TOTP(secret).now()})
    assert "You are registered" in page_check(done).get_text()

    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.email == email))
        assert account.kind == "partner"
        assert account.roles == [str(Role.PARTNER)]
        assert account.organisation.name == "Eastholme Academy"
    fresh = app.test_client()
    signed = post_form(fresh, "/sign-in", {"email": email, "password": password})
    assert signed.status_code == 302
    code = pyotp.TOTP(secret).at(int(__import__("time").time()) + 30)
    assert post_form(fresh, "/sign-in/code", {"code": code}).status_code == 302
    assert fresh.get("/refer").status_code == 200


def test_an_email_outside_the_allowed_domains_is_refused(client, page_check):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "dana@gmail.com"})
    page = page_check(response)
    assert "Use your work email address" in page.get_text()
    assert page.find("input", attrs={"name": "email"})["value"] == "dana@gmail.com"


def test_lookalike_domains_are_refused(client, page_check):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "x@evilnhs.net"})
    assert "Use your work email address" in page_check(response).get_text()


def test_registering_an_existing_email_does_not_reveal_the_account(app, client, make_account):
    existing = make_account([Role.PARTNER], kind="partner", email="known@nhs.net")
    response = post_form(client, "/partners/register", {**DETAILS, "email": existing.email})
    assert response.headers["Location"].endswith("/confirm")
    assert "already have an account" in latest_email(app, existing.email).subject


def test_another_browser_cannot_use_the_registration_link(client, app):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "p@police.uk"})
    other = app.test_client()
    assert other.get(response.headers["Location"]).status_code == 404


def test_five_wrong_codes_lock_the_registration(app, client, page_check):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "q@nhs.net"})
    confirm_url = response.headers["Location"]
    code = re.search(r"Your code is (\d{6})", latest_email(app, "q@nhs.net").body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = post_form(client, confirm_url, {"code": wrong})
    assert "Too many wrong codes" in page_check(response).get_text()
    response = post_form(client, confirm_url, {"code": code})
    # Five wrong codes also lock the email address for a while (portal/accounts/throttle.py).
    assert "too many attempts to sign in" in page_check(response).get_text()


def registration_for(app, email):
    with app.app_context():
        return db.session.scalar(
            select(PartnerRegistration).where(PartnerRegistration.email == email)
        )


def test_the_emailed_code_is_kept_only_as_a_keyed_hash(app, client):
    post_form(client, "/partners/register", {**DETAILS, "email": "k@nhs.net"})
    code = re.search(r"Your code is (\d{6})", latest_email(app, "k@nhs.net").body).group(1)
    salt, _, kept = registration_for(app, "k@nhs.net").code_hash.partition(":")
    assert code not in kept and not kept.startswith("$argon2")
    assert kept == hash_code(code, salt, app.config["SECRET_KEY"])
    assert kept != hash_code(code, salt, "another-secret")  # the database alone is not enough


def test_a_code_from_before_codes_were_keyed_must_be_sent_again(app, client, page_check):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "old@nhs.net"})
    code = re.search(r"Your code is (\d{6})", latest_email(app, "old@nhs.net").body).group(1)
    with app.app_context():
        registration = db.session.merge(registration_for(app, "old@nhs.net"))
        registration.code_hash = password_hasher().hash(code)  # how codes were kept before
        db.session.commit()
    response = post_form(client, response.headers["Location"], {"code": code})
    assert "The code has expired. Start again" in page_check(response).get_text()


def test_typing_slips_are_not_counted_as_tries(app, client):
    response = post_form(client, "/partners/register", {**DETAILS, "email": "slip@nhs.net"})
    confirm_url = response.headers["Location"]
    code = re.search(r"Your code is (\d{6})", latest_email(app, "slip@nhs.net").body).group(1)
    for _ in range(6):
        post_form(client, confirm_url, {"code": "12345"})  # five digits: not a code at all
    assert registration_for(app, "slip@nhs.net").attempts == 0
    response = post_form(client, confirm_url, {"code": f"{code[:3]} {code[3:]}"})
    assert response.headers["Location"].endswith("/password")
