"""Signed-in sessions: begin one once every factor is shown, end one on sign-out or idleness."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, session
from flask_babel import get_locale
from flask_login import login_user, logout_user

from portal.accounts.models import Account
from portal.core.audit import utcnow

LAST_ACTIVE = "last_active"


def begin_session(account: Account) -> None:
    """A fresh session for the person who has just signed in (the caller commits)."""
    session.clear()  # nothing from before sign-in carries over
    login_user(account)
    session.permanent = True
    session[LAST_ACTIVE] = utcnow().timestamp()
    # Messages to them (a referral's outcome, a plan's new version) go in the language they use.
    account.locale = str(get_locale() or "en")


def end_session() -> None:
    """Sign out: forget the account and everything else in the session."""
    logout_user()
    session.clear()


def still_active() -> bool:
    """Count this request as activity, unless the session has been idle too long (then end it)."""
    now = utcnow().timestamp()
    limit: timedelta = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if now - session.get(LAST_ACTIVE, now) > limit.total_seconds():
        end_session()
        return False
    session[LAST_ACTIVE] = now
    return True
