"""Answering a survey over real HTTP: anonymous, one question per page, flagged when unsafe."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import inspect, select

from portal.coproduction.models import Answer, SurveyResponse
from portal.coproduction.surveys import find_survey
from portal.coproduction.translations import save_translations
from portal.extensions import db
from tests.conftest import csrf_token_from
from tests.integration.coproduction.factories import make_open_survey

# One answer per question is a unique constraint in the database.
pytestmark = pytest.mark.both_databases

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; Test-Phone-XJ42)"
REQUEST = {"environ_base": {"REMOTE_ADDR": IP}, "headers": {"User-Agent": AGENT}}


def answer_survey(client, slug: str, written: str) -> object:
    """Answer the factory survey as a respondent would; returns the last response."""
    start = client.get(f"/have-your-say/{slug}", **REQUEST)
    assert start.status_code == 200
    token = csrf_token_from(start)
    response = client.post(f"/have-your-say/{slug}/start", data={"csrf_token": token}, **REQUEST)
    assert response.headers["Location"].endswith(f"/have-your-say/{slug}/1")
    for number, value in [(1, "happy"), (2, "fri"), (3, written)]:
        page = client.get(f"/have-your-say/{slug}/{number}", **REQUEST)
        assert page.status_code == 200
        client.post(
            f"/have-your-say/{slug}/{number}",
            data={"csrf_token": csrf_token_from(page), "answer": value},
            **REQUEST,
        )
    check = client.get(f"/have-your-say/{slug}/send", **REQUEST)
    assert "Friday" in check.get_data(as_text=True)
    sent = client.post(
        f"/have-your-say/{slug}/send", data={"csrf_token": csrf_token_from(check)}, **REQUEST
    )
    assert sent.status_code == 302
    return client.get(sent.headers["Location"], **REQUEST)


def test_stored_response_holds_no_personal_identifier(app, client, page_check):
    make_open_survey(app)
    thanks = answer_survey(client, "youth-club", "More table tennis please")
    page_check(thanks)
    with app.app_context():
        [row] = db.session.scalars(select(SurveyResponse)).all()
        assert row.submitted and not row.paper and not row.flagged
        columns = {c.key for c in inspect(SurveyResponse).mapper.column_attrs}
        assert columns.isdisjoint({"ip", "ip_address", "user_agent", "account_id", "email", "name"})
        # Nothing the request carried about the device is anywhere in the co-production tables.
        for table in [t for t in db.metadata.sorted_tables if t.name.startswith("coproduction")]:
            for record in db.session.execute(select(table)).all():
                dumped = repr(tuple(record))
                assert IP not in dumped and "Test-Phone-XJ42" not in dumped
        answers = {tuple(a.values) for a in db.session.scalars(select(Answer))}
        assert answers == {("happy",), ("fri",), ("More table tennis please",)}


def test_device_cookie_is_for_this_survey_only(app, client):
    make_open_survey(app)
    answer_survey(client, "youth-club", "Nothing")
    cookie = client.get_cookie("have_your_say", path="/have-your-say/youth-club")
    assert cookie is not None and cookie.value == "sent"
    assert cookie.path == "/have-your-say/youth-club"
    again = client.get("/have-your-say/youth-club")
    assert "already sent answers" in again.get_data(as_text=True)


def test_unsafe_words_flag_the_response_and_show_who_to_talk_to(app, client):
    make_open_survey(app)
    thanks = answer_survey(client, "youth-club", "My step dad HITS me when mum is out")
    html = thanks.get_data(as_text=True)
    assert "You can talk to someone now" in html
    assert "0800 1111" in html and "999" in html
    with app.app_context():
        row = db.session.scalar(select(SurveyResponse))
        assert row.flagged is True
        assert row.flag_words == ["hits me"]


def test_safe_answers_are_not_flagged(app, client):
    make_open_survey(app)
    thanks = answer_survey(client, "youth-club", "Better skills sessions and a therapist visit")
    assert "You can talk to someone now" not in thanks.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(SurveyResponse)).flagged is False


def test_a_required_answer_or_an_unknown_choice_is_refused_in_plain_words(app, client, page_check):
    make_open_survey(app)
    start = client.get("/have-your-say/youth-club")
    client.post("/have-your-say/youth-club/start", data={"csrf_token": csrf_token_from(start)})
    page = client.get("/have-your-say/youth-club/2")
    bad = client.post(
        "/have-your-say/youth-club/2",
        data={"csrf_token": csrf_token_from(page), "answer": "sunday"},
    )
    assert bad.status_code == 200
    soup = page_check(bad)
    assert "Choose from the answers shown" in soup.select_one(".govuk-error-summary").get_text()


def test_written_answer_is_kept_when_too_long(app, client):
    make_open_survey(app)
    start = client.get("/have-your-say/youth-club")
    client.post("/have-your-say/youth-club/start", data={"csrf_token": csrf_token_from(start)})
    page = client.get("/have-your-say/youth-club/3")
    long_text = "word " * 500
    bad = client.post(
        "/have-your-say/youth-club/3",
        data={"csrf_token": csrf_token_from(page), "answer": long_text},
    )
    html = bad.get_data(as_text=True)
    assert "Your answer is too long" in html
    assert long_text.strip()[:200] in html


def test_a_draft_survey_is_not_found_and_a_closed_one_says_so(app, client):
    make_open_survey(app, slug="draft-one", opened=False)
    make_open_survey(app, slug="closed-one", closes_in_days=-1)
    assert client.get("/have-your-say/draft-one").status_code == 404
    closed = client.get("/have-your-say/closed-one")
    assert closed.status_code == 200
    assert "This survey has closed" in closed.get_data(as_text=True)


def test_answering_is_rate_limited(app, client):
    app.config["SURVEY_RATE_LIMIT"] = "3 per minute"
    make_open_survey(app)
    token = csrf_token_from(client.get("/have-your-say/youth-club"))
    codes = [
        client.post("/have-your-say/youth-club/start", data={"csrf_token": token}).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def test_respondent_language_is_used_when_the_survey_has_it(app, client):
    public_id = make_open_survey(app, languages=["pl"])
    with app.app_context():
        survey = find_survey(public_id)
        save_translations(survey, "pl", {"title": "Twój klub", "purpose": "Pomóż nam."})
        db.session.commit()
    page = client.get("/have-your-say/youth-club?lang=pl")
    html = page.get_data(as_text=True)
    assert "Twój klub" in html
    assert re.search(r'<html lang="pl"', html)
    english = client.get("/have-your-say/youth-club?lang=ro").get_data(as_text=True)
    assert "Your youth club" in english and 'lang="en"' in english


def test_check_your_answers_shows_each_question_as_words(app, client):
    make_open_survey(app)
    start = client.get("/have-your-say/youth-club", **REQUEST)
    token = csrf_token_from(start)
    client.post("/have-your-say/youth-club/start", data={"csrf_token": token}, **REQUEST)
    send = client.get("/have-your-say/youth-club/send", **REQUEST)
    check = BeautifulSoup(send.get_data(as_text=True), "html.parser")
    keys = check.select(".govuk-summary-list__key")
    assert [key.get_text(strip=True) for key in keys] == [
        "How do you feel at the club?",
        "Which day is best?",
        "What should change?",
    ]
    assert keys[0].find("span", lang="en") is not None
