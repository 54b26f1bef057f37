"""A live portal on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask, g, template_rendered
from flask import Response as FlaskResponse
from jinja2 import Template
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import make_server

from portal import create_app
from portal.accounts.models import Account
from portal.extensions import limiter
from tests.browser.axe import track_templates
from tests.browser.vnu import HtmlRecorder
from tests.conftest import TEST_PASSWORD, account_factory, config_for_tests, next_totp_code
from tests.databases import empty_all_tables, migrate_to_head

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 320, "height": 640}
DESK = {"width": 1280, "height": 800}
LANGUAGES = ("en", "ar")  # English, and a right-to-left language


class LiveServer:
    """The portal served by Werkzeug in a thread, on a free port."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session", autouse=True)
def html_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HtmlRecorder]:
    """Every HTML response the browser tests saw; the Nu Html Checker checks them at the end."""
    recorder = HtmlRecorder(tmp_path_factory.mktemp("html-pages"))
    yield recorder
    recorder.assert_valid()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory, html_pages: HtmlRecorder) -> Flask:
    """The app behind the live server, on its own migrated SQLite database."""
    root = tmp_path_factory.mktemp("live")
    config = config_for_tests(f"sqlite:///{root / 'live.sqlite3'}", root)
    # As in production: Chromium keeps Secure cookies on http://127.0.0.1 (a secure context).
    config["SESSION_COOKIE_SECURE"] = True
    app = create_app(config)
    migrate_to_head(app)
    report_rendered_templates(app)
    html_pages.record_responses(app)
    return app


def report_rendered_templates(app: Flask) -> None:
    """Tell the browser tests which templates made each response (for the axe coverage check)."""

    def remember(sender: Flask, template: Template, context: dict, **extra: object) -> None:
        g.setdefault("rendered_templates", []).append(template.name)

    def add_header(response: FlaskResponse) -> FlaskResponse:
        response.headers["X-Rendered-Templates"] = ",".join(g.get("rendered_templates", []))
        return response

    template_rendered.connect(remember, app, weak=False)
    app.after_request(add_header)


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[LiveServer]:
    with LiveServer(live_app) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_live_data(request: pytest.FixtureRequest) -> Iterator[None]:
    """Browser tests start from empty tables and fresh rate limits."""
    yield
    if "live_app" in request.fixturenames:
        live_app = request.getfixturevalue("live_app")
        empty_all_tables(live_app)
        with live_app.app_context():
            limiter.reset()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _new_page(
    browser: Browser, live_server: LiveServer, viewport: dict, **options: object
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        base_url=live_server.url, viewport=viewport, **options
    )
    page = context.new_page()
    track_templates(page)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not problems, f"the browser refused something under our CSP: {problems}"


@pytest.fixture
def phone_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A 320 px wide page with JavaScript on."""
    yield from _new_page(browser, live_server, PHONE)


@pytest.fixture
def desk_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A 1280 px wide page with JavaScript on."""
    yield from _new_page(browser, live_server, DESK)


@pytest.fixture
def no_js_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A 320 px wide page with JavaScript off."""
    yield from _new_page(browser, live_server, PHONE, java_script_enabled=False)


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[Callable[..., Page]]:
    """Make more pages (another person, another device) in the same test."""
    made: list[Iterator[Page]] = []

    def make(viewport: dict = PHONE, **options: object) -> Page:
        generator = _new_page(browser, live_server, viewport, **options)
        made.append(generator)
        return next(generator)

    yield make
    for generator in made:
        next(generator, None)


@pytest.fixture
def live_account(live_app: Flask) -> Callable[..., Account]:
    """Create an account in the live server's database."""
    return account_factory(live_app)


def each_width_and_language(*pages: Page, languages: tuple[str, ...] = LANGUAGES) -> Iterator[str]:
    """Switch signed-in pages to 320 px then 1280 px, yielding each language to ask for.

    Resizing in place is much cheaper than a new browser context and a new sign-in each time;
    the caller asks for the language with ?lang= on each page it visits.
    """
    for viewport in (PHONE, DESK):
        for page in pages:
            page.set_viewport_size(viewport)
        for lang in languages:
            print(f"at {viewport['width']} px in {lang}")  # shown when the test fails
            yield lang


def browser_sign_in(page: Page, account: Account, live_app: Flask) -> None:
    """Sign in through the real pages, as a person would."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(next_totp_code(account, live_app))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
