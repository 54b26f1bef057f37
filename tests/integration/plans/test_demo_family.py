"""The demo family: loaded once, three published versions, and its member can sign in."""

from sqlalchemy import func, select

from portal.accounts.models import Account, FamilyMember
from portal.demo import load_foundation_demo
from portal.extensions import db
from portal.plans.demo import DEMO_FAMILY_EMAIL, DEMO_PASSWORD, load_plans_demo
from portal.plans.models import Family, PlanVersion
from tests.integration.plans.plan_factories import sign_in_family


def test_demo_family_loads_once_and_its_member_can_sign_in(app):
    with app.app_context():
        load_foundation_demo()
        db.session.commit()
        load_plans_demo()
        load_plans_demo()
        assert db.session.scalar(select(func.count(Family.id))) == 1
        numbers = db.session.scalars(
            select(PlanVersion.number).where(PlanVersion.status == "published")
        ).all()
        assert sorted(numbers) == [1, 2, 3]
        assert db.session.scalar(select(FamilyMember.last_seen_version)) == 2
    client = app.test_client()
    with app.app_context():
        member = db.session.scalar(select(Account).where(Account.email == DEMO_FAMILY_EMAIL))
        db.session.expunge(member)
    sign_in_family(client, member, DEMO_PASSWORD)
    page = client.get("/my-plan").get_data(as_text=True)
    assert "What changed since you last looked" in page
    assert "Nana Grace will take Tobi to school" in page
