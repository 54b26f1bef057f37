"""An edit page opened straight from its address saves what was typed, with JavaScript on."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import Family
from portal.plans.service import current_draft, start_draft
from tests.browser.conftest import browser_sign_in
from tests.integration.plans.plan_factories import family_with_plan

pytestmark = pytest.mark.browser


def test_edit_page_opened_by_address_saves(live_app, live_account, phone_page):
    lead = live_account([Role.LEAD_PRACTITIONER])
    with live_app.app_context():
        family = family_with_plan(lead, versions=1)
        family_id = family.public_id
        start_draft(db.session.get(Account, lead.id), family.plan)
        db.session.commit()
    page = phone_page
    browser_sign_in(page, lead, live_app)
    # A bookmark or a new tab: the edit page is the whole page, with htmx loaded.
    page.goto(f"/practitioners/families/{family_id}/plan/sections/going_well")
    page.wait_for_function("window.htmx !== undefined")
    expect(page.get_by_role("heading", level=1)).to_have_text("What is going well")
    page.get_by_label("What is going well").fill("Typed on a page opened from a bookmark.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-going_well")).to_contain_text(
        "Typed on a page opened from a bookmark."
    )
    assert page.url.endswith("/plan#section-going_well")

    page.goto(f"/practitioners/families/{family_id}/plan/goals/new")
    page.wait_for_function("window.htmx !== undefined")
    page.locator("textarea").fill("A goal from a new tab")
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator("#section-goals")).to_contain_text("A goal from a new tab")

    with live_app.app_context():
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        body = load_body(current_draft(family.plan).body)
        assert body.going_well == "Typed on a page opened from a bookmark."
        assert [goal.text for goal in body.goals][-1] == "A goal from a new tab"
