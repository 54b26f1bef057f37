"""axe-core in a real Chromium: one line per page, `assert_accessible(page)`."""

from functools import cache
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

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


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 A/AA violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems on {page.url}:\n{describe(violations)}"
