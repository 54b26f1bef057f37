"""Recovery codes in a real browser: made and read at 320 and 1280 px, English and Arabic, and
a sign-in with one of them; axe-core checks every page on the way."""

from __future__ import annotations

import os
import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from portal.core.access import Role
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, PHONE, browser_sign_in, each_width_and_language
from tests.conftest import TEST_PASSWORD, next_totp_code, post_form

pytestmark = pytest.mark.browser
CODE = re.compile(r"^[a-z2-9]{4}-[a-z2-9]{4}$")
# Set to a folder to keep a 320 px picture of the codes page in each language (CONTRIBUTING.md).
SCREENSHOTS = os.environ.get("RECOVERY_CODES_SCREENSHOTS", "")


def test_the_codes_page_shows_a_new_set_once(phone_page: Page, live_account, live_app) -> None:
    page = phone_page
    browser_sign_in(page, live_account([Role.LCPP]), live_app)
    page.get_by_role("link", name="Recovery codes for when you lose your phone").click()
    for lang in each_width_and_language(page):
        page.goto(f"/account/recovery-codes?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("main ol li")).to_have_count(0)
        assert_accessible(page)
        page.locator("main form button[type=submit]").click()
        codes = page.locator("main ol li").all_inner_texts()
        assert len(codes) == 10 and all(CODE.match(code.strip()) for code in codes), codes
        assert_accessible(page)
        if SCREENSHOTS and page.viewport_size == PHONE:
            page.screenshot(path=f"{SCREENSHOTS}/recovery-codes-{lang}.png", full_page=True)
        page.goto("/account/recovery-codes")  # a GET: the codes are not shown again
        expect(page.locator("main ol li")).to_have_count(0)


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_signing_in_with_a_recovery_code(
    new_page, live_account, live_app: Flask, lang: str, viewport: dict
) -> None:
    account = live_account([Role.FRONT_DOOR])
    owner = live_app.test_client()
    post_form(owner, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    post_form(owner, "/sign-in/code", {"code": next_totp_code(account, live_app)})
    made = post_form(owner, "/account/recovery-codes", {}).get_data(as_text=True)
    code = re.findall(r'dir="ltr">([a-z2-9]{4}-[a-z2-9]{4})</span>', made)[0]

    page: Page = new_page(viewport)
    page.goto(f"/sign-in?lang={lang}")
    page.locator("#email").fill(account.email)
    page.locator("#password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("main a[href='/sign-in/recovery-code']").click()
    expect(page.locator("#code")).to_be_visible()
    assert_accessible(page)
    page.locator("form button[type=submit]").click()  # empty: an error to read
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#code").fill(code)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/practitioners$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("9")
    assert_accessible(page)
