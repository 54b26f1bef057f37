"""Rate limits on code checks, server-side idle sign-out, and the demo data."""

import time

from sqlalchemy import func, select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.demo import load_foundation_demo
from portal.extensions import db
from portal.plans.demo import DEMO_FAMILY_EMAIL, DEMO_PASSWORD, load_plans_demo
from portal.plans.models import Family, FamilyMember, PlanVersion, PlanVersionStatus
from tests.conftest import TEST_PASSWORD, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family


def test_sign_in_attempts_are_rate_limited(app, client, make_account):
    make_account([Role.FAMILY], kind="family", email="limit@example.com")
    statuses = [
        post_form(
            client, "/my-plan/sign-in", {"identifier": "limit@example.com", "password": "wrong one"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_idle_family_session_ends_on_the_server(app, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        add_member(family_with_plan(lead), member)
    client = app.test_client()
    sign_in_family(client, member, TEST_PASSWORD)
    assert client.get("/my-plan").status_code == 200
    limit = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    with client.session_transaction() as session:
        session["last_active"] = time.time() - limit - 5
    response = client.get("/my-plan")
    assert response.status_code == 302 and "reason=idle" in response.headers["Location"]
    assert client.get("/my-plan").status_code == 302  # signed out for good


def test_demo_family_loads_once_and_its_member_can_sign_in(app):
    with app.app_context():
        load_foundation_demo()
        db.session.commit()
        load_plans_demo()
        load_plans_demo()
        assert db.session.scalar(select(func.count(Family.id))) == 1
        numbers = db.session.scalars(
            select(PlanVersion.number).where(PlanVersion.status == PlanVersionStatus.PUBLISHED)
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
