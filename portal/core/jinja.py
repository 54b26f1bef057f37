"""Template set-up: govuk-frontend-jinja and -wtf templates, and globals every page uses."""

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from portal.core.dates import init_dates
from portal.core.i18n import LANGUAGES, Language
from portal.core.navigation import navigation_items
from portal.core.phones import phone_link


@cache
def _file_version(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_url(filename: str) -> str:
    """A static file's URL with a content hash, so it can be cached for a year."""
    path = Path(current_app.static_folder or "static") / filename
    return url_for("static", filename=filename, v=_file_version(str(path)))


def current_language() -> Language:
    """The Language the page is in."""
    return LANGUAGES.get(str(get_locale() or "en"), LANGUAGES["en"])


def url_for_language(code: str) -> str:
    """This page's URL in another language (other query arguments kept)."""
    # Any: url_for's own keywords (_external, _anchor...) are typed, and these are query values.
    args: dict[str, Any] = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return url_for(request.endpoint or "core.home", **(request.view_args or {}), **args)


def inject_page_globals() -> dict[str, Any]:
    """Context every template gets."""
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    return {
        "current_language": current_language(),
        "languages": LANGUAGES.values(),
        "idle_timeout_seconds": int(lifetime),
        "idle_warning_seconds": current_app.config["IDLE_WARNING_MINUTES"] * 60,
        "site_css_version": _file_version(current_app.config["SITE_SETTINGS_FILE"]),
    }


def init_jinja(app: Flask) -> None:
    """Find templates in portal/templates and the two GOV.UK packages; add helpers."""
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(Path(app.root_path) / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    WTFormsHelpers(app)
    init_dates(app)
    app.jinja_env.globals.update(
        static_url=static_url, url_for_language=url_for_language, navigation_items=navigation_items
    )
    app.jinja_env.filters["phone_link"] = phone_link
    app.context_processor(inject_page_globals)
