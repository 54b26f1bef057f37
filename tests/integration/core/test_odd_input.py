"""Odd input gets a clear answer, never a 500: NUL bytes, date parts, deep JSON, double taps.

A NUL typed into a form is removed instead (tests/integration/core/test_input_normalised.py).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from portal.coproduction.models import Answer, SurveyResponse
from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import Family, PlanVersion
from tests.conftest import csrf_token_from, post_form
from tests.integration.coproduction.factories import make_open_survey
from tests.integration.plans.plan_factories import family_with_plan

pytestmark = pytest.mark.both_databases

PROBLEM = "Sorry, there is a problem with your request"


def test_a_nul_byte_in_the_address_is_a_400_page(client, page_check) -> None:
    response = client.get("/have-your-say/a%00b")
    assert response.status_code == 400
    soup = page_check(response)
    assert soup.h1.get_text(strip=True) == PROBLEM


def test_the_400_page_is_in_the_readers_language(client, page_check) -> None:
    english = page_check(client.get("/have-your-say/a%00b?lang=en")).h1.get_text(strip=True)
    response = client.get("/have-your-say/a%00b?lang=pl")
    assert response.status_code == 400
    polish = page_check(response, expect_lang="pl").h1.get_text(strip=True)
    assert polish and polish != english


def test_a_nul_byte_in_a_query_is_a_400_page(client) -> None:
    assert client.get("/search?q=kin%00ship").status_code == 400


@pytest.fixture
def draft_plan(app, client, sign_in, make_account) -> str:
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family_id = family_with_plan(lead, versions=1).public_id
    sign_in(client, lead)
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    url = f"/practitioners/families/{family_id}/plan/new-version"
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    return family_id


def _draft_body(app, family_id: str) -> list[dict]:
    """Every stored plan version's body (the test database holds only this family's plan)."""
    with app.app_context():
        assert db.session.scalar(select(Family).where(Family.public_id == family_id))
        versions = db.session.scalars(select(PlanVersion).order_by(PlanVersion.id)).all()
        return [load_body(v.body).to_dict() for v in versions]


@pytest.mark.parametrize("parts", [["2", "6"], ["2", "6", "2027", "9"], ["2"]])
@pytest.mark.parametrize(
    ("path", "field", "extra"),
    [
        ("plan/sections/meeting", "next_meeting", {"next_meeting_what": "Review at the hub"}),
        (
            "plan/goals/goal-one/actions/new",
            "by_when",
            {"who": "Ana", "what": "Phone the school", "status": "not-started"},
        ),
    ],
)
def test_a_date_posted_with_other_than_three_parts_asks_again(
    app, client, draft_plan, page_check, path: str, field: str, extra: dict, parts: list[str]
) -> None:
    before = _draft_body(app, draft_plan)
    url = f"/practitioners/families/{draft_plan}/{path}"
    response = post_form(client, url, {**extra, field: parts})
    assert response.status_code == 200
    soup = page_check(response)
    summary = soup.select_one(".govuk-error-summary")
    assert "Enter a real date, for example 27 3 2027" in summary.get_text()
    boxes = soup.select(f'input[name="{field}"]')
    assert [box.get("value", "") for box in boxes] == [*parts, "", ""][:3]
    assert _draft_body(app, draft_plan) == before


@pytest.mark.parametrize("depth", [50, 100_000])
def test_deeply_nested_json_to_passkey_sign_in_is_a_400(client, depth: int) -> None:
    token = csrf_token_from(client.get("/my-plan/sign-in"))
    body = '{"rawId": ' + "[" * depth + "]" * depth + "}"
    response = client.post(
        "/my-plan/sign-in/passkey/verify",
        data=body,
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    )
    assert response.status_code == 400
    assert response.get_json() == {"ok": False}


@pytest.mark.real_commits
@pytest.mark.both_databases
def test_the_same_answer_sent_twice_at_once_is_kept_once(app) -> None:
    """Two requests load the draft, then both store the first answer: one row, no 500."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # SQLite lets one writer in at a time, and the suite's savepoint set-up (tests/databases.py)
        # makes each reading thread hold its lock, so two threads deadlock in the harness itself.
        pytest.skip("the unique-constraint race needs a database with concurrent writers")
    from portal.coproduction.responses import answer_for, commit_answer, start_response
    from portal.coproduction.surveys import find_survey_by_slug

    make_open_survey(app)
    with app.app_context():
        survey = find_survey_by_slug("youth-club")
        draft = start_response(survey, "en")
        db.session.commit()
        draft_id = draft.id
    both_loaded = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def answer() -> None:
        try:
            with app.app_context():
                response = db.session.get(SurveyResponse, draft_id)
                question = response.version.questions[0]
                assert answer_for(response, question) is None
                both_loaded.wait()
                commit_answer(response, question, ["happy"])
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        assert [tuple(a.values) for a in db.session.scalars(select(Answer))] == [("happy",)]


def test_a_nul_byte_to_the_api_is_a_json_400(client) -> None:
    response = client.get("/api/oruk/services?search=a%00b")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
