from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404

from accounts.models import User
from organisations.models import Invitation, Membership, Organisation

# The generation of who coordinates each organisation: the contact people that
# network pages show (core.page_cache). The services start a new one when a
# coordinator joins, leaves or changes role.
COORDINATORS = "organisations:coordinators"
# The generation of the organisations themselves (names, kinds, logos, whether
# active): the services start a new one with every change of an organisation.
ORGANISATIONS = "organisations:organisations"


def organisations_for_listing() -> QuerySet[Organisation]:
    return (
        Organisation.objects.order_by("name")
        .exclude(kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY])
        .annotate(
            network_count=Count(
                "network_memberships", filter=Q(network_memberships__valid_to=None)
            )
        )
    )


def organisations_to_choose() -> QuerySet[Organisation]:
    """The organisations offered where something new is chosen (a member added to
    a network, a host): the programme's active members. A deactivated one is not
    offered; what it already is part of stays."""
    return Organisation.objects.filter(is_active=True).exclude(
        kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY]
    )


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    # Its memberships of networks, newest first (`network_memberships`: the
    # relation the networks app keeps to organisations).
    networks: Sequence[Model]


def organisation_public_page(*, slug: str) -> OrganisationPage:
    """An organisation with every network it has been in."""
    organisation = (
        Organisation.objects.prefetch_related("network_memberships__network__edition")
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise Http404
    networks = sorted(
        organisation.network_memberships.all(),
        key=lambda row: (
            -row.network.starts_on.toordinal(),
            row.network.name_pl,
            row.valid_from,
        ),
    )
    return OrganisationPage(organisation, networks)


def active_coordinators(
    *, organisation_ids: Iterable[int] | QuerySet[Any] | None = None
) -> QuerySet[Membership]:
    """The active coordinators (their memberships) of the given organisations —
    ids or a subquery of ids — or of every organisation when none are given, to
    narrow by person."""
    coordinators = Membership.objects.filter(
        is_active=True, role=Membership.Role.COORDINATOR
    )
    if organisation_ids is not None:
        coordinators = coordinators.filter(organisation_id__in=organisation_ids)
    return coordinators


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def people_of_organisation(*, organisation: Organisation) -> QuerySet[Membership]:
    """Everyone with a role in the organisation, active first (one query)."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "role", "user__full_name", "user__email")
    )


def pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            organisation=organisation, status=Invitation.Status.PENDING
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_by_token(*, token_hash: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=token_hash)
        .first()
    )
