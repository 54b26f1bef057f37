"""GET /healthz says whether the database answers."""

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from tests.conftest import config_for_tests


@pytest.mark.both_databases
def test_healthy(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_unreachable_database(tmp_path: Path) -> None:
    app = create_app(
        config_for_tests("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2", tmp_path)
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_health_is_public_and_uncached_for_signed_in(app: Flask, client: FlaskClient) -> None:
    assert client.get("/healthz").headers.get("Cache-Control") is None


def test_an_unmigrated_database_is_reported(tmp_path: Path) -> None:
    app = create_app(config_for_tests(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "not migrated"}
