"""Every page template must pass axe-core in English and in a right-to-left language, at 320 px
and at 1280 px. The test session checks this at its end (tests/conftest.py), across workers."""

import json
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"
RIGHT_TO_LEFT = {"ar", "ur"}
WIDTHS = (320, 1280)  # the phone and desk viewports of tests/browser/conftest.py


def page_templates() -> list[str]:
    """Templates that are whole pages: they extend the layout."""
    return sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '{% extends "layout.html" %}' in path.read_text(encoding="utf-8")
    )


def coverage_gaps(checked: dict[str, set[tuple[str, int]]]) -> dict[str, list[str]]:
    """Page templates still to check, each with what is missing in words."""
    gaps = {}
    for name in page_templates():
        seen = checked.get(name, set())
        missing = []
        for width in WIDTHS:
            if ("en", width) not in seen:
                missing.append(f"English at {width} px")
            if not any((lang, width) in seen for lang in RIGHT_TO_LEFT):
                missing.append(f"Arabic or Urdu at {width} px")
        if missing:
            gaps[name] = missing
    return gaps


def read_log(path: Path) -> dict[str, set[tuple[str, int]]]:
    """The checks every worker wrote to the shared log."""
    checked: dict[str, set[tuple[str, int]]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, lang, width = json.loads(line)
            checked.setdefault(name, set()).add((lang, width))
    return checked
