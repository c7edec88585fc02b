import pytest

from networks.models import NetworkMembership
from networks.selectors import current_memberships
from networks.tests.factories import NetworkFactory, NetworkMembershipFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

Role = NetworkMembership.Role


def test_current_members_are_listed_lead_first_then_partners_then_observers() -> None:
    # given a network whose members' names would sort the lead last
    network = NetworkFactory.create()
    for name, role in [
        ("Zamość", Role.LEAD),
        ("Wilno", Role.OBSERVER),
        ("Opole", Role.PARTNER),
        ("Bydgoszcz", Role.PARTNER),
        ("Andrychów", Role.OBSERVER),
    ]:
        NetworkMembershipFactory.create(
            network=network,
            organisation=OrganisationFactory.create(name=name),
            role=role,
        )
    # when its current members are read
    rows = current_memberships().filter(network=network)
    # then the lead comes first, then the partners, then the observers, each by name
    assert [(row.role, row.organisation.name) for row in rows] == [
        (Role.LEAD, "Zamość"),
        (Role.PARTNER, "Bydgoszcz"),
        (Role.PARTNER, "Opole"),
        (Role.OBSERVER, "Andrychów"),
        (Role.OBSERVER, "Wilno"),
    ]
