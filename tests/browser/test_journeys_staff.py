"""Staff journeys at 320 px: the front door, a lead practitioner and a participation officer.
Each step's questions are read as a person reads them, every new input starts empty, and what
is stored at the end is exactly what was typed."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.accounts.models import Account
from portal.coproduction.models import Answer, Survey, SurveyResponse
from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import Family, PlanVersion
from portal.referrals.models import Referral, Status
from tests.browser.conftest import PHONE, browser_sign_in
from tests.browser.screen import (
    assert_no_markup_shown,
    assert_nothing_filled_in,
    assert_questions,
    h1,
)
from tests.conftest import TEST_PASSWORD, next_totp_code, post_form
from tests.integration.referrals.journey import answer, start, step_key, walk_to_check

pytestmark = pytest.mark.browser
POST_FORM = "main form[method=post]"


def referral_sent_by(partner: Account, live_app: Flask) -> str:
    """A partner's referral about Amira, sent through the real pages; its public id."""
    client = live_app.test_client()
    post_form(client, "/sign-in", {"email": partner.email, "password": TEST_PASSWORD})
    post_form(client, "/sign-in/code", {"code": next_totp_code(partner, live_app)})
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    sent = answer(client, walk_to_check(client, first), {})
    assert sent.headers["Location"].endswith(f"/refer/{public_id}/sent")
    return public_id


REASONS = "Mum's low mood & Amira's missed days (20+) need a joint look with <police>."
NOTE = "We will talk with the school and the police first."


