"""Runs last among the browser tests: every page template has passed axe-core in English and in
a right-to-left language, at 320 px and at 1280 px."""

from pathlib import Path

import pytest

from tests.browser.axe import CHECKED
from tests.browser.conftest import DESK, PHONE

pytestmark = pytest.mark.browser

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"
RIGHT_TO_LEFT = {"ar", "ur"}
WIDTHS = (PHONE["width"], DESK["width"])


def page_templates() -> list[str]:
    """Templates that are whole pages: they extend the layout."""
    return sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '{% extends "layout.html" %}' in path.read_text(encoding="utf-8")
    )


def missing_checks(name: str) -> list[str]:
    """What is still to check for one template, in words."""
    seen = CHECKED.get(name, set())
    missing = []
    for width in WIDTHS:
        if ("en", width) not in seen:
            missing.append(f"English at {width} px")
        if not any((lang, width) in seen for lang in RIGHT_TO_LEFT):
            missing.append(f"Arabic or Urdu at {width} px")
    return missing


def test_every_page_template_passed_axe(request: pytest.FixtureRequest) -> None:
    browser_files = {
        item.path.name for item in request.session.items if "browser" in item.path.parts
    }
    if len(browser_files) < len(list(Path(__file__).parent.glob("test_*.py"))):
        pytest.skip("only meaningful when the whole browser suite runs")
    gaps = {name: missing for name in page_templates() if (missing := missing_checks(name))}
    assert not gaps, "page templates not yet checked by axe-core:\n" + "\n".join(
        f"  {name}: {', '.join(missing)}" for name, missing in gaps.items()
    )
