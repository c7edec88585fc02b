"""Permission-matrix entries for meetings and network workspaces (merged into
tests/test_permission_matrix.py). The world's meetings: `network` (Rewitalizacja,
hosted by Gdynia, private), `local` (Gdynia's Local Partnership), `air` and
`air_public` (Jakość powietrza, a network none of the roles is in)."""

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.urls import reverse

from meetings.models import Attachment
from meetings.services import calendar_token_of
from tests.support.matrix import Case, everyone, only, post, signed_in, to
from tests.support.world import World

MINISTRY = {"ministry_admin": 200, "ministry_staff": 200}
REWITALIZACJA = signed_in(200, anonymous=404)
ORGANISERS_OF_NETWORK_MEETING = only({"ministry_admin": 200, "lead_coordinator": 200})
GDYNIA_PEOPLE = {"city_coordinator": 200, "city_officer": 200}


def meeting(key: str, name: str = "meetings:detail") -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.meetings[key].pk])


def new_meeting(query: str) -> Callable[[World], str]:
    return lambda world: reverse("meetings:create") + query


def attachment(world: World) -> str:
    item = Attachment.objects.create(
        meeting=world.meetings["network"],
        title="Prezentacja",
        file=ContentFile(b"%PDF-1.4 test", name="prezentacja.pdf"),
        original_name="prezentacja.pdf",
        content_type="application/pdf",
        size=13,
        uploaded_by=world.user("lead_coordinator"),
    )
    return reverse("meetings:attachment_download", args=[item.meeting_id, item.pk])


def feed(name: str, *args: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        token = calendar_token_of(user=world.user("city_officer")).token
        return reverse(name, args=[*args, token])

    return url


MATRIX: dict[str, list[Case]] = {
    "meetings:calendar": [Case(to("meetings:calendar"), everyone(200))],
    "meetings:detail": [
        Case(meeting("network"), REWITALIZACJA),
        Case(meeting("local"), {**only(MINISTRY | GDYNIA_PEOPLE), "anonymous": 404}),
        # Another network's meeting: its announcement only when it is public.
        Case(meeting("air"), {**only(MINISTRY), "anonymous": 404}),
        Case(meeting("air_public"), everyone(200)),
        Case(lambda world: reverse("meetings:detail", args=[999999]), only({}, 404)),
    ],
    "meetings:ics": [
        Case(meeting("network", "meetings:ics"), REWITALIZACJA),
        Case(meeting("air", "meetings:ics"), {**only(MINISTRY), "anonymous": 404}),
    ],
    "meetings:create": [
        Case(
            new_meeting("?siec=rewitalizacja&rodzaj=network"),
            ORGANISERS_OF_NETWORK_MEETING,
        ),
        Case(
            new_meeting(
                "?siec=rewitalizacja&rodzaj=local_partnership&gospodarz=gdynia"
            ),
            only({"ministry_admin": 200} | GDYNIA_PEOPLE),
        ),
        Case(
            new_meeting("?rodzaj=joint&edycja=pim-2017-2019-pilot"),
            only({"ministry_admin": 200}),
        ),
    ],
    "meetings:edit": [
        Case(meeting("network", "meetings:edit"), ORGANISERS_OF_NETWORK_MEETING),
        Case(
            meeting("local", "meetings:edit"),
            only({"ministry_admin": 200} | GDYNIA_PEOPLE),
        ),
    ],
    "meetings:registration": [
        post(meeting("network", "meetings:registration"), signed_in(302)),
        post(
            meeting("air", "meetings:registration"),
            only({"ministry_admin": 302, "ministry_staff": 302}),
        ),
    ],
    "meetings:attendance": [
        Case(meeting("network", "meetings:attendance"), ORGANISERS_OF_NETWORK_MEETING),
        post(
            meeting("local", "meetings:attendance"),
            only({"ministry_admin": 302, "city_coordinator": 302, "city_officer": 302}),
            name="Jan Mieszkaniec",
            sector="resident",
        ),
    ],
    "meetings:minutes": [
        Case(meeting("network", "meetings:minutes"), ORGANISERS_OF_NETWORK_MEETING),
        post(
            meeting("local", "meetings:minutes"),
            only({"ministry_admin": 302, "city_coordinator": 302, "city_officer": 302}),
            minutes="Ustalenia",
            version="1",
        ),
    ],
    "meetings:attachments": [
        Case(meeting("network", "meetings:attachments"), ORGANISERS_OF_NETWORK_MEETING)
    ],
    "meetings:attachment_download": [Case(attachment, signed_in(200))],
    "meetings:subscriptions": [Case(to("meetings:subscriptions"), signed_in(200))],
    # The token in a feed address is the credential (calendar programs cannot log in).
    "meetings:user_feed": [
        Case(feed("meetings:user_feed"), everyone(200)),
        Case(to("meetings:user_feed", "zly-token"), everyone(404)),
    ],
    "meetings:network_feed": [
        Case(feed("meetings:network_feed", "rewitalizacja"), everyone(200)),
        Case(feed("meetings:network_feed", "jakosc-powietrza"), everyone(404)),
    ],
    "meetings:public_network_feed": [
        Case(to("meetings:public_network_feed", "jakosc-powietrza"), everyone(200)),
        Case(to("meetings:public_network_feed", "brak-sieci"), everyone(404)),
    ],
    "portal:workspace": [
        Case(to("portal:workspace", "rewitalizacja"), signed_in(200)),
        Case(to("portal:workspace", "jakosc-powietrza"), only(MINISTRY)),
    ],
}
