"""The database goes away between two answers: nothing saved is lost, nothing typed is lost.

This uses a real PostgreSQL database that is cut off for real: new connections are refused
(ALLOW_CONNECTIONS false) and the open ones are ended, then it is let back in.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pyotp
import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import make_url
from werkzeug.datastructures import MultiDict

from portal import create_app
from portal.core.access import Role
from portal.extensions import db
from portal.referrals.models import Referral
from tests.conftest import (
    TEST_PASSWORD,
    account_factory,
    config_for_tests,
    csrf_token_from,
    post_form,
)
from tests.databases import migrate_to_head
from tests.integration.referrals.journey import answer, start, step_key

BASE_URL = os.environ.get("TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not BASE_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
TYPED = "School nurse. I see Amira every week at the drop-in."


def _admin() -> psycopg.Connection:
    url = make_url(BASE_URL.replace("+psycopg", ""))
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def breakable(tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    """An app on its own PostgreSQL database, which the test may cut off."""
    name = f"{make_url(BASE_URL).database}_break{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(BASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)).set(database=name)
    app = create_app(config_for_tests(url.render_as_string(hide_password=False), tmp_path))
    migrate_to_head(app)
    yield app, name
    with app.app_context():
        db.engine.dispose()
    with _admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cut_off(name: str) -> None:
    with _admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )


def let_back(name: str) -> None:
    with _admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def hidden_fields(html: str) -> list[tuple[str, str]]:
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"method": "post"})
    return [
        (i["name"], i.get("value", "")) for i in form.find_all("input", attrs={"type": "hidden"})
    ]


def test_an_answer_sent_while_the_database_is_away_is_kept_and_saved_later(breakable, page_check):
    app, name = breakable
    client = app.test_client()
    partner = account_factory(app)([Role.PARTNER], kind="partner")
    post_form(client, "/sign-in", {"email": partner.email, "password": TEST_PASSWORD})
    signed_in = post_form(client, "/sign-in/code", {"code": pyotp.TOTP(partner.totp_secret).now()})
    assert signed_in.status_code == 302
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    answer(client, first, {"answer": "no"})
    role_url = f"/refer/{public_id}/step/referrer_role"
    token = csrf_token_from(client.get(role_url))

    cut_off(name)
    try:
        during = client.post(role_url, data={"csrf_token": token, "answer": TYPED})
        assert during.status_code == 503
        page = page_check(during)
        assert page.h1.get_text(strip=True) == "Sorry, we could not save your answer"
        assert TYPED in page.get_text()
        retry = hidden_fields(during.get_data(as_text=True))
        assert ("answer", TYPED) in retry
        with_htmx = client.post(
            role_url, data={"csrf_token": token, "answer": TYPED}, headers={"HX-Request": "true"}
        )
        assert with_htmx.status_code == 200
        assert TYPED in with_htmx.get_data(as_text=True)
    finally:
        let_back(name)

    # "Try again" sends what the page kept.
    again = client.post(role_url, data=MultiDict(retry))
    assert again.status_code == 302
    assert again.headers["Location"].endswith(f"/refer/{public_id}/step/children")
    with app.app_context():
        saved = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        assert saved.answers == {"immediate_danger": "no", "referrer_role": TYPED}
