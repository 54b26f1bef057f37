"""When the database is away: one "try again" page for every feature, keeping what was typed.

A real outage (connection refused, server gone, pool cut off) raises OperationalError,
InterfaceError or DisconnectionError from anywhere in a request. The app-wide handler rolls the
session back, shows the page signed out (the account cannot be loaded either; the session cookie
is untouched, so the next request is signed in again), and answers 503 with Retry-After. A form
that was posted comes back as hidden fields with a "Try again" button that sends it again, and a
summary of what was typed: no JavaScript needed. Secrets (passwords, codes, tokens) are never
echoed. Bad input (DataError, IntegrityError) is not an outage: forms check it before saving.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from flask import Flask, current_app, g, render_template, request
from flask_login import AnonymousUserMixin, current_user
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

from portal.core.htmx import is_htmx
from portal.extensions import db

OUTAGE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError, DisconnectionError)
RETRY_AFTER_SECONDS = 30
# Never written back into a page: the form's token is fresh on the page, and secrets stay secret.
KEPT_OUT = frozenset({"csrf_token", "code", "credential"})
SECRET_WORDS = ("password", "secret", "token")
# Sent back, but not shown as "your answer": the name of the button that was pressed.
BUTTONS = frozenset({"action", "submit"})


def is_kept(name: str) -> bool:
    """Whether a posted field may be shown back and sent again."""
    lowered = name.lower()
    return lowered not in KEPT_OUT and not any(word in lowered for word in SECRET_WORDS)


def forget_the_session() -> None:
    """Roll back what the request began and hand the broken connection back to the pool."""
    with suppress(DBAPIError, DisconnectionError):
        db.session.rollback()
    db.session.remove()


def load_user_or_anonymous() -> None:
    """Load the signed-in account now, or treat the person as signed out if the database is away.

    Error pages call this before rendering: the layout asks for current_user, and an error
    raised while rendering an error page would reach the person as a bare "Internal Server Error".
    """
    try:
        current_user._get_current_object()
    except OUTAGE_ERRORS as error:
        current_app.logger.warning("Database unavailable while loading the account: %s", error)
        forget_the_session()
        g._login_user = AnonymousUserMixin()


def typed_fields() -> list[tuple[str, str]]:
    """What the request posted, minus the fields that must not be shown or sent back."""
    return [
        (name, value)
        for name in request.form
        if is_kept(name)
        for value in request.form.getlist(name)
    ]


def try_again_context() -> dict[str, Any]:
    """What the try-again page needs: the fields to send again and the words to show."""
    typed = typed_fields() if request.method == "POST" else []
    return {
        "typed": typed,
        "shown": [value for name, value in typed if value.strip() and name not in BUTTONS],
        "retry_url": request.full_path.rstrip("?") if request.query_string else request.path,
        "is_post": request.method == "POST",
        "in_conversation": request.blueprint == "referrals",
        "hide_page_feedback": True,
    }


def database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]]:
    """Nothing was saved: say so, show what was typed back and offer to send it again."""
    current_app.logger.warning("Database unavailable during %s: %s", request.path, error)
    forget_the_session()
    g._login_user = AnonymousUserMixin()
    context = try_again_context()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if is_htmx():
        # 200 so htmx swaps it in where the question was.
        return render_template("errors/try_again_fragment.html", **context), 200, headers
    return render_template("errors/503.html", **context), 503, headers


def init_outage_handling(app: Flask) -> None:
    """Every feature's outages end on the same page."""
    for error_class in OUTAGE_ERRORS:
        app.register_error_handler(error_class, database_unavailable)
