"""Refuse to serve a database whose schema is behind the code, but start while it is away.

A worker that starts (or restarts) while PostgreSQL is down must still boot: it answers 503
"try again" pages (portal/core/outage.py) and /healthz says the database is unreachable, and it
serves again as soon as the database is back. A database that answers but is behind the code
is a release mistake, not an outage: that still stops the start with the command to run.
"""

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import Migrate
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from portal.extensions import db


class DatabaseNotMigratedError(RuntimeError):
    """The database schema is not at the code's migration head."""


def code_heads(app: Flask) -> set[str]:
    """The migration heads the code needs (read from migrations/ once per app)."""
    if "migration_heads" not in app.extensions:
        migrate: Migrate = app.extensions["migrate"].migrate
        with app.app_context():
            # Flask-Migrate's Config subclasses Alembic's, which types-Flask-Migrate cannot express.
            config = migrate.get_config()
            script = ScriptDirectory.from_config(config)  # type: ignore[arg-type]
            app.extensions["migration_heads"] = set(script.get_heads())
    heads: set[str] = app.extensions["migration_heads"]
    return heads


def schema_is_current(app: Flask) -> bool:
    """True when the database is at the code's migration head (raises when it is away)."""
    with app.app_context(), db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == code_heads(app)


def ensure_database_is_migrated(app: Flask) -> None:
    """Raise with the command to run when the database is not at the latest migration."""
    if not app.config.get("CHECK_MIGRATIONS", True):
        return
    heads = code_heads(app)
    with app.app_context(), db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current != heads:
        raise DatabaseNotMigratedError(
            "The database is not up to date "
            f"(it is at {sorted(current) or 'no migration'}, the code needs {sorted(heads)}). "
            "Run `make migrate` (or `flask --app portal db upgrade`) and start again."
        )


def check_migrations_at_start(app: Flask) -> None:
    """Refuse an unmigrated database; when it cannot be reached, log it and start anyway."""
    try:
        ensure_database_is_migrated(app)
    except (OperationalError, InterfaceError, DisconnectionError) as error:
        app.logger.warning(
            "Database unreachable at start; serving 503 pages until it answers: %s", error
        )
