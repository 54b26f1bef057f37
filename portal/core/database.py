"""Small helpers for writes that must happen once."""

from typing import Any, cast

from sqlalchemy import CursorResult, Executable

from portal.extensions import db


def rows_changed(statement: Executable) -> int:
    """Run an UPDATE or DELETE in the current transaction and say how many rows it changed.

    A conditional UPDATE (``... WHERE status = 'draft'``) is how a write happens once: of two
    requests racing, only one sees a row changed.
    """
    result = cast(CursorResult[Any], db.session.execute(statement))
    return result.rowcount
