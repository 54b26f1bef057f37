"""Accepting an invitation, and finishing a partner registration, happen once, however often
the last form is sent at once.

A double click is two requests with the same session cookie: here two test clients share the
cookie of one browser that confirmed the invitation's code, then both send the password form
through a barrier (see tests/integration/referrals/test_races.py for why SQLite skips this).
"""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import func, select

from portal.accounts import invitations
from portal.accounts import partner_registration as registering
from portal.accounts.models import Account, FamilyMember, Invitation, PartnerRegistration
from portal.core.access import Role
from portal.core.audit import AuditAction, AuditEvent
from portal.core.notify import OutboxMessage
from portal.extensions import db
from tests.conftest import csrf_token_from, post_form
from tests.integration.plans.plan_factories import family_with_plan, latest_code
from tests.integration.referrals.test_races import (
    at_once,
    count,
    meet_before,
    needs_concurrent_writers,
)

pytestmark = [pytest.mark.both_databases, pytest.mark.real_commits]

FAMILY_EMAIL = "parent@example.com"
PASSWORD = "three short words"


def confirmed_invitation(app, make_account, sign_in):
    """A browser that opened an invitation and typed its code, up to choosing a password."""
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family_id = family_with_plan(lead, versions=1).public_id
    staff = app.test_client()
    sign_in(staff, lead)
    invite = post_form(
        staff,
        f"/practitioners/families/{family_id}/invite",
        {"display_name": "Funmi", "contact": FAMILY_EMAIL},
    )
    assert invite.status_code == 302
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == FAMILY_EMAIL)
        )
        link = re.search(r"https?://[^/]+(/my-plan/invitation/\S+)", message.body).group(1)
    browser = app.test_client()
    assert post_form(browser, link, {}).headers["Location"].endswith("/my-plan/confirm")
    with app.app_context():
        code = latest_code(FAMILY_EMAIL)
    confirmed = post_form(browser, "/my-plan/confirm", {"code": code})
    assert confirmed.headers["Location"].endswith("/my-plan/set-password")
    return browser


def same_browser(app, browser):
    """A second client sending the same session cookie, as a second click would."""
    twin = app.test_client()
    cookie = browser.get_cookie(app.config["SESSION_COOKIE_NAME"])
    twin.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return twin


def test_a_double_click_on_set_password_makes_one_account(
    app, make_account, sign_in, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    browser = confirmed_invitation(app, make_account, sign_in)
    twin = same_browser(app, browser)
    token = csrf_token_from(browser.get("/my-plan/set-password"))
    meet_before(monkeypatch, invitations, "accept_invitation")
    data = {"csrf_token": token, "password": PASSWORD, "confirm": PASSWORD}

    responses = at_once(
        lambda: browser.post("/my-plan/set-password", data=data),
        lambda: twin.post("/my-plan/set-password", data=data),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert [r.headers["Location"] for r in responses] == ["/my-plan", "/my-plan"]
    family_accounts = select(func.count(Account.id)).where(Account.kind == "family")
    assert count(app, family_accounts) == 1
    assert count(app, select(func.count(FamilyMember.id))) == 1
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        assert invitation.accepted_at is not None and invitation.account_id is not None
    for client in (browser, twin):
        assert client.get("/my-plan").status_code == 200


def test_the_second_send_with_another_password_is_not_let_in(
    app, make_account, sign_in, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    browser = confirmed_invitation(app, make_account, sign_in)
    twin = same_browser(app, browser)
    token = csrf_token_from(browser.get("/my-plan/set-password"))
    meet_before(monkeypatch, invitations, "accept_invitation")

    def send(client, password: str):
        data = {"csrf_token": token, "password": password, "confirm": password}
        return lambda: client.post("/my-plan/set-password", data=data)

    responses = at_once(send(browser, PASSWORD), send(twin, "four other short words"))

    assert count(app, select(func.count(Account.id)).where(Account.kind == "family")) == 1
    assert sorted(r.headers["Location"] for r in responses) == ["/my-plan", "/my-plan/sign-in"]


PARTNER_EMAIL = "dana.price@academy.eastholme.sch.uk"
PARTNER_PASSWORD = "a long and memorable password"


def registration_at_authenticator(app):
    """A browser that has registered up to the authenticator step; its setup URL and secret."""
    browser = app.test_client()
    details = {"display_name": "Dana Price", "organisation": "Eastholme Academy"}
    started = post_form(browser, "/partners/register", {**details, "email": PARTNER_EMAIL})
    confirm_url = started.headers["Location"]
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == PARTNER_EMAIL)
        )
        code = re.search(r"Your code is (\d{6})", message.body).group(1)
    password_url = post_form(browser, confirm_url, {"code": code}).headers["Location"]
    chosen = {"password": PARTNER_PASSWORD, "confirm": PARTNER_PASSWORD}
    setup_url = post_form(browser, password_url, chosen).headers["Location"]
    with app.app_context():
        secret = db.session.scalar(select(PartnerRegistration.totp_secret))
    return browser, setup_url, secret


def test_a_double_click_on_the_last_registration_step_makes_one_account(app, monkeypatch) -> None:
    needs_concurrent_writers(app)
    browser, setup_url, secret = registration_at_authenticator(app)
    twin = same_browser(app, browser)
    token = csrf_token_from(browser.get(setup_url))
    meet_before(monkeypatch, registering, "finish_registration")
    code = pyotp.TOTP(secret).now()
    data = {"csrf_token": token, "code": code}

    responses = at_once(
        lambda: browser.post(setup_url, data=data),
        lambda: twin.post(setup_url, data=data),
    )

    assert sorted(r.status_code for r in responses) == [200, 302]
    made = next(r for r in responses if r.status_code == 200)
    assert "You are registered" in made.get_data(as_text=True)
    assert next(r for r in responses if r.status_code == 302).headers["Location"] == "/sign-in"
    partners = select(func.count(Account.id)).where(Account.kind == "partner")
    assert count(app, partners) == 1
    completed = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == AuditAction.PARTNER_REGISTRATION_COMPLETED
    )
    assert count(app, completed) == 1
    # The code that proved the authenticator is spent: it cannot sign in as well.
    fresh = app.test_client()
    signed = post_form(fresh, "/sign-in", {"email": PARTNER_EMAIL, "password": PARTNER_PASSWORD})
    assert signed.headers["Location"].endswith("/sign-in/code")
    replayed = post_form(fresh, "/sign-in/code", {"code": code})
    assert replayed.status_code == 200
    assert "That code is not right or has been used" in replayed.get_data(as_text=True)
