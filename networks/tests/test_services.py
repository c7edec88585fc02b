import datetime

import pytest
from django.db import IntegrityError

from networks.models import Network, NetworkMembership
from networks.services import PILOT_LEAD_CHANGE, network_open, pilot_import
from networks.tests.factories import (
    EditionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    ThemeFactory,
)
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_pilot_import_loads_three_networks_and_33_organisations() -> None:
    # when
    pilot_import()
    # then
    assert Network.objects.count() == 3
    assert Organisation.objects.count() == 33
    assert NetworkMembership.objects.count() == 34


def test_pilot_import_twice_changes_nothing() -> None:
    # given
    first = pilot_import()
    snapshot = list(NetworkMembership.objects.values_list().order_by("pk"))
    # when
    second = pilot_import()
    # then
    assert first.created > 0
    assert second.created == 0
    assert list(NetworkMembership.objects.values_list().order_by("pk")) == snapshot


def test_pilot_import_puts_skawina_in_two_networks() -> None:
    pilot_import()
    skawina = Organisation.objects.get(name="Skawina")
    slugs = set(skawina.network_memberships.values_list("network__slug", flat=True))
    assert slugs == {"mobilnosc-miejska", "jakosc-powietrza"}


def test_pilot_import_keeps_nowy_sacz_as_former_lead_of_air_quality() -> None:
    pilot_import()
    leads = NetworkMembership.objects.filter(
        network__slug="jakosc-powietrza", role=NetworkMembership.Role.LEAD
    ).order_by("valid_from")
    assert [(row.organisation.name, row.valid_to) for row in leads] == [
        ("Nowy Sącz", PILOT_LEAD_CHANGE - datetime.timedelta(days=1)),
        ("Stowarzyszenie Białostockiego Obszaru Funkcjonalnego", None),
    ]


def test_pilot_import_transliterates_polish_letters_in_slugs() -> None:
    pilot_import()
    assert Organisation.objects.filter(slug="losice", name="Łosice").exists()


def test_database_refuses_a_second_current_lead() -> None:
    # given
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)
    # when / then
    with pytest.raises(IntegrityError):
        NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)


def test_database_refuses_a_membership_ending_before_it_starts() -> None:
    network = NetworkFactory()
    with pytest.raises(IntegrityError):
        NetworkMembershipFactory(
            network=network,
            valid_from=datetime.date(2020, 5, 1),
            valid_to=datetime.date(2020, 4, 1),
        )


def test_two_themes_whose_names_make_one_slug_open_two_networks() -> None:
    # given two themes whose Polish names differ only in punctuation
    edition = EditionFactory.create()
    first = ThemeFactory.create(name_pl="Miasto cyfrowe", slug="miasto-cyfrowe")
    second = ThemeFactory.create(name_pl="Miasto cyfrowe!", slug="miasto-cyfrowe-2")
    # when a city is accepted into each theme's network
    opened = network_open(edition=edition, theme=first)
    other = network_open(edition=edition, theme=second)
    # then each theme has its own network
    assert other.pk != opened.pk
    assert (opened.theme, other.theme) == (first, second)
