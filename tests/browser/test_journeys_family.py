"""A family member at 320 px: signs in with a password and a code from the outbox, reads the
plan and says what they think. What is stored is exactly what they typed."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.core.access import Role
from portal.extensions import db
from portal.plans.models import PlanComment
from tests.browser.screen import (
    assert_no_markup_shown,
    assert_nothing_filled_in,
    assert_questions,
    h1,
)
from tests.conftest import TEST_PASSWORD
from tests.integration.plans.plan_factories import add_member, family_with_plan, latest_code

pytestmark = pytest.mark.browser
VISIBLE_ERRORS = ".govuk-error-summary:visible, .govuk-error-message:visible"
# What a person might type, with characters that HTML must escape.
VIEW = "Nana Grace can help with school on Fridays & we'd like <more> time."


def test_a_family_member_signs_in_reads_the_plan_and_says_what_they_think(
    phone_page: Page, live_account, live_app
) -> None:
    lead = live_account([Role.LEAD_PRACTITIONER])
    member = live_account([Role.FAMILY], kind="family", email="grace@example.com")
    with live_app.app_context():
        family = family_with_plan(lead, versions=1, name="The Mensah family")
        add_member(family, member)
        plan_id = family.plan.id

    page = phone_page
    page.goto("/my-plan")
    assert h1(page) == "Sign in to see your family's plan"
    expect(page.locator(VISIBLE_ERRORS)).to_have_count(0)
    form = page.locator("main form[method=post]")
    assert_questions(form, ["Email address or mobile number", "Password"])
    assert_nothing_filled_in(form)
    page.get_by_label("Email address or mobile number").fill(member.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.locator(VISIBLE_ERRORS)).to_have_count(0)
    form = page.locator("main form[method=post]").first
    assert_questions(form, ["Code"])
    assert_nothing_filled_in(form)
    with live_app.app_context():
        code = latest_code(member.email)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()

    assert h1(page) == "Your family's plan"
    expect(page.locator(".app-plan")).to_contain_text("Worry in version 1")
    expect(page.locator(".app-plan")).to_contain_text("Go to school")
    assert_no_markup_shown(page.locator("main"))
    page.get_by_role("link", name="Add your views").click()

    assert h1(page) == "What you think about your plan"
    expect(page.locator(VISIBLE_ERRORS)).to_have_count(0)
    form = page.locator("main form[method=post]")
    assert_questions(form, ["What do you want to do?", "What you want to say"])
    assert_nothing_filled_in(form)
    page.get_by_label("Add my views").check()
    page.get_by_label("What you want to say").fill(VIEW)
    page.get_by_role("button", name="Send").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you. Your lead practitioner will read what you said."
    )
    expect(page.locator(".app-comment__text").first).to_have_text(VIEW)
    assert_nothing_filled_in(page.locator("main form[method=post]"))
    with live_app.app_context():
        stored = db.session.scalars(select(PlanComment).where(PlanComment.plan_id == plan_id))
        assert [(c.author_id, c.kind, c.text) for c in stored] == [(member.id, "view", VIEW)]
