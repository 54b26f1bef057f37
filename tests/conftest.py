"""Fixtures every test can use: app, client, db_session, make_account, sign_in, page_check.

The app is built once per database per run. Each test runs inside a transaction that is rolled
back afterwards (the portal's commit() releases a savepoint), so no test sees another's rows.
Mark a test `real_commits` when it needs commits other connections or threads can see; its
tables are emptied afterwards instead. Mark it `both_databases` when its behaviour depends on
the database: only those tests also run on PostgreSQL (see README, "Testing").
"""

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_sqlalchemy.query import Query
from flask_sqlalchemy.session import Session
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import scoped_session, sessionmaker
from werkzeug.test import TestResponse

from portal import create_app
from portal.accounts.models import Account, Organisation, Team
from portal.accounts.totp import TOTP_STEP_SECONDS
from portal.core.access import Role
from portal.extensions import db, limiter
from tests.browser.axe import COVERAGE_LOG_VARIABLE
from tests.browser.coverage import coverage_gaps, read_log
from tests.databases import (
    create_database_if_missing,
    database_urls,
    empty_all_tables,
    migrate_to_head,
    sqlite_savepoints_work,
)
from tests.pages import CheckedClient, check_page

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
        # Cheap password hashing: production keeps argon2's strong defaults (portal/config.py).
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8,
        "ARGON2_PARALLELISM": 1,
    }


def build_app(database_url: str, tmp_path: Path) -> Flask:
    """A portal app for tests; the one place its test client class is chosen."""
    application = create_app(config_for_tests(database_url, tmp_path))
    application.test_client_class = CheckedClient  # checks every HTML response (tests/pages.py)
    return application


@pytest.fixture(scope="session")
def database_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("databases")


def pytest_configure(config: pytest.Config) -> None:
    """Give every process of the run one log of the templates axe-core has passed."""
    if os.environ.get("AXE_COVERAGE") == "1" and not hasattr(config, "workerinput"):
        log = Path(config.rootpath) / ".pytest-axe-coverage.log"
        log.unlink(missing_ok=True)
        os.environ[COVERAGE_LOG_VARIABLE] = str(log)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With AXE_COVERAGE=1, fail a whole browser run that left a page template unchecked."""
    log = os.environ.get(COVERAGE_LOG_VARIABLE)
    if os.environ.get("AXE_COVERAGE") != "1" or not log or hasattr(session.config, "workerinput"):
        return
    every_file = {path.name for path in (Path(__file__).parent / "browser").glob("test_*.py")}
    ran = {item.path.name for item in session.items if "browser" in item.path.parts}
    if exitstatus != 0 or (session.items and ran != every_file):
        return  # only a whole, passing browser run can say what it left out
    gaps = coverage_gaps(read_log(Path(log)))
    if gaps:
        lines = [f"  {name}: {', '.join(missing)}" for name, missing in gaps.items()]
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("page templates axe-core has not passed (AXE_COVERAGE=1):")
            for line in lines:
                reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests that use `app` on SQLite, and on PostgreSQL too when marked both_databases."""
    if "database_name" in metafunc.fixturenames:
        names = list(database_urls(Path("/unused")))
        every = os.environ.get("TEST_ALL_ON_POSTGRESQL") == "1"
        if not every and not metafunc.definition.get_closest_marker("both_databases"):
            names = names[:1]  # SQLite
        metafunc.parametrize("database_name", names, scope="session")


class _AppsByDatabase:
    """One migrated app per database, kept for the whole run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.apps: dict[str, Flask] = {}
        self.migrated: set[str] = set()

    def get(self, name: str) -> Flask:
        if name not in self.apps:
            url = database_urls(self.root)[name]
            application = build_app(url, self.root)
            if url not in self.migrated:
                create_database_if_missing(url)
                migrate_to_head(application)
                self.migrated.add(url)
            with application.app_context():
                db.engine.dispose()  # later connections are made with the listeners below
                sqlite_savepoints_work(db.engine)
            self.apps[name] = application
        return self.apps[name]

    def discard(self, name: str) -> None:
        """Forget an app a test changed for good (it added a route): the next test builds anew."""
        application = self.apps.pop(name)
        with application.app_context():
            db.engine.dispose()

    def close(self) -> None:
        for name in list(self.apps):
            self.discard(name)


@pytest.fixture(scope="session")
def apps_by_database(database_root: Path) -> Iterator[_AppsByDatabase]:
    apps = _AppsByDatabase(database_root)
    yield apps
    apps.close()


class _OneConnectionSession(Session):
    """db.session during a test: every statement goes to the test's connection."""

    def get_bind(self, *args: object, **kwargs: object) -> Engine | Connection:
        if threading.get_ident() != self.info["test_thread"]:
            raise RuntimeError(
                "another thread used the database inside a rolled-back test: "
                "mark the test @pytest.mark.real_commits"
            )
        return self.bind


@contextmanager
def rolled_back(application: Flask) -> Iterator[None]:
    """Run the block inside one transaction that is then rolled back.

    db.session joins it with a savepoint, so the portal's commit() and rollback() work as usual
    but nothing outlives the block.
    """
    with application.app_context():
        engine = db.engine
    connection = engine.connect()
    outer = connection.begin()
    shared_session = db.session
    db.session = scoped_session(
        sessionmaker(
            class_=_OneConnectionSession,
            db=db,
            query_cls=Query,
            bind=connection,
            join_transaction_mode="create_savepoint",
            info={"test_thread": threading.get_ident()},
        ),
        scopefunc=shared_session.registry.scopefunc,
    )
    try:
        yield
    finally:
        db.session = shared_session
        outer.rollback()
        connection.close()


@pytest.fixture
def app(
    request: pytest.FixtureRequest,
    database_name: str,
    apps_by_database: _AppsByDatabase,
    tmp_path: Path,
) -> Iterator[Flask]:
    """The portal on a migrated database, as it was before the test (see module docstring)."""
    application = apps_by_database.get(database_name)
    config = dict(application.config)
    extensions = dict(application.extensions)
    routes = len(list(application.url_map.iter_rules()))
    application.config["PDF_CACHE_DIR"] = str(tmp_path / "pdf-cache")
    # As on a new app, a test may add a route before its first request.
    application._got_first_request = False
    limiter.reset()
    try:
        if request.node.get_closest_marker("real_commits"):
            yield application
            empty_all_tables(application)
        else:
            with rolled_back(application):
                yield application
    finally:
        application.config.clear()
        application.config.update(config)
        application.extensions.clear()
        application.extensions.update(extensions)
        if len(list(application.url_map.iter_rules())) != routes:
            apps_by_database.discard(database_name)


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
