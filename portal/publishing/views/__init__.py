"""The publishing blueprints with every route attached: one module per area of the site."""

from portal.publishing.views import checkers, directory, oruk_api, pages, search
from portal.publishing.views.blueprint import api_bp, bp

__all__ = ["api_bp", "bp", "checkers", "directory", "oruk_api", "pages", "search"]
