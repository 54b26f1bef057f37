"""htmx helpers: one template serves the full page and the fragment."""

from typing import Any

from flask import render_template, request


def is_htmx() -> bool:
    """True when htmx sent this request (and it is not a history restore)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render_page_or_fragment(page_template: str, fragment_template: str, **context: Any) -> str:
    """Render just the fragment for htmx, or the whole page that includes it."""
    return render_template(fragment_template if is_htmx() else page_template, **context)
