"""Recovery codes: shown once, kept only as hashes, each good for one sign-in."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.accounts import recovery_codes
from portal.accounts.recovery_codes import RecoveryCode
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.extensions import db
from tests.conftest import TEST_PASSWORD, csrf_token_from, next_totp_code, post_form
from tests.integration.referrals.test_races import at_once, meet_before, needs_concurrent_writers

pytestmark = pytest.mark.both_databases

CODE = re.compile(r"\b[a-z2-9]{4}-[a-z2-9]{4}\b")
USED_OR_WRONG = "That recovery code is not right or has been used."
LOCKED = "There have been too many attempts to sign in"


def actions(app: Flask) -> list[str]:
    with app.app_context():
        return [event.action for event in db.session.scalars(select(AuditEvent))]


def create_codes(client, page_check) -> list[str]:
    response = post_form(client, "/account/recovery-codes", {})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    soup = page_check(response)
    return CODE.findall(soup.select_one("main ol").get_text())


def password_step(client, account) -> None:
    response = post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/sign-in/code"


def test_a_new_set_is_ten_codes_shown_once_and_stored_only_as_hashes(
    app, client, make_account, sign_in, page_check
) -> None:
    account = make_account([Role.FRONT_DOOR])
    sign_in(client, account)
    home = client.get("/practitioners").get_data(as_text=True)
    assert 'href="/account/recovery-codes"' in home

    codes = create_codes(client, page_check)

    assert len(codes) == 10 and len(set(codes)) == 10
    again = client.get("/account/recovery-codes")
    assert again.headers["Cache-Control"] == "no-store"
    text = page_check(again).get_text()
    assert not CODE.findall(text), "the codes are shown once"
    assert "You have 10 recovery codes left." in text
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode)).all()
        assert len(stored) == 10 and all(row.used_at is None for row in stored)
        kept = " ".join(f"{row.code_hash} {row.salt}" for row in stored)
    for code in codes:
        assert code not in kept and code.replace("-", "") not in kept
    assert actions(app).count("account.recovery_codes_created") == 1


def test_a_new_set_replaces_the_old_one(app, client, make_account, sign_in, page_check) -> None:
    account = make_account([Role.PARTNER], kind="partner")
    sign_in(client, account)
    old = create_codes(client, page_check)
    new = create_codes(client, page_check)
    assert not set(old) & set(new)
    with app.app_context():
        assert db.session.scalar(select(func.count(RecoveryCode.id))) == 10
    stranger = app.test_client()
    password_step(stranger, account)
    refused = post_form(stranger, "/sign-in/recovery-code", {"code": old[0]})
    assert USED_OR_WRONG in refused.get_data(as_text=True)


def test_a_code_signs_in_once(app, client, make_account, sign_in, page_check) -> None:
    account = make_account([Role.LCPP])
    sign_in(client, account)
    codes = create_codes(client, page_check)

    phone_lost = app.test_client()
    password_step(phone_lost, account)
    code_page = phone_lost.get("/sign-in/code").get_data(as_text=True)
    assert 'href="/sign-in/recovery-code"' in code_page
    # Typed in capitals with a space instead of the dash: still the code.
    response = post_form(
        phone_lost, "/sign-in/recovery-code", {"code": codes[3].upper().replace("-", " ")}
    )
    assert response.headers["Location"] == "/practitioners"
    home = phone_lost.get("/practitioners")
    assert "You have 9 recovery codes left." in page_check(home).get_text()
    with app.app_context():
        used = db.session.scalars(select(RecoveryCode).where(RecoveryCode.used_at.isnot(None)))
        assert len(used.all()) == 1
    assert actions(app).count("account.recovery_code_used") == 1

    again = app.test_client()
    password_step(again, account)
    refused = post_form(again, "/sign-in/recovery-code", {"code": codes[3]})
    assert refused.status_code == 200
    soup = page_check(refused)
    assert USED_OR_WRONG in soup.select_one(".govuk-error-summary").get_text()
    assert again.get("/practitioners").status_code == 302, "not signed in"


def test_wrong_recovery_codes_count_against_the_same_lock_as_app_codes(
    app, client, make_account, sign_in, page_check
) -> None:
    account = make_account([Role.LCPP])
    sign_in(client, account)
    codes = create_codes(client, page_check)
    attacker = app.test_client()
    password_step(attacker, account)
    for _ in range(3):
        post_form(attacker, "/sign-in/code", {"code": "000000"})
    for guess in ("aaaa-aaaa", "bbbb-bbbb"):
        wrong = post_form(attacker, "/sign-in/recovery-code", {"code": guess})
        assert USED_OR_WRONG in wrong.get_data(as_text=True)
    refused = post_form(attacker, "/sign-in/recovery-code", {"code": codes[0]})
    assert LOCKED in refused.get_data(as_text=True), "a right code is refused while locked"
    assert attacker.get("/practitioners").status_code == 302
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count(RecoveryCode.id)).where(RecoveryCode.used_at.isnot(None))
            )
            == 0
        ), "nothing is checked while locked"
    assert "account.sign_in_throttled" in actions(app)


@pytest.mark.real_commits
def test_one_code_sent_twice_at_once_signs_in_once(
    app, make_account, sign_in, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    account = make_account([Role.LCPP])
    owner = app.test_client()
    sign_in(owner, account)
    code = create_codes(owner, page_check)[0]
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        password_step(browser, account)
    tokens = [csrf_token_from(b.get("/sign-in/recovery-code")) for b in (first, second)]
    meet_before(monkeypatch, recovery_codes, "_spend")

    responses = at_once(
        lambda: first.post("/sign-in/recovery-code", data={"csrf_token": tokens[0], "code": code}),
        lambda: second.post("/sign-in/recovery-code", data={"csrf_token": tokens[1], "code": code}),
    )

    assert sorted(r.status_code for r in responses) == [200, 302]
    assert actions(app).count("account.recovery_code_used") == 1


def test_the_link_after_partner_registration_leads_to_the_codes_after_sign_in(
    client, make_account
) -> None:
    account = make_account([Role.PARTNER], kind="partner")
    url = "/sign-in?next=%2Faccount%2Frecovery-codes"
    post_form(client, url, {"email": account.email, "password": TEST_PASSWORD})
    response = post_form(
        client, "/sign-in/code", {"code": next_totp_code(account, client.application)}
    )
    assert response.headers["Location"] == "/account/recovery-codes"
