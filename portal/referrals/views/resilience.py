"""When the database is away: a clear "try again" page that keeps what the person typed."""

from __future__ import annotations

from contextlib import suppress

from flask import current_app, g, render_template, request
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import DBAPIError, OperationalError

from portal.core.htmx import is_htmx
from portal.extensions import db
from portal.referrals.views.blueprint import bp

KEEP_OUT = {"csrf_token"}


@bp.errorhandler(OperationalError)
@bp.errorhandler(DBAPIError)
def database_unavailable(error: Exception) -> tuple[str, int]:
    """Nothing is saved; show the typed answer back with a button to send it again."""
    current_app.logger.warning("Database unavailable during %s: %s", request.path, error)
    with suppress(DBAPIError):
        db.session.rollback()
    db.session.remove()
    # The signed-in account could not be loaded either; show the page as signed out
    # (the session cookie is untouched, so the next request is signed in again).
    g._login_user = AnonymousUserMixin()
    typed = [
        (name, value)
        for name in request.form
        if name not in KEEP_OUT
        for value in request.form.getlist(name)
    ]
    context = {
        "typed": typed,
        "shown": [value for name, value in typed if value.strip() and name != "action"],
        "retry_url": request.path,
        "is_post": request.method == "POST",
        "area": "practitioners",
    }
    if is_htmx():
        # 200 so htmx swaps it in where the question was.
        return render_template("referrals/try_again_fragment.html", **context), 200
    return render_template("referrals/try_again.html", **context), 503
