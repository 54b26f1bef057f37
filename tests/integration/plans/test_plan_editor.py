"""Writing a draft, with and without htmx, previewing and publishing it."""

import pytest
from sqlalchemy import select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.notify import OutboxMessage
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.models import Family, PlanVersion, PlanVersionStatus, PublishedVersionImmutable
from portal.plans.service import save_draft
from tests.conftest import csrf_token_from, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan


@pytest.fixture
def lead_and_family(app, client, sign_in, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family = family_with_plan(lead, versions=1)
        family_id = family.public_id
    sign_in(client, lead)
    return lead, family_id


def test_create_family_starts_a_draft(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    sign_in(client, lead)
    page_check(client.get("/practitioners/families/new"))
    response = post_form(
        client,
        "/practitioners/families/new",
        {
            "name": "The Nowak family",
            "children": "Ola\nPiotr",
            "adults": "Kasia",
            "preferred_language": "pl",
            "interpreter_needed": "yes",
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    page_check(page)
    text = page.get_data(as_text=True)
    assert "Ola, Piotr, Kasia" in text and "Polski" in text and "Needs an interpreter" in text


def test_a_new_family_form_has_no_answer_chosen_for_the_practitioner(
    client, sign_in, make_account, page_check
):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    page = page_check(client.get("/practitioners/families/new"))
    language = page.select_one("select[name=preferred_language]")
    assert language.select_one("option")["value"] == ""
    assert language.select("option[selected]") == []
    assert page.select("input[name=interpreter_needed][checked]") == []
    response = post_form(
        client, "/practitioners/families/new", {"name": "The Nowak family", "children": "Ola"}
    )
    summary = page_check(response).select(".govuk-error-summary__list li")
    assert [li.get_text(strip=True) for li in summary] == [
        "Select the family's preferred language",
        "Select yes if the family needs an interpreter",
    ]


def test_family_form_errors_keep_what_was_typed(client, sign_in, make_account, page_check):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    response = post_form(client, "/practitioners/families/new", {"name": "Keep me", "children": ""})
    soup = page_check(response)
    assert soup.title.get_text().startswith("Error:")
    assert 'value="Keep me"' in response.get_data(as_text=True)


def test_plain_form_edit_redirects_back_to_the_editor(app, client, lead_and_family, page_check):
    _, family_id = lead_and_family
    url = f"/practitioners/families/{family_id}/plan/new-version"
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    edit = f"/practitioners/families/{family_id}/plan/sections/worries"
    page_check(client.get(edit))
    response = post_form(client, edit, {"text": "New worry about housing"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/plan#section-worries")
    editor = client.get(f"/practitioners/families/{family_id}/plan")
    page_check(editor)
    assert "New worry about housing" in editor.get_data(as_text=True)
    assert "&lt;span" not in editor.get_data(as_text=True)  # no markup shown as text


def test_htmx_edit_returns_a_fragment(app, client, lead_and_family):
    _, family_id = lead_and_family
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    client.post(f"/practitioners/families/{family_id}/plan/new-version", data={"csrf_token": token})
    url = f"/practitioners/families/{family_id}/plan/goals/new"
    headers = {"HX-Request": "true"}
    form = client.get(url, headers=headers).get_data(as_text=True)
    assert "<html" not in form and 'data-hx-post="' in form
    response = client.post(
        url,
        data={"csrf_token": csrf_token_from(client.get(url)), "text": "Rent is paid"},
        headers={**headers, "X-CSRFToken": token},
    )
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert (
        "<html" not in fragment and "Rent is paid" in fragment and 'id="heading-goals"' in fragment
    )


def test_child_protection_needs_the_lcpp(app, client, lead_and_family, page_check):
    _, family_id = lead_and_family
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    client.post(f"/practitioners/families/{family_id}/plan/new-version", data={"csrf_token": token})
    url = f"/practitioners/families/{family_id}/plan/sections/level"
    response = post_form(client, url, {"level": "child-protection", "lcpp": ""})
    soup = page_check(response)
    assert "Enter the name of the lead child protection practitioner" in soup.get_text()


def test_publish_needs_a_note_then_tells_the_family(app, client, make_account, lead_and_family):
    lead, family_id = lead_and_family
    member = make_account([Role.FAMILY], kind="family", email="mum@example.com")
    with app.app_context():
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        add_member(family, member)
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}"))
    client.post(f"/practitioners/families/{family_id}/plan/new-version", data={"csrf_token": token})
    url = f"/practitioners/families/{family_id}/plan/publish"
    response = post_form(client, url, {"note": ""})
    assert "Enter a short note saying what changed" in response.get_data(as_text=True)
    response = post_form(client, url, {"note": "We added a goal"})
    assert response.status_code == 302
    with app.app_context():
        message = db.session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == "mum@example.com")
        )
        assert message is not None and "/my-plan" in message.body
        version = db.session.scalar(select(PlanVersion).where(PlanVersion.number == 2))
        assert (
            version.status == PlanVersionStatus.PUBLISHED
            and version.change_note == "We added a goal"
        )
        assert version.published_by_id == lead.id
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.published"))


def test_published_version_cannot_be_edited(app, client, lead_and_family):
    lead, family_id = lead_and_family
    # No draft: every edit page is 404.
    url = f"/practitioners/families/{family_id}/plan/sections/worries"
    assert client.get(url).status_code == 404
    with app.app_context():
        version = db.session.scalar(select(PlanVersion))
        assert version.status == PlanVersionStatus.PUBLISHED
        account = db.session.get(Account, lead.id)
        with pytest.raises(PublishedVersionImmutable):
            save_draft(account, version, load_body({}))
        db.session.rollback()
        # Even a direct change is refused when it is flushed.
        version = db.session.scalar(select(PlanVersion))
        version.body = {"worries": "sneaky"}
        with pytest.raises(PublishedVersionImmutable):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalar(select(PlanVersion)).body.get("worries") == "Worry in version 1"
