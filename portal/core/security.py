"""Security headers on every response, and no caching of pages that show someone's data."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, request
from flask_login import current_user

View = TypeVar("View", bound=Callable[..., object])

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def no_store(view: View) -> View:
    """Declare that this view shows a secret (an authenticator key, a code): never cache it.

    Signed-in pages are never cached anyway; this is for secrets shown before anyone signs in.
    """
    view.shows_secret = True  # type: ignore[attr-defined]
    return view


def _shows_secret() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "shows_secret", False))


def add_security_headers(response: Response) -> Response:
    """after_request: headers every response carries."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if (current_user.is_authenticated and request.endpoint != "static") or _shows_secret():
        # Pages for a signed-in person may show family data, and a secret is a secret: never
        # keep either in any cache (a shared computer's browser history included).
        response.headers["Cache-Control"] = "no-store"
    return response


def init_security(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(add_security_headers)
