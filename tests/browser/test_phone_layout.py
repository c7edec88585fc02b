"""Every page of the permission matrix on a phone: nothing wider than the screen.

Each GET page of the matrix (tests/test_permission_matrix.py and each app's
tests/matrix.py) that answers 200 is opened in Chromium 390 px wide as the roles it
is for — the first and the last of them in tests/support/world.py's order, so a
page is seen both by the person who runs it and by one who only reads it — plus the
"not found" page. It fails when the document is wider than the window (the page
would slide sideways under the finger; WCAG 2.1 1.4.10), naming the page and the
element that reaches furthest, and on any WCAG 2.1 A/AA violation axe finds there
(as the first role). The pages holding the widest tables are opened again 320 px
wide (the narrowest phone WCAG reflow asks for).

Tables scroll inside their own region instead ({% scroll_table %},
core/templatetags/portal_tables.py). To look at the pages, with each one also
photographed at 390 and 1366 px under var/test-screenshots/:

    PIM_PHONE_SCREENSHOTS=1 TEST_DATABASE_NAME=test_phone \\
        .venv/bin/python scripts/stack.py test tests/browser/test_phone_layout.py
"""

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.models import DocumentVersion
from pdfs.rendering import print_html
from tests.support.axe import assert_accessible
from tests.support.hostile import crawl_plan
from tests.support.world import ROLES, World
from tests.test_permission_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1366, "height": 900}
SMALL_PHONE_PAGES = 6
SCREENSHOTS = os.environ.get("PIM_PHONE_SCREENSHOTS") == "1"
ONLY = re.compile(os.environ.get("PIM_PHONE_ONLY", ""))  # URL names, to look at some
SCREENSHOT_FOLDER = Path(__file__).resolve().parents[2] / "var" / "test-screenshots"

# How wide the document is, what in it reaches furthest to the right (outside any
# region that scrolls or clips it), and the widest content kept inside a region.
MEASURE = """() => {
  const width = window.innerWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map((c) => '.' + c).join('');
  const path = (el) => {
    const parts = [];
    for (let at = el; at && at !== document.body; at = at.parentElement) {
      parts.unshift(name(at));
    }
    return parts.join(' > ');
  };
  // Whether a region that scrolls or clips holds it (an absolutely positioned
  // element is held only by its containing block and the blocks around that).
  const clipped = (el) => {
    for (let at = el; at && at !== document.body;) {
      const position = getComputedStyle(at).position;
      if (position === 'fixed') return false;
      at = position === 'absolute' ? at.offsetParent : at.parentElement;
      if (!at || at === document.body) return false;
      if (getComputedStyle(at).overflowX !== 'visible') return true;
    }
    return false;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  let widest = '', reaches = 0;
  if (scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right + window.scrollX;
      if (right > width && right > reaches && !clipped(el)) {
        reaches = right;
        widest = path(el) + ' «' + (el.textContent || '').trim().slice(0, 40) + '»';
      }
    }
  }
  const held = [...document.querySelectorAll('.table-scroll')]
    .map((region) => region.scrollWidth);
  return {scrollWidth, width, widest, reaches: Math.round(reaches),
          held: Math.max(0, ...held)};
}"""


@dataclass
class Seen:
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    names: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)  # url: why (not a page)
    held: list[tuple[int, str, str, str]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def _quick_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents' PDFs are made without WeasyPrint's seconds of layout each:
    the print template is not a page of the portal."""

    def render(version: DocumentVersion, *, variant: str) -> tuple[bytes, list[str]]:
        print_html(version, draft=variant == "draft")
        return b"%PDF-1.4\n%%EOF\n", []

    monkeypatch.setattr("pdfs.jobs.render", render)


def phone_tab(browser: Any, live_server: Any, world: World, role: str) -> Any:
    """A tab 390 px wide signed in as the role (its session made by Django, so
    the ministry's two-factor step is not typed for each role)."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport=PHONE
    )
    context.set_default_timeout(15_000)
    user = world.users[role]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )
    return context.new_page()


def open_page(tab: Any, url: str, seen: Seen) -> bool:
    """Opens the URL; False for what is not a whole page (a download, a fragment
    htmx puts into a page, a feed, a file)."""
    try:
        response = tab.goto(url)
    except Exception as error:
        if "Download is starting" not in str(error):
            raise
        seen.skipped[url] = "a download"
        return False
    kind = response.headers.get("content-type", "") if response else ""
    if "text/html" not in kind:
        seen.skipped[url] = kind or "no answer"
        return False
    if not re.match(r"\s*<!doctype html", response.text(), re.IGNORECASE):
        seen.skipped[url] = "an htmx fragment"
        return False
    return True


