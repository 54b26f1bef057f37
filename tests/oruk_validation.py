"""Validate Open Referral UK output against the schemas in tests/fixtures/oruk, offline."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMA_DIR = Path(__file__).parent / "fixtures" / "oruk"
REMOTE_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every local schema, known by its file name and by its published address."""
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        if path.name == "openapi.json":
            continue
        relative = path.relative_to(SCHEMA_DIR).as_posix()
        resource = Resource.from_contents(
            json.loads(path.read_text()), default_specification=DRAFT7
        )
        resources.append((REMOTE_BASE + relative, resource))
        resources.append((relative, resource))
    return Registry().with_resources(resources)


def _page_schema() -> dict[str, Any]:
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    page = openapi["components"]["schemas"]["Page"]
    return dict(page, required=list(page["properties"]))


def errors_against(schema_name: str, document: Any) -> list[str]:
    """Every validation error of document against a schema (e.g. "compiled/service.json")."""
    validator = Draft7Validator(
        {"$ref": REMOTE_BASE + schema_name}, registry=_registry(), format_checker=FormatChecker()
    )
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def page_errors(envelope: Any, item_schema: str) -> list[str]:
    """Errors in an ORUK paged envelope and in each item of its contents."""
    problems = [
        f"envelope: {e.message}" for e in Draft7Validator(_page_schema()).iter_errors(envelope)
    ]
    if not isinstance(envelope.get("contents"), list):
        return [*problems, "envelope: contents is not a list"]
    for index, item in enumerate(envelope["contents"]):
        problems += [f"contents/{index}/{p}" for p in errors_against(item_schema, item)]
    return problems
