"""Family members get in by invitation and a code, then by password and a code."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import FamilyMember, OneTimeCode
from portal.core.access import Role
from portal.core.audit import utcnow
from portal.core.notify import OutboxMessage
from portal.extensions import db
from tests.conftest import post_form
from tests.integration.plans.plan_factories import family_with_plan, latest_code

# Codes are taken with SELECT ... FOR UPDATE, which only PostgreSQL honours.
pytestmark = pytest.mark.both_databases

FAMILY_EMAIL = "parent@example.com"
PASSWORD = "three short words"


@pytest.fixture
def invited(app, client, sign_in, make_account):
    """A lead practitioner invites a parent by email; returns the invitation link path."""
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family = family_with_plan(lead, versions=1)
        family_id = family.public_id
    sign_in(client, lead)
    response = post_form(
        client,
        f"/practitioners/families/{family_id}/invite",
        {"display_name": "Funmi", "contact": FAMILY_EMAIL},
    )
    assert response.status_code == 302
    client.get("/sign-out")
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == FAMILY_EMAIL)
        )
        link = re.search(r"https?://[^/]+(/my-plan/invitation/\S+)", message.body).group(1)
    return link


def start_confirming(app, link):
    client = app.test_client()
    response = post_form(client, link, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/my-plan/confirm")
    return client


def test_invitation_code_password_then_plan(app, invited):
    client = start_confirming(app, invited)
    with app.app_context():
        code = latest_code(FAMILY_EMAIL)
        stored = db.session.scalar(select(OneTimeCode).order_by(OneTimeCode.id.desc()))
        assert code not in stored.code_hash  # only a hash is kept
    response = post_form(client, "/my-plan/confirm", {"code": code})
    assert response.headers["Location"].endswith("/my-plan/set-password")
    response = post_form(
        client, "/my-plan/set-password", {"password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.headers["Location"].endswith("/my-plan")
    page = client.get("/my-plan")
    assert page.status_code == 200
    assert "Worry in version 1" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(FamilyMember)) is not None
    # The invitation link works once.
    assert app.test_client().get(invited).status_code == 404


def test_sixth_wrong_code_is_refused_even_if_right(app, invited):
    client = start_confirming(app, invited)
    with app.app_context():
        code = latest_code(FAMILY_EMAIL)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in ("4 more times", "3 more times", "2 more times", "1 more time."):
        page = post_form(client, "/my-plan/confirm", {"code": wrong}).get_data(as_text=True)
        assert f"You can try {left}" in page
    page = post_form(client, "/my-plan/confirm", {"code": wrong}).get_data(as_text=True)
    assert "You have tried too many times" in page
    page = post_form(client, "/my-plan/confirm", {"code": code})
    assert page.status_code == 200
    # Five wrong codes also lock the invitation for a while (portal/accounts/throttle.py).
    assert "too many attempts to sign in" in page.get_data(as_text=True)


def test_expired_code_is_refused(app, invited):
    client = start_confirming(app, invited)
    with app.app_context():
        code = latest_code(FAMILY_EMAIL)
        row = db.session.scalar(select(OneTimeCode).order_by(OneTimeCode.id.desc()))
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    page = post_form(client, "/my-plan/confirm", {"code": code})
    assert page.status_code == 200
    assert "That code has run out" in page.get_data(as_text=True)


def test_new_code_replaces_the_old_one(app, invited):
    client = start_confirming(app, invited)
    with app.app_context():
        old = latest_code(FAMILY_EMAIL)
    page = client.get("/my-plan/confirm").get_data(as_text=True)
    token = re.search(r'name="resend-csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/my-plan/confirm/new-code", data={"resend-csrf_token": token})
    with app.app_context():
        new = latest_code(FAMILY_EMAIL)
    if new != old:
        response = post_form(client, "/my-plan/confirm", {"code": old})
        assert response.status_code == 200
        assert "That code is not right" in response.get_data(as_text=True)
    response = post_form(client, "/my-plan/confirm", {"code": new})
    assert response.headers["Location"].endswith("/my-plan/set-password")


def test_password_alone_does_not_open_the_plan(app, client, make_account):
    member = make_account([Role.FAMILY], kind="family", email=FAMILY_EMAIL, password=PASSWORD)
    response = post_form(
        client, "/my-plan/sign-in", {"identifier": FAMILY_EMAIL, "password": PASSWORD}
    )
    assert response.headers["Location"].endswith("/my-plan/sign-in/code")
    assert client.get("/my-plan").status_code == 302
    assert member.public_id


def test_wrong_password_says_what_to_do(app, client, make_account):
    make_account([Role.FAMILY], kind="family", email=FAMILY_EMAIL, password=PASSWORD)
    response = post_form(
        client, "/my-plan/sign-in", {"identifier": FAMILY_EMAIL, "password": "nope nope nope"}
    )
    assert response.status_code == 200
    assert "Enter the email address or mobile number and password" in response.get_data(
        as_text=True
    )


def test_cannot_invite_an_email_that_already_signs_in(app, client, sign_in, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    make_account([Role.FAMILY], kind="family", email="taken@example.com")
    with app.app_context():
        family_id = family_with_plan(lead).public_id
    sign_in(client, lead)
    response = post_form(
        client,
        f"/practitioners/families/{family_id}/invite",
        {"display_name": "Someone", "contact": "Taken@Example.com"},
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Someone already signs in with this" in text
    assert 'value="Taken@Example.com"' in text  # what they typed is kept
