"""The referrals blueprint; the view modules add their routes to it."""

from datetime import datetime

from flask import Blueprint
from flask_babel import format_datetime

bp = Blueprint("referrals", __name__)


@bp.app_template_filter("referral_when")
def referral_when(moment: datetime | None) -> str:
    """A date and time in the page's language, e.g. 3 Jun 2026, 14:05."""
    return format_datetime(moment, format="d MMM y, HH:mm") if moment else ""