def check_width(tab: Any, label: str, seen: Seen) -> dict[str, Any]:
    measured: dict[str, Any] = tab.evaluate(MEASURE)
    if measured["scrollWidth"] > measured["width"]:
        seen.problems.append(
            f"{label} at {measured['width']} px: the page is "
            f"{measured['scrollWidth']} px wide; furthest: {measured['widest']} "
            f"(to {measured['reaches']} px)"
        )
    return measured


def check_axe(tab: Any, label: str, seen: Seen) -> None:
    try:
        assert_accessible(tab)
    except AssertionError as error:
        seen.problems.append(f"{label}: {str(error)[:3000]}")


def photograph(tab: Any, slug: str) -> None:
    SCREENSHOT_FOLDER.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOT_FOLDER / f"phone-{slug}-390.png", full_page=True)
    tab.set_viewport_size(DESKTOP)
    tab.screenshot(path=SCREENSHOT_FOLDER / f"phone-{slug}-1366.png", full_page=True)
    tab.set_viewport_size(PHONE)


def look(tab: Any, name: str, url: str, role: str, seen: Seen, axe: bool) -> None:
    if not open_page(tab, url, seen):
        return
    seen.pages += 1
    seen.names.add(name)
    label = f"{name} ({url}) as {role}"
    measured = check_width(tab, label, seen)
    seen.held.append((measured["held"], name, url, role))
    if axe:
        check_axe(tab, label, seen)
    if SCREENSHOTS:
        photograph(tab, re.sub(r"[^a-z0-9]+", "-", f"{name}-{role}"))


def sample(roles: tuple[str, ...]) -> tuple[str, ...]:
    """The first and the last role a page answers (one when it is for one)."""
    return tuple(dict.fromkeys((roles[0], roles[-1])))


def test_every_page_fits_a_phone_screen_and_passes_axe_there(
    browser: Any, live_server: Any, world: World
) -> None:
    # given every role in a phone-sized tab
    started = time.monotonic()
    tabs = {role: phone_tab(browser, live_server, world, role) for role in ROLES}
    seen = Seen()
    plan = crawl_plan(world, MATRIX)

    # when every page of the matrix is opened as its roles (each page right after
    # its objects are made: documents only move forward)
    for target in plan.targets():
        if not ONLY.search(target.name):
            continue
        for number, role in enumerate(sample(target.roles)):
            look(tabs[role], target.name, target.url, role, seen, axe=number == 0)
    # and the page a missing (or forbidden) object answers
    missing = next(
        case.url(world)
        for cases in MATRIX.values()
        for case in cases
        if case.method == "get" and set(case.expect.values()) == {404}
    )
    for role in ("anonymous", "city_officer"):
        look(tabs[role], "not found", missing, role, seen, axe=True)
    # and the pages with the widest tables on the narrowest phone
    widest = {url: (held, name, role) for held, name, url, role in sorted(seen.held)}
    by_width = sorted(widest.items(), key=lambda item: item[1], reverse=True)
    for url, (held, name, role) in by_width[:SMALL_PHONE_PAGES]:
        print(f"\n320 px: {name} ({url}) as {role}, its widest table {held} px")
        tab = tabs[role]
        tab.set_viewport_size(SMALL_PHONE)
        if open_page(tab, url, seen):
            check_width(tab, f"{name} ({url}) as {role}, tables {held} px", seen)
        tab.set_viewport_size(PHONE)
    for tab in tabs.values():
        tab.context.close()

    # then none is wider than the screen, and axe finds nothing
    print(
        f"\n{seen.pages} pages of {len(seen.names)} URL patterns in "
        f"{time.monotonic() - started:.0f} s; not pages: {seen.skipped}"
    )
    assert not seen.problems, "\n".join(seen.problems)
    # and every URL pattern of the matrix with a page was seen
    assert not plan.unbuilt, plan.unbuilt
    built = {target.name for target in plan.built}
    not_pages = {target.name for target in plan.built if target.url in seen.skipped}
    assert {name for name in built - not_pages if ONLY.search(name)} <= seen.names


def test_a_wide_table_is_reached_with_tab_named_by_its_caption_and_scrolled_with_keys(
    browser: Any, live_server: Any, world: World
) -> None:
    # given the networks' list on a phone, its table wider than the screen
    tab = phone_tab(browser, live_server, world, "anonymous")
    tab.goto(reverse("networks:list"))
    region = tab.locator(".table-scroll")
    assert region.evaluate("region => region.scrollWidth > region.clientWidth")
    # when a keyboard user tabs to it (past the links and the filter form)
    for _ in range(40):
        tab.keyboard.press("Tab")
        if region.evaluate("region => region === document.activeElement"):
            break
    # then it has focus, a name from its caption, and scrolls with the arrow key
    assert region.evaluate("region => region === document.activeElement")
    caption = tab.locator(".table-scroll caption").inner_text()
    assert tab.get_by_role("region", name=caption).count() == 1
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function(
        "() => document.querySelector('.table-scroll').scrollLeft > 0"
    )
    tab.context.close()
