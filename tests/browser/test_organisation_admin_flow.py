"""The ministry admin adds a city new to the portal with its coat of arms, corrects
a mistake, deactivates it and reactivates it, in Chromium; axe on every page (#19)."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from organisations.models import Organisation
from organisations.tests.images import image_bytes
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ministry_admin_adds_a_city_with_its_logo_then_deactivates_it(
    page: Any, world: World, tmp_path: Path
) -> None:
    # given the ministry admin on the list of organisations
    log_in(page, "ministry_admin@example.pl", world.totp_secrets["ministry_admin"])
    page.goto(reverse("organisations:list"))
    assert_accessible(page)
    click_to_load(page.get_by_role("link", name="Dodaj organizację"))
    assert_accessible(page)
    # when they fill in a new city, first with a TERYT code of another voivodeship
    logo = tmp_path / "herb.png"
    logo.write_bytes(image_bytes())
    page.get_by_label("Nazwa").fill("Nowe Miasto Lubawskie")
    page.get_by_label("Rodzaj").select_option("urban_gmina")
    page.get_by_label("Kraj").select_option("PL")
    page.get_by_label("Województwo").select_option("28")
    page.get_by_label("Siedziba").fill("Nowe Miasto Lubawskie")
    page.get_by_label("Kod TERYT").fill("2213011")
    page.get_by_label("Szerokość geograficzna").fill("53.42")
    page.get_by_label("Długość geograficzna").fill("19.59")
    page.get_by_label("Strona internetowa").fill("https://nowemiasto.example.pl")
    page.get_by_label("Logo lub herb").set_input_files(str(logo))
    click_to_load(page.get_by_role("button", name="Dodaj organizację"))
    # then the code is refused next to its field, and the rest is kept
    assert page.locator("#id_teryt_errors").is_visible()
    assert page.get_by_label("Nazwa").input_value() == "Nowe Miasto Lubawskie"
    assert_accessible(page)
    page.get_by_label("Kod TERYT").fill("2813011")
    page.get_by_label("Logo lub herb").set_input_files(str(logo))
    click_to_load(page.get_by_role("button", name="Dodaj organizację"))
    # and the city's page shows it, its logo and its voivodeship by name
    city = Organisation.objects.get(teryt="2813011")
    assert page.url.endswith(city.get_absolute_url())
    main = page.locator("main")
    assert "warmińsko-mazurskie" in main.inner_text()
    logo_img = main.locator("img.organisation-logo")
    assert logo_img.evaluate("image => image.naturalWidth") == 8
    assert_accessible(page)
    # when they deactivate it, answering the question
    page.get_by_text("Dezaktywuj organizację").click()
    click_to_load(page.get_by_role("button", name="Tak, dezaktywuj"))
    # then its page says so, and it can be reactivated
    assert "Zdezaktywowana" in main.inner_text()
    assert_accessible(page)
    click_to_load(page.get_by_role("button", name="Przywróć organizację"))
    assert "Zdezaktywowana" not in main.inner_text()
    city.refresh_from_db()
    assert city.is_active
