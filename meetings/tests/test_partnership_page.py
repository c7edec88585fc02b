"""The page of a Local Partnership, served by meetings: the attendance of its
meetings, by sector, next to its members."""

import pytest
from django.test import Client
from django.urls import reverse

from meetings.services import attendance_add_person
from partnerships.models import Sector
from partnerships.tests.builders import gdynia_partnership
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_expert_sees_a_private_lp_meetings_counts_but_not_its_title(
    world: World, client: Client
) -> None:
    # given Gdynia's LP and its non-public LP meeting, attended by a resident
    partnership = gdynia_partnership(world)
    private = world.meetings["local"]
    assert not private.is_public
    attendance_add_person(
        meeting=private,
        name="Jan Obecny",
        organisation_name="",
        sector=Sector.RESIDENT,
        actor=world.user("city_officer"),
    )
    url = reverse("partnerships:detail", args=[partnership.pk])
    # when the network's expert, who may not open the meeting, reads the LP page
    client.force_login(world.user("expert"))
    assert client.get(private.get_absolute_url()).status_code == 404
    response = client.get(url)
    # then the meeting is counted, under its date, without its title
    assert response.status_code == 200
    assert private.title not in response.text
    (row,) = response.context["summary"].meetings
    assert row.meeting.starts_at == private.starts_at
    assert row.total == 1
    # while the city's officer, who may open it, sees its title
    client.force_login(world.user("city_officer"))
    assert private.title in client.get(url).text
