"""A family member adds a passkey, then signs in with it (Chromium's virtual authenticator)."""

import pytest
from playwright.sync_api import expect

from portal.core.access import Role
from tests.browser.axe import assert_accessible
from tests.browser.test_plans_journey import code_for
from tests.conftest import TEST_PASSWORD
from tests.integration.plans.plan_factories import add_member, family_with_plan

pytestmark = pytest.mark.browser


def test_add_a_passkey_then_sign_in_with_it(live_app, live_server, live_account, phone_page):
    lead = live_account([Role.LEAD_PRACTITIONER])
    member = live_account([Role.FAMILY], kind="family", email="passkey@example.com")
    with live_app.app_context():
        add_member(family_with_plan(lead, versions=1), member)
    # WebAuthn needs a domain name, not an IP address: use localhost.
    base = live_server.url.replace("127.0.0.1", "localhost")
    page = phone_page
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.goto(f"{base}/my-plan/sign-in")
    page.get_by_label("Email address or mobile number").fill(member.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(code_for(live_app, member.email))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your family's plan")

    page.goto(f"{base}/my-plan/passkeys")
    expect(page.get_by_role("button", name="Add a passkey")).to_be_visible()
    expect(page.get_by_text("That did not work. Try again")).to_be_hidden()
    assert_accessible(page)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your passkey has been added"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/my-plan/sign-in")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your family's plan")


def test_the_passkey_error_shows_only_when_an_attempt_fails(live_server, phone_page):
    page = phone_page
    page.goto(f"{live_server.url.replace('127.0.0.1', 'localhost')}/my-plan/sign-in?lang=en")
    error = page.get_by_text("That did not work. Sign in with your password instead.")
    expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
    expect(error).to_be_hidden()
    page.route(
        "**/my-plan/sign-in/passkey/options",
        lambda route: route.fulfill(status=503, content_type="application/json", body="{}"),
    )
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(error).to_be_visible()
