"""The Content-Security-Policy in Chromium: injected markup neither styles nor runs,
htmx adds no inline style, and the browser tests' guard (conftest.py) reports
every violation and dialog."""

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = (
    '<p id="styled" style="color: rgb(255, 0, 0)">x</p>'
    '<img id="handler" src="/brak.png" onerror="window.__ran = true">'
)


def test_injected_markup_neither_styles_nor_runs_and_the_guard_reports_it(
    browser: Any, page: Any
) -> None:
    # given the home page under the portal's policy
    response = page.goto("/")
    assert "style-src 'self'" in response.headers["content-security-policy"]
    # when markup with a style attribute and an event handler gets into the page
    page.evaluate(f"document.body.insertAdjacentHTML('beforeend', `{INJECTED}`)")
    page.wait_for_function("(window.__cspViolations || []).length >= 2")
    # then the style is not applied and the handler did not run
    colour = page.eval_on_selector("#styled", "e => getComputedStyle(e).color")
    assert colour != "rgb(255, 0, 0)"
    assert page.evaluate("window.__ran") is None
    # and the guard saw both violations (cleared: this test caused them on purpose)
    browser.pim_guard.settle()
    seen = "\n".join(browser.pim_guard.violations)
    assert "style-src-attr" in seen
    assert "script-src-attr" in seen
    browser.pim_guard.violations.clear()


def test_htmx_injects_no_style_and_evaluates_nothing(page: Any) -> None:
    # given a page that loads htmx
    page.goto("/")
    # when htmx has started
    config = page.evaluate("htmx.config")
    # then it added no <style> element and will not eval attribute code
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False


def test_a_dialog_fails_the_test_through_the_guard(browser: Any, page: Any) -> None:
    # given a page of the portal
    page.goto("/")
    # when something opens an alert (as an injected script would)
    page.evaluate("alert('wstrzyknięty skrypt')")
    # then the guard dismissed and recorded it (cleared: caused here on purpose)
    assert browser.pim_guard.dialogs == [f"alert: wstrzyknięty skrypt ({page.url})"]
    browser.pim_guard.dialogs.clear()
