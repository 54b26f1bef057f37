"""Publishing pages in a real browser: axe-core in English and Arabic at 320 and 1280 px,
no sideways scrolling on a phone, and the checkers and directory used without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.publishing.directory import default_directory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DESK, PHONE

pytestmark = pytest.mark.browser


def _a_service_path() -> str:
    service = next(s for s in default_directory().services if s["service_at_locations"])
    return f"/services/{service['id']}"


# One URL for every publishing template and every state it can be in.
PATHS = [
    "/kinship",  # offer page, translated into Arabic
    "/care-leavers",
    "/parents",  # hub with child pages
    "/parents/child-protection",  # sensitive page: cover your tracks; English fallback in Arabic
    "/accessibility",
    "/cookies",  # a table
    "/kinship/checker",
    "/kinship/checker?arrival=council-arranged&order=none&child_age=4",
    "/kinship/checker?arrival=&child_age=x",
    "/care-leavers/checker?age=19&time_in_care=13-weeks-or-more&still_in_care=no&status=not-sure",
    "/care-leavers/checker?age=&status=",
    "/services",
    "/services?need=money&age=x",
    _a_service_path(),
    "/search?q=housing",
    "/search?q=",
]


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["320px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_publishing_pages_are_accessible(new_page, lang: str, viewport: dict) -> None:
    page: Page = new_page(viewport)
    for path in PATHS:
        joiner = "&" if "?" in path else "?"
        page.goto(f"{path}{joiner}lang={lang}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        assert_accessible(page)
        if viewport == PHONE:
            _no_sideways_scroll(page)


def test_kinship_checker_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/kinship")
    page.get_by_role("link", name="Check what support you could get", exact=True).click()
    page.get_by_role("button", name="Check what support I could get").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select how the child came to live with you"
    )
    expect(page).to_have_title(re.compile(r"^Error: What support could I get\?"))
    page.get_by_label("A court decided").check()
    page.get_by_label("A special guardianship order").check()
    page.get_by_label("How old is the child?").fill("7")
    page.get_by_role("button", name="Check what support I could get").click()
    result = page.locator(".app-checker-result")
    expect(result).to_contain_text("Special guardians")
    result.get_by_role("link", name="Special guardianship allowance").click()
    expect(page).to_have_url(re.compile(r"/kinship#special-guardianship-allowance$"))


def test_care_leaver_checker_without_javascript_in_arabic(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/care-leavers/checker?lang=ar")
    page.get_by_label("كم عمرك؟").fill("20")
    page.get_by_label("13 أسبوعًا أو أكثر، وبعضها بعد أن بلغت 16 عامًا").check()
    page.get_by_label("لا", exact=True).check()
    page.get_by_label("لا أعرف").check()
    page.locator("form button").first.click()  # the checker comes before "Is this page useful?"
    result = page.locator(".app-checker-result")
    expect(result.locator("a[href='/care-leavers#council-tax']")).to_be_visible()
    expect(result.locator("a[href='/care-leavers#staying-put']")).to_be_visible()


def test_find_a_service_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/services")
    page.get_by_label("What do you need help with?").select_option("young-carer")
    page.get_by_label("Age of the person who needs help").fill("12")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".app-service-list")).to_contain_text("Young Carers Project")
    page.get_by_role("link", name="Young Carers Project").click()
    expect(page.locator("h1")).to_have_text("Young Carers Project")


def test_site_search_leads_to_the_matching_section(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/search")
    page.get_by_label("Search this website").fill("council tax")
    page.get_by_role("button", name="Search").click()
    page.locator(".app-search-results a").first.click()
    expect(page).to_have_url(re.compile(r"/care-leavers#council-tax$"))
