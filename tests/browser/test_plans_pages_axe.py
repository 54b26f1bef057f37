"""axe-core on every plans page, in English and Arabic, at 320 and 1280 px."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.accounts.invitations import invite_member
from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db
from portal.plans.comments import add_comment
from portal.plans.families import create_family
from portal.plans.models import Family, PlanVersion, PlanVersionStatus
from portal.plans.service import start_draft
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, PHONE, browser_sign_in, each_width_and_language
from tests.browser.test_plans_journey import code_for, newest_message
from tests.conftest import TEST_PASSWORD
from tests.integration.plans.plan_factories import add_member, family_with_plan

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_world(live_app, live_account):
    lead = live_account([Role.LEAD_PRACTITIONER])
    member = live_account([Role.FAMILY], kind="family", email="axe-member@example.com")
    with live_app.app_context(), live_app.test_request_context():
        family = family_with_plan(lead, versions=2, name="The Axe family")
        add_member(family, member, last_seen=1)
        family = db.session.scalar(select(Family).where(Family.public_id == family.public_id))
        account = db.session.get(Account, member.id)
        comment = add_comment(account, family.plan, None, "disagree", "We do not agree with this.")
        staff = db.session.get(Account, lead.id)
        # The invitation is to a family whose plan is still a draft: "not ready yet".
        waiting = create_family(
            staff,
            name="Waiting family",
            preferred_language="en",
            interpreter_needed=False,
            people=[("Child", "child", None)],
        )
        invite_member(
            staff,
            waiting,
            display_name="New person",
            channel="email",
            destination="new@example.com",
        )
        start_draft(staff, family.plan)
        db.session.commit()
        version = db.session.scalar(
            select(PlanVersion)
            .where(
                PlanVersion.plan_id == family.plan.id,
                PlanVersion.status == PlanVersionStatus.PUBLISHED,
            )
            .order_by(PlanVersion.number)
        )
        return {
            "lead": lead,
            "member": member,
            "family": family.public_id,
            "version": version.public_id,
            "comment": comment.public_id,
            "invitation": re.search(
                r"(/my-plan/invitation/\S+)", newest_message(live_app, "new@example.com")
            ).group(1),
        }


def visit(page: Page, url: str, lang: str) -> None:
    joiner = "&" if "?" in url else "?"
    page.goto(f"{url}{joiner}lang={lang}")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)


def test_staff_pages(live_app, new_page, plan_world):
    page = new_page(PHONE)
    browser_sign_in(page, plan_world["lead"], live_app)
    base = f"/practitioners/families/{plan_world['family']}"
    for lang in each_width_and_language(page):
        for url in [
            "/practitioners/families",
            "/practitioners/families/new",
            base,
            f"{base}/invite",
            f"{base}/plan",
            f"{base}/plan/sections/worries",
            f"{base}/plan/sections/level",
            f"{base}/plan/sections/meeting",
            f"{base}/plan/goals/new",
            f"{base}/plan/goals/goal-one/actions/act-one",
            f"{base}/plan/team/new",
            f"{base}/plan/preview",
            f"{base}/plan/publish",
            f"{base}/versions/{plan_world['version']}",
            f"{base}/comments/{plan_world['comment']}/reply",
        ]:
            visit(page, url, lang)
        # A form with errors: the error summary and inline messages.
        visit(page, f"{base}/plan/publish", lang)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)


@pytest.mark.parametrize(
    ("viewport", "lang"), [(PHONE, "en"), (PHONE, "ar"), (DESK, "en"), (DESK, "ar")]
)
def test_family_pages(live_app, new_page, plan_world, viewport, lang):
    page = new_page(viewport)
    visit(page, "/my-plan/invitation/not-a-real-token", lang)
    visit(page, plan_world["invitation"], lang)
    page.locator("form button").first.click()
    page.wait_for_load_state()
    assert_accessible(page)  # enter the code
    page.locator("#code").fill("12")  # too short: an error, and no try used up
    page.locator("form button").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#code").fill(code_for(live_app, "new@example.com"))
    page.locator("form button").first.click()
    page.wait_for_load_state()
    assert_accessible(page)  # choose a password
    page.locator("#password").fill("three short words")
    page.locator("#confirm").fill("three short words")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_count(1)
    assert page.url.split("?")[0].endswith("/my-plan")
    assert_accessible(page)  # "your plan is not ready yet"
    page.context.clear_cookies()

    visit(page, "/my-plan/sign-in", lang)
    page.locator("#identifier").fill(plan_world["member"].email)
    page.locator("#password").fill(TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert_accessible(page)  # the code step
    page.locator("#code").fill(code_for(live_app, plan_world["member"].email))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    for url in [
        "/my-plan",
        "/my-plan/versions",
        f"/my-plan/versions/{plan_world['version']}",
        "/my-plan/views",
        "/my-plan/who-has-looked",
        "/my-plan/passkeys",
        "/my-plan/sign-out",
    ]:
        visit(page, url, lang)
