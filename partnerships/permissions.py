"""Who may do what with Local Partnerships — the single source of truth.

| role                          | sees counts and organisations | sees personal data (members, join requests) | manages the LP |
|-------------------------------|-------------------------------|---------------------------------------------|----------------|
| the city's coordinator/officer | own city's LPs               | own city's LPs                              | own city's LPs |
| ministry admin                | every LP                      | every LP                                    | every LP       |
| ministry staff                | every LP                      | every LP                                    | –              |
| the network's expert          | the network's LPs             | –                                           | –              |
| other cities, public          | public page only (if the city publishes it) | –                             | –              |

Ending an LP is managing it (the city's people, or the ministry admin for them).
The versions of the information clause: the ministry's roles see them; the
ministry admin publishes a new one.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from networks.models import Network
from networks.permissions import can_review, can_view_workspace
from networks.selectors import current_member_organisations
from organisations.models import Organisation
from organisations.permissions import is_member
from partnerships.models import LocalPartnership, PartnershipMember

SEE_EVERY_CITYS_PEOPLE = "organisations.view_people"
MANAGE_EVERY_CITYS_PEOPLE = "organisations.manage_people"


def _signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage(user: User | AnonymousUser, partnership: LocalPartnership) -> bool:
    if not _signed_in(user):
        return False
    return user.has_perm(MANAGE_EVERY_CITYS_PEOPLE) or is_member(
        user, partnership.organisation
    )


def can_end_partnership(
    user: User | AnonymousUser, partnership: LocalPartnership
) -> bool:
    """Whether the person may record that the LP ended (whether it may still end
    is the service's question: an ended LP says so instead)."""
    return can_manage(user, partnership)


def can_see_clauses(user: User | AnonymousUser) -> bool:
    return _signed_in(user) and user.has_perm(SEE_EVERY_CITYS_PEOPLE)


def can_publish_clause(user: User | AnonymousUser) -> bool:
    return _signed_in(user) and user.has_perm(MANAGE_EVERY_CITYS_PEOPLE)


def can_see_personal_data(
    user: User | AnonymousUser, partnership: LocalPartnership
) -> bool:
    if not _signed_in(user):
        return False
    return user.has_perm(SEE_EVERY_CITYS_PEOPLE) or is_member(
        user, partnership.organisation
    )


def can_see_counts(user: User | AnonymousUser, partnership: LocalPartnership) -> bool:
    return can_see_personal_data(user, partnership) or (
        _signed_in(user) and can_review(user, partnership.network)
    )


def can_create(
    user: User | AnonymousUser, organisation: Organisation, network: Network
) -> bool:
    if not _signed_in(user) or not can_view_workspace(user, network):
        return False
    members = current_member_organisations(network_id=network.pk)
    if not members.filter(pk=organisation.pk).exists():
        return False  # only a current member city forms an LP in the network
    return user.has_perm(MANAGE_EVERY_CITYS_PEOPLE) or is_member(user, organisation)


def visible_partnerships(user: User) -> QuerySet[LocalPartnership]:
    """The LPs whose counts the user may see (the rule of can_see_counts, for a
    whole list in one query)."""
    partnerships = LocalPartnership.objects.select_related("organisation", "network")
    if user.has_perm(SEE_EVERY_CITYS_PEOPLE) or user.has_perm(
        MANAGE_EVERY_CITYS_PEOPLE
    ):
        return partnerships.order_by("network__name_pl", "organisation__name")
    return (
        partnerships.filter(
            Q(
                organisation__memberships__user=user,
                organisation__memberships__is_active=True,
            )
            | Q(network__experts__user=user, network__experts__valid_to__isnull=True)
        )
        .distinct()
        .order_by("network__name_pl", "organisation__name")
    )


def access_partnership(
    user: User | AnonymousUser, pk: int, *, level: str = "counts"
) -> LocalPartnership:
    """The LP if the user may see it at `level` ("counts", "personal", "manage");
    404 otherwise, exactly like a missing one."""
    partnership = (
        LocalPartnership.objects.select_related("organisation", "network")
        .filter(pk=pk)
        .first()
    )
    checks = {
        "counts": can_see_counts,
        "personal": can_see_personal_data,
        "manage": can_manage,
    }
    if partnership is None or not checks[level](user, partnership):
        raise Http404
    return partnership


def access_member(
    user: User | AnonymousUser, pk: int, *, manage: bool = False
) -> PartnershipMember:
    member = (
        PartnershipMember.objects.select_related(
            "partnership__organisation", "partnership__network", "consent_clause"
        )
        .filter(pk=pk, erased_at__isnull=True)
        .first()
    )
    check = can_manage if manage else can_see_personal_data
    if member is None or not check(user, member.partnership):
        raise Http404
    return member
