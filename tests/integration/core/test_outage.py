"""The database is away for real (nothing listens on the port): pages say so and keep the input.

The person signs in on the working app; the same cookies are then sent to an app whose
database address refuses connections, as happens when PostgreSQL is down or restarting.
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from portal import create_app
from portal.core.access import Role
from tests.conftest import TEST_PASSWORD, config_for_tests, csrf_token_from, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family
from tests.pages import CheckedClient

NOTHING_LISTENS = "postgresql+psycopg://postgres@127.0.0.1:5999/ff_nothing"
COOKIE = "ff_session"


@pytest.fixture
def unreachable_app(tmp_path: Path) -> Flask:
    """The portal with a database address where nothing listens."""
    application = create_app(config_for_tests(NOTHING_LISTENS, tmp_path))
    application.test_client_class = CheckedClient
    return application


def during_outage(unreachable_app: Flask, client: FlaskClient) -> FlaskClient:
    """A client for the broken app carrying this person's session cookie."""
    broken = unreachable_app.test_client()
    cookie = client.get_cookie(COOKIE)
    if cookie is not None:
        broken.set_cookie(COOKIE, cookie.value)
    return broken


def retry_fields(html: str) -> MultiDict:
    form = BeautifulSoup(html, "html.parser").select_one("main form[method=post]")
    return MultiDict(
        (field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")
    )


# Tests that sign in first commit for real: a rolled-back test's db.session would serve both apps.


def test_error_pages_render_without_the_database(unreachable_app, page_check):
    client = unreachable_app.test_client()
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert page_check(missing).h1.get_text(strip=True) == "Page not found"


@pytest.mark.real_commits
@pytest.mark.both_databases
def test_a_signed_in_page_says_try_again_rather_than_a_bare_error(
    app, make_account, unreachable_app, page_check
):
    member = make_account([Role.FAMILY], kind="family")
    client = app.test_client()
    sign_in_family(client, member, TEST_PASSWORD)
    response = during_outage(unreachable_app, client).get("/my-plan")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = page_check(response)
    assert page.h1.get_text(strip=True) == "Sorry, we cannot show this page right now"
    assert page.select_one("main a[href='/my-plan']").get_text(strip=True) == "Try again"


@pytest.mark.real_commits
@pytest.mark.both_databases
def test_a_family_comment_sent_during_an_outage_is_kept_and_saved_on_try_again(
    app, make_account, unreachable_app, page_check
):
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        add_member(family_with_plan(lead, versions=1), member, last_seen=1)
    client = app.test_client()
    sign_in_family(client, member, TEST_PASSWORD)
    typed = "Nana can help more on Tuesdays"
    token = csrf_token_from(client.get("/my-plan/views"))

    broken = during_outage(unreachable_app, client)
    response = broken.post(
        "/my-plan/views", data={"csrf_token": token, "kind": "disagree", "text": typed}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = page_check(response)
    assert page.h1.get_text(strip=True) == "Sorry, we could not save your answer"
    assert typed in page.select_one(".app-typed-answer").get_text()
    again = retry_fields(response.get_data(as_text=True))
    assert again.getlist("text") == [typed] and again.getlist("kind") == ["disagree"]

    saved = client.post("/my-plan/views", data=again)
    assert saved.status_code == 302
    assert typed in page_check(client.get("/my-plan/views")).get_text()


@pytest.mark.real_commits
@pytest.mark.both_databases
def test_plan_editing_and_the_survey_builder_keep_what_was_typed(
    app, client, sign_in, make_account, unreachable_app, page_check
):
    lead = make_account([Role.LEAD_PRACTITIONER, Role.PARTICIPATION])
    sign_in(client, lead)
    broken = during_outage(unreachable_app, client)
    token = csrf_token_from(client.get("/practitioners/families/new"))
    for url, form, typed in [
        ("/practitioners/families/new", {"name": "The Okafor family"}, "The Okafor family"),
        (
            "/practitioners/have-your-say/new",
            {"title": "Your youth club", "purpose": "Plan the club."},
            "Your youth club",
        ),
    ]:
        response = broken.post(url, data={"csrf_token": token, **form})
        assert response.status_code == 503, url
        assert typed in page_check(response).select_one(".app-typed-answer").get_text()
        assert retry_fields(response.get_data(as_text=True)).get("csrf_token")


def test_passwords_are_never_shown_back(unreachable_app, page_check):
    client = unreachable_app.test_client()
    token = csrf_token_from(client.get("/sign-in"))
    response = client.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": "a@b.example",
            "password": "hunter2-secret",
            "submit": "y",
        },
    )
    assert response.status_code == 503
    assert "hunter2-secret" not in response.get_data(as_text=True)
    shown = page_check(response).select(".app-typed-answer .app-answer")
    assert [answer.get_text() for answer in shown] == ["a@b.example"]
    again = retry_fields(response.get_data(as_text=True))
    assert "password" not in again and again["submit"] == "y"


def test_bad_input_is_not_called_an_outage(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    sign_in(client, lead)
    response = post_form(client, "/practitioners/families/new", {"name": "x" * 201})
    assert response.status_code == 200
    assert "Try again in a minute" not in response.get_data(as_text=True)


@pytest.mark.real_commits
@pytest.mark.both_databases
def test_a_stale_form_token_page_renders_for_a_signed_in_person(
    app, make_account, unreachable_app, page_check
):
    member = make_account([Role.FAMILY], kind="family")
    client = app.test_client()
    sign_in_family(client, member, TEST_PASSWORD)
    broken = during_outage(unreachable_app, client)
    response = broken.post("/page-feedback", data={"feedback_useful": "yes"})
    assert response.status_code == 400
    assert page_check(response).h1.get_text(strip=True) == "Sorry, your form could not be sent"
