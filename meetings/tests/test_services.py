import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from icalendar import Calendar
from redis.exceptions import ConnectionError as RedisConnectionError

from accounts.tests.factories import UserFactory
from core.errors import DomainError
from meetings import tasks
from meetings.ics import meetings_calendar
from meetings.models import Meeting, Registration
from meetings.selectors import meetings_for_feed
from meetings.services import (
    attendance_add_person,
    attendance_set_accounts,
    meeting_create,
    meeting_update,
    minutes_approve,
    minutes_save,
    registration_create,
)
from meetings.tests.builders import draft
from organisations.models import Membership
from organisations.services import membership_grant
from tests.support.world import World

pytestmark = pytest.mark.django_db


def schedule(world: World, **changes: object) -> Meeting:
    return meeting_create(
        kind=Meeting.Kind.NETWORK,
        edition_id=world.network.edition_id,
        network_id=world.network.pk,
        draft=draft(world, **changes),
        actor=world.user("lead_coordinator"),
    )


def test_a_meeting_must_end_after_it_starts(world: World) -> None:
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(DomainError):
        schedule(world, starts_at=start, ends_at=start - datetime.timedelta(hours=1))
    assert not Meeting.objects.filter(title="Wizyta studyjna").exists()


def test_registration_after_the_deadline_is_refused(world: World) -> None:
    meeting = schedule(
        world, registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(DomainError, match=r"zamknięte|closed"):
        registration_create(meeting=meeting, user=world.user("city_officer"))
    assert not meeting.registrations.exists()


def test_registration_over_the_limit_is_refused(world: World) -> None:
    meeting = schedule(world, registration_limit=1)
    registration_create(meeting=meeting, user=world.user("city_officer"))
    with pytest.raises(DomainError):
        registration_create(meeting=meeting, user=world.user("city_coordinator"))
    assert meeting.registrations.count() == 1


def test_registration_sends_a_confirmation_email(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks
) -> None:
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(meeting=meeting, user=world.user("city_officer"))
    assert mailoutbox[-1].to == ["city_officer@example.pl"]
    assert "Wizyta studyjna" in mailoutbox[-1].subject


def test_a_registration_is_kept_and_confirmed_while_the_broker_is_down(
    world: World,
    mailoutbox: list,
    django_capture_on_commit_callbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a meeting open for registration, and a Redis broker that is away
    def broker_down(*args: object, **kwargs: object) -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:1.")

    task = tasks.send_registration_confirmation
    monkeypatch.setattr(task, "apply_async", broker_down)
    meeting = schedule(world)
    # when an officer registers
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(meeting=meeting, user=world.user("city_officer"))
    # then the registration stands and the confirmation is sent all the same
    assert meeting.registrations.filter(user=world.user("city_officer")).exists()
    assert [message.to for message in mailoutbox] == [["city_officer@example.pl"]]


def test_an_outsider_cannot_register(world: World) -> None:
    outsider = UserFactory.create()
    with pytest.raises(DomainError):
        registration_create(meeting=world.meetings["network"], user=outsider)


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_the_limit() -> None:
    # given a meeting with 3 seats and 8 people registering at the same moment
    from tests.support.world import build_world

    world = build_world()
    meeting = schedule(world, registration_limit=3)
    people = []
    for _number in range(8):
        user = UserFactory.create()
        membership_grant(
            user=user, organisation=world.partner_city, role=Membership.Role.OFFICER
        )
        people.append(user)
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []

    def register(user: object) -> None:
        barrier.wait()
        try:
            registration_create(meeting=meeting, user=user)  # type: ignore[arg-type]
            outcomes.append("in")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly three got a seat
    assert outcomes.count("in") == 3
    assert Registration.objects.filter(meeting=meeting).count() == 3


def test_a_stale_edit_is_refused_and_keeps_the_other_change(world: World) -> None:
    meeting = schedule(world)
    meeting_update(
        meeting=meeting,
        expected_version=1,
        draft=draft(world, title="Nowy tytuł"),
        actor=world.user("ministry_admin"),
    )
    with pytest.raises(DomainError):
        meeting_update(
            meeting=meeting,
            expected_version=1,
            draft=draft(world, title="Stary formularz"),
            actor=world.user("lead_coordinator"),
        )
    meeting.refresh_from_db()
    assert meeting.title == "Nowy tytuł"


def test_attendance_counts_registered_people_and_walk_ins(world: World) -> None:
    meeting = schedule(world)
    registration_create(meeting=meeting, user=world.user("city_officer"))
    registration_create(meeting=meeting, user=world.user("city_coordinator"))
    organiser = world.user("lead_coordinator")
    attendance_set_accounts(
        meeting=meeting, present={world.user("city_officer").pk}, actor=organiser
    )
    attendance_add_person(
        meeting=meeting,
        name="Jan Mieszkaniec",
        organisation_name="",
        sector="resident",
        actor=organiser,
    )
    names = sorted(meeting.attendance.values_list("name", flat=True))
    assert names == sorted(
        [world.user("city_officer").get_full_name(), "Jan Mieszkaniec"]
    )


def test_only_registered_people_can_be_ticked(world: World) -> None:
    meeting = schedule(world)
    with pytest.raises(DomainError):
        attendance_set_accounts(
            meeting=meeting,
            present={world.user("expert").pk},
            actor=world.user("lead_coordinator"),
        )


def test_minutes_are_drafted_then_approved_and_then_final(world: World) -> None:
    meeting = schedule(world)
    organiser = world.user("lead_coordinator")
    meeting = minutes_save(
        meeting=meeting,
        text="Ustalono harmonogram.",
        expected_version=1,
        actor=organiser,
    )
    meeting = minutes_approve(
        meeting=meeting, expected_version=meeting.version, actor=organiser
    )
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert meeting.minutes_approved_by == organiser
    with pytest.raises(DomainError):
        minutes_save(
            meeting=meeting,
            text="Zmiana",
            expected_version=meeting.version,
            actor=organiser,
        )


def test_icalendar_export_parses_with_times_place_and_agenda(world: World) -> None:
    meeting = schedule(world)
    content = meetings_calendar(
        meetings_for_feed(Meeting.objects.filter(pk=meeting.pk)),
        name="PIM",
        viewer=world.user("city_officer"),
    )
    calendar = Calendar.from_ical(content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Wizyta studyjna"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == meeting.ends_at.replace(microsecond=0)
    assert "Gdynia, Urząd Miasta" in str(event["LOCATION"])
    assert "https://spotkanie.example.pl/pim" in str(event["LOCATION"])
    assert "Warsztat (90 min)" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"meeting-{meeting.pk}@pim-portal"


def test_calendar_files_show_the_online_link_to_participants_only(
    world: World,
) -> None:
    meeting = schedule(world, is_public=True)
    queryset = meetings_for_feed(Meeting.objects.filter(pk=meeting.pk))
    for viewer, shown in ((world.user("city_officer"), True), (None, False)):
        calendar = Calendar.from_ical(
            meetings_calendar(queryset, name="PIM", viewer=viewer)
        )
        location = str(next(iter(calendar.walk("VEVENT")))["LOCATION"])
        assert ("spotkanie.example.pl" in location) is shown


def test_minutes_changed_since_they_were_read_cannot_be_approved(
    world: World,
) -> None:
    meeting = schedule(world)
    organiser = world.user("lead_coordinator")
    seen = minutes_save(
        meeting=meeting, text="Wersja A", expected_version=1, actor=organiser
    )
    minutes_save(
        meeting=meeting,
        text="Wersja B",
        expected_version=seen.version,
        actor=world.user("ministry_admin"),
    )
    with pytest.raises(DomainError):
        minutes_approve(meeting=meeting, expected_version=seen.version, actor=organiser)
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
