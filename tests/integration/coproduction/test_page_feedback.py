"""Page feedback: stored with no personal data, back to the same page, seen by officers."""

from __future__ import annotations

from sqlalchemy import inspect, select

from portal.coproduction.models import PageFeedback
from portal.core.access import Role
from portal.extensions import db
from tests.conftest import csrf_token_from

IP = "198.51.100.23"


def send_feedback(client, data: dict, **kwargs):
    # A fresh visit each time: after sending, the page shows thanks instead of the form.
    visitor = client.application.test_client()
    token = csrf_token_from(visitor.get("/you-said-we-did"))
    return visitor.post("/page-feedback", data={"csrf_token": token, **data}, **kwargs)


def test_every_public_page_asks_if_it_is_useful(app, client, page_check):
    soup = page_check(client.get("/you-said-we-did"))
    section = soup.select_one("#page-feedback")
    assert section is not None
    assert section.select_one('input[name="feedback_page"]')["value"] == "/you-said-we-did"


def test_feedback_is_stored_without_personal_data_and_goes_back(app, client):
    token = csrf_token_from(client.get("/you-said-we-did"))
    response = client.post(
        "/page-feedback",
        data={
            "csrf_token": token,
            "feedback_page": "/you-said-we-did?name=Sam#top",
            "feedback_useful": "no",
            "feedback_missing": "Opening times for the holidays",
        },
        environ_base={"REMOTE_ADDR": IP},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/you-said-we-did#page-feedback"
    with app.app_context():
        [row] = db.session.scalars(select(PageFeedback)).all()
        assert (row.page_path, row.useful, row.missing) == (
            "/you-said-we-did",
            False,
            "Opening times for the holidays",
        )
        columns = {c.key for c in inspect(PageFeedback).mapper.column_attrs}
        assert columns == {"id", "page_path", "useful", "missing", "locale", "given_on"}
        assert IP not in repr(vars(row))
    thanked = client.get("/you-said-we-did")
    assert "Thank you for your feedback." in thanked.get_data(as_text=True)


def test_feedback_never_redirects_off_site(app, client):
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]:
        response = send_feedback(client, {"feedback_page": target, "feedback_useful": "yes"})
        assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(PageFeedback)).all() == []


def test_htmx_gets_a_small_thank_you_fragment(app, client):
    response = send_feedback(
        client,
        {"feedback_page": "/", "feedback_useful": "yes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Thank you for your feedback." in body and "<html" not in body
    assert len(body.encode()) < 5000


def test_officers_see_feedback_per_page(app, client, make_account, sign_in, page_check):
    send_feedback(client, {"feedback_page": "/kinship", "feedback_useful": "yes"})
    send_feedback(
        client,
        {"feedback_page": "/kinship", "feedback_useful": "no", "feedback_missing": "Grant amounts"},
    )
    officer = make_account([Role.PARTICIPATION])
    staff = app.test_client()
    sign_in(staff, officer)
    soup = page_check(staff.get("/practitioners/have-your-say/page-feedback"))
    text = soup.get_text(" ")
    assert "/kinship" in text
    assert "Useful: 1. Not useful: 1." in text
    assert "Grant amounts" in text


def test_no_asks_what_was_missing_on_its_own_page(app, client, page_check):
    page = page_check(client.get("/page-feedback/missing?page=/kinship?x=1"))
    assert page.h1.get_text(strip=True) == "What was missing or wrong?"
    assert page.find("input", attrs={"name": "feedback_page"})["value"] == "/kinship"
    fragment = client.get("/page-feedback/missing?page=/kinship", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and 'name="feedback_missing"' in body
    offsite = client.get("/page-feedback/missing?page=https://evil.example/")
    assert offsite.status_code == 302 and offsite.headers["Location"] == "/"
