"""The referral conversation over real HTTP: one-question pages, htmx fragments, saving."""

import re

from sqlalchemy import select

from portal.core.access import Role
from portal.extensions import db
from portal.referrals.models import Referral, Status
from tests.conftest import csrf_token_from
from tests.integration.referrals.journey import (
    AMIRA,
    PLAIN_ANSWERS,
    answer,
    start,
    step_key,
    walk_to_check,
)

HTMX = {"HX-Request": "true"}


def referral_row(app, public_id):
    with app.app_context():
        return db.session.scalar(select(Referral).where(Referral.public_id == public_id))


def test_a_partner_answers_each_question_on_its_own_page_and_every_answer_is_saved(
    app, client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    public_id, key = step_key(first)
    assert key == "immediate_danger"
    page = page_check(client.get(first))
    assert page.h1.get_text(strip=True) == "Is a child in immediate danger right now?"
    answer(client, first, {"answer": "no"})
    assert referral_row(app, public_id).answers == {"immediate_danger": "no"}
    check_url = walk_to_check(client, f"/refer/{public_id}/step/referrer_role")
    page = page_check(client.get(check_url))
    text = page.get_text(" ", strip=True)
    assert "Does Amira go to school, college or nursery?" in text
    assert "Amira Haddad" in text and "27 March 2017" in text
    saved = referral_row(app, public_id)
    assert saved.status == Status.DRAFT
    assert saved.answers["worry"].startswith("Amira has missed 20 days")


def test_a_bad_answer_shows_an_error_and_keeps_what_was_typed(
    client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    answer(client, first, {"answer": "no"})
    role_url = f"/refer/{public_id}/step/referrer_role"
    response = answer(client, role_url, {"answer": "x" * 250})
    assert response.status_code == 200
    page = page_check(response)
    assert page.title.get_text().startswith("Error:")
    assert "Answer must be 200 characters or fewer" in page.get_text()
    assert page.find("input", attrs={"name": "answer"})["value"] == "x" * 250


def test_with_htmx_the_next_question_comes_back_as_a_fragment_with_the_answer(
    client, make_account, sign_in
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    token = csrf_token_from(client.get(first))
    response = client.post(first, data={"csrf_token": token, "answer": "no"}, headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert 'data-hx-swap-oob="beforeend:#transcript"' in html
    assert "Is a child in immediate danger right now?" in html  # the answered question
    assert "What is your role, and how do you know the family?" in html  # the next one
    assert response.headers["HX-Push-Url"] == f"/refer/{public_id}/step/referrer_role"


def test_immediate_danger_shows_the_stop_page_with_the_front_door_number(
    client, make_account, sign_in, page_check
):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    response = answer(client, first, {"answer": "yes"}, follow_redirects=True)
    page = page_check(response)
    assert page.h1.get_text(strip=True) == "Call 999 now"
    assert "01632 960 123" in page.get_text()
    # No way round it: asking for a later step goes back to the stop page.
    public_id, _ = step_key(first)
    later = client.get(f"/refer/{public_id}/step/worry")
    assert later.headers["Location"].endswith("/step/danger_stop")


def test_children_can_be_added_changed_and_removed(app, client, make_account, sign_in, page_check):
    partner = make_account([Role.PARTNER], kind="partner")
    sign_in(client, partner)
    first = start(client).headers["Location"]
    public_id, _ = step_key(first)
    answer(client, first, {"answer": "no"})
    answer(client, f"/refer/{public_id}/step/referrer_role", {"answer": "School nurse"})
    children_url = f"/refer/{public_id}/step/children"
    answer(client, children_url, {"action": "add", **AMIRA})
    answer(
        client,
        children_url,
        {
            "action": "add",
            "first_name": "Zain",
            "last_name": "Haddad",
            "date_of_birth": ["1", "1", "2026"],
        },
    )
    bad = answer(
        client,
        children_url,
        {"action": "add", "first_name": "", "last_name": "H", "date_of_birth": ["31", "2", "2020"]},
    )
    page = page_check(bad)
    assert "Enter the child's first name" in page.get_text()
    assert page.find("input", attrs={"name": "last_name"})["value"] == "H"
    people = referral_row(app, public_id).answers["children"]["people"]
    assert [p["first_name"] for p in people] == ["Amira", "Zain"]
    zain = people[1]["id"]
    change_url = f"/refer/{public_id}/step/children/people/{zain}"
    changing = client.get(change_url)
    page = page_check(changing)
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert legends == ["Date of birth"]
    day = re.search(r'<input[^>]*name="date_of_birth"[^>]*>', changing.get_data(as_text=True))
    assert day.group(0).count("inputmode=") == 1
    answer(
        client,
        change_url,
        {"first_name": "Zayn", "last_name": "Haddad", "date_of_birth": ["1", "1", "2026"]},
    )
    assert referral_row(app, public_id).answers["children"]["people"][1]["first_name"] == "Zayn"
    remove_url = f"{change_url}/remove"
    page_check(client.get(remove_url))
    answer(client, remove_url, {})
    people = referral_row(app, public_id).answers["children"]["people"]
    assert [p["first_name"] for p in people] == ["Amira"]


def test_someone_elses_referral_is_not_found(client, make_account, sign_in):
    owner = make_account([Role.PARTNER], kind="partner")
    other = make_account([Role.PARTNER], kind="partner")
    sign_in(client, owner)
    first = start(client).headers["Location"]
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get("/sign-out"))})
    sign_in(client, other)
    assert client.get(first).status_code == 404


def test_the_date_of_birth_boxes_have_each_attribute_once(client, make_account, sign_in):
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    url = start(client).headers["Location"]
    for key in ("immediate_danger", "referrer_role"):
        url = answer(client, url, PLAIN_ANSWERS[key]).headers["Location"]
    assert step_key(url)[1] == "children"
    html = client.get(url).get_data(as_text=True)
    boxes = re.findall(r"<input\b[^>]*date-input[^>]*>", html)
    assert len(boxes) == 3
    for box in boxes:
        names = re.findall(r"\s([a-z-]+)=", box)
        assert sorted(names) == sorted(set(names)), box
