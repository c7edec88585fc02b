"""Handing a network's lead over moves the lead's steps in the network's documents
(networks.services.network_lead_hand_over, documents.permissions)."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from documents.models import Document, State
from documents.permissions import can_take
from documents.tests.builders import network_sheet
from documents.workflow import STEPS
from networks.models import Network
from networks.services import network_lead_hand_over
from tests.support.world import World

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # Django caches permissions per instance


def submits(user: User, sheet: Document) -> bool:
    sheet = Document.objects.get(pk=sheet.pk)
    return can_take(fresh(user), STEPS["submit"], sheet)


def test_the_old_lead_loses_the_sheets_lead_steps_and_the_new_lead_gains_them(
    world: World,
) -> None:
    # given Rewitalizacja at work, its Sheet a draft Katowice (the lead) submits
    Network.objects.filter(pk=world.network.pk).update(
        status=Network.Status.ACTIVE,
        ends_on=timezone.localdate() + datetime.timedelta(days=900),
    )
    sheet = network_sheet(world)
    assert sheet.state == State.DRAFT
    katowice, gdynia = world.user("lead_coordinator"), world.user("city_coordinator")
    assert submits(katowice, sheet)
    assert not submits(gdynia, sheet)
    # when the lead passes to Gdynia
    network_lead_hand_over(
        network=world.network,
        organisation=world.partner_city,
        on=timezone.localdate(),
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    # then Gdynia's coordinator takes the lead's steps, Katowice's no longer
    assert submits(gdynia, sheet)
    assert not submits(katowice, sheet)
