"""`make run` seeds one demo account per role (devtools: development only)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from devtools.demo_accounts import DEMO_ACCOUNTS
from networks.models import NetworkExpert
from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_make_run_seeds_one_account_per_role_and_seeding_again_adds_nothing() -> None:
    # given the pilot's cities and networks, loaded as `make run` loads them
    call_command("load_pilot", stdout=StringIO())
    # when the demo accounts are seeded at one start of `make run`, and the next
    printed = StringIO()
    call_command("seed_demo_accounts", stdout=printed)
    call_command("seed_demo_accounts", stdout=StringIO())
    # then each role has one account, listed, that signs in with the demo password
    for account in DEMO_ACCOUNTS:
        assert account.email in printed.getvalue()
        user = User.objects.get(email=account.email)
        assert user.check_password(settings.DEMO_ACCOUNTS_PASSWORD)
    # and holds its role once
    ministry = Membership.objects.filter(
        user__email="admin@pim.example",
        organisation__kind=Organisation.Kind.MINISTRY,
        role=Membership.Role.COORDINATOR,
        is_active=True,
    )
    assert ministry.count() == 1
    gdynia = Membership.objects.filter(
        user__email="urzednik.gdynia@pim.example",
        organisation__name="Gdynia",
        role=Membership.Role.OFFICER,
    )
    assert gdynia.count() == 1
    expert = NetworkExpert.objects.filter(
        user__email="ekspert@pim.example", network__slug="rewitalizacja"
    )
    assert expert.count() == 1
