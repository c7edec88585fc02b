"""Logging in from the browser tests, as a person would."""

import time
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.support.world import totp_code

PASSWORD = "haslo-testowe-2026"  # every test account's (accounts/tests/factories.py)


def log_in(
    page: Any,
    email: str,
    totp_secret: str | None = None,
    on_totp_page: Callable[[Any], None] | None = None,
) -> None:
    """Logs in through the login form (and the TOTP step for ministry accounts,
    calling `on_totp_page` there, e.g. an accessibility check)."""
    page.goto(reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    if totp_secret:
        page.wait_for_url("**" + reverse("mfa_authenticate"))
        if on_totp_page:
            on_totp_page(page)
        # A code typed in the last seconds of its 30-second period may arrive
        # after it: wait for a fresh one, as a person would.
        into_period = time.time() % 30
        if into_period > 22:
            time.sleep(30.5 - into_period)
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**" + reverse("portal:dashboard"))


def click_to_load(target: Any) -> None:
    """Clicks a link or a form's button and returns once the page it leads to
    has loaded, so what comes next reads that page and never the one it left
    (Playwright's `click` returns as soon as the click is dispatched)."""
    with target.page.expect_navigation():
        target.click()


def signed_in_tab(browser: Any, live_server: Any, email: str) -> Any:
    """A tab of a browser context of its own, logged in as `email`."""
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    log_in(tab, email)
    return tab
