"""A network's workspace: the page that puts the network, its meetings, its Local
Partnerships and its documents together for the people who work in it.

Three of its parts are kept in Redis as HTML (core.page_cache), because the page
would fall short of its speed targets without them (docs/performance.md):

- the members with their contact people, the map and the experts: the same for
  everyone who sees the page, kept under the generations of the networks and of
  the organisations' coordinators;
- the network's audit trail under "Recent activity", kept under the generation of
  that trail (`audit.selectors.network_trail`);
- the progress board, which depends on what the person looking may do with each
  document: kept under that and the board's data, read for the page anyway.

The meetings are read on every visit (one query), as the viewer may see them.
"""

from collections.abc import Set
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Value
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from accounts.models import User
from audit.selectors import network_trail
from core.page_cache import PARTS_TTL, cached_html, fingerprint, generations
from documents.selectors import BoardRow
from meetings.models import Meeting
from meetings.permissions import workspace_meetings
from networks.models import Network, NetworkMembership
from networks.selectors import NETWORKS, current_memberships
from organisations.selectors import COORDINATORS
from partnerships.models import LocalPartnership


@dataclass(frozen=True)
class Workspace:
    members: list[NetworkMembership]  # current, the lead first, with `partnership_id`
    upcoming: list[Meeting]  # the next ten, the soonest first
    recent_meetings: list[Meeting]  # the latest five scheduled, the newest first


def network_workspace(*, network: Network, viewer: User) -> Workspace:
    """What the workspace shows that depends on the moment or on who looks (`network`:
    one the viewer may see the workspace of): the current members with their
    Local Partnerships, the next meetings and the latest scheduled, as far as the
    viewer sees them — in two queries whatever the number of members and meetings."""
    partnership = LocalPartnership.objects.filter(
        network_id=OuterRef("network_id"), organisation_id=OuterRef("organisation_id")
    ).values("pk")
    members: list[NetworkMembership] = list(
        current_memberships()
        .filter(network=network)
        .annotate(partnership_id=Subquery(partnership))
    )
    meetings = workspace_meetings(viewer, network).select_related("host")
    upcoming = (
        meetings.filter(ends_at__gte=timezone.now())
        .annotate(part=Value(1))
        .order_by("starts_at")[:10]
    )
    latest = meetings.annotate(part=Value(2)).order_by("-created_at")[:5]
    both = list(upcoming.union(latest, all=True))  # one query
    return Workspace(
        members=members,
        upcoming=sorted(
            (m for m in both if m.part == 1), key=lambda m: (m.starts_at, m.pk)
        ),
        recent_meetings=sorted(
            (m for m in both if m.part == 2), key=lambda m: m.created_at, reverse=True
        ),
    )


def kept_parts_keys(network_id: int) -> dict[str, str | int]:
    """What the workspace template's `{% cache parts_ttl … members_key %}` and
    `… activity_key %}` need, in one round trip to Redis."""
    networks, coordinators, trail = generations(
        NETWORKS, COORDINATORS, network_trail(network_id)
    )
    return {
        "members_key": fingerprint(networks, coordinators),
        "activity_key": fingerprint(trail),
        "parts_ttl": PARTS_TTL,
    }


def progress_board_html(
    request: HttpRequest,
    *,
    network: Network,
    board: list[BoardRow],
    readable: Set[int],
    own: Set[int],
    may_start_any_mid: bool,
    may_start_network_documents: bool,
    mid_start_refusal: Promise | None,
) -> SafeString:
    """The workspace's progress board for this visit: `readable`, the documents the
    person may open; `own`, their organisations (whose MID they may start); the
    `may_start_…` rights; `mid_start_refusal`, why a MID cannot be started yet
    (`documents.permissions.start_refusal`; None: it can), shown instead of the
    step."""
    context = {
        "network": network,
        "board": board,
        "readable": readable,
        "own": own,
        "may_start_any_mid": may_start_any_mid,
        "may_start_network_documents": may_start_network_documents,
        "mid_start_refusal": mid_start_refusal,
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
            "portal:progress-board",
            network.pk,
            network.slug,
            network.name,
            may_start_any_mid,
            may_start_network_documents,
            # The reason, not only whether: it follows the Sheet's state (in `rows`
            # too) and the person's right to start out of order.
            str(mid_start_refusal or ""),
            rows,
        ),
        render=lambda marks: render_to_string(
            "portal/_board.html", {**context, "csrf_token": marks["csrf_token"]}
        ),
    )
