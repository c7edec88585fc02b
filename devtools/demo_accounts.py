"""One demo account per role, for `make run` only (never in production settings)."""

from dataclasses import dataclass

from accounts.models import User
from accounts.services import primary_email_confirm, user_create
from networks.models import Network
from networks.services import expert_assign
from organisations.models import Membership, Organisation
from organisations.services import membership_grant

MINISTRY_NAME = "Ministerstwo Funduszy i Polityki Regionalnej"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    full_name: str
    organisation: str | None = None
    membership_role: Membership.Role | None = None
    expert_of: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        "ministry admin",
        "admin@pim.example",
        "Anna Ministerialna",
        MINISTRY_NAME,
        Membership.Role.COORDINATOR,
    ),
    DemoAccount(
        "ministry staff (evaluator)",
        "ewaluator@pim.example",
        "Piotr Oceniający",
        MINISTRY_NAME,
        Membership.Role.OFFICER,
    ),
    DemoAccount(
        "lead-city coordinator (Katowice, Rewitalizacja)",
        "lider.katowice@pim.example",
        "Katarzyna Liderska",
        "Katowice",
        Membership.Role.COORDINATOR,
    ),
    DemoAccount(
        "city coordinator (Gdynia)",
        "koordynator.gdynia@pim.example",
        "Grzegorz Koordynator",
        "Gdynia",
        Membership.Role.COORDINATOR,
    ),
    DemoAccount(
        "city officer (Gdynia)",
        "urzednik.gdynia@pim.example",
        "Urszula Urzędnik",
        "Gdynia",
        Membership.Role.OFFICER,
    ),
    DemoAccount(
        "thematic expert (Rewitalizacja)",
        "ekspert@pim.example",
        "Ewa Ekspercka",
        expert_of="rewitalizacja",
    ),
]


def demo_accounts_seed(*, password: str) -> list[DemoAccount]:
    """Creates the demo accounts (or resets their password) and their roles."""
    ministry, _created = Organisation.objects.get_or_create(
        slug="ministerstwo",
        defaults={"name": MINISTRY_NAME, "kind": Organisation.Kind.MINISTRY},
    )
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or user_create(
            email=account.email, full_name=account.full_name, password=None
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        primary_email_confirm(user=user)
        if account.organisation and account.membership_role:
            organisation = (
                ministry
                if account.organisation == MINISTRY_NAME
                else Organisation.objects.get(name=account.organisation)
            )
            membership_grant(
                user=user, organisation=organisation, role=account.membership_role
            )
        if account.expert_of:
            network = Network.objects.get(slug=account.expert_of)
            expert_assign(
                network=network,
                user=user,
                valid_from=network.starts_on,
            )
    return DEMO_ACCOUNTS
