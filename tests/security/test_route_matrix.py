"""Walk every route with every role (and nobody): each gets exactly what its rule allows."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier

from portal.accounts.models import Account
from portal.accounts.sessions import SESSION_TOKEN, new_session_record
from portal.core.access import Role, access_rule_for
from portal.extensions import db

# Endpoints that do something other than show a page when fetched with junk arguments.
SKIP = {"static"}


def example_url(rule) -> str:
    """The rule's URL with every variable filled by a value nobody owns."""
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        values[name] = 987654 if kind in {"IntegerConverter"} else "not-a-real-id-x9"
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(values[m.group(1)]), rule.rule)


USER_AGENT = "route-matrix"


def sign_in_directly(app: Flask, client: FlaskClient, public_id: str) -> None:
    """Put an account in the session (the sign-in journeys are tested on their own)."""
    with app.test_request_context(
        headers={"User-Agent": USER_AGENT}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    ):
        identifier = _create_identifier()
        account_id = db.session.scalar(db.select(Account.id).where(Account.public_id == public_id))
        token = new_session_record(account_id)
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = public_id
        session[SESSION_TOKEN] = token
        session["_fresh"] = True
        session["_id"] = identifier


@pytest.mark.parametrize("role", [None, *Role])
def test_every_route_with_every_role(app: Flask, make_account, role: Role | None) -> None:
    account = (
        make_account([role], kind="family" if role == Role.FAMILY else "staff") if role else None
    )
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP:
            continue
        access = access_rule_for(rule.endpoint, app)
        assert access is not None, f"{rule.endpoint} declares no access rule"
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        client = app.test_client()
        if account:
            sign_in_directly(app, client, account.public_id)
        response = client.open(example_url(rule), method=method, headers={"User-Agent": USER_AGENT})
        where = f"{method} {rule.rule} as {role or 'nobody'}"
        location = response.headers.get("Location", "")
        if access.public:
            assert response.status_code != 403, where
        elif account is None:
            assert response.status_code == 302 and "sign-in" in location, where
        elif not access.admits({role}):
            assert response.status_code == 404, f"{where}: {response.status_code}"
        else:
            assert response.status_code not in {401, 403}, where
            assert "sign-in" not in location, where
        checked += 1
    assert checked >= 8
