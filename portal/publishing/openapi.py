"""The Open Referral UK OpenAPI document, cut down to what our API implements."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

ORUK_OPENAPI_FILE = Path(__file__).parent / "oruk" / "openapi.json"

# Each ORUK path we implement, and the query parameters its view reads.
IMPLEMENTED: dict[str, frozenset[str]] = {
    "/": frozenset(),
    "/services": frozenset(
        {"search", "page", "per_page", "taxonomy_term_id", "minimum_age", "maximum_age"}
    ),
    "/services/{id}": frozenset(),
    "/taxonomies": frozenset({"page", "per_page"}),
    "/taxonomies/{id}": frozenset(),
    "/taxonomy_terms": frozenset({"page", "per_page"}),
    "/taxonomy_terms/{id}": frozenset(),
}

ADAPTATION_NOTE = (
    "Adapted from the Open Referral UK Profile OpenAPI document "
    "(https://github.com/OpenReferralUK/uk-profile, schema/openapi.json), "
    "Human Services Data Specification: an Open Referral resource (https://openreferral.org/). "
    "This copy lists only the operations and query parameters this API implements. "
    "Shared under CC BY-SA 4.0."
)


@cache
def _profile_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ORUK_OPENAPI_FILE.read_text(encoding="utf-8"))
    return document


def _parameter_name(parameter: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in parameter:
        parameter = components["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
    name: str = parameter["name"]
    return name


def oruk_openapi(base_url: str) -> dict[str, Any]:
    """The ORUK OpenAPI document for the API at base_url, listing what it implements."""
    document = copy.deepcopy(_profile_document())
    components = document.get("components", {})
    paths: dict[str, Any] = {}
    for path, item in document["paths"].items():
        if path not in IMPLEMENTED:
            continue
        operation = item["get"]
        operation["parameters"] = [
            p
            for p in operation.get("parameters", [])
            if _parameter_name(p, components) in IMPLEMENTED[path]
        ]
        if not operation["parameters"]:
            del operation["parameters"]
        paths[path] = item
    document["paths"] = paths
    used = {
        p["$ref"].rsplit("/", 1)[-1]
        for item in paths.values()
        for p in item["get"].get("parameters", [])
        if "$ref" in p
    }
    components["parameters"] = {
        name: value for name, value in components.get("parameters", {}).items() if name in used
    }
    document["servers"] = [{"url": base_url.rstrip("/")}]
    document["info"]["description"] = f"{document['info']['description']}. {ADAPTATION_NOTE}"
    return document
