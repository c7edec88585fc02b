import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from audit.selectors import network_trail
from core.page_cache import new_generation
from meetings.models import Meeting
from meetings.services import (
    MeetingDraft,
    calendar_token_of,
    meeting_create,
    meeting_update,
)
from meetings.tests.builders import draft
from networks.selectors import NETWORKS
from networks.tests.factories import (
    EditionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def add_meetings(world: World, count: int) -> None:
    start = timezone.now() + datetime.timedelta(days=5)
    for number in range(count):
        meeting_create(
            kind=Meeting.Kind.NETWORK,
            edition_id=world.network.edition_id,
            network_id=world.network.pk,
            draft=MeetingDraft(
                title=f"Spotkanie {number}",
                description="",
                host_id=world.partner_city.pk,
                starts_at=start + datetime.timedelta(days=number),
                ends_at=start + datetime.timedelta(days=number, hours=2),
                mode=Meeting.Mode.IN_PERSON,
                place="Gdynia",
                online_link="",
                is_public=number % 2 == 0,
                registration_limit=None,
                registration_deadline=None,
            ),
            actor=world.user("lead_coordinator"),
        )


@pytest.mark.parametrize("role", ["city_officer", "ministry_admin", "anonymous"])
def test_calendar_queries_do_not_grow_with_meetings(
    world: World, client: Client, role: str
) -> None:
    if role != "anonymous":
        client.force_login(world.user(role))
    add_meetings(world, 10)
    few = queries_for(client, reverse("meetings:calendar"))
    assert few <= PAGE_QUERY_BUDGET
    add_meetings(world, 190)
    assert queries_for(client, reverse("meetings:calendar")) == few


def test_workspace_queries_do_not_grow_with_meetings_or_members(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.user("city_officer"))
    url = reverse("portal:workspace", args=[world.network.slug])

    def forget_parts() -> None:  # a visit that finds no part of the page cached
        with django_capture_on_commit_callbacks(execute=True):
            new_generation(NETWORKS, network_trail(world.network.pk))

    add_meetings(world, 10)
    first = queries_for(client, url, before=forget_parts)
    cached = queries_for(client, url)
    assert cached < first <= PAGE_QUERY_BUDGET
    add_meetings(world, 190)
    NetworkMembershipFactory.create_batch(190, network=world.network)
    assert queries_for(client, url, before=forget_parts) == first
    assert queries_for(client, url) == cached


def test_calendar_filters_by_kind_and_city(world: World, client: Client) -> None:
    client.force_login(world.user("city_officer"))
    response = client.get(
        reverse("meetings:calendar"), {"kind": "local_partnership", "city": "gdyn"}
    )
    assert world.meetings["local"].title in response.text
    assert world.meetings["network"].title not in response.text


def test_only_the_ministry_is_offered_a_joint_meeting_of_the_current_edition(
    world: World, client: Client
) -> None:
    edition = world.network.edition
    link = f"?rodzaj=joint&amp;edycja={edition.slug}"
    client.force_login(world.user("ministry_admin"))
    assert link in client.get(reverse("meetings:calendar")).text
    client.force_login(world.user("lead_coordinator"))
    assert "rodzaj=joint" not in client.get(reverse("meetings:calendar")).text


def test_outsider_sees_only_the_public_announcement(
    world: World, client: Client
) -> None:
    client.force_login(world.user("city_officer"))
    calendar = client.get(reverse("meetings:calendar")).text
    assert world.meetings["air_public"].title in calendar
    assert world.meetings["air"].title not in calendar
    page = client.get(world.meetings["air_public"].get_absolute_url()).text
    assert "Zarejestruj" not in page
    assert "Protokół" not in page  # minutes are for participants only


def test_local_partnership_minutes_are_invisible_to_other_cities(
    world: World, client: Client
) -> None:
    client.force_login(world.user("lead_coordinator"))  # Katowice, not Gdynia
    response = client.get(world.meetings["local"].get_absolute_url())
    assert response.status_code == 404


def test_schedule_form_keeps_input_and_explains_end_before_start(
    world: World, client: Client
) -> None:
    client.force_login(world.user("lead_coordinator"))
    url = reverse("meetings:create") + "?siec=rewitalizacja&rodzaj=network"
    response = client.post(
        url,
        {
            "title": "Warsztaty",
            "host": world.partner_city.pk,
            "starts_at": "2027-03-10T12:00",
            "ends_at": "2027-03-10T10:00",
            "mode": "in_person",
            "place": "Gdynia",
            "agenda-TOTAL_FORMS": "3",
            "agenda-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert 'id="id_ends_at_errors"' in response.text
    assert 'value="Warsztaty"' in response.text
    assert not Meeting.objects.filter(title="Warsztaty").exists()


def test_attachment_that_lies_about_its_type_is_refused(
    world: World, client: Client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.user("lead_coordinator"))
    meeting = world.meetings["network"]
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf at all" * 10)
    response = client.post(
        reverse("meetings:attachments", args=[meeting.pk]),
        {"title": "Plan", "file": fake},
    )
    assert response.status_code == 200
    assert 'id="id_file_errors"' in response.text
    assert not meeting.attachments.exists()


def test_network_feed_lists_the_networks_meetings(world: World, client: Client) -> None:
    token = calendar_token_of(user=world.user("city_officer")).token
    response = client.get(
        reverse("meetings:network_feed", args=["rewitalizacja", token])
    )
    calendar = Calendar.from_ical(response.content)
    titles = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert world.meetings["network"].title in titles
    assert world.meetings["air"].title not in titles


def test_rotating_the_token_turns_old_feed_links_off(
    world: World, client: Client
) -> None:
    officer = world.user("city_officer")
    old = calendar_token_of(user=officer).token
    client.force_login(officer)
    client.post(reverse("meetings:subscriptions"))
    assert client.get(reverse("meetings:user_feed", args=[old])).status_code == 404


def test_attendance_with_odd_digits_is_no_server_error(
    world: World, client: Client
) -> None:
    client.force_login(world.user("lead_coordinator"))
    meeting = world.meetings["network"]
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"present": ["²", "12a"]}
    )
    assert response.status_code == 302


def test_meeting_page_queries_do_not_grow_with_registrations_and_attendance(
    world: World, client: Client
) -> None:
    from accounts.tests.factories import UserFactory
    from meetings.models import Attendance, Registration

    meeting = world.meetings["network"]
    organiser = world.user("lead_coordinator")

    def add(count: int) -> None:
        for user in UserFactory.create_batch(count):
            Registration.objects.create(meeting=meeting, user=user)
            Attendance.objects.create(
                meeting=meeting, user=user, name=user.full_name, recorded_by=organiser
            )

    client.force_login(world.user("city_officer"))
    add(10)
    few = queries_for(client, meeting.get_absolute_url())
    add(190)
    assert queries_for(client, meeting.get_absolute_url()) == few


def test_calendar_offers_the_current_editions_networks_not_every_network(
    world: World, client: Client
) -> None:
    # given an earlier edition with a network of its own
    earlier = EditionFactory.create(starts_on=datetime.date(2015, 1, 1))
    old_network = NetworkFactory.create(edition=earlier, name_pl="Sieć sprzed lat")
    current = world.network.edition
    assert current.starts_on > earlier.starts_on
    client.force_login(world.user("ministry_admin"))

    # when the calendar opens, and when the earlier edition is chosen
    plain = client.get(reverse("meetings:calendar"))
    chosen = client.get(reverse("meetings:calendar"), {"edition": earlier.pk})

    # then the network list holds only the edition's networks
    offered = plain.context["filter"].form.fields["network"].queryset
    assert world.network in offered and old_network not in offered
    # (its hint is on the page, where the list's aria-describedby points)
    assert 'aria-describedby="id_network_helptext"' in plain.text
    assert 'id="id_network_helptext"' in plain.text
    again = chosen.context["filter"].form.fields["network"].queryset
    assert list(again) == [old_network]
    # and a link to an earlier network's meetings still works
    linked = client.get(reverse("meetings:calendar"), {"network": old_network.pk})
    assert linked.status_code == 200
    assert not linked.context["filter"].form.errors


def test_the_cached_calendar_table_follows_its_rows_and_each_persons_view(
    world: World, client: Client
) -> None:
    # given the calendar as seen (so cached) by Gdynia's officer
    client.force_login(world.user("city_officer"))
    url = reverse("meetings:calendar")
    local = world.meetings["local"]
    assert local.title in client.get(url).text
    # when the meeting is renamed
    meeting_update(
        meeting=local,
        expected_version=local.version,
        draft=MeetingDraft(
            title="Spacer badawczy po Oksywiu",
            description=local.description,
            host_id=local.host_id,
            starts_at=local.starts_at,
            ends_at=local.ends_at,
            mode=local.mode,
            place=local.place,
            online_link=local.online_link,
            is_public=local.is_public,
            registration_limit=local.registration_limit,
            registration_deadline=local.registration_deadline,
        ),
        actor=world.user("city_coordinator"),
    )
    # then the next visit shows the new title
    assert "Spacer badawczy po Oksywiu" in client.get(url).text
    # and the lead's coordinator, who may not see Gdynia's Local Partnership meeting,
    # is not shown the table cached for the officer
    lead = Client()
    lead.force_login(world.user("lead_coordinator"))
    assert "Spacer badawczy po Oksywiu" not in lead.get(url).text


def _counted(client: Client, **filters: str) -> int:
    """The number of meetings the calendar's caption gives."""
    page = client.get(reverse("meetings:calendar"), filters).text
    caption = re.search(r"<caption[^>]*>\s*(\d+) spotka", page)
    assert caption, "no count in the caption"
    return int(caption.group(1))


def test_the_calendars_count_follows_new_meetings_each_person_and_the_clock(
    world: World, django_capture_on_commit_callbacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer, lead = Client(), Client()
    officer.force_login(world.user("city_officer"))
    lead.force_login(world.user("lead_coordinator"))
    # given the counts as seen (so cached) by Gdynia's officer and Katowice's lead;
    # the lead does not see Gdynia's Local Partnership meeting
    before = _counted(officer)
    assert _counted(lead) == before - 1
    upcoming = _counted(officer, when="upcoming")
    # when a meeting ending in two minutes is scheduled
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_create(
            kind=Meeting.Kind.NETWORK,
            edition_id=world.network.edition_id,
            network_id=world.network.pk,
            draft=draft(
                world, starts_at=now, ends_at=now + datetime.timedelta(minutes=2)
            ),
            actor=world.user("lead_coordinator"),
        )
    # then both count it at once, among all meetings and the upcoming ones
    assert _counted(officer) == before + 1
    assert _counted(lead) == before
    assert _counted(officer, when="upcoming") == upcoming + 1
    # and five minutes on it is past, not upcoming
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=5))
    assert _counted(officer, when="upcoming") == upcoming
    assert _counted(officer) == before + 1


