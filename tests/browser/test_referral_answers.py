"""A partner professional's referral at 320 px, with and without JavaScript, read as they read it.

At each step: the question they see, and that every new input starts empty (a question they
answered before shows their own answer). At the end: what is stored is exactly what they typed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.core.access import Role
from portal.extensions import db
from portal.referrals.models import Referral
from tests.browser.conftest import browser_sign_in

pytestmark = pytest.mark.browser

# What is in the current step's inputs as the person sees it (live values, not attributes).
FILLED_INPUTS = """
(step) => Array.from(step.querySelectorAll('input, textarea'))
  .filter((e) => !['hidden', 'submit', 'button'].includes(e.type))
  .filter((e) => (e.type === 'radio' || e.type === 'checkbox') ? e.checked : e.value !== '')
  .map((e) => (e.type === 'radio' || e.type === 'checkbox') ? e.name + '=' + e.value
                                                             : e.name + ':' + e.value)
"""


@dataclass(frozen=True)
class Step:
    """One question: what the person reads, and what they do."""

    question: str
    act: Callable[[Page], None]
    shows: list[str] = field(default_factory=list)  # what the inputs hold on arrival


def filled(page: Page) -> list[str]:
    return page.locator("#conversation-step .app-current-step").evaluate(FILLED_INPUTS)


def choose(label: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_label(label, exact=True).check()


def type_in(label: str, text: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_label(label, exact=True).fill(text)


def tick(*labels: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        for label in labels:
            page.get_by_label(label, exact=True).check()

    return act


def add_person(page: Page, values: dict[str, str], shown_as: str) -> None:
    """Fill the person form, which must arrive empty each time, and add them."""
    assert filled(page) == []
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".govuk-summary-list")).to_contain_text(shown_as)


def add_children(page: Page) -> None:
    child = {"First name": "Amira", "Last name": "Haddad", "Day": "27", "Month": "3"}
    add_person(page, {**child, "Year": "2017"}, "Amira Haddad")
    # "Add a child" starts empty again: nothing of Amira's is in it.
    zain = {"First name": "Zain", "Last name": "Haddad", "Day": "1", "Month": "6"}
    add_person(page, {**zain, "Year": "2019"}, "Zain Haddad")
    assert filled(page) == []


def add_mother(page: Page) -> None:
    add_person(
        page,
        {"First name": "Leila", "How are they related to the children?": "Mother"},
        "Leila",
    )


def go_back_to_needs(page: Page) -> None:
    """Go back a question: the person's own ticks are there; Continue brings them back here."""
    back = page.get_by_role("link", name="Back", exact=True)
    if back.is_visible():
        back.click()
    else:  # with JavaScript the answers so far are above the question, each with a Change link
        page.locator("#transcript").get_by_role("link", name=f"Change {NEEDS}").click()
    expect(page.locator("#conversation-step h1")).to_have_text(NEEDS)
    assert sorted(filled(page)) == ["answer=mental-health", "answer=school-attendance"]
    page.locator("#conversation-step").get_by_role("button", name="Continue").click()
    expect(page.locator("#conversation-step h1")).to_have_text(GOING_WELL)
    assert filled(page) == []
    page.get_by_label(GOING_WELL, exact=True).fill("Mum is kind.")


ROLE = "What is your role, and how do you know the family?"
WORRY = "What are you worried about?"
NEEDS = "Which of these does the family need help with?"
GOING_WELL = "What is going well for the family?"
WANTS = "What does the family want to happen?"
LANGUAGE = "Which language does the family want to use?"
REASON = "Why would telling the family put a child at more risk?"

FIRST_STEPS = [
    Step("Is a child in immediate danger right now?", choose("No")),
    Step(ROLE, type_in(ROLE, "School nurse at Eastholme Primary")),
    Step("Which children are you worried about?", add_children),
    Step("Does Amira go to school, college or nursery?", choose("Yes, but often misses days")),
    Step("Does Zain go to school, college or nursery?", choose("Yes, most days")),
    Step("Who else lives with the children?", add_mother),
    Step(WORRY, type_in(WORRY, "Amira is often late.")),
    Step(NEEDS, tick("Going to school", "Mental health")),
    Step(GOING_WELL, go_back_to_needs),
    Step("Has anyone tried to help with this before?", choose("No")),
    Step(WANTS, type_in(WANTS, "Help.")),
    Step("Asking the family", lambda page: None),
]
LAST_STEPS = [
    Step("How does the family want us to contact them?", choose("Through me")),
    Step(LANGUAGE, type_in(LANGUAGE, "Arabic")),
    Step("Does the family need an interpreter?", choose("Yes")),
]
WITH_CONSENT = [
    Step(
        "Does the family know about this referral and agree to it?",
        choose("Yes, they know and agree"),
    ),
]
WITHOUT_CONSENT = [
    Step("Does the family know about this referral and agree to it?", choose("No")),
    Step("Would telling the family put a child at more risk?", choose("Yes")),
    Step(REASON, type_in(REASON, "Dad has threatened the school.")),
]

