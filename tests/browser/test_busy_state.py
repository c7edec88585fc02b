"""A form is sent once (static/js/busy.js): from the first press until the answer
arrives its buttons are disabled and busy, so a double click sends it once — a
plain form as well as an htmx one. The pressed button's name and value still go
with the form."""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from documents.services import document_version_create
from documents.tests.builders import gdynia_mid
from pdfs.models import RenderJob
from pim_portal.celery import app
from tests.support.browser import signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@contextmanager
def _held(page: Any, path: str) -> Iterator[list[Any]]:
    """The requests to `path`, held (not sent on) until the test lets them go;
    any still held at the end are sent on, so the page never hangs."""
    held: list[Any] = []
    pattern = f"**{path}*"
    page.route(pattern, lambda route: held.append(route))
    try:
        yield held
    finally:
        page.unroute(pattern)
        for route in held:
            with suppress(Exception):  # already sent on by the test
                route.continue_()


def test_clicking_a_plain_form_again_while_it_is_sent_sends_nothing_more(
    page: Any,
) -> None:
    # given a page with the language switch (a plain form whose buttons carry
    # the language), its answer slow to come
    page.goto(reverse("networks:list"))
    box = page.locator("form.language-switch button[value=en]").bounding_box()
    assert box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with _held(page, reverse("set_language")) as held:
        # when a person double-clicks "English", and clicks again while waiting
        page.mouse.dblclick(x, y)
        page.wait_for_timeout(300)
        page.mouse.click(x, y)
        page.wait_for_timeout(500)  # time for a second request, if one were sent
        # then the form went once, with the pressed button's name and value
        assert len(held) == 1
        assert "language=en" in (held[0].request.post_data or "")
        # and the answer arrives as usual: the page in English
        with page.expect_navigation():
            held.pop().continue_()
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_double_click_on_an_htmx_form_sends_it_once(
    browser: Any, live_server: Any, world: World
) -> None:
    # given a version of Gdynia's MID without a PDF, and its officer on the page
    # that offers to make it (an htmx form), the request held
    mid = gdynia_mid(world)
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        version = document_version_create(
            document=mid, actor=world.user("city_officer"), note=""
        )
        RenderJob.objects.filter(version=version).delete()
        officer = signed_in_tab(browser, live_server, "city_officer@example.pl")
        officer.goto(mid.get_absolute_url())
        path = reverse("pdfs:make", args=[mid.pk, version.number])
        form = officer.locator(f"form[hx-post^='{path}']")
        with _held(officer, path) as held:
            # when the officer double-clicks "Make the PDF"
            form.locator("button").dblclick()
            # then the button is disabled and busy while the request runs
            expect(form.locator("button")).to_be_disabled()
            assert form.locator("button").get_attribute("aria-busy") == "true"
            officer.wait_for_timeout(500)
            assert len(held) == 1
            # and when the answer arrives, it replaces the form: sent once in all
            held.pop().continue_()
            officer.locator(f"#pdf-{version.pk}").get_by_text(
                "czeka na swoją kolej"
            ).wait_for()
            officer.wait_for_timeout(500)
            assert held == []
        assert RenderJob.objects.filter(version=version).count() == 1
    finally:
        app.conf.task_always_eager = eager
