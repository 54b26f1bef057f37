"""Edit pages opened straight from their address are whole pages whose forms work by themselves;
a plan with nothing written in it cannot be published."""

from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.families import create_family
from portal.plans.models import Family, PlanVersion, PlanVersionStatus
from portal.plans.service import current_draft
from tests.conftest import csrf_token_from, post_form
from tests.integration.plans.plan_factories import family_with_plan

EDIT_PAGES = (
    "plan/sections/going_well",
    "plan/sections/meeting",
    "plan/goals/new",
    "plan/team/new",
)


def _new_family(app, lead) -> str:
    with app.app_context():
        family = create_family(
            db.session.get(Account, lead.id),
            name="The Nowak family",
            preferred_language="pl",
            interpreter_needed=False,
            people=[("Ola", "child", None)],
        )
        db.session.commit()
        return family.public_id


def _draft_body(app, family_id: str):
    with app.app_context():
        family = db.session.scalar(select(Family).where(Family.public_id == family_id))
        return load_body(current_draft(family.plan).body)


def test_edit_page_opened_directly_is_a_plain_form(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    family_id = _new_family(app, lead)
    sign_in(client, lead)
    for part in EDIT_PAGES:
        soup = page_check(client.get(f"/practitioners/families/{family_id}/{part}"))
        form = soup.select_one("main form")
        assert form["action"].endswith(part)
        # htmx would take over a form whose target is not on the page, and Save would do nothing.
        for tag in soup.select("main [hx-target]"):
            assert soup.select_one(tag["hx-target"]) is not None, f"{part}: {tag}"
        assert not soup.select("main form[hx-post]"), part


def test_plain_post_saves_exactly_what_was_typed(app, client, sign_in, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    family_id = _new_family(app, lead)
    sign_in(client, lead)
    base = f"/practitioners/families/{family_id}"
    typed = "Ola likes school.\n\nHer gran walks her there  on Mondays."
    response = post_form(client, f"{base}/plan/sections/going_well", {"text": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/plan#section-going_well")
    response = post_form(client, f"{base}/plan/goals/new", {"text": "Ola gets to school"})
    assert response.headers["Location"].endswith("/plan#section-goals")
    response = post_form(
        client,
        f"{base}/plan/team/new",
        {"name": "Sam Patel", "role": "School nurse", "contact": "01632 960123"},
    )
    assert response.headers["Location"].endswith("/plan#section-team")
    body = _draft_body(app, family_id)
    assert body.going_well == typed
    assert [goal.text for goal in body.goals] == ["Ola gets to school"]
    assert [(p.name, p.role, p.contact) for p in body.team] == [
        ("Sam Patel", "School nurse", "01632 960123")
    ]
    editor = client.get(f"{base}/plan").get_data(as_text=True)
    assert "Ola gets to school" in editor and "Sam Patel" in editor


def test_an_empty_plan_cannot_be_published(app, client, sign_in, make_account, page_check):
    lead = make_account([Role.LEAD_PRACTITIONER])
    family_id = _new_family(app, lead)
    sign_in(client, lead)
    url = f"/practitioners/families/{family_id}/plan/publish"
    soup = page_check(client.get(url, errors_expected=True))
    message = "There is nothing in this plan yet. Write the plan before you publish it."
    assert message in soup.select_one(".govuk-error-summary").get_text()
    token = csrf_token_from(client.get(f"/practitioners/families/{family_id}/plan/goals/new"))
    response = client.post(url, data={"csrf_token": token, "note": "First version"})
    assert message in response.get_data(as_text=True)
    with app.app_context():
        published = select(func.count(PlanVersion.id)).where(
            PlanVersion.status == PlanVersionStatus.PUBLISHED
        )
        assert db.session.scalar(published) == 0


def test_a_plan_with_words_can_be_published(app, client, sign_in, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    family_id = _new_family(app, lead)
    sign_in(client, lead)
    base = f"/practitioners/families/{family_id}"
    post_form(client, f"{base}/plan/sections/worries", {"text": "Rent arrears"})
    response = post_form(client, f"{base}/plan/publish", {"note": "First plan"})
    assert response.status_code == 302
    with app.app_context():
        version = db.session.scalar(select(PlanVersion))
        assert (
            version.status == PlanVersionStatus.PUBLISHED
            and load_body(version.body).worries == "Rent arrears"
        )


def test_family_with_plan_factory_still_publishes(app, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    with app.app_context():
        family_with_plan(lead, versions=2)
        assert db.session.scalar(select(func.count(PlanVersion.id))) == 2
