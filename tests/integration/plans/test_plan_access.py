"""Only the family's own members and their assigned practitioners can see a plan."""

import pytest
from sqlalchemy import select

from portal.accounts.models import Account
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.extensions import db
from portal.plans.models import PlanVersion
from tests.conftest import TEST_PASSWORD, csrf_token_from, post_form
from tests.integration.plans.plan_factories import add_member, family_with_plan, sign_in_family


@pytest.fixture
def two_families(app, make_account):
    lead = make_account([Role.LEAD_PRACTITIONER])
    other_lead = make_account([Role.LEAD_PRACTITIONER])
    ours_member = make_account([Role.FAMILY], kind="family")
    theirs_member = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        ours = family_with_plan(lead, versions=2, name="Ours")
        theirs = family_with_plan(other_lead, versions=1, name="Theirs")
        add_member(ours, ours_member)
        add_member(theirs, theirs_member)
        ours_version = db.session.query(PlanVersion).filter_by(plan_id=ours.plan.id).first()
        staff = f"/practitioners/families/{ours.public_id}"
        urls = {
            "family": staff,
            "plan": f"{staff}/plan",
            "preview": f"{staff}/plan/preview",
            "version": f"{staff}/versions/{ours_version.public_id}",
            "pdf": f"{staff}/versions/{ours_version.public_id}/pdf",
            "my_version": f"/my-plan/versions/{ours_version.public_id}",
            "my_pdf": f"/my-plan/versions/{ours_version.public_id}/pdf",
        }
    return {
        "lead": lead,
        "other_lead": other_lead,
        "ours_member": ours_member,
        "theirs_member": theirs_member,
        "urls": urls,
    }


STAFF_URLS = ["family", "plan", "version", "pdf"]
FAMILY_URLS = ["my_version", "my_pdf"]


@pytest.mark.parametrize("name", STAFF_URLS + FAMILY_URLS)
def test_signed_out_visitor_is_sent_to_sign_in(client, two_families, name):
    response = client.get(two_families["urls"][name])
    assert response.status_code == 302
    expected = "/my-plan/sign-in" if name.startswith("my_") else "/sign-in"
    assert response.headers["Location"].split("?")[0].endswith(expected)


@pytest.mark.parametrize("name", STAFF_URLS)
def test_another_teams_practitioner_gets_404(client, sign_in, two_families, name):
    sign_in(client, two_families["other_lead"])
    assert client.get(two_families["urls"][name]).status_code == 404


@pytest.mark.parametrize("name", STAFF_URLS)
def test_assigned_practitioner_can_open_it(client, sign_in, two_families, name):
    sign_in(client, two_families["lead"])
    assert client.get(two_families["urls"][name]).status_code == 200


@pytest.mark.parametrize("name", FAMILY_URLS)
def test_another_familys_member_gets_404(client, two_families, name):
    sign_in_family(client, two_families["theirs_member"], TEST_PASSWORD)
    assert client.get(two_families["urls"][name]).status_code == 404


@pytest.mark.parametrize("name", FAMILY_URLS)
def test_own_member_can_open_it(client, two_families, name):
    sign_in_family(client, two_families["ours_member"], TEST_PASSWORD)
    assert client.get(two_families["urls"][name]).status_code == 200


@pytest.mark.parametrize("name", STAFF_URLS)
def test_family_member_cannot_use_staff_pages(client, two_families, name):
    sign_in_family(client, two_families["ours_member"], TEST_PASSWORD)
    assert client.get(two_families["urls"][name]).status_code == 404


def test_team_manager_sees_their_teams_families_only(
    app, client, sign_in, make_account, two_families
):
    manager = make_account([Role.TEAM_MANAGER])
    with app.app_context():
        lead_team = db.session.get(Account, two_families["lead"].id).team_id
        db.session.get(Account, manager.id).team_id = lead_team
        db.session.commit()
    sign_in(client, manager)
    assert client.get(two_families["urls"]["plan"]).status_code == 200
    listing = client.get("/practitioners/families").get_data(as_text=True)
    assert "Ours" in listing and "Theirs" not in listing


def test_staff_reads_are_audited_and_shown_to_the_family(client, sign_in, two_families, app):
    sign_in(client, two_families["lead"])
    client.get(two_families["urls"]["plan"])
    client.get("/sign-out")
    client2 = app.test_client()
    sign_in_family(client2, two_families["ours_member"], TEST_PASSWORD)
    page = client2.get("/my-plan/who-has-looked").get_data(as_text=True)
    assert "Lead practitioner" in page and "Family Help North" in page


def test_named_lcpp_can_open_the_plan_and_another_cannot(
    app, client, sign_in, make_account, two_families
):
    lcpp = make_account([Role.LCPP])
    other_lcpp = make_account([Role.LCPP])
    urls = two_families["urls"]
    sign_in(client, two_families["lead"])
    token = csrf_token_from(client.get(urls["family"]))
    client.post(f"{urls['plan']}/new-version", data={"csrf_token": token})
    level = f"{urls['plan']}/sections/level"
    assert lcpp.display_name in client.get(level).get_data(as_text=True)
    response = post_form(client, level, {"level": "child-protection", "lcpp": lcpp.public_id})
    assert response.status_code == 302
    for person, expected in ((lcpp, 200), (other_lcpp, 404)):
        other = app.test_client()
        sign_in(other, person)
        assert other.get(urls["plan"]).status_code == expected
    with app.app_context():
        assert db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "family.lcpp_assigned")
        )
