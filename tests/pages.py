"""Checks every page the tests fetch must pass, after the Notify admin app's habit."""

from collections import Counter

from bs4 import BeautifulSoup

from portal.core.i18n import LANGUAGES


def check_page(html: str, *, expect_lang: str | None = None) -> BeautifulSoup:
    """Assert the house rules for a full HTML page and return it parsed."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("html")
    assert root is not None, "not a full page"
    lang = root.get("lang")
    assert lang in LANGUAGES, f"<html lang> is {lang!r}"
    assert root.get("dir") == LANGUAGES[lang].direction, "<html dir> does not match the language"
    if expect_lang:
        assert lang == expect_lang

    headings = soup.find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    h1 = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    has_errors = soup.select_one(".govuk-error-summary") is not None
    if has_errors:
        prefix, _, title = title.partition(" ")
        assert prefix.endswith(":"), "a page with an error summary needs 'Error:' in its title"
    assert title.startswith(h1), f"<title> {title!r} does not start with the <h1> {h1!r}"

    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"

    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), "a POST form has no CSRF token"

    inline = [s for s in soup.find_all("script") if not s.get("src")]
    assert not inline, "inline <script> is forbidden by our CSP"
    styled = soup.find_all(style=True)
    assert not styled, "style= attributes are forbidden by our CSP"
    handlers = [t.name for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not handlers, f"inline event handlers on {handlers}"
    return soup
