"""One handler maps every error code to errors/<code>.html, in the user's language.

Error pages render without the database: the signed-in account is loaded first and, when the
database is away, the page is shown signed out (portal/core/outage.py).
"""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.core.outage import init_outage_handling, load_user_or_anonymous, try_again_context

ERROR_PAGES = (400, 403, 404, 405, 413, 429, 500)
UNAVAILABLE = 503


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render our page for this code, or the generic one."""
    code = error.code or 500
    load_user_or_anonymous()
    if code == UNAVAILABLE:
        return render_template("errors/503.html", error=error, **try_again_context()), code
    template = f"errors/{code}.html" if code in ERROR_PAGES else "errors/500.html"
    return render_template(template, error=error), code


def render_csrf_error(error: CSRFError) -> tuple[str, int]:
    """The form's security token was missing or stale: say what to do next."""
    load_user_or_anonymous()
    return render_template("errors/csrf.html", error=error), 400


def register_error_handlers(app: Flask) -> None:
    """Map error codes, CSRF failures and database outages to pages."""
    app.register_error_handler(CSRFError, render_csrf_error)
    init_outage_handling(app)
    # Unhandled exceptions reach this handler as InternalServerError (500), after Flask logs them.
    app.register_error_handler(HTTPException, render_error)
