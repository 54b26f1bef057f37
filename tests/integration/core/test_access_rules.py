"""Every endpoint declares who may use it; one that declares nothing is refused."""

from flask import Flask
from flask.testing import FlaskClient

from portal.core.access import access_rule_for


def test_an_endpoint_without_an_access_rule_is_refused(app: Flask, client: FlaskClient) -> None:
    def forgotten() -> str:
        return "family data"

    app.add_url_rule("/forgotten", "forgotten", forgotten)
    response = client.get("/forgotten")
    assert response.status_code == 403
    assert "family data" not in response.get_data(as_text=True)


def test_every_registered_endpoint_declares_a_rule(app: Flask) -> None:
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and access_rule_for(rule.endpoint, app) is None
    ]
    assert not undeclared, f"endpoints with no access rule: {undeclared}"
