"""A referral made in a real browser, with and without JavaScript, then decided by the front door.

axe-core runs on every page and every step at 320 px.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from portal.core.access import Role
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, browser_sign_in

pytestmark = pytest.mark.browser

# axe-core cannot run in a page with JavaScript off, so those journeys check behaviour only;
# the same templates are checked with JavaScript on.
NO_JS: set[int] = set()


def check(page: Page) -> None:
    if id(page) not in NO_JS:
        assert_accessible(page)


def choose(label: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_label(label, exact=True).check()


def type_in(label: str, text: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_label(label, exact=True).fill(text)


def tick(*labels: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        for label in labels:
            page.get_by_label(label, exact=True).check()

    return act


def add_child(page: Page) -> None:
    page.get_by_label("First name", exact=True).fill("Amira")
    page.get_by_label("Last name", exact=True).fill("Haddad")
    page.get_by_label("Day", exact=True).fill("27")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("2017")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Amira Haddad")
    check(page)


def nothing(page: Page) -> None:
    return None


ROLE = "What is your role, and how do you know the family?"
STEPS: list[tuple[str, Callable[[Page], None]]] = [
    ("Is a child in immediate danger right now?", choose("No")),
    (ROLE, type_in(ROLE, "School nurse at Eastholme Primary")),
    ("Which children are you worried about?", add_child),
    ("Does Amira go to school, college or nursery?", choose("Yes, but often misses days")),
    ("Who else lives with the children?", nothing),
    ("What are you worried about?", type_in("What are you worried about?", "Amira is often late.")),
    ("Which of these does the family need help with?", tick("Going to school", "Mental health")),
    (
        "What is going well for the family?",
        type_in("What is going well for the family?", "Mum is kind."),
    ),
    ("Has anyone tried to help with this before?", choose("No")),
    (
        "What does the family want to happen?",
        type_in("What does the family want to happen?", "Help."),
    ),
    ("Asking the family", nothing),
    (
        "Does the family know about this referral and agree to it?",
        choose("Yes, they know and agree"),
    ),
    ("How does the family want us to contact them?", choose("Phone call")),
    (
        "Which language does the family want to use?",
        type_in("Which language does the family want to use?", "Arabic"),
    ),
    ("Does the family need an interpreter?", choose("Yes")),
]


def answer_steps(page: Page, steps: list, *, with_js: bool) -> None:
    """Answer each question as a person would, checking each one with axe-core first."""
    for heading, act in steps:
        expect(page.locator("h1")).to_have_text(heading)
        check(page)
        act(page)
        page.locator("#conversation-step").get_by_role("button", name="Continue").click()
        if with_js and heading not in {"Asking the family", STEPS[-1][0]}:
            # htmx: the answer joins the transcript above the next question, on the same page.
            expect(page.locator("#transcript li").last).to_contain_text(heading)
    page.wait_for_load_state("networkidle")


def start_referral(page: Page) -> None:
    page.goto("/refer")
    check(page)
    page.get_by_role("button", name="Start a new referral").click()


def send_and_read_reference(page: Page) -> str:
    expect(page.locator("h1")).to_have_text("Check your answers before sending the referral")
    check(page)
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator("h1")).to_have_text("Referral sent")
    check(page)
    return page.locator(".govuk-panel__body strong").inner_text()


def front_door_decides(page: Page, reference: str) -> None:
    page.goto("/practitioners/front-door")
    check(page)
    page.get_by_role("link", name=reference).click()
    expect(page.locator("h1")).to_have_text(f"Referral {reference}")
    expect(page.get_by_text("Suggested route: Family Help")).to_be_visible()
    check(page)
    page.get_by_label("Family Help", exact=True).check()
    page.get_by_label("Why?").fill("School attendance and mum's mental health together.")
    page.get_by_label("What should we tell the referrer? (optional)").fill(
        "A worker will phone mum."
    )
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decided by")).to_be_visible()
    check(page)


def test_a_referral_with_javascript_then_the_front_door_decides(
    phone_page: Page, new_page, live_account, live_app
):
    partner = live_account([Role.PARTNER], kind="partner")
    browser_sign_in(phone_page, partner, live_app)
    start_referral(phone_page)
    answer_steps(phone_page, STEPS[:7], with_js=True)
    # Services matching the chosen needs appear while referring.
    expect(phone_page.locator("#signposting")).to_contain_text("Services that might help")
    # The URL follows the conversation, so a reload lands on the same question.
    phone_page.reload()
    expect(phone_page.locator("h1")).to_have_text(STEPS[7][0])
    answer_steps(phone_page, STEPS[7:], with_js=True)
    reference = send_and_read_reference(phone_page)

    desk = new_page(DESK)
    browser_sign_in(desk, live_account([Role.FRONT_DOOR]), live_app)
    front_door_decides(desk, reference)

    phone_page.goto("/refer")
    phone_page.get_by_role("link", name=reference).click()
    expect(phone_page.locator(".govuk-inset-text")).to_contain_text("Family Help")
    expect(phone_page.locator(".govuk-inset-text")).to_contain_text("A worker will phone mum.")
    check(phone_page)


def test_a_referral_without_javascript_resumed_on_another_device(
    no_js_page: Page, new_page, live_account, live_app
):
    NO_JS.add(id(no_js_page))
    partner = live_account([Role.PARTNER], kind="partner")
    browser_sign_in(no_js_page, partner, live_app)
    start_referral(no_js_page)
    answer_steps(no_js_page, STEPS[:5], with_js=False)
    no_js_page.goto("/sign-out")
    no_js_page.get_by_role("button", name="Sign out").click()

    other = new_page(java_script_enabled=False)
    NO_JS.add(id(other))
    browser_sign_in(other, partner, live_app)
    other.goto("/refer")
    other.get_by_role("link", name="Carry on the referral started").click()
    answer_steps(other, STEPS[5:], with_js=False)
    reference = send_and_read_reference(other)
    other.get_by_role("link", name="Download a copy of your referral (PDF)").is_visible()

    desk = new_page(DESK)
    browser_sign_in(desk, live_account([Role.FRONT_DOOR]), live_app)
    front_door_decides(desk, reference)

    other.goto("/refer")
    other.get_by_role("link", name=reference).click()
    expect(other.locator(".govuk-inset-text")).to_contain_text("A worker will phone mum.")
    check(other)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_registration_pages_are_accessible(phone_page: Page, lang: str) -> None:
    phone_page.goto(f"/partners/register?lang={lang}")
    check(phone_page)
    phone_page.locator("button[type=submit]").click()
    expect(phone_page.locator(".govuk-error-summary")).to_be_visible()
    check(phone_page)
