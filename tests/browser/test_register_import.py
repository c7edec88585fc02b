"""The territorial register's import in Chromium, as the ministry admin: from the
organisation list to the preview of GUS's TERC sample (its three bad rows listed
with their reasons), the import, and a second run that has nothing to import.
axe on every page."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "organisations"
    / "tests"
    / "data"
    / "terc_sample.csv"
)


def test_ministry_admin_imports_the_terc_sample_once(page: Any, world: World) -> None:
    # given the ministry admin on the organisation list
    log_in(page, "ministry_admin@example.pl", world.totp_secrets["ministry_admin"])
    page.goto(reverse("organisations:list"))
    click_to_load(page.get_by_role("link", name="Import rejestru terytorialnego"))
    assert_accessible(page)
    # when they check GUS's file
    page.get_by_label("Plik TERC z GUS (CSV)").set_input_files(str(SAMPLE))
    click_to_load(page.get_by_role("button", name="Sprawdź plik"))
    # then the preview counts the gminas and lists the bad rows with reasons
    summary = page.get_by_role("status").inner_text()
    assert "nowe gminy: 24" in summary
    assert "zmienione gminy: 3" in summary
    assert "wiersze z błędami, pominięte: 3" in summary
    errors = page.get_by_role("table", name="Wiersze pliku, których nie można")
    assert errors.locator("tbody tr").count() == 3
    assert "Brak nazwy (NAZWA)." in errors.inner_text()
    assert_accessible(page)
    # when they import
    click_to_load(page.get_by_role("button", name="Importuj 27 gmin"))
    # then the gminas are there, and a second run has nothing to import
    assert "Dodane gminy: 24, zmienione: 3" in page.locator("body").inner_text()
    assert Organisation.objects.exclude(teryt="").count() == 27
    assert_accessible(page)
    page.get_by_label("Plik TERC z GUS (CSV)").set_input_files(str(SAMPLE))
    click_to_load(page.get_by_role("button", name="Sprawdź plik"))
    assert "nowe gminy: 0" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Importuj").count() == 0
