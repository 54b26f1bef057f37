"""Rate limits on family sign-in, and server-side idle sign-out."""

import time

from portal.core.access import Role
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
