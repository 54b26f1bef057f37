"""A referrer's unfinished referrals: told apart on the list, and deleted after a check."""

import re

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.extensions import db
from portal.referrals.models import Referral
from tests.conftest import csrf_token_from
from tests.integration.referrals.journey import AMIRA, answer, start, step_key, walk_to_check

GOVUK_MOMENT = re.compile(
    r"^\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)$"
)


def cards(html: str) -> list[dict[str, str]]:
    """Each draft's card as the referrer reads it: its title and its rows."""
    page = BeautifulSoup(html, "html.parser")
    found = []
    for card in page.select(".govuk-summary-card"):
        read = {"title": card.select_one(".govuk-summary-card__title").get_text(" ", strip=True)}
        for row in card.select(".govuk-summary-list__row"):
            key = row.select_one(".govuk-summary-list__key").get_text(strip=True)
            read[key] = row.select_one(".govuk-summary-list__value").get_text(" ", strip=True)
        read["actions"] = [a.get_text(" ", strip=True) for a in card.select("a")]
        found.append(read)
    return found


def referral_exists(app, public_id: str) -> bool:
    with app.app_context():
        return (
            db.session.scalar(select(Referral).where(Referral.public_id == public_id)) is not None
        )


def two_drafts(client, make_account, sign_in) -> tuple[str, str]:
    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    named, _ = step_key(start(client).headers["Location"])
    answer(client, f"/refer/{named}/step/immediate_danger", {"answer": "no"})
    answer(client, f"/refer/{named}/step/referrer_role", {"answer": "School nurse"})
    answer(client, f"/refer/{named}/step/children", {"action": "add", **AMIRA})
    fresh, _ = step_key(start(client).headers["Location"])
    return named, fresh


def test_drafts_are_told_apart_by_child_time_and_how_far_along(
    client, make_account, sign_in, page_check
):
    two_drafts(client, make_account, sign_in)
    page = page_check(client.get("/refer"))
    drafts = cards(str(page))
    assert [d["title"] for d in drafts] == [
        "Referral with no child added yet",
        "Referral for Amira Haddad",
    ]
    assert drafts[0]["Next question"] == "Is a child in immediate danger right now?"
    assert drafts[1]["Next question"] == "Which children are you worried about?"
    for draft in drafts:
        assert GOVUK_MOMENT.match(draft["Started"]), draft["Started"]
        assert GOVUK_MOMENT.match(draft["Last changed"]), draft["Last changed"]
    which = f"the referral started {drafts[1]['Started']} (Referral for Amira Haddad)"
    assert drafts[1]["actions"] == [f"Carry on {which}", f"Delete {which}"]


def test_a_referrer_deletes_their_own_draft_after_a_check(
    app, client, make_account, sign_in, page_check
):
    named, fresh = two_drafts(client, make_account, sign_in)
    confirm = page_check(client.get(f"/refer/{named}/delete"))
    assert confirm.h1.get_text(strip=True) == "Are you sure you want to delete this referral?"
    assert "Amira Haddad" in confirm.select_one(".govuk-summary-list").get_text(" ")
    assert referral_exists(app, named)  # looking is not deleting

    response = client.post(
        f"/refer/{named}/delete",
        data={"csrf_token": csrf_token_from(client.get(f"/refer/{named}/delete"))},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/refer"
    assert not referral_exists(app, named)
    assert referral_exists(app, fresh)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_id == named)
        ).all()
    assert "referral_draft_deleted" in actions
    home = page_check(client.get("/refer"))
    assert "Referral deleted" in home.select_one(".govuk-notification-banner").get_text(" ")
    assert [d["title"] for d in cards(str(home))] == ["Referral with no child added yet"]


def test_a_draft_cannot_be_deleted_without_the_csrf_token(app, client, make_account, sign_in):
    named, _ = two_drafts(client, make_account, sign_in)
    assert client.post(f"/refer/{named}/delete", data={}).status_code == 400
    assert referral_exists(app, named)


def test_someone_elses_draft_and_a_sent_referral_cannot_be_deleted(
    app, client, make_account, sign_in
):
    named, _ = two_drafts(client, make_account, sign_in)
    token = csrf_token_from(client.get("/refer"))
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get("/sign-out"))})

    sign_in(client, make_account([Role.PARTNER], kind="partner"))
    token = csrf_token_from(client.get("/refer"))
    assert client.get(f"/refer/{named}/delete").status_code == 404
    assert client.post(f"/refer/{named}/delete", data={"csrf_token": token}).status_code == 404
    assert referral_exists(app, named)

    sent, _ = step_key(start(client).headers["Location"])
    check_url = walk_to_check(client, f"/refer/{sent}/step/immediate_danger")
    answer(client, check_url, {})
    assert client.get(f"/refer/{sent}/delete").status_code == 404
    assert client.post(f"/refer/{sent}/delete", data={"csrf_token": token}).status_code == 404
    assert referral_exists(app, sent)
