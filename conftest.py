"""Fixtures shared by every test: the pilot world and the browser."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("PIM_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's hosts on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = "no Chromium at"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters and used TOTP codes live in the (real Redis) cache:
    no test may inherit another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db: None) -> Any:
    from core.testing.world import build_world  # needs Django set up first

    return build_world()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"{NO_CHROMIUM} {CHROMIUM} (set PIM_CHROMIUM or install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests cannot run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM in the
    # same thread is still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # read from the reports, which parallel test processes send back here
    reasons = [
        str(report.longrepr[2])
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and NO_CHROMIUM in str(report.longrepr[2])
    ]
    if reasons:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(reasons[0])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """A failed browser test leaves a screenshot of each open tab under var/."""
    report = yield
    if report.when == "call" and report.failed and "browser" in item.keywords:
        chromium = item.funcargs.get("browser")
        if chromium is not None:
            folder = Path(__file__).parent / "var" / "test-screenshots"
            folder.mkdir(parents=True, exist_ok=True)
            for number, context in enumerate(chromium.contexts):
                for tab_number, tab in enumerate(context.pages):
                    tab.screenshot(
                        path=folder / f"{item.name}-{number}-{tab_number}.png",
                        full_page=True,
                    )
    return report
