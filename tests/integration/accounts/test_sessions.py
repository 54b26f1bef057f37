"""A session ends on the server: a copied cookie stops working at sign-out, at a credential change,
at deactivation and after the absolute lifetime, for staff, partners and family members alike.

Each test signs in through the real pages, copies the cookie to a second client with another
address and browser (what an attacker who took the cookie would hold), and checks what that
copy can open afterwards.
"""

import hashlib
from datetime import timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from portal.accounts.models import Account, SignedInSession, stored_utc
from portal.core.access import Role
from portal.core.audit import utcnow
from portal.extensions import db
from tests.conftest import TEST_PASSWORD, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family
from tests.integration.plans.test_plan_query_count import counting_queries

# Whether a session is live is a query on timestamps and a join: ask both databases.
pytestmark = pytest.mark.both_databases

COOKIE = "ff_session"
STAFF_PAGE = "/practitioners/families"


def copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """A second client, from another address and browser, holding the first one's cookie."""
    other = app.test_client()
    other.environ_base.update({"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "elsewhere/1.0"})
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None, "the first client holds no session cookie"
    other.set_cookie(COOKIE, cookie.value)
    return other


def sent_to_sign_in(response, path: str = "/sign-in") -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith(path)


@pytest.fixture
def lead(make_account) -> Account:
    return make_account([Role.LEAD_PRACTITIONER])


def signed_in_pair(app, sign_in, account) -> tuple[FlaskClient, FlaskClient]:
    """The person's own browser, signed in, and a copy of its cookie elsewhere; both work."""
    mine = app.test_client()
    sign_in(mine, account)
    theirs = copy_of(app, mine)
    assert mine.get(STAFF_PAGE).status_code == 200
    assert theirs.get(STAFF_PAGE).status_code == 200  # before sign-out, the copy works
    return mine, theirs


def test_signing_out_ends_the_session_for_a_copied_cookie(app, sign_in, lead):
    mine, theirs = signed_in_pair(app, sign_in, lead)
    assert post_form(mine, "/sign-out", {}).headers["Location"] == "/signed-out"
    assert sent_to_sign_in(mine.get(STAFF_PAGE))
    assert sent_to_sign_in(theirs.get(STAFF_PAGE))
    assert sent_to_sign_in(theirs.get("/practitioners"))


def test_signing_out_ends_only_that_session(app, sign_in, lead):
    laptop, _ = signed_in_pair(app, sign_in, lead)
    phone = app.test_client()
    sign_in(phone, lead)
    post_form(laptop, "/sign-out", {})
    assert phone.get(STAFF_PAGE).status_code == 200


def test_the_server_keeps_only_a_hash_of_the_cookie_token(app, sign_in, lead):
    mine, _ = signed_in_pair(app, sign_in, lead)
    with mine.session_transaction() as cookie_session:
        token = cookie_session["session_token"]
    with app.app_context():
        row = db.session.scalar(
            select(SignedInSession).where(SignedInSession.account_id == lead.id)
        )
        assert row.ended_at is None
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    post_form(mine, "/sign-out", {})
    with app.app_context():
        ended = db.session.scalar(
            select(SignedInSession.ended_at).where(SignedInSession.id == row.id)
        )
        assert ended is not None


def change_account(app: Flask, account: Account, change) -> None:
    """Change an account as an administrator's tool would: load, change, commit."""
    with app.app_context():
        stored = db.session.get(Account, account.id)
        change(stored)
        db.session.commit()


def test_a_password_change_ends_every_session(app, sign_in, lead):
    laptop, copy = signed_in_pair(app, sign_in, lead)
    phone = app.test_client()
    sign_in(phone, lead)
    change_account(app, lead, lambda account: account.set_password("a brand new long password"))
    for client in (laptop, copy, phone):
        assert sent_to_sign_in(client.get(STAFF_PAGE))


def test_an_authenticator_reset_ends_every_session(app, sign_in, lead):
    laptop, copy = signed_in_pair(app, sign_in, lead)
    change_account(
        app, lead, lambda account: setattr(account, "totp_secret", pyotp.random_base32())
    )
    assert sent_to_sign_in(laptop.get(STAFF_PAGE))
    assert sent_to_sign_in(copy.get(STAFF_PAGE))


def test_deactivating_an_account_ends_every_session_for_good(app, sign_in, lead):
    laptop, copy = signed_in_pair(app, sign_in, lead)
    change_account(app, lead, lambda account: setattr(account, "active", False))
    assert sent_to_sign_in(laptop.get(STAFF_PAGE))
    assert sent_to_sign_in(copy.get(STAFF_PAGE))
    # Reactivating the account does not bring the old sessions back.
    change_account(app, lead, lambda account: setattr(account, "active", True))
    assert sent_to_sign_in(laptop.get(STAFF_PAGE))
    assert sent_to_sign_in(copy.get(STAFF_PAGE))


def test_other_changes_to_an_account_leave_its_sessions_alone(app, sign_in, lead):
    laptop, copy = signed_in_pair(app, sign_in, lead)
    change_account(app, lead, lambda account: setattr(account, "display_name", "New Name"))
    assert laptop.get(STAFF_PAGE).status_code == 200
    assert copy.get(STAFF_PAGE).status_code == 200


def age_sessions(app: Flask, account: Account, age: timedelta) -> None:
    """Pretend the account's sessions began ``age`` ago (no sleeping)."""
    with app.app_context():
        db.session.execute(
            update(SignedInSession)
            .where(SignedInSession.account_id == account.id)
            .values(created_at=utcnow() - age)
        )
        db.session.commit()


def test_a_session_ends_after_its_absolute_lifetime_however_active(app, sign_in, lead):
    laptop, copy = signed_in_pair(app, sign_in, lead)
    age_sessions(app, lead, timedelta(hours=11, minutes=50))
    assert laptop.get(STAFF_PAGE).status_code == 200  # active, and not yet 12 hours old
    age_sessions(app, lead, timedelta(hours=12, minutes=1))
    assert sent_to_sign_in(laptop.get(STAFF_PAGE))
    assert sent_to_sign_in(copy.get(STAFF_PAGE))


def test_the_absolute_lifetime_is_a_setting(app, sign_in, lead):
    app.config["SESSION_ABSOLUTE_LIFETIME"] = timedelta(hours=1)
    laptop, _ = signed_in_pair(app, sign_in, lead)
    age_sessions(app, lead, timedelta(minutes=61))
    assert sent_to_sign_in(laptop.get(STAFF_PAGE))


def test_a_partner_sign_out_ends_the_copied_session(app, sign_in, make_account):
    partner = make_account([Role.PARTNER], kind="partner")
    mine = app.test_client()
    sign_in(mine, partner)
    theirs = copy_of(app, mine)
    assert theirs.get("/refer").status_code == 200
    post_form(mine, "/sign-out", {})
    assert sent_to_sign_in(theirs.get("/refer"))
    assert sent_to_sign_in(theirs.get("/practitioners"))


@pytest.fixture
def family_pair(app, lead, make_account) -> tuple[Account, FlaskClient, FlaskClient]:
    """A family member signed in through the real pages, and a copy of their cookie."""
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        add_member(family_with_plan(lead, versions=1), member)
    mine = app.test_client()
    sign_in_family(mine, member, TEST_PASSWORD)
    theirs = copy_of(app, mine)
    assert mine.get("/my-plan").status_code == 200
    assert theirs.get("/my-plan").status_code == 200
    return member, mine, theirs


def test_a_family_sign_out_ends_the_copied_session(app, family_pair):
    _, mine, theirs = family_pair
    assert post_form(mine, "/my-plan/sign-out", {}).headers["Location"] == "/signed-out"
    assert sent_to_sign_in(theirs.get("/my-plan"), "/my-plan/sign-in")
    assert sent_to_sign_in(mine.get("/my-plan"), "/my-plan/sign-in")


def test_a_family_password_change_and_old_age_end_family_sessions(app, family_pair, make_account):
    member, mine, theirs = family_pair
    change_account(app, member, lambda account: account.set_password("another long password"))
    assert sent_to_sign_in(mine.get("/my-plan"), "/my-plan/sign-in")
    assert sent_to_sign_in(theirs.get("/my-plan"), "/my-plan/sign-in")
    sign_in_family(mine, member, "another long password")
    assert mine.get("/my-plan").status_code == 200
    age_sessions(app, member, timedelta(hours=13))
    assert sent_to_sign_in(mine.get("/my-plan"), "/my-plan/sign-in")


def test_the_session_check_is_one_query_joined_to_the_account(app, sign_in, lead):
    mine, _ = signed_in_pair(app, sign_in, lead)
    with counting_queries(app) as statements:
        assert mine.get("/practitioners").status_code == 200
    checks = [s for s in statements if "signed_in_sessions" in s]
    assert len(checks) == 1, checks
    assert "accounts" in checks[0] and "JOIN" in checks[0].upper()
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE")]


def test_last_seen_is_written_at_most_once_a_minute(app, sign_in, lead):
    mine, _ = signed_in_pair(app, sign_in, lead)
    two_minutes_ago = utcnow() - timedelta(minutes=2)
    with app.app_context():
        db.session.execute(update(SignedInSession).values(last_seen_at=two_minutes_ago))
        db.session.commit()
    assert mine.get(STAFF_PAGE).status_code == 200
    with app.app_context():
        seen = db.session.scalar(select(SignedInSession.last_seen_at))
    assert stored_utc(seen) > utcnow() - timedelta(seconds=30)
    with counting_queries(app) as statements:
        assert mine.get(STAFF_PAGE).status_code == 200
    assert not [s for s in statements if "UPDATE signed_in_sessions" in s]


def test_signing_in_over_an_open_session_ends_the_older_one(app, sign_in, lead, make_account):
    """On a shared computer a family member signs in where a practitioner is still signed in."""
    shared, copy = signed_in_pair(app, sign_in, lead)
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        add_member(family_with_plan(lead, versions=1), member)
    sign_in_family(shared, member, TEST_PASSWORD)
    assert shared.get("/my-plan").status_code == 200
    assert shared.get(STAFF_PAGE).status_code == 404  # a family member now, not the practitioner
    assert sent_to_sign_in(copy.get(STAFF_PAGE))