def test_the_front_door_reads_a_referral_and_decides(
    phone_page: Page, live_account, live_app: Flask
) -> None:
    public_id = referral_sent_by(live_account([Role.PARTNER], kind="partner"), live_app)
    front_door = live_account([Role.FRONT_DOOR])
    with live_app.app_context():
        reference = db.session.scalar(
            select(Referral.reference).where(Referral.public_id == public_id)
        )

    page = phone_page
    browser_sign_in(page, front_door, live_app)
    page.goto("/practitioners/front-door")
    assert h1(page) == "Front door"
    page.get_by_role("link", name=reference).click()

    assert h1(page) == f"Referral {reference}"
    expect(page.get_by_text("Suggested route: Family Help")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Amira Haddad")
    ask = page.locator("form[action$='/ask']")
    assert_questions(ask, ["Ask the referrer a question"])
    assert_nothing_filled_in(ask)
    decide = page.locator("form[action$='/decide']")
    assert_questions(
        decide, ["What have you decided?", "Why?", "What should we tell the referrer? (optional)"]
    )
    assert_nothing_filled_in(decide)
    decide.get_by_label("Strategy discussion").check()
    decide.get_by_label("Why?").fill(REASONS)
    decide.get_by_label("What should we tell the referrer? (optional)").fill(NOTE)
    decide.get_by_role("button", name="Record decision").click()

    outcome = page.locator(".govuk-inset-text")
    expect(outcome).to_contain_text("Strategy discussion")
    expect(outcome).to_contain_text(REASONS)
    assert_no_markup_shown(outcome)
    with live_app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        assert (
            referral.status,
            referral.decision,
            referral.decision_reasons,
            referral.decision_note,
            referral.decided_by_id,
        ) == (Status.DECIDED, "strategy-discussion", REASONS, NOTE, front_door.id)


WORRIES = "The rent is 3 months behind & the landlord's letter says <eviction>."
GOAL = "The rent is paid on time every month"
CHANGE_NOTE = "Your first plan: what we are worried about and one goal."


def test_a_lead_practitioner_creates_a_family_writes_the_plan_and_publishes_it(
    phone_page: Page, live_account, live_app: Flask
) -> None:
    page = phone_page
    browser_sign_in(page, live_account([Role.LEAD_PRACTITIONER]), live_app)
    page.goto("/practitioners/families")
    page.get_by_role("link", name="Add a family").click()

    assert h1(page) == "Add a family"
    form = page.locator(POST_FORM)
    assert_questions(
        form,
        [
            "Family name",
            "Children's names",
            "Parents and carers",
            "The family's preferred language",
            "Does the family need an interpreter?",
        ],
    )
    assert_nothing_filled_in(form)
    page.get_by_label("Family name").fill("The Novak family")
    page.get_by_label("Children's names").fill("Ola Novak, 4/5/2018\nPiotr Novak")
    page.get_by_label("Parents and carers").fill("Kasia Novak")
    page.get_by_label("The family's preferred language").select_option("pl")
    form.get_by_role("group", name="Does the family need an interpreter?").get_by_label(
        "No"
    ).check()
    page.get_by_role("button", name="Create family").click()

    assert h1(page) == "The Novak family"
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ola Novak, Piotr Novak, Kasia")
    page.get_by_role("link", name="Edit the draft").click()
    assert h1(page) == "Plan for The Novak family"
    worries = page.locator("#section-worries")
    worries.get_by_role("link", name="Change").click()
    assert_questions(worries, ["What we are worried about"])
    assert_nothing_filled_in(worries)
    worries.locator("textarea").fill(WORRIES)
    worries.get_by_role("button", name="Save").click()
    expect(worries.locator(".app-plan__text")).to_have_text(WORRIES)

    goals = page.locator("#section-goals")
    goals.get_by_role("link", name="Add a goal").click()
    assert_questions(goals, ["Goal"])
    assert_nothing_filled_in(goals)
    goals.get_by_label("Goal").fill(GOAL)
    goals.get_by_role("button", name="Save goal").click()
    expect(goals.get_by_role("heading", name=GOAL)).to_be_visible()

    page.get_by_role("link", name="Publish").first.click()
    assert h1(page) == "Publish version 1"
    form = page.locator(POST_FORM)
    assert_questions(form, ["What changed"])
    assert_nothing_filled_in(form)
    page.get_by_label("What changed").fill(CHANGE_NOTE)
    page.get_by_role("button", name="Publish this version").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Version 1 is published")
    assert_no_markup_shown(page.locator("main"))

    with live_app.app_context():
        family = db.session.scalar(select(Family).where(Family.name == "The Novak family"))
        assert (family.preferred_language, family.interpreter_needed) == ("pl", False)
        assert [(p.name, p.kind) for p in family.people] == [
            ("Ola Novak", "child"),
            ("Piotr Novak", "child"),
            ("Kasia Novak", "parent"),
        ]
        [version] = db.session.scalars(
            select(PlanVersion).where(PlanVersion.plan_id == family.plan.id)
        ).all()
        body = load_body(version.body)
        assert (version.number, version.change_note) == (1, CHANGE_NOTE)
        assert body.worries == WORRIES
        assert [goal.text for goal in body.goals] == [GOAL]


QUESTION = "What would make the youth club better?"
TYPED_ANSWER = "A later bus home & a quiet room (with <beanbags>)."


def test_a_participation_officer_builds_a_survey_and_reads_a_response(
    phone_page: Page, new_page, live_account, live_app: Flask
) -> None:
    page = phone_page
    browser_sign_in(page, live_account([Role.PARTICIPATION]), live_app)
    page.goto("/practitioners/have-your-say")
    page.get_by_role("button", name="Create a survey").click()
    form = page.locator(POST_FORM)
    assert_nothing_filled_in(form.locator("input[type=text], textarea"))
    page.get_by_label("Survey title").fill("Your youth club")
    page.get_by_label("What the survey is for").fill("Help us plan the club for next year.")
    page.get_by_label("Web address").fill("youth-club")
    page.get_by_label("Young people").check()
    closes = page.get_by_role("group", name="Close date")
    closes.get_by_label("Day").fill("31")
    closes.get_by_label("Month").fill("12")
    closes.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Save survey").click()
    assert h1(page) == "Your youth club"
    page.get_by_role("button", name="Add a question").click()
    form = page.locator(POST_FORM)
    assert_nothing_filled_in(form.locator("input[type=text], textarea"))
    page.get_by_label("Long written answer").check()
    page.get_by_label("Question", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Add question").click()
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("Open", exact=True)).to_be_visible()

    # Back to the list, and into the survey from it.
    page.goto("/practitioners/have-your-say")
    survey_list = page.locator("main table")
    assert_no_markup_shown(survey_list)
    survey_list.get_by_role("link", name="Your youth club").click()
    assert h1(page) == "Your youth club"

    # A young person answers on their phone.
    person = new_page(PHONE)
    person.goto("/have-your-say/youth-club")
    assert h1(person) == "Your youth club"
    person.get_by_role("button", name="Start").click()
    form = person.locator(POST_FORM)
    assert_questions(form, [f"{QUESTION} (optional)"])
    assert_nothing_filled_in(form)
    person.get_by_label(QUESTION).fill(TYPED_ANSWER)
    person.get_by_role("button", name="Continue").click()
    assert h1(person) == "Check your answers"
    expect(person.locator("main")).to_contain_text(TYPED_ANSWER)
    person.get_by_role("button", name="Send my answers").click()
    assert h1(person) == "Thank you for your answers"

    # The officer reads it.
    page.get_by_role("link", name="Responses").first.click()
    page.get_by_role("link", name="Response sent").first.click()
    expect(page.locator("main")).to_contain_text(TYPED_ANSWER)
    assert_no_markup_shown(page.locator("main"))
    with live_app.app_context():
        survey = db.session.scalar(select(Survey).where(Survey.slug == "youth-club"))
        stored = db.session.scalars(
            select(Answer.values)
            .join(SurveyResponse)
            .where(SurveyResponse.survey_id == survey.id, SurveyResponse.submitted.is_(True))
        ).all()
        assert stored == [[TYPED_ANSWER]]
