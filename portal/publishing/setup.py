"""Wire the publishing feature into the app: blueprints, content service and `flask content`."""

from flask import Flask

from portal.publishing.cli import content_cli
from portal.publishing.service import content_translations, init_state
from portal.publishing.views import api_bp, bp


def init_publishing(app: Flask) -> None:
    """Register the publishing blueprints, the content service and `flask content`."""
    init_state(app)
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    app.cli.add_command(content_cli)
    # The translations page (core) lists content translations when publishing is installed.
    app.jinja_env.globals["content_translations"] = content_translations
