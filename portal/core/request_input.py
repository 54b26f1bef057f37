"""Odd input a person or a program can send, turned away with a clear 400 instead of a 500."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, abort, request

NUL = "\x00"
# Nothing the portal accepts as JSON (WebAuthn credentials) nests deeper than this.
MAX_JSON_DEPTH = 20


def _has_nul(pairs: Any) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


def reject_nul_bytes() -> None:
    """No address, query or form field may carry a NUL byte: PostgreSQL cannot store one."""
    if NUL in request.path or _has_nul(request.args.lists()):
        abort(400)
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") and (
        _has_nul(request.form.lists())
    ):
        abort(400)


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
    """Turn away NUL bytes before any view or database sees them."""
    app.before_request(reject_nul_bytes)
