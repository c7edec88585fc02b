"""The public pages and the login page in Chromium: WCAG 2.1 AA in both languages."""

from typing import Any

import pytest
from django.urls import reverse

from documents.models import State
from documents.tests.builders import advance, network_sheet, section, write
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": lambda world: reverse("portal:home"),
    "network list": lambda world: reverse("networks:list"),
    "network detail": lambda world: reverse(
        "networks:detail", args=["jakosc-powietrza"]
    ),
    "organisation": lambda world: reverse("organisations:detail", args=["skawina"]),
    "login": lambda world: reverse("account_login"),
    "password reset": lambda world: reverse("account_reset_password"),
    "password reset sent": lambda world: reverse("account_reset_password_done"),
    "password reset bad key": lambda world: reverse(
        "account_reset_password_from_key", args=["1", "zly-klucz"]
    ),
    "not found": lambda world: reverse("networks:detail", args=["brak"]),
}


def use_language(page: Any, live_server: Any, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_no_axe_violations(
    page: Any, live_server: Any, world: World, name: str, language: str
) -> None:
    # given
    use_language(page, live_server, language)
    # when
    page.goto(PAGES[name](world))
    # then
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(
    page: Any, world: World
) -> None:
    page.goto(reverse("portal:home"))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_turns_the_page_into_english_and_back(
    page: Any, world: World
) -> None:
    page.goto(reverse("networks:detail", args=["jakosc-powietrza"]))
    assert page.locator("h1").inner_text() == "Jakość powietrza"
    click_to_load(page.get_by_role("button", name="English"))
    assert page.locator("h1").inner_text() == "Air quality"
    click_to_load(page.get_by_role("button", name="Polski"))
    assert page.locator("h1").inner_text() == "Jakość powietrza"


def test_login_shows_errors_next_to_the_field_then_logs_in(
    page: Any, world: World
) -> None:
    # given
    page.goto(reverse("account_login"))
    # when a wrong password is typed
    page.get_by_label("Adres e-mail").fill("city_officer@example.pl")
    page.get_by_label("Hasło").fill("zle-haslo")
    click_to_load(page.locator("main form").get_by_role("button", name="Zaloguj się"))
    # then the error is shown, the e-mail is kept, the page is still accessible
    assert page.get_by_label("Adres e-mail").input_value() == "city_officer@example.pl"
    assert page.locator(".errorlist, [role=alert]").first.is_visible()
    assert_accessible(page)
    # when the right one is typed
    page.get_by_label("Hasło").fill("haslo-testowe-2026")
    page.locator("main form").get_by_role("button", name="Zaloguj się").click()
    # then the person lands on their portal
    page.wait_for_url("**" + reverse("portal:dashboard"))
    assert "Gdynia" in page.locator("main").inner_text()


SIGNED_IN_PAGES = {
    "my portal": "portal:dashboard",
    "change password": "account_change_password",
    "e-mail addresses": "account_email",
    "log out": "account_logout",
}


@pytest.mark.parametrize("name", sorted(SIGNED_IN_PAGES))
def test_signed_in_page_has_no_axe_violations(
    page: Any, live_server: Any, world: World, name: str
) -> None:
    # given a signed-in city officer
    page.goto(reverse("account_login"))
    page.get_by_label("Adres e-mail").fill("city_officer@example.pl")
    page.get_by_label("Hasło").fill("haslo-testowe-2026")
    page.locator("main form").get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url("**" + reverse("portal:dashboard"))
    # when
    page.goto(reverse(SIGNED_IN_PAGES[name]))
    if "/reauthenticate/" in page.url:
        # (changing the password asks for it again first; that page is checked too)
        assert_accessible(page)
        page.get_by_label("Hasło").fill("haslo-testowe-2026")
        click_to_load(page.locator("main form button[type=submit]").first)
        assert page.url.endswith(reverse(SIGNED_IN_PAGES[name]))
    # then
    assert_accessible(page)


def test_a_table_written_in_the_editor_keeps_its_borders_on_the_public_page(
    page: Any, world: World
) -> None:
    # given the Network Sheet published with a table written in the editor
    sheet = network_sheet(world)
    lead = world.user("lead_coordinator")
    write(
        sheet,
        "problems",
        '<table><thead><tr><th scope="col">Problem</th><th scope="col">Skala</th>'
        "</tr></thead><tbody><tr><td>Pustostany</td><td>1240</td></tr></tbody>"
        "</table>",
        lead,
    )
    sheet = advance(world, sheet, State.PUBLISHED)
    # when the public opens it
    page.goto(reverse("documents:public", args=[sheet.pk]))
    # then every cell of the table has a visible border (the section's own table:
    # the schedule, a structured section, is a table too)
    body = f"#s-{section(sheet, 'problems').pk} + .section-body"
    cells = page.locator(f"{body} table td, {body} table th")
    assert cells.count() == 4
    borders = cells.evaluate_all(
        "(cells) => cells.map((cell) => getComputedStyle(cell).borderTopStyle"
        " + ' ' + getComputedStyle(cell).borderTopWidth)"
    )
    assert borders == ["solid 1px"] * 4
    assert_accessible(page)
