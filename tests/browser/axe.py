"""axe-core in a real Chromium: one line per page, `assert_accessible(page)`."""

import json
import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page, Response

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source() -> str:
    """axe.min.js as shipped in the axe-playwright-python package (no network)."""
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return the WCAG 2.2 A/AA violations."""
    # evaluate() runs through DevTools, so our strict CSP does not have to allow it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
    result = page.evaluate(script, WCAG_TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


COVERAGE_LOG_VARIABLE = "AXE_COVERAGE_LOG"

# Which page templates axe-core has passed, in which language and at which width:
# {template name: {(lang, width), ...}}. tests/browser/test_zz_every_template.py reads it.
CHECKED: dict[str, set[tuple[str, int]]] = defaultdict(set)
# Templates behind what each page shows now, from the live server's X-Rendered-Templates header.
SHOWN: dict[int, set[str]] = defaultdict(set)


def track_templates(page: Page) -> None:
    """Remember which templates produced the page's document and its htmx fragments."""

    def on_response(response: Response) -> None:
        names = response.headers.get("x-rendered-templates")
        if names is None:
            return
        request = response.request
        if request.resource_type == "document" and request.frame == page.main_frame:
            SHOWN[id(page)] = set()
        if request.resource_type in {"document", "xhr", "fetch"}:
            SHOWN[id(page)].update(filter(None, names.split(",")))

    page.on("response", on_response)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 A/AA violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems on {page.url}:\n{describe(violations)}"
    lang = page.evaluate("document.documentElement.lang")
    width = page.viewport_size["width"] if page.viewport_size else 0
    for name in SHOWN[id(page)]:
        CHECKED[name].add((lang, width))
    if log := os.environ.get(COVERAGE_LOG_VARIABLE):
        # Parallel workers share one log; the test session's end reads it (tests/conftest.py).
        with open(log, "a", encoding="utf-8") as handle:
            for name in SHOWN[id(page)]:
                handle.write(json.dumps([name, lang, width]) + "\n")
