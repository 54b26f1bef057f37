"""The plan editor and the family's views work as plain forms with JavaScript off."""

import pytest
from playwright.sync_api import expect

from portal.core.access import Role
from tests.browser.conftest import browser_sign_in
from tests.integration.plans.plan_factories import family_with_plan

pytestmark = pytest.mark.browser


def test_editor_without_javascript(live_app, live_account, no_js_page):
    lead = live_account([Role.LEAD_PRACTITIONER])
    with live_app.app_context():
        family_id = family_with_plan(lead, versions=1).public_id
    page = no_js_page
    browser_sign_in(page, lead, live_app)
    page.goto(f"/practitioners/families/{family_id}")
    page.get_by_role("button", name="Start a new version").click()
    page.locator("#section-worries").get_by_role("link", name="Change").click()
    # Without htmx the link opens a page of its own.
    expect(page.get_by_role("heading", level=1)).to_have_text("What we are worried about")
    page.locator("textarea").fill("Written without JavaScript.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-worries")).to_contain_text("Written without JavaScript.")
    assert "#section-worries" in page.url

    page.locator("#section-goals").get_by_role("link", name="Add a goal").click()
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the goal")
    page.locator("textarea").fill("A goal typed on a plain form")
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator("#section-goals")).to_contain_text("A goal typed on a plain form")
    page.locator("#section-goals").get_by_role(
        "button", name="Remove A goal typed on a plain form"
    ).click()
    expect(page.locator("#section-goals")).not_to_contain_text("A goal typed on a plain form")
