"""Every referral page template through axe-core, in English and Arabic, at 320 and 1280 px.

Data is made quickly through real HTTP with Flask's test client on the live server's database;
the browser then visits each page as the right person.
"""

import os
import re
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy.engine import make_url

from portal.core.access import Role
from portal.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, PHONE, browser_sign_in, each_width_and_language
from tests.conftest import TEST_PASSWORD, csrf_token_from, next_totp_code, post_form
from tests.integration.referrals.journey import answer, start, step_key, walk_to_check

pytestmark = pytest.mark.browser


def signed_in_client(app: Flask, account):
    client = app.test_client()
    post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    return client


def visit(page: Page, path: str, lang: str) -> None:
    page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    assert_accessible(page)


def test_referrer_and_front_door_pages(new_page, live_account, live_app):
    partner = live_account([Role.PARTNER], kind="partner")
    maker = signed_in_client(live_app, partner)
    # A sent referral, decided by the front door, with a message.
    first = start(maker).headers["Location"]
    sent_id, _ = step_key(first)
    answer(maker, walk_to_check(maker, first), {})
    # A draft that stops at immediate danger, and one waiting at the children step.
    stop_first = start(maker).headers["Location"]
    answer(maker, stop_first, {"answer": "yes"})
    draft_first = start(maker).headers["Location"]
    draft_id, _ = step_key(draft_first)
    answer(maker, draft_first, {"answer": "no"})
    answer(maker, f"/refer/{draft_id}/step/referrer_role", {"answer": "GP"})
    children = f"/refer/{draft_id}/step/children"
    answer(
        maker,
        children,
        {
            "action": "add",
            "first_name": "Amira",
            "last_name": "Haddad",
            "date_of_birth": ["27", "3", "2017"],
        },
    )

    front_door = live_account([Role.FRONT_DOOR])
    desk = new_page(PHONE)
    browser_sign_in(desk, front_door, live_app)
    page = new_page(PHONE)
    browser_sign_in(page, partner, live_app)
    for lang in each_width_and_language(desk, page):
        visit(desk, "/practitioners/front-door", lang)
        visit(desk, f"/practitioners/front-door/{sent_id}", lang)
        # A decision form sent empty shows its errors.
        desk.locator("form[action$='/decide'] button[type=submit]").click()
        expect(desk.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(desk)

        visit(page, "/refer", lang)
        visit(page, f"/refer/{draft_id}/delete", lang)
        visit(page, f"/refer/{sent_id}/sent", lang)
        visit(page, f"/refer/{sent_id}/outcome", lang)
        visit(page, stop_first.replace("immediate_danger", "danger_stop"), lang)
        visit(page, children, lang)
        page.locator(".govuk-summary-list__actions a").first.click()
        assert_accessible(page)
        page.goto(f"{page.url.rsplit('?', 1)[0]}/remove?lang={lang}")
        assert_accessible(page)
        # An empty answer shows the error summary.
        visit(page, f"/refer/{draft_id}/step/referrer_role", lang)
        page.locator("#answer").fill("")
        page.locator("#conversation-step button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)

    # Decide, then the referrer's outcome page and check-your-answers of a finished draft.
    maker_desk = signed_in_client(live_app, front_door)
    read = f"/practitioners/front-door/{sent_id}"
    maker_desk.post(
        f"{read}/decide",
        data={
            "csrf_token": csrf_token_from(maker_desk.get(read)),
            "decide-decision": "family-help",
            "decide-reasons": "Needs.",
            "decide-note": "We will phone.",
        },
    )
    other_first = start(maker).headers["Location"]
    check = walk_to_check(maker, other_first)
    for lang in each_width_and_language(desk, page):
        visit(desk, read, lang)
        visit(page, f"/refer/{sent_id}/outcome", lang)
        visit(page, check, lang)


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_registration_pages(new_page, live_app, lang, viewport):
    page = new_page(viewport)
    visit(page, "/partners/register", lang)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    email = f"reg.{lang}.{viewport['width']}@nhs.net"
    page.locator("#display_name").fill("Dana Price")
    page.locator("#organisation").fill("Eastholme Health")
    page.locator("#email").fill(email)
    page.locator("main button[type=submit]").click()
    assert_accessible(page)
    with live_app.app_context():
        from portal.core.notify import OutboxMessage

        body = db.session.query(OutboxMessage).filter_by(recipient=email).one().body
    page.locator("#code").fill(re.search(r"\d{6}", body).group(0))
    page.locator("main button[type=submit]").click()
    assert_accessible(page)
    page.locator("#password").fill("a long and memorable password")
    page.locator("#confirm").fill("a long and memorable password")
    page.locator("main button[type=submit]").click()
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.locator("#code").fill(pyotp.TOTP(secret).now())
    page.locator("main button[type=submit]").click()
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert_accessible(page)


def test_the_try_again_page(new_page, live_account, live_app):
    """The database file goes away for real while an answer is sent, then comes back."""
    partner = live_account([Role.PARTNER], kind="partner")
    page = new_page(PHONE, java_script_enabled=False)
    browser_sign_in(page, partner, live_app)
    # The same page with JavaScript on, for axe-core (it cannot run with JavaScript off).
    js_page = new_page(PHONE)
    browser_sign_in(js_page, partner, live_app)
    database = Path(make_url(live_app.config["SQLALCHEMY_DATABASE_URI"]).database)
    away = database.with_suffix(".away")
    for lang in each_width_and_language(page, js_page):
        page.goto(f"/refer?lang={lang}")
        page.locator("main form button").click()
        url = page.url.split("?")[0]
        with live_app.app_context():
            db.engine.dispose()
        os.rename(database, away)
        try:
            page.locator("input[name=answer][value=no]").check()
            page.locator("#conversation-step button[type=submit]").click()
            expect(page.locator(".govuk-inset-text")).to_be_visible()
            expect(page.locator("main form input[name=answer]")).to_have_value("no")
        finally:
            with live_app.app_context():
                db.engine.dispose()
            database.unlink(missing_ok=True)
            os.rename(away, database)
        js_page.goto(f"{url}?lang={lang}")
        with live_app.app_context():
            db.engine.dispose()
        os.rename(database, away)
        try:
            js_page.reload()
            expect(js_page.locator("h1")).to_be_visible()
            assert_accessible(js_page)
        finally:
            with live_app.app_context():
                db.engine.dispose()
            database.unlink(missing_ok=True)
            os.rename(away, database)
