"""The foundation's pages in a real browser: axe-core, both directions, both widths."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask_wtf.csrf import CSRFError
from playwright.sync_api import Page, Route, expect
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    HTTPException,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    RequestEntityTooLarge,
    TooManyRequests,
)

from portal.core.access import Role
from portal.core.errors import render_csrf_error, render_error
from portal.core.security import SECURITY_HEADERS
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, PHONE, browser_sign_in
from tests.conftest import TEST_PASSWORD, next_totp_code

pytestmark = pytest.mark.browser

ERRORS: list[HTTPException] = [
    BadRequest(),
    Forbidden(),
    NotFound(),
    MethodNotAllowed(),
    RequestEntityTooLarge(),
    TooManyRequests(),
    InternalServerError(),
]


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_public_pages_are_accessible(new_page, lang: str, viewport: dict) -> None:
    page: Page = new_page(viewport)
    for path in ["/", "/languages", "/sign-in", "/signed-out", "/no-such-page"]:
        page.goto(f"{path}?lang={lang}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        assert_accessible(page)


def serve(html: str, code: int, template: str) -> Callable[[Route], None]:
    """A route handler that answers with this page, with our real security headers."""

    def handle(route: Route) -> None:
        route.fulfill(
            status=code,
            body=html,
            content_type="text/html; charset=utf-8",
            headers={**SECURITY_HEADERS, "X-Rendered-Templates": template},
        )

    return handle


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_error_pages_are_accessible(new_page, live_app: Flask, lang: str, viewport: dict):
    page: Page = new_page(viewport)
    page.goto(f"/?lang={lang}")
    for error in [*ERRORS, CSRFError()]:
        with live_app.test_request_context(f"/?lang={lang}"):
            if isinstance(error, CSRFError):
                html, code = render_csrf_error(error)
                template = "errors/csrf.html"
            else:
                html, code = render_error(error)
                template = f"errors/{code}.html"
        url = f"/error-page-{template.replace('/', '-')}"
        page.route(f"**{url}", serve(html, code, template))
        response = page.goto(url)
        assert response.status == code
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_a_form_with_errors_is_accessible_and_keeps_input(phone_page: Page) -> None:
    phone_page.goto("/sign-in?lang=ar")
    phone_page.locator("#email").fill("not-an-email")
    phone_page.locator("form button[type=submit]").click()
    expect(phone_page.locator(".govuk-error-summary")).to_be_visible()
    expect(phone_page.locator("#email")).to_have_value("not-an-email")
    assert phone_page.title().split(" ")[0].endswith(":")
    assert_accessible(phone_page)


def test_staff_sign_in_and_out_at_320px(phone_page: Page, live_account, live_app: Flask) -> None:
    account = live_account([Role.FRONT_DOOR])
    browser_sign_in(phone_page, account, live_app)
    expect(phone_page.locator("h1")).to_have_text("Your work")
    assert_accessible(phone_page)
    phone_page.goto("/sign-out")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Sign out").click()
    expect(phone_page.locator("h1")).to_have_text("You are signed out")
    phone_page.goto("/practitioners")
    expect(phone_page.locator("h1")).to_have_text("Sign in")


def test_language_switcher_turns_the_page_around(phone_page: Page) -> None:
    phone_page.goto("/")
    phone_page.get_by_role("link", name="العربية").click()
    expect(phone_page.locator("html")).to_have_attribute("dir", "rtl")
    phone_page.goto("/languages")
    expect(phone_page.locator("html")).to_have_attribute("lang", "ar")


def test_exit_this_page_leaves_quickly(phone_page: Page) -> None:
    phone_page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
    )
    phone_page.goto("/")
    phone_page.get_by_role("button", name="Exit this page").click()
    expect(phone_page).to_have_url("https://www.bbc.co.uk/weather")


def test_pages_work_without_javascript(no_js_page: Page, live_account, live_app: Flask) -> None:
    account = live_account([Role.LCPP])
    browser_sign_in(no_js_page, account, live_app)
    expect(no_js_page.locator("h1")).to_have_text("Your work")


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_staff_pages_are_accessible(
    new_page, live_account, live_app: Flask, lang: str, viewport: dict
) -> None:
    page: Page = new_page(viewport)
    account = live_account([Role.FRONT_DOOR])
    page.goto(f"/sign-in?lang={lang}")
    page.locator("#email").fill(account.email)
    page.locator("#password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("#code")).to_be_visible()
    assert_accessible(page)
    page.locator("#code").fill(next_totp_code(account, live_app))
    page.locator("form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    for path in ["/practitioners", "/sign-out", "/dev/outbox"]:
        page.goto(path)
        assert_accessible(page)
