"""Fixtures shared by every test: the pilot world and the browser."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# No time limit per generated example: a pure function's example takes 270 ms when
# the two cores of CI are busy with browsers, and a deadline then fails at random.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")

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
    from tests.support.world import build_world  # needs Django set up first

    return build_world()


@pytest.fixture
def json_log() -> Iterator[Any]:
    """What the root logger writes during the test, as production writes it (one
    JSON object per line, with the request and user ids)."""
    import io
    import logging

    from core.logs import JsonLines
    from core.request_id import RequestIdFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@pytest.fixture(scope="session")
def _chromium() -> Iterator[Any]:
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


# Records every Content-Security-Policy violation of a page, for the test to fail on
# (the portal's pages need no exception from the policy; a violation is inline code
# that would not run in production, or injected markup trying to).
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  const seen = {
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    where: `${event.sourceFile}:${event.lineNumber}`,
    sample: event.sample,
    page: document.location.href,
  };
  (window.__cspViolations = window.__cspViolations || []).push(seen);
  window.__pimCspViolation(seen);
});
"""


class BrowserGuard:
    """Watches every browser context a test opens: CSP violations (reported by the
    page, through a binding that outlives navigation, and in the console) and
    alert/confirm/prompt dialogs, which the portal never opens: one is a script
    that was injected. A test that means to see dialogs asks for `allow_dialogs`
    and handles them itself."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.dialogs: list[str] = []
        self.allow_dialogs = False
        self.contexts: list[Any] = []

    def watch(self, context: Any) -> None:
        self.contexts.append(context)
        context.expose_binding(
            "__pimCspViolation",
            lambda _source, seen: self.violations.append(str(seen)),
        )
        context.add_init_script(WATCH_CSP)
        context.on("console", self._console)
        context.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        if self.allow_dialogs:
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message} ({dialog.page.url})")
        # A tab's own dialog handler (the hostile crawl's) dismisses it; two
        # dismissals would fail. Playwright has no public way to ask.
        impl = getattr(dialog.page, "_impl_obj", None)
        count = getattr(impl, "listener_count", None)
        if not (count and count("dialog")):
            dialog.dismiss()

    def settle(self) -> None:
        """Lets bindings called just before now reach Python."""
        for context in self.contexts:
            for tab in context.pages:
                try:
                    tab.evaluate("0")
                except Exception:  # noqa: S112 - a closed or crashed tab has no more
                    continue

    def problems(self) -> str:
        return "\n".join(
            [f"CSP violation: {seen}" for seen in self.violations]
            + [f"dialog opened: {seen}" for seen in self.dialogs]
        )


@pytest.fixture
def browser(_chromium: Any) -> Iterator[Any]:
    """Chromium, with every context the test opens watched by a BrowserGuard; the
    test fails at teardown on any CSP violation or dialog."""
    guard = BrowserGuard()
    open_context = _chromium.new_context

    def new_context(*args: Any, **kwargs: Any) -> Any:
        context = open_context(*args, **kwargs)
        guard.watch(context)
        return context

    _chromium.new_context = new_context
    _chromium.pim_guard = guard
    try:
        yield _chromium
        guard.settle()
    finally:
        del _chromium.new_context, _chromium.pim_guard
    if problems := guard.problems():
        pytest.fail(problems)


@pytest.fixture
def allow_dialogs(browser: Any) -> None:
    """For a test that opens alert/confirm dialogs on purpose (and handles them)."""
    browser.pim_guard.allow_dialogs = True


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    browser.pim_guard.settle()
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
