"""Who may do what with meetings — the single source of truth for meetings.

| meeting           | sees the announcement          | sees minutes, attendance, attachments; registers | organises (edits, takes attendance, drafts and approves minutes) |
|-------------------|--------------------------------|-----------------------------------------------|-------------------------------------------------|
| joint             | anyone if public; participants | people of the edition's networks, the ministry | ministry admin                                  |
| network           | anyone if public; participants | the network's member cities and expert, the ministry | the lead-city coordinator, ministry admin |
| Local Partnership | anyone if public; participants | the host city's people, the ministry           | the host city's people, ministry admin          |

Other cities see a meeting only through its public announcement: minutes and
attendance lists never leave the participants and the ministry.
"""

from collections.abc import Hashable
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from core.permissions import require
from meetings.models import Meeting
from networks.models import (
    Network,
    NetworkGroupObjectPermission,
    NetworkUserObjectPermission,
)
from networks.permissions import VIEW_WORKSPACE, can_lead, can_view_workspace
from organisations.models import Organisation
from organisations.permissions import is_member, own_organisation_ids

ORGANISE_ANY = "meetings.organise_meetings"
SEE_EVERY_NETWORK = "networks.view_workspace"  # global for the ministry's roles


def _signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _networks_of(user: User) -> QuerySet[Network]:
    # Object permissions only: the ministry's global grant is handled separately.
    # What get_objects_for_user answers, but as one id list from the user's own
    # grants and their groups' (a UNION): guardian ORs two subqueries, which makes
    # PostgreSQL test every network of the country.
    granted = NetworkGroupObjectPermission.objects.filter(
        group__user=user, permission__codename=VIEW_WORKSPACE
    ).values("content_object_id")
    granted = granted.union(
        NetworkUserObjectPermission.objects.filter(
            user=user, permission__codename=VIEW_WORKSPACE
        ).values("content_object_id")
    )
    return Network.objects.filter(pk__in=granted)


def is_participant(user: User | AnonymousUser, meeting: Meeting) -> bool:
    if not _signed_in(user):
        return False
    if user.has_perm(SEE_EVERY_NETWORK):
        return True
    if meeting.kind == Meeting.Kind.NETWORK and meeting.network:
        return can_view_workspace(user, meeting.network)
    if meeting.kind == Meeting.Kind.LOCAL_PARTNERSHIP:
        return is_member(user, meeting.host)
    person = cast(User, user)  # signed in: not anonymous
    return _networks_of(person).filter(edition_id=meeting.edition_id).exists()


def can_see_announcement(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return meeting.is_public or is_participant(user, meeting)


def can_organise(user: User | AnonymousUser, meeting: Meeting) -> bool:
    return can_schedule(
        user, kind=meeting.kind, network=meeting.network, host=meeting.host
    )


def can_schedule(
    user: User | AnonymousUser,
    *,
    kind: str,
    network: Network | None,
    host: Organisation | None,
) -> bool:
    if not _signed_in(user):
        return False
    if user.has_perm(ORGANISE_ANY):
        return True
    if kind == Meeting.Kind.NETWORK and network is not None:
        return can_lead(user, network)
    if kind == Meeting.Kind.LOCAL_PARTNERSHIP and host is not None:
        return is_member(user, host)
    return False


def access_meeting(
    user: User | AnonymousUser, pk: int, *, organise: bool = False
) -> Meeting:
    """The meeting if the user may see (or, with `organise`, run) it; 404 otherwise,
    exactly like a missing meeting."""
    meeting = (
        Meeting.objects.select_related("edition", "network", "host", "created_by")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    require(
        can_organise(user, meeting) if organise else can_see_announcement(user, meeting)
    )
    return meeting


def _announcements_seen(
    networks: list[int], editions: set[int], organisations: list[int]
) -> Q:
    """The meetings whose announcement a person sees, given the networks they work
    in, those networks' editions and their own organisations (all as ids: each
    branch is then an index lookup, where subqueries would make PostgreSQL test
    every meeting of the country)."""
    return (
        Q(is_public=True)
        | Q(kind=Meeting.Kind.NETWORK, network__in=networks)
        | Q(kind=Meeting.Kind.LOCAL_PARTNERSHIP, host__in=organisations)
        | Q(kind=Meeting.Kind.JOINT, edition__in=editions)
    )


def workspace_audience(user: User | AnonymousUser) -> tuple[int, ...] | None:
    """All that decides which of a network's meetings `workspace_meetings` shows the
    person: None for the ministry (every one), otherwise their organisations."""
    if user.has_perm(SEE_EVERY_NETWORK):
        return None
    return tuple(sorted(own_organisation_ids(user)))


def workspace_meetings(
    user: User | AnonymousUser, network: Network
) -> QuerySet[Meeting]:
    """The network's own meetings and its edition's joint meetings, as far as the
    person sees them — for a person who may see the network's workspace: the rule of
    `visible_meetings`, knowing without a query that they work in this network."""
    meetings = Meeting.objects.filter(
        Q(network=network) | Q(kind=Meeting.Kind.JOINT, edition_id=network.edition_id)
    )
    audience = workspace_audience(user)
    if audience is None:
        return meetings
    return meetings.filter(
        _announcements_seen([network.pk], {network.edition_id}, list(audience))
    )


def visible_meetings(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """Meetings whose announcement the user may see."""
    meetings = Meeting.objects.all()
    if not _signed_in(user):
        return meetings.filter(is_public=True)
    if user.has_perm(SEE_EVERY_NETWORK):
        return meetings
    person = cast(User, user)  # signed in: not anonymous
    networks = list(_networks_of(person).values_list("pk", "edition_id"))
    return meetings.filter(
        _announcements_seen(
            [pk for pk, _ in networks],
            {edition for _, edition in networks},
            list(own_organisation_ids(person)),
        )
    )


def audience_of(user: User | AnonymousUser, visible: QuerySet[Meeting]) -> Hashable:
    """Whom a count of `visible_meetings` is computed for: the public, or the person
    and the networks and organisations whose meetings they see (the parameters of
    `visible`, which hold no clock), so a kept count follows a change of their
    memberships at once."""
    if not user.is_authenticated:
        return "public"
    try:
        _, params = visible.query.sql_with_params()
    except EmptyResultSet:  # sees no meeting at all
        params = ()
    return ("user", user.pk, tuple(str(param) for param in params))
