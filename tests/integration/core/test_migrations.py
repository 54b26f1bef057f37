"""The app refuses an unmigrated database and names the command to run."""

from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.core.migrations import DatabaseNotMigratedError, ensure_database_is_migrated
from tests.conftest import config_for_tests


def test_an_empty_database_is_refused_with_the_command(tmp_path: Path) -> None:
    app = create_app(config_for_tests(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path))
    with pytest.raises(DatabaseNotMigratedError, match="make migrate"):
        ensure_database_is_migrated(app)


@pytest.mark.both_databases
def test_a_migrated_database_is_accepted(app: Flask) -> None:
    ensure_database_is_migrated(app)  # raises if not at head
    assert app.config["SQLALCHEMY_DATABASE_URI"]


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    app = create_app(config_for_tests(f"sqlite:///{tmp_path / 'cycle.sqlite3'}", tmp_path))
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        with pytest.raises(DatabaseNotMigratedError):
            ensure_database_is_migrated(app)
        upgrade()
    ensure_database_is_migrated(app)


def test_wsgi_module_refuses_to_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "x")
    import importlib
    import sys

    sys.modules.pop("wsgi", None)
    with pytest.raises(DatabaseNotMigratedError, match="flask --app portal db upgrade"):
        importlib.import_module("wsgi")