TYPED: dict[str, Any] = {
    "immediate_danger": "no",
    "referrer_role": "School nurse at Eastholme Primary",
    "children": {
        "people": [
            {"first_name": "Amira", "last_name": "Haddad", "date_of_birth": "2017-03-27"},
            {"first_name": "Zain", "last_name": "Haddad", "date_of_birth": "2019-06-01"},
        ],
        "done": True,
    },
    "child_school": {"Amira": "sometimes", "Zain": "yes"},
    "household": {
        "people": [{"first_name": "Leila", "relationship": "Mother"}],
        "done": True,
    },
    "worry": "Amira is often late.",
    "needs": ["mental-health", "school-attendance"],
    "going_well": "Mum is kind.",
    "tried_before": "no",
    "family_wants": "Help.",
    "consent_about": True,
    "contact_preference": "through-referrer",
    "language": "Arabic",
    "interpreter": "yes",
}
TYPED_WITH_CONSENT = {**TYPED, "consent": "yes"}
TYPED_WITHOUT_CONSENT = {
    **TYPED,
    "consent": "no",
    "consent_override": "yes",
    "consent_override_reason": "Dad has threatened the school.",
}


def answer_each(page: Page, steps: list[Step], *, with_js: bool) -> None:
    """Read each question, check its inputs start empty, answer it and go on."""
    for step in steps:
        heading = page.locator("#conversation-step h1")
        expect(heading).to_have_text(step.question)
        expect(heading).to_be_visible()
        assert filled(page) == step.shows, step.question
        step.act(page)
        page.locator("#conversation-step").get_by_role("button", name="Continue").click()
        if with_js and step.question != "Asking the family" and step is not steps[-1]:
            # htmx: the answer joins the transcript above the next question, on the same page.
            expect(page.locator("#transcript li").last).to_contain_text(step.question)


def stored_as_typed(live_app: Flask, partner_id: int) -> dict[str, Any]:
    """The partner's one referral's answers, with people's ids swapped for their first names."""
    with live_app.app_context():
        referral = db.session.scalars(
            select(Referral).where(Referral.referrer_id == partner_id)
        ).one()
        answers = dict(referral.answers)
    names = {}
    for list_id in ("children", "household"):
        for person in answers[list_id]["people"]:
            names[person.pop("id")] = person["first_name"]
    answers["child_school"] = {names[k]: v for k, v in answers["child_school"].items()}
    return answers


@pytest.mark.parametrize(
    ("page_fixture", "consent_steps", "typed"),
    [
        ("phone_page", WITHOUT_CONSENT, TYPED_WITHOUT_CONSENT),
        ("no_js_page", WITH_CONSENT, TYPED_WITH_CONSENT),
    ],
    ids=["with-javascript", "without-javascript"],
)
def test_a_partner_sees_each_question_empty_and_what_is_stored_is_what_they_typed(
    request: pytest.FixtureRequest, page_fixture, consent_steps, typed, live_account, live_app
) -> None:
    page: Page = request.getfixturevalue(page_fixture)
    with_js = page_fixture == "phone_page"
    partner = live_account([Role.PARTNER], kind="partner")
    browser_sign_in(page, partner, live_app)
    page.goto("/refer")
    page.get_by_role("button", name="Start a new referral").click()
    answer_each(page, FIRST_STEPS + consent_steps + LAST_STEPS, with_js=with_js)
    expect(page.locator("h1")).to_have_text("Check your answers before sending the referral")
    assert stored_as_typed(live_app, partner.id) == typed

    page.get_by_role("button", name="Send referral").click()
    expect(page.locator("h1")).to_have_text("Referral sent")
    # Sending keeps the answers and drops only the mark that the interrupt page was read.
    sent = {key: value for key, value in typed.items() if key != "consent_about"}
    assert stored_as_typed(live_app, partner.id) == sent


def test_with_javascript_the_back_button_shows_the_last_question_with_its_answer(
    phone_page: Page, live_account, live_app
) -> None:
    errors: list[str] = []
    phone_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_sign_in(phone_page, live_account([Role.PARTNER], kind="partner"), live_app)
    phone_page.goto("/refer")
    phone_page.get_by_role("button", name="Start a new referral").click()
    answer_each(phone_page, FIRST_STEPS[:2], with_js=True)
    expect(phone_page.locator("#conversation-step h1")).to_have_text(FIRST_STEPS[2].question)

    phone_page.go_back()
    expect(phone_page.locator("#conversation-step h1")).to_have_text(ROLE)
    assert filled(phone_page) == ["answer:School nurse at Eastholme Primary"]
    # The page works as before: the next answer goes in with htmx, under the transcript.
    phone_page.get_by_label(ROLE, exact=True).fill("School nurse")
    phone_page.locator("#conversation-step").get_by_role("button", name="Continue").click()
    expect(phone_page.locator("#conversation-step h1")).to_have_text(FIRST_STEPS[2].question)
    assert filled(phone_page) == []
    assert errors == []
