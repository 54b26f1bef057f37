"""Whether the portal can do its work: the database answers."""

from flask import current_app
from sqlalchemy import text

from portal.extensions import db


def database_answers() -> bool:
    """True when the database answers a trivial query; a failure is logged, never raised."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "not healthy": say so, don't crash
        current_app.logger.warning("Health check failed: %s", error)
        db.session.rollback()
        return False
    return True
