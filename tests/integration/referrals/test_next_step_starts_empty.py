"""The next question arrives empty: nothing a referrer did not type is shown or stored.

With htmx the next question is built while the last answer is being posted; it must not be
filled from that post.
"""

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.core.access import Role
from portal.extensions import db
from portal.referrals.models import Referral
from tests.conftest import csrf_token_from
from tests.integration.referrals.journey import AMIRA, answer, start, step_key, walk_to_check

HTMX = {"HX-Request": "true"}


def stored_answers(app, public_id: str) -> dict:
    with app.app_context():
        referral = db.session.scalar(select(Referral).where(Referral.public_id == public_id))
        return dict(referral.answers)


def htmx_answer(client: FlaskClient, url: str, data: dict) -> TestResponse:
    """Post an answer as htmx does, from the page the person is looking at."""
    token = csrf_token_from(client.get(url))
    response = client.post(url, data={"csrf_token": token, **data}, headers=HTMX)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response


def question_of(fragment: BeautifulSoup) -> str:
    """The question the person reads: the page heading inside the current step."""
    step = fragment.select_one(".app-current-step")
    heading = step.select_one("h1")
    return heading.get_text(" ", strip=True)


def filled_inputs(fragment: BeautifulSoup) -> list[str]:
    """Inputs in the current step that arrive with something in them."""
    step = fragment.select_one(".app-current-step")
    found = []
    for field in step.select("input, textarea"):
        kind = field.get("type", "text")
        if field.get("name") in {"csrf_token", "action"}:
            continue
        if kind in {"radio", "checkbox"}:
            if field.has_attr("checked"):
                found.append(f"{field['name']}={field['value']} checked")
        elif field.name == "textarea":
            if field.get_text():
                found.append(f"{field['name']}={field.get_text()!r}")
        elif field.get("value"):
            found.append(f"{field['name']}={field['value']!r}")
    return found


def started(client: FlaskClient, make_account, sign_in) -> str:
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    return start(client).headers["Location"]


def test_with_htmx_the_role_question_after_no_arrives_empty(client, make_account, sign_in):
    first = started(client, make_account, sign_in)
    response = htmx_answer(client, first, {"answer": "no"})
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(fragment) == "What is your role, and how do you know the family?"
    assert filled_inputs(fragment) == []


def test_with_htmx_a_yes_is_not_carried_into_the_reason_and_never_stored(
    app, client, make_account, sign_in
):
    first = started(client, make_account, sign_in)
    public_id, _ = step_key(first)
    walk_to_check(client, first)
    consent_url = f"/refer/{public_id}/step/consent"

    response = htmx_answer(client, consent_url, {"answer": "no"})
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(fragment) == "Would telling the family put a child at more risk?"
    assert filled_inputs(fragment) == []  # "no" is an option here too: it must not be chosen

    response = htmx_answer(client, f"/refer/{public_id}/step/consent_override", {"answer": "yes"})
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(fragment) == "Why would telling the family put a child at more risk?"
    assert filled_inputs(fragment) == []

    # Continue on the reason page as it arrived: nothing typed, so nothing stored.
    reason_url = f"/refer/{public_id}/step/consent_override_reason"
    response = htmx_answer(client, reason_url, {"answer": ""})
    assert "Tell us why you have not asked the family" in response.get_data(as_text=True)
    answers = stored_answers(app, public_id)
    assert "consent_override_reason" not in answers
    assert answers["consent"] == "no" and answers["consent_override"] == "yes"


def test_with_htmx_a_changed_answer_leads_to_an_empty_new_question_and_keeps_the_rest(
    client, make_account, sign_in
):
    first = started(client, make_account, sign_in)
    public_id, _ = step_key(first)
    walk_to_check(client, first)
    # Changing "Has anyone tried to help?" to yes opens a question not answered before.
    response = htmx_answer(client, f"/refer/{public_id}/step/tried_before", {"answer": "yes"})
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(fragment) == "What has been tried, and who else is involved?"
    assert filled_inputs(fragment) == []
    # A question answered before shows the person's own answer when they go back to it.
    page = BeautifulSoup(
        client.get(f"/refer/{public_id}/step/going_well").get_data(as_text=True), "html.parser"
    )
    assert question_of(page) == "What is going well for the family?"
    assert filled_inputs(page) == ['answer="Mum comes to every parents\' evening."']


def test_with_htmx_add_a_child_arrives_empty_after_the_first_child(
    app, client, make_account, sign_in
):
    first = started(client, make_account, sign_in)
    public_id, _ = step_key(first)
    answer(client, first, {"answer": "no"})
    answer(client, f"/refer/{public_id}/step/referrer_role", {"answer": "School nurse"})
    response = htmx_answer(client, f"/refer/{public_id}/step/children", {"action": "add", **AMIRA})
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(fragment) == "Which children are you worried about?"
    assert "Amira Haddad" in fragment.select_one(".govuk-summary-list").get_text(" ")
    assert filled_inputs(fragment) == []
    people = stored_answers(app, public_id)["children"]["people"]
    assert [(p["first_name"], p["last_name"]) for p in people] == [("Amira", "Haddad")]


def test_without_javascript_each_new_question_is_empty_and_a_revisit_shows_the_answer(
    client, make_account, sign_in
):
    first = started(client, make_account, sign_in)
    response = answer(client, first, {"answer": "no"}, follow_redirects=True)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert question_of(page) == "What is your role, and how do you know the family?"
    assert filled_inputs(page) == []
    again = BeautifulSoup(client.get(first).get_data(as_text=True), "html.parser")
    assert question_of(again) == "Is a child in immediate danger right now?"
    assert filled_inputs(again) == ["answer=no checked"]
