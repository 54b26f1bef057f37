"""Other features ask accounts who is signed in; the answer is an Account or nobody."""

import pytest
from flask_login import login_user

from portal.accounts import current
from portal.accounts.models import Account
from portal.core.access import Role
from portal.extensions import db


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
