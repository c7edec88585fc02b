"""A city's Local Partnership in Chromium: formed, joined through the public form,
filled by a CSV import, and its sector summary fed by an LP meeting. axe on every
page."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import LocalPartnership
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_forms_an_open_partnership_that_a_resident_joins(
    browser: Any, live_server: Any, world: World, tmp_path: Any
) -> None:
    # given a Gdynia officer on the network's workspace
    officer = signed_in_tab(browser, live_server, "city_officer@example.pl")
    officer.goto(reverse("portal:workspace", args=["rewitalizacja"]))
    click_to_load(officer.locator("a[href*='/partnerstwa/nowe/']"))
    assert_accessible(officer)
    # when they form an open LP with a public page
    officer.locator("#id_name").fill("Partnerstwo Śródmieście")
    officer.locator("#id_formula").select_option("open")
    officer.locator("#id_goals").fill("Rewitalizacja Śródmieścia razem z mieszkańcami.")
    officer.locator("#id_is_public").check()
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_url("**/partnerstwa/*/")
    assert_accessible(officer)
    partnership = LocalPartnership.objects.get(name="Partnerstwo Śródmieście")

    # then a resident, without an account, asks to join through the public page
    resident = browser.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    resident.goto(reverse("partnerships:public", args=[partnership.pk]))
    assert_accessible(resident)
    resident.locator("#id_name").fill("Zofia Sąsiedzka")
    resident.locator("#id_email").fill("zofia@example.pl")
    resident.locator("#id_sector").select_option("resident")
    click_to_load(resident.locator("main form button[type=submit]"))
    assert resident.locator("#id_consent_errors").is_visible()
    assert resident.locator("#id_name").input_value() == "Zofia Sąsiedzka"
    assert_accessible(resident)
    resident.locator("#id_consent").check()
    click_to_load(resident.locator("main form button[type=submit]"))
    assert resident.locator(".message-success").is_visible()

    # and the coordinator accepts the request
    coordinator = signed_in_tab(browser, live_server, "city_coordinator@example.pl")
    coordinator.goto(partnership.get_absolute_url())
    assert_accessible(coordinator)
    click_to_load(coordinator.locator("button[name=decision][value=accept]"))
    assert partnership.members.filter(name="Zofia Sąsiedzka").exists()

    # when 20 members are imported from a CSV with two bad rows
    rows = [
        f"Członek {n},person,,business,member,czlonek{n}@example.pl,,2026-03-01,tak"
        for n in range(18)
    ]
    rows.insert(4, "Bez sektora,person,,,member,a@example.pl,,2026-03-01,tak")
    rows.insert(9, "Bez zgody,person,,ngo,member,b@example.pl,,2026-03-01,nie")
    csv_file = tmp_path / "czlonkowie.csv"
    csv_file.write_text(
        "name,kind,organisation,sector,role,email,phone,joined_on,consent\n"
        + "\n".join(rows),
        encoding="utf-8",
    )
    coordinator.goto(reverse("partnerships:import", args=[partnership.pk]))
    assert_accessible(coordinator)
    coordinator.locator("#id_file").set_input_files(str(csv_file))
    click_to_load(coordinator.locator("main form button[type=submit]"))
    # then the preview reports the two bad rows by number, and the rest go in
    assert coordinator.locator("tr.row-error").count() == 2
    assert_accessible(coordinator)
    coordinator.locator("input[name=step][value=confirm] ~ button").click()
    coordinator.wait_for_url(
        "**" + reverse("partnerships:members", args=[partnership.pk])
    )
    assert_accessible(coordinator)
    assert partnership.members.count() == 19  # Zofia + 18

    # when an LP meeting's attendance is taken
    start = timezone.localtime() + datetime.timedelta(days=7)
    coordinator.goto(partnership.get_absolute_url())
    click_to_load(coordinator.locator("a[href*='rodzaj=local_partnership']"))
    coordinator.locator("#id_title").fill("Spacer badawczy")
    coordinator.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT17:00"))
    coordinator.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT19:00"))
    coordinator.locator("#id_mode").select_option("in_person")
    coordinator.locator("#id_place").fill("Skwer Kościuszki")
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_url("**/spotkania/*/")
    click_to_load(coordinator.locator("a[href$='/obecnosc/']"))
    for name, sector in (
        ("Zofia Sąsiedzka", "resident"),
        ("Piotr Przedsiębiorca", "business"),
    ):
        coordinator.locator("#id_name").fill(name)
        coordinator.locator("#id_sector").select_option(sector)
        click_to_load(
            coordinator.locator("main form").nth(1).locator("button[type=submit]")
        )
    # then the partnership's summary counts them by sector
    coordinator.goto(partnership.get_absolute_url())
    attendance = coordinator.locator("table", has_text="Spacer badawczy")
    assert "Spacer badawczy" in attendance.inner_text()
    cells = attendance.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells[-1] == "2"  # total
    assert_accessible(coordinator)
