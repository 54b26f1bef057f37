"""The health check that load balancers poll."""

from portal.core.access import public
from portal.core.health import database_answers
from portal.core.views.blueprint import bp


@bp.route("/healthz")
@public
def healthz() -> tuple[dict[str, str], int]:
    """Reports whether the database answers."""
    if not database_answers():
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
