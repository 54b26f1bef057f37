"""The home page, the council's colours, and the translations page."""

from flask import Response, render_template

from portal.core.access import public
from portal.core.i18n import LANGUAGES
from portal.core.translations import translation_status
from portal.core.views.blueprint import bp


@bp.route("/")
@public
def home() -> str:
    """What the portal offers families and professionals."""
    return render_template("core/home.html")


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