def test_a_network_meeting_is_hosted_by_the_lead_city_until_another_is_chosen(
    world: World, client: Client
) -> None:
    # given Rewitalizacja, led by Katowice, with Gdynia first in the alphabet
    client.force_login(world.user("lead_coordinator"))
    url = reverse("meetings:create") + "?siec=rewitalizacja&rodzaj=network"
    # when the lead's coordinator opens the schedule form
    page = client.get(url).text
    # then the lead city is the host chosen
    assert f'<option value="{world.lead_city.pk}" selected>' in page
    assert f'<option value="{world.partner_city.pk}" selected>' not in page


def test_the_agenda_takes_every_point_sent_and_leaves_out_removed_ones(
    world: World, client: Client
) -> None:
    # given the schedule form, whose agenda has an "Add a point" button (no inline
    # script) and a template of an empty point
    client.force_login(world.user("lead_coordinator"))
    url = reverse("meetings:create") + "?siec=rewitalizacja&rodzaj=network"
    page = client.get(url).text
    assert "data-formset-add" in page
    assert 'name="agenda-__prefix__-title"' in page
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None
    # when five points are sent, the third one marked for removal
    points = {
        f"agenda-{index}-{name}": value
        for index in range(5)
        for name, value in (("title", f"Punkt {index + 1}"), ("duration_minutes", "30"))
    }
    response = client.post(
        url,
        {
            "title": "Warsztaty w pięciu punktach",
            "host": world.lead_city.pk,
            "starts_at": "2027-03-10T10:00",
            "ends_at": "2027-03-10T15:00",
            "mode": "in_person",
            "place": "Katowice",
            "agenda-TOTAL_FORMS": "5",
            "agenda-INITIAL_FORMS": "0",
            **points,
            "agenda-2-DELETE": "on",
        },
    )
    # then the meeting has the four points kept, in order
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Warsztaty w pięciu punktach")
    assert [item.title for item in meeting.agenda_items.order_by("position")] == [
        "Punkt 1",
        "Punkt 2",
        "Punkt 4",
        "Punkt 5",
    ]
