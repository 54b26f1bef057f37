"""A family comment, an answer to it, a new draft and publishing each happen once.

Two real test clients, each with its own signed-in session, send the same thing through a
barrier (see tests/integration/referrals/test_races.py for why SQLite skips the races).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans.comments import add_comment
from portal.plans.models import Family, PlanComment, PlanVersion, PlanVersionStatus
from portal.plans.service import current_draft, start_draft
from portal.plans.views import family as family_views
from portal.plans.views import practitioner as practitioner_views
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family
from tests.integration.referrals.test_races import (
    at_once,
    count,
    meet_before,
    needs_concurrent_writers,
)

pytestmark = [pytest.mark.both_databases, pytest.mark.real_commits]

THANKS = "Thank you. Your lead practitioner will read what you said."
SUBMISSION_KEY = 'name="submission_key" type="hidden" value="'


def submission_key_from(page: str) -> str:
    start = page.index(SUBMISSION_KEY) + len(SUBMISSION_KEY)
    return page[start : page.index('"', start)]


@pytest.fixture
def a_family(app, make_account):
    """A family with one published version, its lead and one member: (family id, lead, member)."""
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        family = family_with_plan(lead, versions=1)
        add_member(family, member)
        return family.public_id, lead, member


def family_clients(app, member, how_many: int = 2):
    clients = [app.test_client() for _ in range(how_many)]
    for client in clients:
        sign_in_family(client, member, TEST_PASSWORD)
    return clients


def staff_clients(app, sign_in, *accounts):
    clients = [app.test_client() for _ in accounts]
    for client, account in zip(clients, accounts, strict=True):
        sign_in(client, account)
    return clients


def test_a_comment_form_sent_twice_at_once_is_stored_once(
    app, a_family, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, family_views, "add_comment")
    _, _, member = a_family
    first, second = family_clients(app, member)
    page = first.get("/my-plan/views").get_data(as_text=True)
    key = submission_key_from(page)
    tokens = [
        csrf_token_from(first.get("/my-plan/views")),
        csrf_token_from(second.get("/my-plan/views")),
    ]

    def send(client, token):
        data = {"csrf_token": token, "submission_key": key, "kind": "view", "text": "Nana helps"}
        return lambda: client.post("/my-plan/views", data=data)

    responses = at_once(send(first, tokens[0]), send(second, tokens[1]))

    assert [r.status_code for r in responses] == [302, 302]
    assert count(app, select(func.count(PlanComment.id))) == 1
    for client in (first, second):
        page = page_check(client.get("/my-plan/views"))
        assert THANKS in page.get_text()
        assert [p.get_text() for p in page.select(".app-comment__text")] == ["Nana helps"]


def test_a_comment_form_sent_again_later_is_stored_once(app, a_family, page_check) -> None:
    _, _, member = a_family
    (client,) = family_clients(app, member, how_many=1)
    page = client.get("/my-plan/views")
    data = {
        "csrf_token": csrf_token_from(page),
        "submission_key": submission_key_from(page.get_data(as_text=True)),
        "kind": "disagree",
        "text": "Not this week",
    }
    for _ in range(2):
        response = client.post("/my-plan/views", data=data)
        assert response.status_code == 302
        assert THANKS in page_check(client.get("/my-plan/views")).get_text()
    assert count(app, select(func.count(PlanComment.id))) == 1
    # A new page is a new form: the same words sent from it are a second comment.
    page = client.get("/my-plan/views")
    fresh = submission_key_from(page.get_data(as_text=True))
    assert fresh != data["submission_key"]
    client.post(
        "/my-plan/views",
        data={**data, "csrf_token": csrf_token_from(page), "submission_key": fresh},
    )
    assert count(app, select(func.count(PlanComment.id))) == 2


def test_two_answers_to_one_comment_at_once_keep_the_first(
    app, a_family, make_account, sign_in, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, practitioner_views, "reply_to_comment")
    family_id, lead, member = a_family
    with app.app_context():
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        comment = add_comment(db.session.get(Account, member.id), family.plan, None, "view", "Hi")
        comment_id = comment.public_id
    colleague = make_account([Role.TEAM_MANAGER])
    with app.app_context():
        # The colleague manages the family's team, so may answer too.
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        db.session.get(Account, colleague.id).team_id = family.team_id
        db.session.commit()
    desks = staff_clients(app, sign_in, lead, colleague)
    url = f"/practitioners/families/{family_id}/comments/{comment_id}/reply"
    tokens = [csrf_token_from(desk.get(url)) for desk in desks]

    def answer(index: int, text: str):
        return lambda: desks[index].post(url, data={"csrf_token": tokens[index], "reply": text})

    responses = at_once(answer(0, "From the lead."), answer(1, "From the colleague."))

    with app.app_context():
        stored = db.session.scalar(select(PlanComment))
        reply, by = stored.reply, stored.replied_by.display_name
    assert reply in {"From the lead.", "From the colleague."}
    assert sorted(r.status_code for r in responses) == [200, 302]
    later = page_check(next(r for r in responses if r.status_code == 200))
    assert (
        later.select_one("#answered-already")
        .get_text(strip=True)
        .startswith(f"Already answered by {by},")
    )
    assert later.select_one(".app-comment__reply").get_text(strip=True) == reply
    assert later.select("form textarea") == []


def test_two_clicks_on_new_version_start_one_draft(app, a_family, sign_in, monkeypatch) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, practitioner_views, "start_draft")
    family_id, lead, _ = a_family
    desks = staff_clients(app, sign_in, lead, lead)
    editor = f"/practitioners/families/{family_id}/plan"
    family_page = f"/practitioners/families/{family_id}"
    tokens = [csrf_token_from(desk.get(family_page)) for desk in desks]

    def click(index: int):
        return lambda: desks[index].post(
            f"{editor}/new-version", data={"csrf_token": tokens[index]}
        )

    responses = at_once(click(0), click(1))

    assert [r.status_code for r in responses] == [302, 302]
    assert {r.headers["Location"] for r in responses} == {editor}
    drafts = select(func.count(PlanVersion.id)).where(PlanVersion.status == PlanVersionStatus.DRAFT)
    assert count(app, drafts) == 1


def test_two_clicks_on_publish_publish_once_and_tell_the_family_once(
    app, a_family, sign_in, page_check, monkeypatch
) -> None:
    needs_concurrent_writers(app)
    meet_before(monkeypatch, practitioner_views, "publish_and_tell")
    family_id, lead, member = a_family
    with app.app_context():
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        draft = start_draft(db.session.get(Account, lead.id), family.plan)
        assert current_draft(family.plan).id == draft.id
    desks = staff_clients(app, sign_in, lead, lead)
    url = f"/practitioners/families/{family_id}/plan/publish"
    tokens = [csrf_token_from(desk.get(url)) for desk in desks]

    def click(index: int, note: str):
        return lambda: desks[index].post(url, data={"csrf_token": tokens[index], "note": note})

    responses = at_once(click(0, "First note"), click(1, "Second note"))

    assert [r.status_code for r in responses] == [302, 302]
    with app.app_context():
        versions = db.session.scalars(select(PlanVersion).order_by(PlanVersion.number)).all()
        assert [(v.number, v.status) for v in versions] == [
            (1, PlanVersionStatus.PUBLISHED),
            (2, PlanVersionStatus.PUBLISHED),
        ]
        assert versions[1].change_note in {"First note", "Second note"}
    told = select(func.count(OutboxMessage.id)).where(
        OutboxMessage.recipient == member.email, OutboxMessage.reference == "plan-published"
    )
    assert count(app, told) == 1
    for desk in desks:
        banner = page_check(desk.get(responses[0].headers["Location"]))
        assert "Version 2 is published" in banner.get_text()
