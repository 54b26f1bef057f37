"""Guessing stops: failed sign-ins lock the account (from every address) and the address."""

import json
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update

from portal.accounts.throttle import SignInThrottle
from portal.core.access import Role
from portal.core.audit import AuditEvent, utcnow
from portal.extensions import db
from tests.conftest import TEST_PASSWORD, next_totp_code, post_form
from tests.integration.plans.plan_factories import latest_code

# The counts are UPDATEs and a savepointed INSERT: their behaviour depends on the database.
pytestmark = pytest.mark.both_databases

LOCKED = "There have been too many attempts to sign in"
WRONG_PASSWORD = "Tr0ub4dor&3-wrong-guess"


def client_at(app: Flask, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def audit_events(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(query))


def expire_locks(app: Flask) -> None:
    """Move every lock and count window into the past, as if 16 minutes had gone by."""
    with app.app_context():
        past = utcnow() - timedelta(minutes=16)
        db.session.execute(
            update(SignInThrottle).values(locked_until=past, window_started_at=past - timedelta(1))
        )
        db.session.commit()


def staff_password(client, email: str, password: str) -> str:
    response = post_form(client, "/sign-in", {"email": email, "password": password})
    return "302" if response.status_code == 302 else response.get_data(as_text=True)


def test_five_wrong_passwords_lock_the_staff_account_from_every_address(app, make_account):
    account = make_account([Role.FRONT_DOOR])
    attacker = client_at(app, "203.0.113.7")
    for _ in range(5):
        page = staff_password(attacker, account.email, WRONG_PASSWORD)
        assert "Enter a correct email address and password" in page
    assert LOCKED in staff_password(attacker, account.email, TEST_PASSWORD), "right, yet refused"
    # The owner, from another address, is locked out too: the lock is on the account.
    owner = client_at(app, "198.51.100.20")
    page = staff_password(owner, account.email, TEST_PASSWORD)
    assert LOCKED in page and "15 minutes" in page

    failed = audit_events(app, "account.sign_in_failed")
    assert len(failed) == 5
    assert {e.subject_id for e in failed} == {account.public_id}
    assert failed[0].detail == {"address": "203.0.113.7", "factor": "password"}
    throttled = audit_events(app, "account.sign_in_throttled")
    assert [e.detail["address"] for e in throttled] == ["203.0.113.7", "198.51.100.20"]
    assert {e.detail["scope"] for e in throttled} == {"account"}
    every_detail = json.dumps([e.detail for e in failed + throttled])
    assert WRONG_PASSWORD not in every_detail and TEST_PASSWORD not in every_detail

    expire_locks(app)
    assert staff_password(owner, account.email, TEST_PASSWORD) == "302", "the lock runs out"


def test_unknown_emails_lock_the_same_way(app):
    client = client_at(app, "203.0.113.8")
    for _ in range(5):
        assert LOCKED not in staff_password(client, "nobody@eastholme.example", WRONG_PASSWORD)
    assert LOCKED in staff_password(client, "nobody@eastholme.example", WRONG_PASSWORD)
    assert {e.subject_id for e in audit_events(app, "account.sign_in_failed")} == {"unknown"}


def test_wrong_authenticator_codes_lock_the_account(app, make_account):
    account = make_account([Role.LCPP])
    client = client_at(app, "203.0.113.9")
    assert staff_password(client, account.email, TEST_PASSWORD) == "302"
    for _ in range(5):
        page = post_form(client, "/sign-in/code", {"code": "000000"}).get_data(as_text=True)
        assert "not right" in page
    right = next_totp_code(account, app)
    page = post_form(client, "/sign-in/code", {"code": right})
    assert page.status_code == 200 and LOCKED in page.get_data(as_text=True)
    assert client.get("/practitioners").status_code == 302, "not signed in"
    # Going back to the password does not reset anything.
    assert LOCKED in staff_password(client_at(app, "198.51.100.21"), account.email, TEST_PASSWORD)
    factors = {e.detail["factor"] for e in audit_events(app, "account.sign_in_failed")}
    assert factors == {"authenticator"}

    expire_locks(app)
    assert staff_password(client, account.email, TEST_PASSWORD) == "302"
    response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    assert response.headers["Location"] == "/practitioners"


FAMILY_EMAIL = "parent.throttle@example.com"


def family_password(client, password: str) -> str:
    response = post_form(
        client, "/my-plan/sign-in", {"identifier": FAMILY_EMAIL, "password": password}
    )
    return "302" if response.status_code == 302 else response.get_data(as_text=True)


def test_wrong_family_passwords_lock_the_account(app, make_account):
    make_account([Role.FAMILY], kind="family", email=FAMILY_EMAIL)
    attacker = client_at(app, "203.0.113.10")
    for _ in range(5):
        assert "password you signed up with" in family_password(attacker, WRONG_PASSWORD)
    assert LOCKED in family_password(attacker, TEST_PASSWORD)
    assert LOCKED in family_password(client_at(app, "198.51.100.22"), TEST_PASSWORD)
    expire_locks(app)
    assert family_password(attacker, TEST_PASSWORD) == "302"


def test_wrong_family_codes_lock_the_account_even_with_new_codes(app, make_account):
    make_account([Role.FAMILY], kind="family", email=FAMILY_EMAIL)
    client = client_at(app, "203.0.113.11")
    wrong_codes = 0
    for _ in range(2):  # a new code (by signing in again) used to give five more guesses
        assert family_password(client, TEST_PASSWORD) == "302"
        with app.app_context():
            code = latest_code(FAMILY_EMAIL)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for _ in range(3):
            post_form(client, "/my-plan/sign-in/code", {"code": wrong})
            wrong_codes += 1
            if wrong_codes == 5:
                break
    page = post_form(client, "/my-plan/sign-in/code", {"code": code}).get_data(as_text=True)
    assert LOCKED in page, "the sixth guess is refused even when right"
    assert client.get("/my-plan").status_code == 302
    assert LOCKED in family_password(client, TEST_PASSWORD)
    factors = [e.detail["factor"] for e in audit_events(app, "account.sign_in_failed")]
    assert factors == ["sent_code"] * 5


def test_one_address_guessing_many_accounts_is_locked(app, make_account):
    app.config["SIGN_IN_THROTTLE_ADDRESS_FAILURES"] = 3
    account = make_account([Role.FRONT_DOOR])
    attacker = client_at(app, "203.0.113.12")
    for number in range(3):
        staff_password(attacker, f"guess{number}@eastholme.example", WRONG_PASSWORD)
    page = staff_password(attacker, account.email, TEST_PASSWORD)
    assert LOCKED in page
    throttled = audit_events(app, "account.sign_in_throttled")
    assert throttled[-1].detail["scope"] == "address"
    assert staff_password(client_at(app, "198.51.100.23"), account.email, TEST_PASSWORD) == "302"


def test_restarting_a_partner_registration_gives_no_more_guesses(app):
    client = client_at(app, "203.0.113.14")
    details = {"display_name": "Sam", "organisation": "Eastholme Primary", "email": "v@nhs.net"}
    guesses = 0
    for _ in range(2):
        confirm_url = post_form(client, "/partners/register", details).headers["Location"]
        for _ in range(3):
            post_form(client, confirm_url, {"code": "000000"})
            guesses += 1
            if guesses == 5:
                break
    with app.app_context():
        code = latest_code("v@nhs.net")
    page = post_form(client, confirm_url, {"code": code}).get_data(as_text=True)
    assert LOCKED in page
    failed = audit_events(app, "account.sign_in_failed")
    assert [e.detail["factor"] for e in failed] == ["registration_code"] * 5
    assert {e.subject_type for e in failed} == {"partner_registration"}


def test_an_administrator_can_unlock_an_account(app, make_account):
    account = make_account([Role.FRONT_DOOR])
    client = client_at(app, "203.0.113.13")
    for _ in range(5):
        staff_password(client, account.email, WRONG_PASSWORD)
    assert LOCKED in staff_password(client, account.email, TEST_PASSWORD)
    result = app.test_cli_runner().invoke(args=["accounts", "unlock", account.email.upper()])
    assert result.exit_code == 0, result.output
    assert staff_password(client, account.email, TEST_PASSWORD) == "302"
    unlocked = audit_events(app, "account.unlocked")
    assert [e.subject_id for e in unlocked] == [account.public_id]
    missing = app.test_cli_runner().invoke(args=["accounts", "unlock", "no@one.example"])
    assert missing.exit_code != 0 and "No account" in missing.output


def test_the_lock_is_explained_in_the_persons_language(app, make_account):
    make_account([Role.FAMILY], kind="family", email=FAMILY_EMAIL)
    client = client_at(app, "203.0.113.15")
    url = "/my-plan/sign-in?lang=pl"
    for _ in range(6):
        response = post_form(client, url, {"identifier": FAMILY_EMAIL, "password": WRONG_PASSWORD})
    page = response.get_data(as_text=True)
    assert "Było zbyt wiele prób zalogowania" in page and "odczekaj 15 minut " in page
