"""The programme's pages in Chromium: the ministry admin previews and publishes the
about page with the rich-text editor, and every page of the programme, public and
the ministry's, passes axe."""

from typing import Any

import pytest
from django.urls import reverse

from programme.models import Page
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ministry_previews_and_publishes_the_about_page(
    page: Any, world: World
) -> None:
    # given the ministry admin, logged in, on the list of the programme's pages
    log_in(page, "ministry_admin@example.pl", world.totp_secrets["ministry_admin"])
    page.goto(reverse("programme:manage"))
    assert_accessible(page)
    about = Page.objects.get(kind=Page.Kind.ABOUT)

    # when they open the about page's editor and type a sentence at its end
    editor = reverse("programme:page_edit", args=[about.pk])
    click_to_load(page.locator(f'main a[href="{editor}"]'))
    assert_accessible(page)
    area = page.get_by_role("textbox", name="Treść", exact=True)
    area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Czwarta edycja startuje w 2026 r.")
    # and press "Podgląd"
    click_to_load(page.get_by_role("button", name="Podgląd"))

    # then the preview shows it, and nothing is saved yet
    preview = page.locator("section[aria-labelledby=preview-heading]")
    assert "Czwarta edycja startuje" in preview.inner_text()
    assert about.versions.count() == 1
    assert_accessible(page)

    # when they press "Zapisz i opublikuj"
    click_to_load(page.get_by_role("button", name="Zapisz i opublikuj"))

    # then version 2 is listed as the public one, and the public page shows it
    assert "Zapisano i opublikowano wersję 2." in page.inner_text("main")
    assert_accessible(page)
    page.goto(reverse("programme:about"))
    assert "Czwarta edycja startuje w 2026 r." in page.inner_text("main")
    assert_accessible(page)
    # and the earlier version can still be read
    page.goto(reverse("programme:page_version", args=[about.pk, 1]))
    assert "Czwarta edycja" not in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.parametrize(
    "name",
    [
        "programme:about",
        "programme:accessibility",
        "programme:privacy",
        "programme:faq",
        "programme:news",
        "programme:accessibility_edit",
        "programme:accessibility_versions",
        "programme:news_create",
    ],
)
def test_every_programme_page_passes_axe(page: Any, world: World, name: str) -> None:
    log_in(page, "ministry_admin@example.pl", world.totp_secrets["ministry_admin"])
    page.goto(reverse(name))
    assert_accessible(page)
