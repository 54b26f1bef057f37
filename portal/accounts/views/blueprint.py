"""The accounts blueprint, and what its sign-in pages share."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_babel import ngettext

from portal.accounts.throttle import lock_minutes
from portal.core.access import STAFF_ROLES, Role

bp = Blueprint("accounts", __name__)

ALL_SIGNED_IN = (*STAFF_ROLES, Role.PARTNER, Role.FAMILY)

# Where a family member lands once signed in. Named, not imported: accounts imports no feature.
FAMILY_HOME = "plans.my_plan"


def sign_in_limit() -> str:
    """The rate limit on every step that checks a password or a code."""
    limit: str = current_app.config["SIGN_IN_RATE_LIMIT"]
    return limit


def client_address() -> str:
    """The address a sign-in attempt came from, as the rate limit sees it."""
    return request.remote_addr or "unknown"


def too_many_attempts() -> str:
    """What to tell someone whose sign-in is paused: the same whichever lock, right or wrong."""
    message: str = ngettext(
        "There have been too many attempts to sign in. "
        "For your security, wait %(num)s minute and then try again.",
        "There have been too many attempts to sign in. "
        "For your security, wait %(num)s minutes and then try again.",
        lock_minutes(),
    )
    return message
