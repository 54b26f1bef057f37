"""Odd input a person or a program can send: cleaned once for every form, or a clear 400.

Every posted form passes through normalise_form_input before any view or form class sees it:
NUL and other control characters are removed (newline and tab stay, for text areas), and a
value of nothing but spaces and invisible characters (zero-width space, word joiner, byte-order
mark, no-break space...) becomes empty, so a required question says "Enter ..." instead of
storing an answer nobody can see. Addresses and queries with a NUL are still a 400.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from flask import Flask, abort, request
from werkzeug.datastructures import ImmutableMultiDict

NUL = "\x00"
KEPT_CONTROLS = frozenset("\t\n\r")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Nothing the portal accepts as JSON (WebAuthn credentials) nests deeper than this.
MAX_JSON_DEPTH = 20


def _has_nul(pairs: Any) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


def reject_nul_bytes() -> None:
    """No address or query may carry a NUL byte: PostgreSQL cannot store one."""
    if NUL in request.path or _has_nul(request.args.lists()):
        abort(400)


def without_controls(text: str) -> str:
    """The text without NUL and other control characters, keeping tab and newlines."""
    return "".join(
        char for char in text if char in KEPT_CONTROLS or unicodedata.category(char) != "Cc"
    )


def is_blank(text: str) -> bool:
    """True for text of only whitespace and invisible format characters (such as U+200B)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def normalised(text: str) -> str:
    """What a form field should see of a typed value: no controls, and "" when it looks empty."""
    cleaned = without_controls(text)
    return "" if is_blank(cleaned) else cleaned


def normalise_form_input() -> None:
    """Clean every posted form field, once, before any view or form class reads it."""
    if request.mimetype not in FORM_TYPES:
        return
    request.form = ImmutableMultiDict(
        [
            (without_controls(name), normalised(value))
            for name, values in request.form.lists()
            for value in values
        ]
    )


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (counted without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def json_object_body(max_depth: int = MAX_JSON_DEPTH) -> dict[str, Any] | None:
    """The request body as a JSON object, or None when it is not one or nests too deeply."""
    try:
        data = json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or json_depth(data) > max_depth:
        return None
    return data


def init_request_checks(app: Flask) -> None:
    """Turn away NUL bytes in addresses and clean form input before any view sees them."""
    app.before_request(reject_nul_bytes)
    app.before_request(normalise_form_input)
