"""The family's pages: the plan, what changed, earlier versions, views and answers, PDF."""

import pytest
from sqlalchemy import select

from portal.core.access import Role
from portal.extensions import db
from portal.plans.models import PlanVersion
from tests.conftest import TEST_PASSWORD, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family


@pytest.fixture
def member_client(app, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        family = family_with_plan(lead, versions=3)
        family_id = family.public_id
        add_member(family, member, last_seen=1)
        versions = [
            v.public_id
            for v in db.session.scalars(select(PlanVersion).order_by(PlanVersion.number))
        ]
    client = app.test_client()
    sign_in_family(client, member, TEST_PASSWORD)
    return client, lead, family_id, versions


def test_plan_shows_what_changed_since_last_look(member_client, page_check):
    client, *_ = member_client
    box = page_check(client.get("/my-plan")).select_one("#what-changed")
    assert "What changed since you last looked" in box.get_text()
    # They last saw version 1: both version 2's and version 3's changes are listed together.
    assert "Done: Walk to school" in box.get_text()
    assert "What we are worried about" in box.get_text() and "Note 3" in box.get_text()
    again = page_check(client.get("/my-plan")).select_one("#what-changed")
    assert "What changed in the latest version" in again.get_text()


def test_earlier_versions_and_their_changes(member_client, page_check):
    client, _, _, versions = member_client
    listing = page_check(client.get("/my-plan/versions"))
    assert [a.get_text() for a in listing.select(".app-versions a")] == [
        "Version 3",
        "Version 2",
        "Version 1",
    ]
    first = page_check(client.get(f"/my-plan/versions/{versions[0]}"))
    assert "This is the first version of your plan." in first.get_text()
    assert "Worry in version 1" in first.get_text()


def test_view_and_answer(app, client, sign_in, member_client, page_check):
    family_client, lead, family_id, _ = member_client
    page_check(family_client.get("/my-plan/views"))
    response = post_form(
        family_client, "/my-plan/views", {"kind": "disagree", "text": "Nana can help more"}
    )
    assert response.status_code == 302
    sign_in(client, lead)
    family_page = client.get(f"/practitioners/families/{family_id}")
    soup = page_check(family_page)
    assert "Nana can help more" in soup.get_text() and "Does not agree" in soup.get_text()
    reply_url = soup.select_one("#comments a.govuk-link")["href"]
    page_check(client.get(reply_url))
    response = post_form(client, reply_url, {"reply": "Thank you, we will ask Nana."})
    assert response.status_code == 302
    views = page_check(family_client.get("/my-plan/views"))
    assert "Thank you, we will ask Nana." in views.get_text()


def test_empty_view_gives_a_clear_error(member_client, page_check):
    client, *_ = member_client
    response = post_form(client, "/my-plan/views", {"kind": "view", "text": ""})
    soup = page_check(response)
    assert "Write what you want to say" in soup.get_text()


def test_pdf_of_a_version(member_client):
    client, _, _, versions = member_client
    response = client.get(f"/my-plan/versions/{versions[-1]}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert client.get(f"/my-plan/versions/{versions[-1]}/pdf").data == response.data


def test_arabic_pages_are_right_to_left(member_client, page_check):
    client, *_ = member_client
    soup = page_check(client.get("/my-plan?lang=ar"), expect_lang="ar")
    assert soup.html["dir"] == "rtl"
