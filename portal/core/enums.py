"""Enum columns stored as the plain strings they always were."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def stored_as_text(enum_class: type[StrEnum], length: int) -> Enum:
    """A column type that stores each member's value in a VARCHAR and loads it back as a member.

    No native database enum and no CHECK constraint: the table is what it was when the column
    held bare strings, so giving a column an enum needs no migration.
    """
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )
