import factory

from organisations.models import Membership, Organisation, Voivodeship


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Miasto {n}")
    slug = factory.Sequence(lambda n: f"miasto-{n}")
    kind = Organisation.Kind.URBAN_GMINA
    voivodeship = factory.Iterator([choice.value for choice in Voivodeship])
    seat = factory.SelfAttribute("name")
    latitude = "52.00000"
    longitude = "19.00000"


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OFFICER
