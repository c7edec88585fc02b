"""The coordinator's application in Chromium: she types her answers and presses
"Złóż zgłoszenie" before "Zapisz projekt" — nothing she typed is lost, and the
answer still missing is named next to its field."""

from typing import Any

import pytest

from recruitment.models import Answer, Application
from recruitment.tests.builders import draft_to_complete
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_pressed_before_saving_loses_nothing_and_names_what_is_missing(
    browser: Any, live_server: Any, world: World
) -> None:
    # given Gdynia's draft, whose call asks a required text and a required number
    application, text, number = draft_to_complete(world)
    tab = signed_in_tab(browser, live_server, "city_coordinator@example.pl")
    tab.goto(application.get_absolute_url())
    assert_accessible(tab)
    # and the required questions are marked, with the legend saying what it means
    assert tab.locator(f"label[for=id_q{text.pk}] .required").inner_text() == "*"
    assert tab.locator(f"#id_q{number.pk}").get_attribute("required") is not None
    assert tab.locator(".required-legend").is_visible()
    # when she types the text answer and presses "Submit" first
    tab.locator(f"#id_q{text.pk}").fill("Pustostany w Śródmieściu.\nI puste lokale.")
    click_to_load(tab.locator("main form[enctype] button[value=submit]"))
    # then her text is still on the page, and saved in the draft
    assert tab.locator(f"#id_q{text.pk}").input_value() == (
        "Pustostany w Śródmieściu.\nI puste lokale."
    )
    assert "Pustostany" in Answer.objects.get(question=text).text
    # and the number is named as missing next to its own field, nothing else
    missing = tab.locator(f"#id_q{number.pk}_errors")
    assert missing.is_visible()
    assert "Odpowiedz" in missing.inner_text()
    assert tab.locator(f"#id_q{number.pk}").get_attribute("aria-invalid") == "true"
    assert tab.locator(f"#id_q{text.pk}_errors").count() == 0
    assert Application.objects.get(pk=application.pk).status == "draft"
    assert_accessible(tab)
    # when she gives the number and submits again
    tab.locator(f"#id_q{number.pk}").fill("12500")
    click_to_load(tab.locator("main form[enctype] button[value=submit]"))
    # then the application is submitted with both answers
    assert Application.objects.get(pk=application.pk).status == "submitted"
    assert Answer.objects.get(question=number).number == 12500
    assert "złożone" in tab.locator(".messages").inner_text()
    assert_accessible(tab)
