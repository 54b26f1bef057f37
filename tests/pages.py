"""Checks every page the tests fetch must pass, after the Notify admin app's habit.

`CheckedClient` runs `check_html` on every text/html response a test fetches through the Flask
test client, full pages and htmx fragments alike; `check_page` is the stricter check for a full
page that `page_check` also offers with options.

A GET that sent no answers must not show an error. The rare test that deliberately fetches a
page whose errors come from somewhere else (a link that expired, answers kept in the session)
says so for that one request: `client.get(url, errors_expected=True)`.
"""

import re
from collections import Counter
from html.parser import HTMLParser

from bs4 import BeautifulSoup, Comment
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.core.i18n import LANGUAGES

# Query parameters that choose how a page is shown, not answers a person gave.
NAVIGATION_PARAMETERS = frozenset({"lang", "page", "next", "_", "tab"})

# Tags our templates write. Seen as text, they mean markup was escaped by mistake.
# (<script> is left out: Markdown shows a writer's raw <script> as text on purpose.)
_OWN_TAGS = (
    "a|abbr|b|br|code|dd|div|dl|dt|em|h[1-6]|i|img|input|label|li|ol|p|pre|section|small|span"
    "|strong|svg|table|tbody|td|th|thead|tr|ul"
)
ESCAPED_TAG = re.compile(rf"</?(?:{_OWN_TAGS})(?:\s[^<>]*)?/?>|<(?:{_OWN_TAGS})\s+[a-z-]+=")
CHOICE_GROUPS = ".govuk-radios, .govuk-checkboxes, .govuk-date-input"


class _DuplicateAttributes(HTMLParser):
    """Collects tags that carry the same attribute twice (BeautifulSoup keeps only one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = Counter(name for name, _ in attrs)
        self.found += [f"<{tag} {name}>" for name, count in names.items() if count > 1]


def visible_text_nodes(soup: BeautifulSoup) -> list[str]:
    """Every text node a reader could see (not scripts, styles or comments)."""
    return [
        str(node)
        for node in soup.find_all(string=True)
        if not isinstance(node, Comment)
        and node.parent is not None
        and node.parent.name not in ("script", "style", "template", "textarea", "title")
    ]


def shows_an_error(soup: BeautifulSoup) -> bool:
    """Whether the page shows an error summary or an error message (hidden ones count: GOV.UK
    CSS shows `.govuk-error-message` even with the `hidden` attribute)."""
    if soup.select_one(".govuk-error-summary"):
        return True
    return any(
        "govuk-!-display-none" not in (tag.get("class") or [])
        for tag in soup.select(".govuk-error-message")
    )


def check_html(html: str, *, sent: str = "") -> BeautifulSoup:
    """Assert the rules for any HTML we send, page or htmx fragment, and return it parsed.

    `sent` is what the request's query carried: markup a person typed
    is shown back as text on purpose, so it is not counted as escaped by mistake.
    """
    soup = BeautifulSoup(html, "html.parser")

    escaped = [
        " ".join(text.split())
        for text in visible_text_nodes(soup)
        if any(match.group(0) not in sent for match in ESCAPED_TAG.finditer(text))
    ]
    assert not escaped, f"markup shown as text: {escaped}"

    for group in soup.select(CHOICE_GROUPS):
        inputs = group.find_all("input")
        what = inputs[0].get("name") if inputs else group.get("id")
        if len(inputs) == 1 and "govuk-checkboxes" in group.get("class", []):
            continue  # a single checkbox is its own question, with its own label
        fieldset = group.find_parent("fieldset")
        assert fieldset is not None, f"{what}: choices or a date outside a fieldset"
        legend = fieldset.find("legend")
        assert legend and legend.get_text(strip=True), f"{what}: a question with no legend text"

    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"

    repeated = _DuplicateAttributes()
    repeated.feed(html)
    assert not repeated.found, f"attributes given twice: {repeated.found}"

    for select in soup.find_all("select", required=True):
        if select.has_attr("multiple") or int(select.get("size") or 1) > 1:
            continue
        first = select.find("option")
        assert first is not None and first.get("value") == "", (
            f"required <select name={select.get('name')!r}> needs an empty first option"
        )

    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post":
            token = form.find("input", attrs={"name": re.compile(r"(^|-)csrf_token$")})
            assert token, "a POST form has no CSRF token"

    inline = [s for s in soup.find_all("script") if not s.get("src")]
    assert not inline, "inline <script> is forbidden by our CSP"
    assert not soup.find_all("style"), "<style> is forbidden by our CSP"
    styled = soup.find_all(style=True)
    assert not styled, "style= attributes are forbidden by our CSP"
    handlers = [t.name for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not handlers, f"inline event handlers on {handlers}"
    return soup


def check_page(html: str, *, expect_lang: str | None = None, sent: str = "") -> BeautifulSoup:
    """Assert the house rules for a full HTML page and return it parsed."""
    soup = check_html(html, sent=sent)
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
    return soup


def submitted_nothing(response: TestResponse) -> bool:
    """Whether the request was a GET that carried no answers (only navigation parameters)."""
    request = response.request
    return request.method == "GET" and set(request.args) <= NAVIGATION_PARAMETERS


def check_response(response: TestResponse, *, errors_expected: bool = False) -> None:
    """Check an HTML response from the test client; redirects and other types are skipped."""
    if response.mimetype != "text/html" or not 200 <= response.status_code < 600:
        return
    if 300 <= response.status_code < 400 or response.content_encoding:
        return  # redirects, and compressed bodies (checked where a test asks for them)
    request = response.request
    sent = " ".join(request.args.values())  # the body was read by the app
    html = response.get_data(as_text=True)
    if not html.strip():
        return
    full_page = "<html" in html[:500].lower()
    soup = (check_page if full_page else check_html)(html, sent=sent)
    if submitted_nothing(response) and not errors_expected:
        assert not shows_an_error(soup), (
            f"GET {request.full_path} sent no answers but shows an error "
            "(pass errors_expected=True if the test means it)"
        )


class CheckedClient(FlaskClient):
    """A test client that checks every HTML response it receives with `check_response`."""

    errors_expected = False

    def open(self, *args: object, errors_expected: bool = False, **kwargs: object) -> TestResponse:
        outer = self.errors_expected
        # Redirects followed come back through open(): they are checked there, with this flag.
        self.errors_expected = outer or errors_expected
        try:
            response = super().open(*args, **kwargs)
        finally:
            self.errors_expected = outer
        if not response.history:
            check_response(response, errors_expected=outer or errors_expected)
        return response
