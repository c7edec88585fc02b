"""A realistic portal for tests: the pilot networks and one person per role."""

from dataclasses import dataclass

from accounts.models import User
from accounts.tests.factories import UserFactory
from networks.models import Network
from networks.services import expert_assign, pilot_import
from organisations.models import Membership, Organisation
from organisations.services import membership_grant

ROLES = (
    "anonymous",
    "ministry_admin",
    "ministry_staff",
    "lead_coordinator",
    "city_coordinator",
    "city_officer",
    "expert",
)


@dataclass(frozen=True)
class World:
    users: dict[str, User | None]
    ministry: Organisation
    lead_city: Organisation  # Katowice, lead of Rewitalizacja
    partner_city: Organisation  # Gdynia, partner in Rewitalizacja
    network: Network  # Rewitalizacja

    def user(self, role: str) -> User:
        user = self.users[role]
        if user is None:
            raise ValueError(f"{role} has no account")
        return user


def build_world() -> World:
    pilot_import()
    ministry = Organisation.objects.create(
        name="Ministerstwo", slug="ministerstwo", kind=Organisation.Kind.MINISTRY
    )
    katowice = Organisation.objects.get(slug="katowice")
    gdynia = Organisation.objects.get(slug="gdynia")
    network = Network.objects.get(slug="rewitalizacja")
    users: dict[str, User | None] = {"anonymous": None}
    grants = {
        "ministry_admin": (ministry, Membership.Role.COORDINATOR),
        "ministry_staff": (ministry, Membership.Role.OFFICER),
        "lead_coordinator": (katowice, Membership.Role.COORDINATOR),
        "city_coordinator": (gdynia, Membership.Role.COORDINATOR),
        "city_officer": (gdynia, Membership.Role.OFFICER),
    }
    for role, (organisation, membership_role) in grants.items():
        user = UserFactory.create(email=f"{role}@example.pl")
        membership_grant(user=user, organisation=organisation, role=membership_role)
        users[role] = user
    expert = UserFactory.create(email="expert@example.pl")
    expert_assign(network=network, user=expert, valid_from=network.starts_on)
    users["expert"] = expert
    return World(
        users=users,
        ministry=ministry,
        lead_city=katowice,
        partner_city=gdynia,
        network=network,
    )
