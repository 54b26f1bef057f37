"""The family's pages: the plan, what changed, earlier versions, views and answers, PDF."""

from pathlib import Path

import pytest
from flask import render_template
from sqlalchemy import select

from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import PlanVersion
from tests.conftest import TEST_PASSWORD, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family
from tests.pdfs import assert_pdf_ua, pdf_text


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
    form = page_check(family_client.get("/my-plan/views"))
    assert [legend.get_text(strip=True) for legend in form.select("legend")] == [
        "What do you want to do?"
    ]
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


def test_pdf_of_a_version_is_pdf_ua_and_cached(app, member_client):
    client, _, _, versions = member_client
    response = client.get(f"/my-plan/versions/{versions[-1]}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert_pdf_ua(response.data, "en")
    assert "Worry in version 3" in pdf_text(response.data)
    cached = list(Path(app.config["PDF_CACHE_DIR"]).glob("*.pdf"))
    assert len(cached) == 1
    assert client.get(f"/my-plan/versions/{versions[-1]}/pdf").data == response.data
    # An earlier version is its own PDF.
    first = client.get(f"/my-plan/versions/{versions[0]}/pdf")
    assert "Worry in version 1" in pdf_text(first.data)


def test_pdf_in_arabic_is_right_to_left(member_client):
    client, _, _, versions = member_client
    response = client.get(f"/my-plan/versions/{versions[-1]}/pdf?lang=ar")
    assert_pdf_ua(response.data, "ar")
    assert "خطة" in pdf_text(response.data)  # "plan" in Arabic, from the catalogue


def test_pdf_html_is_rtl_in_urdu(app, member_client):
    versions = member_client[3]
    with app.test_request_context("/?lang=ur"):
        version = db.session.scalar(
            select(PlanVersion).where(PlanVersion.public_id == versions[-1])
        )
        html = render_template(
            "plans/pdf/version.html",
            family=version.plan.family,
            version=version,
            body=load_body(version.body),
        )
    assert '<html lang="ur" dir="rtl">' in html


def test_arabic_pages_are_right_to_left(member_client, page_check):
    client, *_ = member_client
    soup = page_check(client.get("/my-plan?lang=ar"), expect_lang="ar")
    assert soup.html["dir"] == "rtl"


def test_what_you_think_starts_with_nothing_chosen(member_client, page_check):
    client, *_ = member_client
    page = page_check(client.get("/my-plan/views"))
    assert [r["value"] for r in page.select("input[name=kind]")] == ["view", "disagree"]
    assert page.select("input[name=kind][checked]") == []
    assert page.select_one("textarea[name=text]").get_text() == ""


def test_what_you_think_asks_for_a_choice_when_none_is_made(member_client, page_check):
    client, *_ = member_client
    response = post_form(client, "/my-plan/views", {"text": "Nana can help more"})
    page = page_check(response)
    summary = [li.get_text(strip=True) for li in page.select(".govuk-error-summary__list li")]
    assert summary == ["Choose what you want to do"]
    assert page.select_one("textarea[name=text]").get_text().strip() == "Nana can help more"
