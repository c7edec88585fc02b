import datetime

import factory

from networks.models import Edition, Network, NetworkMembership, Theme
from organisations.tests.factories import OrganisationFactory


class EditionFactory(factory.django.DjangoModelFactory[Edition]):
    class Meta:
        model = Edition

    name = factory.Sequence(lambda n: f"PIM {2020 + n}")
    slug = factory.Sequence(lambda n: f"pim-{2020 + n}")
    starts_on = datetime.date(2024, 1, 1)
    ends_on = datetime.date(2026, 12, 31)


class ThemeFactory(factory.django.DjangoModelFactory[Theme]):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"temat-{n}")
    name_pl = factory.Sequence(lambda n: f"Temat {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class NetworkFactory(factory.django.DjangoModelFactory[Network]):
    class Meta:
        model = Network

    edition = factory.SubFactory(EditionFactory)
    theme = factory.SubFactory(ThemeFactory)
    slug = factory.Sequence(lambda n: f"siec-{n}")
    name_pl = factory.Sequence(lambda n: f"Sieć {n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")
    status = Network.Status.ACTIVE
    starts_on = factory.SelfAttribute("edition.starts_on")
    ends_on = factory.SelfAttribute("edition.ends_on")


class NetworkMembershipFactory(factory.django.DjangoModelFactory[NetworkMembership]):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = NetworkMembership.Role.PARTNER
    valid_from = factory.SelfAttribute("network.starts_on")
