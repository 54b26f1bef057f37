"""The health check that load balancers poll: is the database there, and at the code's schema?

Workers start while the database is away (wsgi.py); this is where that shows.
"""

from flask import current_app

from portal.core.access import public
from portal.core.health import database_answers
from portal.core.migrations import schema_is_current
from portal.core.views.blueprint import bp


@bp.route("/healthz")
@public
def healthz() -> tuple[dict[str, str], int]:
    """Reports whether the database answers and is migrated."""
    if not database_answers():
        return {"status": "unavailable", "database": "unreachable"}, 503
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("CHECK_MIGRATIONS", True) and not schema_is_current(app):
        return {"status": "unavailable", "database": "not migrated"}, 503
    return {"status": "ok", "database": "ok"}, 200
