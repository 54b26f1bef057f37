"""The co-production journey from the issue, at 320 px, with axe-core on every page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import zxingcpp
from flask import Flask
from PIL import Image
from playwright.sync_api import Page, expect

from portal.core.access import Role
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE, browser_sign_in

pytestmark = pytest.mark.browser


def build_survey(page: Page) -> None:
    """Create a survey with a face scale and a written question, then open it."""
    page.goto("/practitioners/have-your-say")
    assert_accessible(page)
    page.get_by_role("button", name="Create a survey").click()
    assert_accessible(page)
    page.get_by_label("Survey title").fill("Your youth club")
    page.get_by_label("What the survey is for").fill("Help us plan the youth club for next year.")
    page.get_by_label("Web address").fill("youth-club")
    page.get_by_label("Young people").check()
    closes = page.get_by_role("group", name="Close date")
    closes.get_by_label("Day").fill("31")
    closes.get_by_label("Month").fill("12")
    closes.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Save survey").click()
    expect(page.locator("h1")).to_have_text("Your youth club")
    assert_accessible(page)
    for kind, text in [
        ("Five faces, for young children", "How do you feel at the club?"),
        ("Long written answer", "What would make the club better?"),
    ]:
        page.get_by_role("button", name="Add a question").click()
        assert_accessible(page)
        page.get_by_label(kind).check()
        page.get_by_label("Question", exact=True).fill(text)
        page.get_by_role("button", name="Add question").click()
    page.get_by_role("link", name="Preview the survey as respondents see it").click()
    expect(page.locator("h1")).to_contain_text("How do you feel at the club?")
    assert_accessible(page)
    page.goto(page.url.rsplit("/preview", 1)[0])
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("Open", exact=True)).to_be_visible()
    assert_accessible(page)


def survey_link_from_qr(page: Page) -> str:
    """Read the survey's address from its QR code, as a phone camera would."""
    shot = page.locator("svg.app-qr").screenshot()
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    return result.text


def assert_accessible_as_seen(page: Page, checker: Page) -> None:
    """axe-core needs JavaScript, so a second page with the respondent's cookies loads the same
    server-rendered page and axe-core checks that."""
    checker.context.clear_cookies()
    checker.context.add_cookies(page.context.cookies())
    checker.goto(page.url)
    assert checker.content().count("<h1") == 1
    assert_accessible(checker)


def answer_without_javascript(page: Page, checker: Page, link: str) -> None:
    """A young person answers on a phone with JavaScript off."""
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Your youth club")
    expect(page.get_by_text("What happens to your words")).to_be_visible()
    assert_accessible_as_seen(page, checker)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_contain_text("How do you feel at the club?")
    assert_accessible_as_seen(page, checker)
    page.get_by_role("button", name="Continue").click()  # nothing chosen: it is optional
    expect(page.locator("h1")).to_contain_text("What would make the club better?")
    page.get_by_role("link", name="Back").click()
    page.get_by_label("Happy", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert_accessible_as_seen(page, checker)
    page.get_by_role("textbox").fill("The bus home leaves before the club ends")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    assert_accessible_as_seen(page, checker)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("h1")).to_have_text("Thank you for your answers")
    assert_accessible_as_seen(page, checker)


def make_sense_and_publish(page: Page) -> None:
    """Tag a theme, see the chart, export CSV and publish "you said, we did"."""
    page.get_by_role("link", name="Responses").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Response sent").first.click()
    assert_accessible(page)
    page.get_by_label("New theme (optional)").fill("Buses")
    page.get_by_role("button", name="Save themes").click()
    expect(page.get_by_text("(Buses)")).to_be_visible()
    page.get_by_role("link", name="Results").first.click()
    chart = page.locator("svg.app-chart#chart-themes")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name="Themes in written answers")).to_be_visible()
    expect(page.locator("table", has_text="Buses").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Survey", exact=True).first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download responses (CSV)").click()
    downloaded = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(downloaded)))
    assert rows[1][5:7] == ["Happy", "The bus home leaves before the club ends"]
    assert rows[1][-1] == "Buses"
    page.get_by_role("link", name="You said, we did").first.click()
    assert_accessible(page)
    page.get_by_label("Theme (optional)").select_option("Buses")
    page.get_by_label("You said").fill("The bus home leaves before the club ends.")
    page.get_by_label("We did").fill("The club now finishes at 7pm, before the last bus.")
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Publish").click()
    assert_accessible(page)


def test_officer_and_respondent_journey_at_320px(
    phone_page: Page, new_page, live_account, live_app: Flask
) -> None:
    officer = live_account([Role.PARTICIPATION])
    browser_sign_in(phone_page, officer, live_app)
    build_survey(phone_page)
    link = survey_link_from_qr(phone_page)
    assert link.endswith("/have-your-say/youth-club")

    respondent = new_page(PHONE, java_script_enabled=False)
    answer_without_javascript(respondent, new_page(PHONE), link)

    make_sense_and_publish(phone_page)

    visitor = new_page(PHONE)
    visitor.goto("/you-said-we-did")
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Your youth club").click()
    expect(
        visitor.get_by_text("The club now finishes at 7pm, before the last bus.")
    ).to_be_visible()
    # One respondent: the small-group rule hides every number.
    expect(visitor.get_by_text("Fewer than 5 people answered")).to_be_visible()
    assert_accessible(visitor)
    # "Is this page useful?": htmx swaps in the thanks without leaving the page.
    page_url = visitor.url
    visitor.get_by_role("button", name="Yes, this page is useful").click()
    expect(visitor.locator("#page-feedback [role=status]")).to_have_text(
        "Thank you for your feedback."
    )
    assert visitor.url == page_url
    assert_accessible(visitor)
