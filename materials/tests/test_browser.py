"""The materials library in Chromium: the ministry publishes the programme's rules,
a city officer downloads them. axe on every page."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from materials.tests.files import PDF, png_bytes
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MATERIAL_PAGE = re.compile(r"/materialy/\d+/$")


def test_ministry_publishes_the_rules_and_a_gdynia_officer_downloads_them(
    page: Any, browser: Any, live_server: Any, world: World
) -> None:
    # given the ministry admin, logged in with a TOTP code, in the library
    log_in(page, "ministry_admin@example.pl", world.totp_secrets["ministry_admin"])
    page.goto(reverse("materials:list"))
    assert_accessible(page)
    # when they add a programme document, first attaching a PNG named .pdf
    click_to_load(page.locator("#add-programme-material"))
    assert_accessible(page)
    page.locator("#id_title").fill("Zasady realizacji PIM")
    page.locator("#id_description").fill("Zasady obowiązujące w sieciach.")
    page.locator("#id_language").select_option("pl")
    page.locator("#id_visibility").select_option("public")
    page.locator("#id_file").set_input_files(
        {"name": "zasady.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    click_to_load(page.locator("#material-form button[type=submit]"))
    # then the error sits next to the file field and what they typed is kept
    assert page.locator("#id_file_errors").is_visible()
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title").input_value() == "Zasady realizacji PIM"
    assert_accessible(page)
    # when they attach the real PDF
    page.locator("#id_file").set_input_files(
        {
            "name": "zasady-realizacji.pdf",
            "mimeType": "application/pdf",
            "buffer": PDF,
        }
    )
    click_to_load(page.locator("#material-form button[type=submit]"))
    # then the material's page lists version 1
    assert MATERIAL_PAGE.search(page.url)
    assert "zasady-realizacji.pdf" in page.locator("#versions").inner_text()
    assert page.locator("#new-version-form").is_visible()
    assert_accessible(page)

    # when an officer of Gdynia opens the library in their own browser
    officer = browser.new_context(base_url=live_server.url, locale="pl-PL")
    tab = officer.new_page()
    log_in(tab, "city_officer@example.pl")
    tab.goto(reverse("materials:list"))
    assert_accessible(tab)
    click_to_load(
        tab.locator("#materials").get_by_role("link", name="Zasady realizacji PIM")
    )
    assert MATERIAL_PAGE.search(tab.url)
    assert_accessible(tab)
    assert tab.locator("#new-version-form").count() == 0  # the ministry's document
    with tab.expect_download() as downloading:
        tab.locator("#download-1").click()
    # then they get the very file the ministry uploaded
    download = downloading.value
    assert download.suggested_filename == "zasady-realizacji.pdf"
    assert Path(download.path()).read_bytes() == PDF
    officer.close()
