"""Test databases: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""

import os
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from portal.extensions import db


def database_urls(tmp_root: Path) -> dict[str, str]:
    """The databases integration tests run against, by name."""
    urls = {"sqlite": f"sqlite:///{tmp_root / 'test.sqlite3'}"}
    if postgres := os.environ.get("TEST_DATABASE_URL"):
        urls["postgresql"] = postgres.replace("postgresql://", "postgresql+psycopg://", 1)
    return urls


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
