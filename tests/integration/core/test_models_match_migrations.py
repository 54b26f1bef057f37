"""The models and the migrations describe the same schema, on SQLite and on PostgreSQL.

A model change without its migration works in tests that build tables from the models, then
fails on the first real upgrade. Alembic's autogenerate compares the migrated database (the
`app` fixture upgrades it to head) with the models' metadata: any difference it finds is a
migration someone forgot, and `flask db migrate` would write it.
"""

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import Column, MetaData, String

from portal.extensions import db

pytestmark = pytest.mark.both_databases


def schema_differences(app: Flask, metadata: MetaData) -> list[Any]:
    """What autogenerate would put in a new migration, with the options `flask db` uses."""
    options = {"compare_type": True, **app.extensions["migrate"].configure_args}
    with app.app_context():
        context = MigrationContext.configure(db.session.connection(), opts=options)
        return compare_metadata(context, metadata)


def test_the_migrated_database_matches_the_models(app: Flask) -> None:
    differences = schema_differences(app, db.metadata)
    assert not differences, "write a migration (`flask db migrate`) for: " + "; ".join(
        map(repr, differences)
    )


def test_a_column_without_a_migration_is_found(app: Flask) -> None:
    """The comparison can fail: a model column that no migration adds is reported."""
    models = MetaData()
    for table in db.metadata.tables.values():
        table.to_metadata(models)
    models.tables["accounts"].append_column(Column("favourite_colour", String(20)))

    differences = schema_differences(app, models)

    assert [(kind, table, column.name) for kind, _, table, column in differences] == [
        ("add_column", "accounts", "favourite_colour")
    ]
