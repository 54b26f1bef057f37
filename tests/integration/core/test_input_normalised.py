"""Typed input is cleaned in one place before any form sees it, and never becomes a 500.

NUL and control characters are removed; an answer of only spaces and invisible characters is
empty; names longer than their column get a length message; an overflowing day asks again.
"""

import pytest
from sqlalchemy import func, select

from portal.coproduction.models import PageFeedback
from portal.core.access import Role
from portal.core.request_input import normalised
from portal.extensions import db
from portal.plans.models import Family
from portal.referrals.models import Referral
from tests.conftest import csrf_token_from, post_form
from tests.integration.referrals.journey import AMIRA, answer, start, step_key

pytestmark = pytest.mark.both_databases
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00a0 \t"


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("School\x00 nurse", "School nurse"),
        ("a\x07b\x1bc", "abc"),
        ("line one\r\nline\ttwo", "line one\r\nline\ttwo"),
        (INVISIBLE, ""),
        ("\u200b", ""),
        ("\u0645\u200c\u06cc", "\u0645\u200c\u06cc"),  # a joiner inside real words stays
    ],
)
def test_what_a_form_sees_of_typed_text(typed: str, seen: str) -> None:
    assert normalised(typed) == seen


@pytest.fixture
def conversation(app, client, make_account, sign_in):
    """A signed-in partner's new referral, past the first question."""
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    answer(client, first, {"answer": "no"})
    return public_id


def saved_answers(app, public_id: str) -> dict:
    with app.app_context():
        return db.session.scalar(select(Referral).where(Referral.public_id == public_id)).answers


def test_a_nul_in_an_answer_is_stored_without_it(app, client, conversation) -> None:
    url = f"/refer/{conversation}/step/referrer_role"
    response = answer(client, url, {"answer": "School\x00 nurse"})
    assert response.status_code == 302
    assert saved_answers(app, conversation)["referrer_role"] == "School nurse"


def test_an_invisible_only_answer_is_asked_for_again(app, client, conversation, page_check):
    url = f"/refer/{conversation}/step/referrer_role"
    response = answer(client, url, {"answer": INVISIBLE})
    assert response.status_code == 200
    page = page_check(response)
    assert (
        "Enter your role and how you know the family"
        in page.select_one(".govuk-error-summary").get_text()
    )
    assert "referrer_role" not in saved_answers(app, conversation)


def children_url(client, public_id: str) -> str:
    answer(client, f"/refer/{public_id}/step/referrer_role", {"answer": "School nurse"})
    return f"/refer/{public_id}/step/children"


def test_a_child_name_longer_than_its_column_gets_the_length_message(
    app, client, conversation, page_check
):
    url = children_url(client, conversation)
    response = answer(client, url, {"action": "add", **AMIRA, "first_name": "A" * 101})
    assert response.status_code == 200
    assert "Answer must be 100 characters or fewer" in page_check(response).get_text()
    assert "children" not in saved_answers(app, conversation)


@pytest.mark.parametrize("day", ["99999999999999999999", "9" * 400])
def test_an_overflowing_day_of_birth_asks_for_a_real_date(
    app, client, conversation, page_check, day: str
):
    url = children_url(client, conversation)
    born = [day, "3", "2017"]
    response = answer(client, url, {"action": "add", **AMIRA, "date_of_birth": born})
    assert response.status_code == 200
    assert "Date must be a real date, like 27 3 2019" in page_check(response).get_text()
    assert "children" not in saved_answers(app, conversation)


def test_an_overflowing_day_in_a_plan_date_asks_for_a_real_date(
    app, client, sign_in, make_account, page_check
):
    from tests.integration.plans.plan_factories import family_with_plan

    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family_id = family_with_plan(lead, versions=1).public_id
    sign_in(client, lead)
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    new_version = f"/practitioners/families/{family_id}/plan/new-version"
    assert client.post(new_version, data={"csrf_token": token}).status_code == 302
    url = f"/practitioners/families/{family_id}/plan/sections/meeting"
    response = post_form(
        client,
        url,
        {"next_meeting_what": "Review", "next_meeting": ["99999999999999999999", "1", "2027"]},
    )
    assert response.status_code == 200
    assert "Enter a real date" in page_check(response).select_one(".govuk-error-summary").get_text()


def test_a_family_name_longer_than_its_column_gets_the_length_message(
    app, client, sign_in, make_account, page_check
):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    response = post_form(
        client,
        "/practitioners/families/new",
        {
            "name": "O" * 201,
            "children": "Amira Haddad",
            "preferred_language": "en",
            "interpreter_needed": "no",
        },
    )
    assert response.status_code == 200
    summary = page_check(response).select_one(".govuk-error-summary").get_text()
    assert "Family name must be 200 characters or fewer" in summary
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Family)) == 0


def test_a_nul_in_page_feedback_is_stored_without_it(app, client) -> None:
    token = csrf_token_from(client.get("/you-said-we-did"))
    response = client.post(
        "/page-feedback",
        data={
            "csrf_token": token,
            "feedback_page": "/you-said-we-did",
            "feedback_useful": "no",
            "feedback_missing": "Opening\x00times",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(PageFeedback)).all()
    assert [row.missing for row in stored] == ["Openingtimes"]


@pytest.mark.parametrize(
    ("children", "message"),
    [
        ("C" * 201, "Each name must be 200 characters or fewer"),
        ("Amira Haddad, 99999999999999999999/3/2017", "Enter each date of birth after a comma"),
    ],
)
def test_the_children_box_checks_each_line(
    app, client, sign_in, make_account, page_check, children: str, message: str
):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    response = post_form(
        client,
        "/practitioners/families/new",
        {
            "name": "The Haddad family",
            "children": children,
            "preferred_language": "en",
            "interpreter_needed": "no",
        },
    )
    assert response.status_code == 200
    assert message in page_check(response).select_one(".govuk-error-summary").get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Family)) == 0
