"""Other features ask accounts who is signed in; the answer is an Account or nobody."""

import pytest
from flask_login import login_user
from werkzeug.exceptions import NotFound

from portal.accounts import current
from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db
from tests.integration.plans.plan_factories import add_member, family_with_plan


def test_nobody_is_signed_in_outside_a_session(app) -> None:
    with app.test_request_context():
        assert current.signed_in_account() is None
        with pytest.raises(RuntimeError, match="@allow"):
            current.account()


@pytest.mark.parametrize(("role", "kind"), [(Role.FAMILY, "family"), (Role.FRONT_DOOR, "staff")])
def test_the_signed_in_account_is_the_account(app, make_account, role, kind) -> None:
    made = make_account([role], kind=kind)
    with app.test_request_context():
        account = db.session.get(Account, made.id)
        login_user(account)
        assert current.signed_in_account() is account
        assert current.account() is account
        if role is Role.FAMILY:
            assert current.family_account() is account
        else:
            with pytest.raises(RuntimeError, match="family"):
                current.family_account()


def test_a_family_member_is_linked_to_their_family(app, make_account) -> None:
    lead = make_account([Role.LEAD_PRACTITIONER])
    member = make_account([Role.FAMILY], kind="family")
    outsider = make_account([Role.FAMILY], kind="family")
    with app.app_context():
        family = family_with_plan(lead, name="The Linked family")
        add_member(family, db.session.get(Account, member.id))
    with app.test_request_context():
        login_user(db.session.get(Account, member.id))
        assert current.family_member().family.name == "The Linked family"
    with app.test_request_context():
        login_user(db.session.get(Account, outsider.id))
        with pytest.raises(NotFound):
            current.family_member()  # a family account with no family sees nothing
