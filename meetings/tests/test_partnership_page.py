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


def test_a_walk_in_without_a_sector_has_its_own_column_that_adds_up(
    world: World, client: Client
) -> None:
    # given Gdynia's LP meeting with two residents and a walk-in of no sector
    partnership = gdynia_partnership(world)
    meeting = world.meetings["local"]
    officer = world.user("city_officer")
    for name, sector in (
        ("Jan", Sector.RESIDENT),
        ("Ewa", Sector.RESIDENT),
        ("Olek", ""),
    ):
        attendance_add_person(
            meeting=meeting,
            name=name,
            organisation_name="",
            sector=sector,
            actor=officer,
        )
    # when the city's officer reads the LP page
    client.force_login(officer)
    response = client.get(reverse("partnerships:detail", args=[partnership.pk]))
    # then the attendance row counts the walk-in in a column of its own, so that
    # the columns add up to the total
    (row,) = response.context["summary"].meetings
    assert (sum(row.by_sector), row.unknown, row.total) == (2, 1, 3)
    assert "Sektor nieznany" in response.text
    # and the chart writes the total above the bar, with a scale from 0 to 3
    chart = response.context["chart"]
    (bar,) = chart.bars
    assert bar.total == 3
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3]
    assert sum(segment.height for segment in bar.segments) == pytest.approx(
        chart.baseline - chart.ticks[-1].y
    )
    assert ("#858585", "sektor nieznany") in chart.legend
    svg = response.text[response.text.index("<svg role") :]
    svg = svg[: svg.index("</svg>")]
    assert ">3</text>" in svg
    assert "style=" not in svg
    assert chart.width >= 320
