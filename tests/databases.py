"""Test databases: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""

import os
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import Engine, create_engine, event, make_url, text

from portal.extensions import db


def database_urls(tmp_root: Path) -> dict[str, str]:
    """The databases integration tests run against, by name."""
    urls = {"sqlite": f"sqlite:///{tmp_root / 'test.sqlite3'}"}
    if postgres := os.environ.get("TEST_DATABASE_URL"):
        url = make_url(postgres).set(drivername="postgresql+psycopg")
        if worker := os.environ.get("PYTEST_XDIST_WORKER"):
            # Parallel workers each get their own database, made on first use.
            url = url.set(database=f"{url.database}_{worker}")
        urls["postgresql"] = url.render_as_string(hide_password=False)
    return urls


def create_database_if_missing(url: str) -> None:
    """CREATE DATABASE for a PostgreSQL URL whose database does not exist yet."""
    target = make_url(url)
    if target.get_backend_name() != "postgresql":
        return
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def migrate_to_head(app: Flask) -> None:
    """Run every Alembic migration, as `make migrate` does."""
    with app.app_context():
        upgrade()


def empty_all_tables(app: Flask) -> None:
    """Delete every row (not the schema), children before parents."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())


def sqlite_savepoints_work(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, begin transactions, so savepoints nest properly.

    Otherwise sqlite3 begins a transaction only at the first write and the first SAVEPOINT
    starts one of its own, whose RELEASE commits (SQLAlchemy's pysqlite documentation).
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: object, record: object) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN")
