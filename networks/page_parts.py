"""The parts of the network pages cached in Redis:

- on the public pages, the list of networks and a network's members, lead history
  and experts;
- on a network's workspace, its members with their contact people, the map and the
  experts, and the network's audit trail under "Recent activity";
- on a network's workspace too, its progress board, which depends on what the person
  looking may do with each document and is keyed by that and by the board's data,
  read for the page anyway (`progress_board_html`): it has no version to move on;
- and its meetings, as read, keyed by the audience that decides which meetings a
  person sees (`meetings_of_workspace`).

Apart from the board and the meetings, nothing in them depends on who asks (the page
has already decided that they may see it), so they cannot leak anything across
users. A part is keyed by the current *version* of the data it shows, which the
services move on once their change commits:

- `networks_changed` (networks services): a network, its members or its experts;
- `contacts_changed` (organisations services): who coordinates an organisation;
- `network_activity_changed` (`audit_record`): a new entry in a network's trail;
- `meetings.cached.meetings_changed` (meetings services): a meeting scheduled or
  changed; the workspace's meetings are kept only until the first upcoming one
  ends, too.

A part is kept `PARTS_TTL` seconds at most in any case, so a change no service
makes (an e-mail address changed in a person's account settings) shows within that.
"""

from collections.abc import Callable, Set
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from core.cached_parts import (
    PARTS_TTL,
    cached,
    cached_html,
    fingerprint,
    move_on,
    versions,
)
from meetings.cached import meetings_version

if TYPE_CHECKING:  # the board is the documents app's; this module is imported by
    # the services of apps that documents depends on
    from documents.selectors import BoardRow
    from networks.models import Network
    from networks.selectors import WorkspaceMeetings

_NETWORKS = "networks:networks-version"
_CONTACTS = "networks:contacts-version"
_ACTIVITY = "networks:activity-version"


def _activity_key(network_id: int) -> str:
    return f"{_ACTIVITY}:{network_id}"


def public_parts() -> dict[str, str | int]:
    """What a public template's `{% cache parts_ttl "…" public_version … %}` needs
    (the version's fingerprint holds the release and the language)."""
    return {"public_version": fingerprint(versions(_NETWORKS)), "parts_ttl": PARTS_TTL}


def workspace_parts(network_id: int) -> dict[str, str | int]:
    """What the workspace's `{% cache parts_ttl "…" members_version … %}` and
    `… activity_version …` need, in one round trip to Redis."""
    networks, contacts, activity = versions(
        _NETWORKS, _CONTACTS, _activity_key(network_id)
    )
    return {
        "members_version": fingerprint(networks, contacts),
        "activity_version": fingerprint(activity),
        "parts_ttl": PARTS_TTL,
    }


def network_list_count(*, filters: str, count: Callable[[], int]) -> int:
    """How many networks the list's validated `filters` (core.listing.filters_key)
    find, kept until the networks change: with it the list's page number is known
    without a query, and the cached list is keyed by that number, never by what a
    visitor typed as `?page=`."""
    return cached(
        seen_as=("networks:list-count", versions(_NETWORKS), filters),
        ttl=PARTS_TTL,
        compute=count,
    )


def people_versions() -> tuple[int, ...]:
    """The versions of the networks' people (members, experts) and of who
    coordinates each organisation: what a part naming them is cached under."""
    return versions(_NETWORKS, _CONTACTS)


def networks_changed() -> None:
    """A network, its members or its experts changed."""
    move_on(_NETWORKS)


def contacts_changed() -> None:
    """Who coordinates an organisation changed (a coordinator joined, left or
    changed role)."""
    move_on(_CONTACTS)


def network_activity_changed(network_id: int) -> None:
    """The network's audit trail has a new entry."""
    move_on(_activity_key(network_id))


def meetings_of_workspace(
    *, network_id: int, audience: object, read: Callable[[], "WorkspaceMeetings"]
) -> "WorkspaceMeetings":
    """The workspace's meetings for an audience (all that decides which meetings it
    sees): `read()`, kept until a meeting changes (`meetings.cached`) or the first
    upcoming one ends — the only way the lists change with time, since a meeting
    that has ended never comes back."""
    return cached(
        seen_as=(
            "networks:workspace-meetings",
            network_id,
            meetings_version(),
            audience,
        ),
        ttl=PARTS_TTL,
        compute=read,
        # Current while every upcoming meeting is still to end.
        still_current=lambda found: all(
            timezone.now() < meeting.ends_at for meeting in found.upcoming
        ),
    )


def progress_board_html(
    request: HttpRequest,
    *,
    network: "Network",
    board: "list[BoardRow]",
    readable: Set[int],
    own: Set[int],
    may_start_any_mid: bool,
    may_start_network_documents: bool,
) -> SafeString:
    """The workspace's progress board for this visit: `readable`, the documents the
    person may open; `own`, their organisations (whose MID they may start); the
    `may_start_…` rights."""
    context = {
        "network": network,
        "board": board,
        "readable": readable,
        "own": own,
        "may_start_any_mid": may_start_any_mid,
        "may_start_network_documents": may_start_network_documents,
    }
    rows = tuple(
        (
            row.kind,
            row.organisation
            and (row.organisation.pk, row.organisation.name, row.organisation.slug),
            row.organisation is not None and row.organisation.pk in own,
            row.document
            and (
                row.document.pk,
                row.document.state,
                row.document.last_activity_at.isoformat(),
                row.document.published_version_id,
                row.document.pk in readable,
            ),
        )
        for row in board
    )
    return cached_html(
        request,
        seen_as=(
            "networks:progress-board",
            network.pk,
            network.slug,
            network.name,
            may_start_any_mid,
            may_start_network_documents,
            rows,
        ),
        ttl=PARTS_TTL,
        render=lambda marks: render_to_string(
            "networks/_board.html", {**context, "csrf_token": marks["csrf_token"]}
        ),
    )
