"""The app refuses an unmigrated database and names the command to run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.config import PROJECT_ROOT
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


def test_wsgi_module_starts_while_the_database_is_unreachable(tmp_path: Path) -> None:
    """A worker (re)starting during an outage boots, and its health check says what is wrong."""
    script = (
        "import wsgi\n"
        "response = wsgi.app.test_client().get('/healthz')\n"
        "print(response.status_code, response.get_json()['database'])\n"
    )
    environment = {
        **os.environ,
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5999/ff_nothing",
        "SECRET_KEY": "x",
    }
    finished = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().splitlines()[-1] == "503 unreachable"
