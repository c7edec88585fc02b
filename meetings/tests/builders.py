"""What the meetings tests build through the services."""

import datetime

from django.utils import timezone

from meetings.models import Meeting
from meetings.services import AgendaDraft, MeetingDraft
from tests.support.world import World


def draft(world: World, **changes: object) -> MeetingDraft:
    start = timezone.now() + datetime.timedelta(days=10)
    values: dict[str, object] = {
        "title": "Wizyta studyjna",
        "description": "",
        "host_id": world.partner_city.pk,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=4),
        "mode": Meeting.Mode.HYBRID,
        "place": "Gdynia, Urząd Miasta",
        "online_link": "https://spotkanie.example.pl/pim",
        "is_public": False,
        "registration_limit": None,
        "registration_deadline": None,
        "agenda": (AgendaDraft("Powitanie", 15), AgendaDraft("Warsztat", 90)),
    }
    values.update(changes)
    return MeetingDraft(**values)  # type: ignore[arg-type]
