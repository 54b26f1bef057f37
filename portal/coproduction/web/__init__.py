"""The co-production web layer: importing the view modules registers their routes on bp."""

from portal.coproduction.web import (
    officer_build,
    officer_results,
    officer_themes,
    officer_translations,
    public_pages,
    respond,
)
from portal.coproduction.web.blueprint import bp

__all__ = [
    "bp",
    "officer_build",
    "officer_results",
    "officer_themes",
    "officer_translations",
    "public_pages",
    "respond",
]
