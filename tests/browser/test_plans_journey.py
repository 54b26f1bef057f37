"""The plan journey in a real browser at 320 px, with axe-core on every page."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from tests.browser.axe import assert_accessible
from tests.browser.conftest import browser_sign_in
from tests.integration.plans.plan_factories import family_with_plan

pytestmark = pytest.mark.browser
FAMILY_EMAIL = "funmi@example.com"
PASSWORD = "three short words"


def newest_message(live_app, recipient: str) -> str:
    with live_app.app_context():
        message = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == recipient)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
        return message.body


def code_for(live_app, recipient: str) -> str:
    return re.search(r"\b(\d{6})\b", newest_message(live_app, recipient)).group(1)


def check(page: Page) -> None:
    page.wait_for_load_state()
    assert_accessible(page)


def test_invite_publish_accept_view_and_answer(live_app, live_account, phone_page, new_page):
    lead = live_account([Role.LEAD_PRACTITIONER])
    with live_app.app_context():
        family = family_with_plan(lead, versions=1, name="The Okafor family")
        family_id = family.public_id

    # The lead practitioner invites a family member.
    page = phone_page
    browser_sign_in(page, lead, live_app)
    page.goto(f"/practitioners/families/{family_id}")
    check(page)
    page.get_by_role("link", name="Invite a family member").click()
    check(page)
    page.get_by_label("Their name").fill("Funmi")
    page.get_by_label("Email address or mobile number").fill(FAMILY_EMAIL)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Invitation sent")
    check(page)

    # ...and writes and publishes a new version, editing inline with htmx.
    page.get_by_role("button", name="Start a new version").click()
    check(page)
    page.locator("#section-worries").get_by_role("link", name="Change").click()
    box = page.locator("#section-worries textarea")
    expect(box).to_be_visible()
    assert page.url.endswith("/plan"), "the edit happened inline, without leaving the editor"
    box.fill("The rent is behind.")
    page.locator("#section-worries").get_by_role("button", name="Save").click()
    expect(page.locator("#section-worries")).to_contain_text("The rent is behind.")
    check(page)
    page.locator("#section-goals").get_by_role("link", name="Add a goal").click()
    page.locator("#section-goals textarea").fill("The rent is paid every month")
    page.locator("#section-goals").get_by_role("button", name="Save goal").click()
    expect(page.locator("#section-goals")).to_contain_text("The rent is paid every month")
    page.get_by_role("link", name="Preview what the family will see").first.click()
    expect(page.locator(".app-changes")).to_contain_text("New goal: The rent is paid every month")
    check(page)
    page.get_by_role("link", name="Publish").first.click()
    check(page)
    page.get_by_label("What changed").fill("We added a goal about the rent.")
    page.get_by_role("button", name="Publish this version").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Version 2 is published")

    # The family member accepts the invitation with the code from the outbox.
    link = re.search(r"https?://\S+/my-plan/invitation/\S+", newest_message(live_app, FAMILY_EMAIL))
    family_page = new_page()
    family_page.goto(link.group(0))
    check(family_page)
    family_page.get_by_role("button", name="Send me a code").click()
    check(family_page)
    family_page.get_by_label("Code").fill(code_for(live_app, FAMILY_EMAIL))
    family_page.get_by_role("button", name="Continue").click()
    check(family_page)
    family_page.get_by_label("Password", exact=True).fill(PASSWORD)
    family_page.get_by_label("Type your password again").fill(PASSWORD)
    family_page.get_by_role("button", name="Save password").click()
    expect(family_page.get_by_role("heading", level=1)).to_have_text("Your family's plan")
    check(family_page)

    # Signs out and in again: password, then a code.
    family_page.get_by_role("link", name="Sign out").click()
    check(family_page)
    family_page.get_by_role("button", name="Sign out").click()
    family_page.goto("/my-plan")
    expect(family_page.get_by_role("heading", level=1)).to_have_text(
        "Sign in to see your family's plan"
    )
    check(family_page)
    family_page.get_by_label("Email address or mobile number").fill(FAMILY_EMAIL)
    family_page.get_by_label("Password", exact=True).fill(PASSWORD)
    family_page.get_by_role("button", name="Continue").click()
    check(family_page)
    family_page.get_by_label("Code").fill(code_for(live_app, FAMILY_EMAIL))
    family_page.get_by_role("button", name="Continue").click()

    # Sees the plan and what changed.
    expect(family_page.locator("#what-changed")).to_contain_text(
        "New goal: The rent is paid every month"
    )
    expect(family_page.locator(".app-plan")).to_contain_text("The rent is behind.")
    check(family_page)

    # Adds a view.
    family_page.get_by_role("link", name="Add your views").click()
    check(family_page)
    family_page.get_by_label("Say I don't agree").check()
    family_page.get_by_label("What you want to say").fill("Nana Grace can help with school.")
    family_page.get_by_role("button", name="Send").click()
    expect(family_page.locator(".app-comment").first).to_contain_text("Nana Grace")
    check(family_page)

    # Downloads the PDF.
    family_page.get_by_role("link", name="Your plan", exact=True).click()
    with family_page.expect_download() as download:
        family_page.get_by_role("link", name="Download your plan as a PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # Who has looked.
    family_page.get_by_role("link", name="Who has looked at your plan").click()
    expect(family_page.locator(".app-openings")).to_contain_text("Lead practitioner")
    check(family_page)

    # The practitioner sees the view.
    page.goto(f"/practitioners/families/{family_id}")
    expect(page.locator("#comments")).to_contain_text("Nana Grace can help with school.")
    expect(page.locator("#comments")).to_contain_text("Does not agree")
    check(page)
