"""Meetings as iCalendar (RFC 5545), for downloads and subscribable feeds."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from meetings.models import Meeting
from meetings.permissions import is_participant


def meetings_calendar(
    meetings: Iterable[Meeting], *, name: str, viewer: User | AnonymousUser | None
) -> bytes:
    """The meetings as an iCalendar file. The online link, like on the meeting's
    page, only for the viewer's meetings as a participant (never in public feeds)."""
    calendar = Calendar()
    calendar.add("prodid", "-//PIM Portal//Partnerska Inicjatywa Miast//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    base = settings.PORTAL_BASE_URL.rstrip("/")
    now = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@pim-portal")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", meeting.title)
        event.add("sequence", meeting.version)
        event.add("url", base + meeting.get_absolute_url())
        link = (
            meeting.online_link
            if viewer is not None and is_participant(viewer, meeting)
            else ""
        )
        location = ", ".join(part for part in (meeting.place, link) if part)
        if location:
            event.add("location", location)
        agenda = "\n".join(
            f"{item.position}. {item.title} ({item.duration_minutes} min)"
            for item in meeting.agenda_items.all()
        )
        description = "\n\n".join(
            part for part in (meeting.description, agenda) if part
        )
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
