"""A network meeting from scheduling to approved minutes, in Chromium; a partner
finds it in their calendar subscription. axe on every page."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_city_runs_a_network_meeting_hosted_by_a_partner(
    browser: Any, live_server: Any, world: World
) -> None:
    start = timezone.localtime() + datetime.timedelta(days=14)
    # given the lead-city coordinator on the network's workspace
    lead = signed_in_tab(browser, live_server, "lead_coordinator@example.pl")
    lead.goto(reverse("portal:workspace", args=["rewitalizacja"]))
    assert_accessible(lead)
    # when they schedule a meeting hosted by Gdynia, first with the end before start
    click_to_load(lead.locator("a[href*='rodzaj=network']"))
    assert_accessible(lead)
    lead.locator("#id_title").fill("Wizyta studyjna w Gdyni")
    lead.locator("#id_host").select_option(label="Gdynia")
    lead.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT10:00"))
    lead.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT09:00"))
    lead.locator("#id_mode").select_option("in_person")
    lead.locator("#id_place").fill("Gdynia, Urząd Miasta, al. Piłsudskiego 52/54")
    lead.locator("#id_agenda-0-title").fill("Spacer studyjny po Śródmieściu")
    lead.locator("#id_agenda-0-duration_minutes").fill("90")
    click_to_load(lead.locator("main form button[type=submit]"))
    assert lead.locator("#id_ends_at_errors").is_visible()
    assert lead.locator("#id_title").input_value() == "Wizyta studyjna w Gdyni"
    assert_accessible(lead)
    lead.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT15:00"))
    lead.locator("main form button[type=submit]").click()
    lead.wait_for_url("**/spotkania/*/")
    assert_accessible(lead)
    meeting = Meeting.objects.get(title="Wizyta studyjna w Gdyni")
    assert meeting.host == world.partner_city

    # then two people of the partner city register
    for email in ("city_officer@example.pl", "city_coordinator@example.pl"):
        partner = signed_in_tab(browser, live_server, email)
        partner.goto(meeting.get_absolute_url())
        click_to_load(partner.locator("button[name=action][value=register]"))
        assert partner.locator("button[name=action][value=cancel]").is_visible()
        assert_accessible(partner)
    assert meeting.registrations.count() == 2

    # and the officer finds it in the network's calendar subscription
    partner.goto(reverse("meetings:subscriptions"))
    assert_accessible(partner)
    feed_url = next(
        text
        for text in partner.locator("main dd code").all_inner_texts()
        if "/siec/rewitalizacja/" in text
    )
    response = partner.request.get(feed_url)
    calendar = Calendar.from_ical(response.body())
    assert "Wizyta studyjna w Gdyni" in {
        str(event["SUMMARY"]) for event in calendar.walk("VEVENT")
    }

    # when the organiser takes attendance and approves the minutes
    lead.goto(reverse("meetings:attendance", args=[meeting.pk]))
    assert_accessible(lead)
    for checkbox in lead.locator("input[name=present]").all():
        checkbox.check()
    click_to_load(lead.locator("main form").first.locator("button[type=submit]"))
    lead.locator("#id_name").fill("Jan Mieszkaniec")
    lead.locator("#id_sector").select_option("resident")
    click_to_load(lead.locator("main form").nth(1).locator("button[type=submit]"))
    assert meeting.attendance.count() == 3
    lead.goto(reverse("meetings:minutes", args=[meeting.pk]))
    assert_accessible(lead)
    lead.locator("#id_minutes").fill("Uczestnicy omówili rewitalizację Śródmieścia.")
    click_to_load(lead.locator("button[name=action][value=save]"))
    lead.locator("button[name=action][value=approve]").click()
    lead.wait_for_url("**" + meeting.get_absolute_url())
    # then the partners see the approved minutes
    partner.goto(meeting.get_absolute_url())
    assert "omówili rewitalizację" in partner.locator("main").inner_text()
    assert_accessible(partner)
    partner.goto(reverse("meetings:calendar"))
    assert_accessible(partner)


def test_the_agenda_grows_a_point_at_a_time_from_the_keyboard(
    browser: Any, live_server: Any, world: World
) -> None:
    start = timezone.localtime() + datetime.timedelta(days=21)
    # given the lead-city coordinator on the schedule form, one empty point shown
    lead = signed_in_tab(browser, live_server, "lead_coordinator@example.pl")
    lead.goto(reverse("meetings:create") + "?siec=rewitalizacja&rodzaj=network")
    assert lead.locator(".agenda-row").count() == 1
    assert lead.locator("#id_host").input_value() == str(world.lead_city.pk)
    lead.locator("#id_title").fill("Warsztat z programem")
    lead.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT10:00"))
    lead.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT15:00"))
    lead.locator("#id_mode").select_option("in_person")
    lead.locator("#id_place").fill("Katowice, Rynek 1")
    lead.locator("#id_agenda-0-title").fill("Powitanie")
    lead.locator("#id_agenda-0-duration_minutes").fill("15")
    # when "Dodaj punkt" is pressed twice, each time the new point takes the focus
    add = lead.get_by_role("button", name="Dodaj punkt")
    for index, (title, minutes) in enumerate(
        (("Warsztat", "120"), ("Podsumowanie", "30")), 1
    ):
        add.focus()
        lead.keyboard.press("Enter")
        assert lead.evaluate("document.activeElement.id") == f"id_agenda-{index}-title"
        lead.keyboard.type(title)
        lead.locator(f"#id_agenda-{index}-duration_minutes").fill(minutes)
    assert lead.get_by_role("group", name="Punkt 3").count() == 1
    assert_accessible(lead)
    click_to_load(lead.locator("main form button[type=submit]"))
    # then the meeting has the three points
    meeting = Meeting.objects.get(title="Warsztat z programem")
    assert [item.title for item in meeting.agenda_items.order_by("position")] == [
        "Powitanie",
        "Warsztat",
        "Podsumowanie",
    ]
    assert meeting.host == world.lead_city
