"""What the meetings tests build through the services."""

import datetime

from django.utils import timezone

from meetings.models import Meeting
from meetings.services import AgendaDraft, MeetingDraft, meeting_create
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


def lp_meeting(world: World) -> Meeting:
    """A past, non-public meeting of Gdynia's Local Partnership."""
    start = timezone.now() - datetime.timedelta(days=3)
    return meeting_create(
        kind=Meeting.Kind.LOCAL_PARTNERSHIP,
        edition_id=world.network.edition_id,
        network_id=world.network.pk,
        draft=MeetingDraft(
            title="Spotkanie LP",
            description="",
            host_id=world.partner_city.pk,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            mode=Meeting.Mode.IN_PERSON,
            place="Gdynia",
            online_link="",
            is_public=False,
            registration_limit=None,
            registration_deadline=None,
        ),
        actor=world.user("city_officer"),
    )
