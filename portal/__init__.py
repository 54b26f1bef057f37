"""The Families First portal: create_app reads like a table of contents."""

from pathlib import Path
from typing import Any

from flask import Flask
from flask_compress import Compress

from portal import models  # noqa: F401 - registers every table with the metadata
from portal.accounts.cli import accounts_cli
from portal.accounts.views import init_accounts
from portal.config import PROJECT_ROOT, settings_from_environment
from portal.coproduction.views import bp as coproduction_bp
from portal.core.access import enforce_access_rules
from portal.core.addresses import init_addresses
from portal.core.errors import register_error_handlers
from portal.core.i18n import init_languages, select_locale
from portal.core.jinja import init_jinja
from portal.core.notify import init_outbox
from portal.core.request_input import init_request_checks
from portal.core.security import init_security
from portal.core.site import init_site
from portal.core.static_files import init_static_files
from portal.core.views import bp as core_bp
from portal.demo import demo_cli
from portal.extensions import babel, csrf, db, limiter, migrate
from portal.plans.views import bp as plans_bp
from portal.publishing.setup import init_publishing
from portal.referrals.views import bp as referrals_bp


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the portal; `config` overrides settings from the environment (tests use it)."""
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/static",
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(settings_from_environment())
    app.config.update(config or {})
    Path(app.instance_path).mkdir(exist_ok=True)

    init_access_rules(app)
    init_request_checks(app)
    init_extensions(app)
    init_babel(app)
    init_jinja(app)
    init_site(app)
    init_security(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_cli(app)
    return app


def init_access_rules(app: Flask) -> None:
    """First check of every request: does the endpoint allow this person? (before CSRF)"""
    app.before_request(enforce_access_rules)
    init_addresses(app)


def init_extensions(app: Flask) -> None:
    """Database, migrations, CSRF, rate limits and compression."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    Compress(app)
    init_static_files(app)


def init_babel(app: Flask) -> None:
    """Languages: Flask-Babel with our locale selector, and the language cookie."""
    babel.init_app(app, locale_selector=select_locale)
    init_languages(app)


def register_blueprints(app: Flask) -> None:
    """Each feature's blueprint."""
    app.register_blueprint(core_bp)
    app.register_blueprint(coproduction_bp)
    init_accounts(app)
    init_outbox(app)
    init_publishing(app)
    app.register_blueprint(plans_bp)
    app.register_blueprint(referrals_bp)


def register_cli(app: Flask) -> None:
    """flask demo ... and flask outbox ... (flask db ... comes from Flask-Migrate)."""
    app.cli.add_command(demo_cli)
    app.cli.add_command(accounts_cli)
