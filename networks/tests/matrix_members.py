"""A network's members page and its changes in the permission matrix
(tests/test_permission_matrix.py): the ministry sees the page, only its admin
changes anything; everyone else gets 404, like a missing network.

Rewitalizacja (the world's, closed like every pilot network) shows the page with
nothing to change; "Sieć otwarta", active, is made here with cities none of the
roles belongs to, so that the hostile-input crawl may send its forms without
touching what the crawl relies on."""

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from networks.models import Network, NetworkMembership
from networks.services import network_membership_start
from networks.tests.factories import EditionFactory, ThemeFactory
from organisations.models import Organisation
from tests.support.matrix import Case, only, post
from tests.support.world import World

MINISTRY = only({"ministry_admin": 200, "ministry_staff": 200})
ADMIN_CHANGES = only({"ministry_admin": 302})
FORM_BACK = only({"ministry_admin": 400})


def open_network(world: World) -> Network:
    """An active network led by Toruń, with Skawina a partner and Łosice an
    observer."""
    today = timezone.localdate()
    network = Network.objects.filter(slug="siec-otwarta").first()
    if network is not None:
        return network
    edition = EditionFactory.create(
        name="Edycja otwarta",
        slug="edycja-otwarta",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=900),
    )
    network = Network.objects.create(
        edition=edition,
        theme=ThemeFactory.create(name_pl="Miasto otwarte", name_en="Open city"),
        slug="siec-otwarta",
        name_pl="Sieć otwarta",
        name_en="Open network",
        status=Network.Status.ACTIVE,
        starts_on=edition.starts_on,
        ends_on=edition.ends_on,
    )
    for slug, role in (
        ("torun", NetworkMembership.Role.LEAD),
        ("skawina", NetworkMembership.Role.PARTNER),
        ("losice", NetworkMembership.Role.OBSERVER),
    ):
        network_membership_start(
            network=network,
            organisation=Organisation.objects.get(slug=slug),
            role=role,
            valid_from=network.starts_on,
        )
    return network


def of(name: str, slug: str = "rewitalizacja") -> Callable[[World], str]:
    return lambda world: reverse(name, args=[slug])


def of_open(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[open_network(world).slug])


def gdynia_membership(world: World) -> str:
    membership = NetworkMembership.objects.get(
        network=world.network, organisation=world.partner_city, valid_to=None
    )
    return reverse("networks:member_end", args=[world.network.slug, membership.pk])


def skawina_membership(world: World) -> str:
    network = open_network(world)
    membership = NetworkMembership.objects.get(
        network=network, organisation__slug="skawina", valid_to=None
    )
    return reverse("networks:member_end", args=[network.slug, membership.pk])


def today() -> str:
    return timezone.localdate().isoformat()


MATRIX: dict[str, list[Case]] = {
    "networks:members": [
        Case(of("networks:members"), MINISTRY),
        Case(of_open("networks:members"), MINISTRY),
        Case(of("networks:members", "brak-sieci"), only({})),
    ],
    "networks:status": [
        # closed: refused with a message, nothing changes
        post(of("networks:status"), ADMIN_CHANGES, status="active", date=today()),
        post(of_open("networks:status"), ADMIN_CHANGES, status="closed", date=today()),
    ],
    "networks:lead_handover": [
        # no city chosen: the form comes back to the admin with its error
        post(of_open("networks:lead_handover"), FORM_BACK, date=today()),
    ],
    "networks:member_end": [
        post(gdynia_membership, ADMIN_CHANGES, date=today()),
        post(skawina_membership, ADMIN_CHANGES, date=today()),
    ],
    "networks:member_add": [
        post(of_open("networks:member_add"), FORM_BACK, role="observer"),
    ],
}
