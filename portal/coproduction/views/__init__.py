"""The co-production views: importing each area module registers its routes on bp."""

from portal.coproduction.views import (
    officer_build,
    officer_results,
    officer_themes,
    officer_translations,
    public_pages,
    respond,
)
from portal.coproduction.views.blueprint import bp

__all__ = [
    "bp",
    "officer_build",
    "officer_results",
    "officer_themes",
    "officer_translations",
    "public_pages",
    "respond",
]
