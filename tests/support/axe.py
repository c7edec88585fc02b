"""WCAG 2.1 A/AA checks with axe-core inside the browser tests."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def assert_accessible(page: Any) -> None:
    """Fails with axe's own report when the page has any WCAG 2.1 A/AA violation."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, (
        f"{page.url}: {results.violations_count} axe violations\n"
        + results.generate_report()
    )
