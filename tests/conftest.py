"""Fixtures every test can use: app, client, db_session, make_account, sign_in, page_check."""

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal import create_app
from portal.accounts.models import Account, Organisation, Team
from portal.accounts.totp import TOTP_STEP_SECONDS
from portal.core.access import Role
from portal.extensions import db, limiter
from tests.databases import (
    create_database_if_missing,
    database_urls,
    empty_all_tables,
    migrate_to_head,
)
from tests.pages import CheckedClient, check_page

AXE_LOG = pytest.StashKey[Path]()
TEST_PASSWORD = "correct-horse-battery-staple"


def config_for_tests(database_url: str, tmp_path: Path) -> dict:
    """Settings for a test app: a real database, real CSRF, rate limits in memory."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": "test-secret-key",
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "PDF_CACHE_DIR": str(tmp_path / "pdf-cache"),
        "SHOW_DEV_OUTBOX": True,
        "SERVER_NAME": None,
    }


@pytest.fixture(scope="session")
def database_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("databases")


_migrated: set[str] = set()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses `app` once per database (SQLite, and PostgreSQL if set)."""
    if "database_name" in metafunc.fixturenames:
        names = list(database_urls(Path("/unused")))
        metafunc.parametrize("database_name", names, scope="session")


@pytest.fixture
def app(database_name: str, database_root: Path, tmp_path: Path) -> Iterator[Flask]:
    """A portal app on a migrated database that is emptied after each test."""
    url = database_urls(database_root)[database_name]
    application = create_app(config_for_tests(url, tmp_path))
    application.test_client_class = CheckedClient  # checks every HTML response (tests/pages.py)
    if url not in _migrated:
        create_database_if_missing(url)
        migrate_to_head(application)
        _migrated.add(url)
    limiter.reset()
    yield application
    empty_all_tables(application)
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def db_session(app: Flask) -> Iterator:
    """The database session inside an app context."""
    with app.app_context():
        yield db.session
        db.session.remove()


def account_factory(app: Flask) -> Callable[..., Account]:
    """A function that creates accounts with roles, a password and an authenticator secret."""
    counter = iter(range(1, 10_000))

    def make(
        roles: list[Role] | None = None,
        *,
        kind: str = "staff",
        email: str | None = None,
        team_name: str = "Family Help North",
        password: str = TEST_PASSWORD,
        **fields: object,
    ) -> Account:
        with app.app_context():
            organisation = Organisation(name="Eastholme Borough Council", kind="council")
            team = Team(name=team_name, organisation=organisation)
            number = next(counter)
            account = Account(
                kind=kind,
                email=email or f"person{number}@eastholme.example",
                display_name=f"Test Person {number}",
                roles=[str(r) for r in (roles or [])],
                organisation=organisation,
                team=team,
                totp_secret=pyotp.random_base32(),
                **fields,
            )
            account.set_password(password)
            db.session.add(account)
            db.session.commit()
            db.session.refresh(account)
            db.session.expunge(account)
            return account

    return make


@pytest.fixture
def make_account(app: Flask) -> Callable[..., Account]:
    """Create an account in the test database: make_account([Role.FRONT_DOOR])."""
    return account_factory(app)


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_from(response: TestResponse) -> str:
    """The CSRF token in the first form of a page."""
    match = CSRF_FIELD.search(response.get_data(as_text=True))
    assert match, "the page has no CSRF token"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict, **kwargs: object) -> TestResponse:
    """GET the form, then POST it with its CSRF token, as a browser would."""
    token = csrf_token_from(client.get(url))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def next_totp_code(account: Account, app: Flask) -> str:
    """A code the authenticator would show that has not been used yet."""
    with app.app_context():
        fresh = db.session.get(Account, account.id)
        last = fresh.totp_last_counter
    counter = int(time.time() // TOTP_STEP_SECONDS)
    if last is not None and last >= counter:
        counter = last + 1
    return pyotp.TOTP(account.totp_secret).at(counter * TOTP_STEP_SECONDS)


@pytest.fixture
def sign_in(app: Flask) -> Callable[[FlaskClient, Account], TestResponse]:
    """Sign in through the real forms: password, then authenticator code."""

    def do_sign_in(client: FlaskClient, account: Account) -> TestResponse:
        response = post_form(
            client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD}
        )
        assert response.status_code == 302, "password step failed"
        response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
        assert response.status_code == 302, "code step failed"
        return response

    return do_sign_in


@pytest.fixture
def page_check() -> Callable[..., object]:
    """Assert the house rules on a response's page and return it parsed."""

    def check(response: TestResponse, **kwargs: object) -> object:
        assert response.mimetype == "text/html"
        return check_page(response.get_data(as_text=True), **kwargs)

    return check
