"""Tell it once: the front door sees that a referred child already has a plan."""

from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.extensions import db
from portal.plans.models import Person
from tests.conftest import post_form
from tests.integration.referrals.test_front_door import submitted_referral


def test_a_child_with_a_plan_is_shown_to_the_front_door(
    app, client, make_account, sign_in, page_check
) -> None:
    lead = make_account([Role.LEAD_PRACTITIONER])
    sign_in(client, lead)
    created = post_form(
        client,
        "/practitioners/families/new",
        {
            "name": "The Haddad family",
            "preferred_language": "ar",
            "interpreter_needed": "no",
            "children": "Amira Haddad, 27/3/2017\nSami Haddad",
            "adults": "Layla Haddad",
        },
    )
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    with app.app_context():
        amira = db.session.scalar(select(Person).where(Person.name == "Amira Haddad"))
        assert amira.date_of_birth.isoformat() == "2017-03-27"

    partner_client = app.test_client()
    sign_in(partner_client, make_account([Role.PARTNER], kind="partner"))
    referral = submitted_referral(partner_client)

    desk = app.test_client()
    front_door = make_account([Role.FRONT_DOOR])
    sign_in(desk, front_door)
    page = page_check(desk.get(f"/practitioners/front-door/{referral}"))
    known = page.find("h2", string="Known to us already").find_next("ul").get_text(" ", strip=True)
    assert "has a Family Help plan with The Haddad family" in known
    with app.app_context():
        seen = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "family.matched_at_front_door",
                AuditEvent.actor_id == front_door.id,
            )
        ).all()
    assert len(seen) == 1, "the front door's sight of the plan is audited"


def test_a_bad_date_of_birth_is_explained_and_kept(client, make_account, sign_in, page_check):
    sign_in(client, make_account([Role.LEAD_PRACTITIONER]))
    response = post_form(
        client,
        "/practitioners/families/new",
        {
            "name": "The Haddad family",
            "preferred_language": "en",
            "interpreter_needed": "no",
            "children": "Amira Haddad, 31/2/2017",
        },
    )
    soup = page_check(response)
    assert "like: Amira Haddad, 27/3/2017" in soup.select_one(".govuk-error-summary").get_text()
    assert "Amira Haddad, 31/2/2017" in soup.find("textarea", id="children").get_text()
