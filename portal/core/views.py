"""The home page, health check, the council's colours, and the translations page."""

from flask import Blueprint, Response, current_app, render_template
from sqlalchemy import text

from portal.core.access import public
from portal.core.i18n import LANGUAGES
from portal.core.translations import translation_status
from portal.extensions import db

bp = Blueprint("core", __name__)


@bp.route("/")
@public
def home() -> str:
    """What the portal offers families and professionals."""
    return render_template("core/home.html")


@bp.route("/healthz")
@public
def healthz() -> tuple[dict, int]:
    """Reports whether the database answers; load balancers poll this."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "not healthy": say so, don't crash
        current_app.logger.warning("Health check failed: %s", error)
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200


@bp.route("/site.css")
@public
def site_css() -> Response:
    """The council's colours from content/site.yaml as GOV.UK Frontend custom properties."""
    response = Response(render_template("core/site.css"), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.route("/languages")
@public
def languages() -> str:
    """Which languages we offer and how far each translation has been checked."""
    return render_template(
        "core/languages.html",
        status=translation_status(),
        languages=LANGUAGES.values(),
        languages_by_code=LANGUAGES,
    )
