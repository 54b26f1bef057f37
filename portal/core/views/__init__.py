"""The core blueprint with every route attached."""

from portal.core.views import health, pages
from portal.core.views.blueprint import bp

__all__ = ["bp", "health", "pages"]
