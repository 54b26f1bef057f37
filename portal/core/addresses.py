"""Addresses people type: "/practitioners/" reaches "/practitioners" instead of a 404."""

from flask import Flask, current_app, redirect, request, url_for
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import RequestRedirect
from werkzeug.wrappers import Response


def page_without_trailing_slash() -> Response | None:
    """before_request: send a GET for "/x/" that matches nothing to "/x", if "/x" is a page."""
    if request.method not in ("GET", "HEAD") or not isinstance(request.routing_exception, NotFound):
        return None
    trimmed = request.path.rstrip("/")
    # "//host/" must never become "//host": a browser reads that as another site.
    if trimmed == request.path or not trimmed.startswith("/") or trimmed.startswith("//"):
        return None
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, arguments = adapter.match(trimmed, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    target = url_for(endpoint, **arguments)
    query = request.query_string.decode("latin-1")
    return redirect(f"{target}?{query}" if query else target, code=308)


def init_addresses(app: Flask) -> None:
    """Wire the trailing-slash redirect."""
    app.before_request(page_without_trailing_slash)
