"""Meetings as iCalendar (RFC 5545), for downloads and subscribable feeds."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import Meeting


def meetings_calendar(meetings: Iterable[Meeting], *, name: str) -> bytes:
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
        location = ", ".join(
            part for part in (meeting.place, meeting.online_link) if part
        )
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
