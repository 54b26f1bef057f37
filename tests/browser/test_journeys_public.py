"""Journeys of people who use the public pages, at 320 px: what they read and what they find
filled in at each step. The checkers keep nothing, so the end state is the page itself."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screen import (
    assert_no_markup_shown,
    assert_nothing_filled_in,
    assert_questions,
    filled_in,
    h1,
)

pytestmark = pytest.mark.browser

KINSHIP_QUESTIONS = [
    "How did the child come to live with you?",
    "Is there a legal order?",
    "How old is the child?",
]
CARE_LEAVER_QUESTIONS = [
    "How old are you?",
    "How long were you in care after your 14th birthday?",
    "Are you still in care?",
    "Do you know your leaving care status?",
]


def checker_form(page: Page) -> object:
    return page.locator("main form[method=get]").first


def test_a_kinship_carer_reads_the_offer_and_checks_what_support_they_could_get(
    phone_page: Page,
) -> None:
    page = phone_page
    page.goto("/kinship")
    assert h1(page) == "Kinship Local Offer"
    expect(page.get_by_role("heading", name="Who this page is for")).to_be_visible()
    page.get_by_role("link", name="Check what support you could get", exact=True).click()

    assert h1(page) == "What support could I get?"
    expect(page.locator(".govuk-error-summary, .govuk-error-message")).to_have_count(0)
    form = checker_form(page)
    assert_questions(form, KINSHIP_QUESTIONS)
    assert_nothing_filled_in(form)
    page.get_by_label("A court decided").check()
    page.get_by_label("A special guardianship order").check()
    page.get_by_label("How old is the child?").fill("7")
    page.get_by_role("button", name="Check what support I could get").click()

    result = page.locator(".app-checker-result")
    expect(result.get_by_role("heading", name="Your results")).to_be_visible()
    expect(result.locator("ul").first).to_have_text("Special guardians")
    expect(result.get_by_role("link", name="Special guardianship allowance")).to_be_visible()
    expect(result).to_contain_text("call the kinship team on 01632 960200")
    assert_no_markup_shown(result)
    # "Change your answers": the same questions, holding what they chose and nothing else.
    form = checker_form(page)
    assert_questions(form, KINSHIP_QUESTIONS)
    assert filled_in(form) == {
        "arrival": "court-decided",
        "order": "special-guardianship",
        "child_age": "7",
    }
    result.get_by_role("link", name="Special guardianship allowance").click()
    expect(page).to_have_url(re.compile(r"/kinship#special-guardianship-allowance$"))


def test_a_care_leaver_checks_what_they_are_entitled_to(phone_page: Page) -> None:
    page = phone_page
    page.goto("/care-leavers")
    assert h1(page) == "Care Leaver Local Offer"
    page.locator("main a[href='/care-leavers/checker']").first.click()

    assert h1(page) == "What am I entitled to?"
    expect(page.locator(".govuk-error-summary, .govuk-error-message")).to_have_count(0)
    form = checker_form(page)
    assert_questions(form, CARE_LEAVER_QUESTIONS)
    assert_nothing_filled_in(form)
    page.get_by_label("How old are you?").fill("19")
    page.get_by_label("13 weeks or more, with some of it after I turned 16").check()
    form.get_by_role("group", name="Are you still in care?").get_by_label("No").check()
    page.get_by_label("I do not know").check()
    page.get_by_role("button", name="Check what I am entitled to").click()

    result = page.locator(".app-checker-result")
    expect(result.locator("ul").first).to_have_text("Former relevant care leavers (18 to 25)")
    expect(result.get_by_role("link", name="Staying put")).to_be_visible()
    expect(result.get_by_role("link", name="Council tax exemption")).to_be_visible()
    assert_no_markup_shown(result)
    form = checker_form(page)
    assert_questions(form, CARE_LEAVER_QUESTIONS)
    assert filled_in(form) == {
        "age": "19",
        "time_in_care": "13-weeks-or-more",
        "still_in_care": "no",
        "status": "not-sure",
    }


@pytest.mark.parametrize("path", ["/kinship/checker", "/care-leavers/checker"])
def test_a_checker_reached_by_a_language_link_asks_before_it_complains(
    phone_page: Page, path: str
) -> None:
    page = phone_page
    page.goto(f"{path}?lang=pl")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".govuk-error-summary, .govuk-error-message")).to_have_count(0)
    assert_nothing_filled_in(checker_form(page))


def test_a_parent_reads_about_child_protection_then_finds_a_service(phone_page: Page) -> None:
    page = phone_page
    page.goto("/parents")
    assert h1(page) == "Information for parents"
    page.get_by_role("link", name="Child protection, step by step").click()

    assert h1(page) == "Child protection, step by step"
    expect(page.get_by_role("button", name="Exit this page").first).to_be_visible()
    expect(page.get_by_text("Covering your tracks online")).to_be_visible()
    page.get_by_role("link", name="Step 1: the strategy discussion").click()
    expect(page).to_have_url(re.compile(r"/parents/child-protection#strategy-discussion$"))
    expect(page.get_by_role("heading", name="Step 1: the strategy discussion")).to_be_in_viewport()
    assert_no_markup_shown(page.locator("main"))
    page.get_by_role("link", name="Find a service").click()

    assert h1(page) == "Find a service"
    form = checker_form(page)
    assert_questions(
        form,
        [
            "Search for a service",
            "What do you need help with?",
            "Age of the person who needs help",
            "Area",
        ],
    )
    assert_nothing_filled_in(form)
    page.get_by_label("What do you need help with?").select_option(label="Young carers")
    page.get_by_label("Age of the person who needs help").fill("12")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_text("1 service found")).to_be_visible()
    assert filled_in(checker_form(page)) == {"need": "young-carer", "age": "12"}
    page.get_by_role("link", name="Young Carers Project").click()
    assert h1(page) == "Young Carers Project"
    assert_no_markup_shown(page.locator("main"))
