"""The accounts blueprint, and what its sign-in pages share."""

from __future__ import annotations

from flask import Blueprint, current_app

from portal.core.access import STAFF_ROLES, Role

bp = Blueprint("accounts", __name__)

ALL_SIGNED_IN = (*STAFF_ROLES, Role.PARTNER, Role.FAMILY)

# Where a family member lands once signed in. Named, not imported: accounts imports no feature.
FAMILY_HOME = "plans.my_plan"


def sign_in_limit() -> str:
    """The rate limit on every step that checks a password or a code."""
    limit: str = current_app.config["SIGN_IN_RATE_LIMIT"]
    return limit
