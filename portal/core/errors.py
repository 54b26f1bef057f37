"""One handler maps every error code to errors/<code>.html, in the user's language."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

ERROR_PAGES = (400, 403, 404, 405, 413, 429, 500)


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render our page for this code, or the generic one."""
    code = error.code or 500
    template = f"errors/{code}.html" if code in ERROR_PAGES else "errors/500.html"
    return render_template(template, error=error), code


def render_csrf_error(error: CSRFError) -> tuple[str, int]:
    """The form's security token was missing or stale: say what to do next."""
    return render_template("errors/csrf.html", error=error), 400


def register_error_handlers(app: Flask) -> None:
    """Map error codes and CSRF failures to pages."""
    app.register_error_handler(CSRFError, render_csrf_error)
    # Unhandled exceptions reach this handler as InternalServerError (500), after Flask logs them.
    app.register_error_handler(HTTPException, render_error)
