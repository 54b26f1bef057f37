"""What a person reads and what they find already filled in, for the browser journeys."""

import re

from playwright.sync_api import Locator, Page, expect

# The question a person reads for each input: a fieldset's legend, or a field's own label (not
# the label of each radio or checkbox option).
QUESTIONS = "legend, label.govuk-label:not(.govuk-radios__label):not(.govuk-checkboxes__label)"
# Inputs a person answers (not buttons, not hidden CSRF tokens).
ANSWERABLE = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image]),"
    " textarea, select"
)
# What the portal's own markup looks like when it is escaped by mistake.
MARKUP_AS_TEXT = re.compile(
    r"</?(?:p|a|span|div|strong|br|ul|li|h[1-6])(?:\s[^>]*)?>|&(?:lt|gt|amp|quot|#\d+);"
)
FILLED = """inputs => inputs
    .map(e => [e.name || e.id,
               (e.type === 'radio' || e.type === 'checkbox') ? (e.checked ? e.value : '') :
               e.value])
    .filter(([, value]) => value !== '')"""


def questions(scope: Page | Locator) -> list[str]:
    """The visible question texts in `scope`, in reading order, as a person reads them."""
    found = scope.locator(QUESTIONS)
    return [
        " ".join(found.nth(i).inner_text().split())
        for i in range(found.count())
        if found.nth(i).is_visible()
    ]


def assert_questions(scope: Page | Locator, expected: list[str]) -> None:
    """Every question in `scope` has exactly the expected visible text, in order."""
    expect(scope.locator(QUESTIONS).first).to_be_visible()
    seen = questions(scope)
    assert seen == expected, f"questions read {seen!r}, expected {expected!r}"


def filled_in(scope: Page | Locator) -> dict[str, str]:
    """The inputs in `scope` that hold a value, by name: checked options and typed text."""
    return dict(scope.locator(ANSWERABLE).evaluate_all(FILLED))


def assert_nothing_filled_in(scope: Page | Locator) -> None:
    """A new question starts empty: no option chosen, no text the person did not type."""
    filled = filled_in(scope)
    assert filled == {}, f"filled in before the person answered: {filled!r}"


def h1(page: Page) -> str:
    """The page's main heading as a person reads it."""
    return " ".join(page.locator("h1").inner_text().split())


def assert_no_markup_shown(scope: Page | Locator) -> None:
    """No HTML tag or escaped entity appears as text on the screen (typed text may hold "<")."""
    text = scope.inner_text()
    shown = MARKUP_AS_TEXT.search(text)
    assert shown is None, f"{shown.group(0)!r} shown as text in {text[:500]!r}"
