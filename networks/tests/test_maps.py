import csv
import datetime
import itertools
import re
from decimal import Decimal
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from networks.maps import (
    EAST,
    HEIGHT,
    NORTH,
    POLAND_OUTLINE,
    SOUTH,
    WEST,
    WIDTH,
    MapPoint,
    MapRole,
    member_map,
    member_points,
    project,
)
from networks.models import Network, NetworkMembership
from networks.selectors import NetworkPage, network_public_page, public_network
from networks.services import PILOT_DIR, pilot_import
from networks.templatetags.network_maps import member_map as member_map_tag
from organisations.models import Organisation

KATOWICE = (19.0238, 50.2649)
GDANSK = (18.6466, 54.3520)

in_frame_lon = st.floats(min_value=WEST, max_value=EAST)
in_frame_lat = st.floats(min_value=SOUTH, max_value=NORTH)


def point(
    name: str,
    lon: float | str | None,
    lat: float | str | None,
    role: MapRole = MapRole.PARTNER,
) -> MapPoint:
    return MapPoint(
        name=name,
        url=f"/organizacje/{name.lower()}/",
        role=role,
        lon=None if lon is None else Decimal(str(lon)),
        lat=None if lat is None else Decimal(str(lat)),
    )


def inside_outline(lon: float, lat: float) -> bool:
    """Ray casting against the outline, in degrees."""
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(POLAND_OUTLINE):
        crosses = (y1 > lat) != (y2 > lat)
        if crosses and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def membership(
    name: str,
    lat: str | None,
    lon: str | None,
    role: str = NetworkMembership.Role.PARTNER,
    valid_to: datetime.date | None = None,
) -> NetworkMembership:
    organisation = Organisation(
        name=name, slug=name.lower(), voivodeship="24", latitude=lat, longitude=lon
    )
    return NetworkMembership(
        organisation=organisation,
        role=role,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=valid_to,
    )


def unsaved_page(*, with_unlocated: bool = False) -> NetworkPage:
    """A network page as the selector returns it, without touching the database."""
    lead = membership("Katowice", "50.2649", "19.0238", NetworkMembership.Role.LEAD)
    partners = [
        membership("Cieszyn", "49.7497", "18.6321"),
        membership("Gdynia", "54.5189", "18.5305"),
    ]
    if with_unlocated:
        partners.append(membership("Nowhere", None, None))
    former_lead = membership(
        "Pszczyna",
        "49.9806",
        "18.9542",
        NetworkMembership.Role.LEAD,
        valid_to=datetime.date(2024, 6, 30),
    )
    return NetworkPage(
        network=Network(slug="smog", name_pl="Smog", name_en="Smog"),
        lead=lead,
        partners=partners,
        lead_history=[former_lead, lead],
        former_members=[],
        experts=[],
    )


def svg_of(html: str) -> str:
    found = re.search(r'<svg role="group".*?</svg>', html, re.DOTALL)
    assert found, html
    return found.group(0)


# The projection


def test_katowice_lands_inside_the_outline_box_and_south_of_gdansk() -> None:
    # given
    xs, ys = zip(*(project(lon, lat) for lon, lat in POLAND_OUTLINE), strict=True)
    # when
    x, y = project(*KATOWICE)
    _, gdansk_y = project(*GDANSK)
    # then
    assert min(xs) < x < max(xs)
    assert min(ys) < y < max(ys)
    assert y > gdansk_y  # south is further down


@given(west=in_frame_lon, east=in_frame_lon, lat=in_frame_lat)
def test_projection_puts_what_is_further_east_further_right(
    west: float, east: float, lat: float
) -> None:
    assume(east - west > 0.01)
    assert project(west, lat)[0] < project(east, lat)[0]


@given(south=in_frame_lat, north=in_frame_lat, lon=in_frame_lon)
def test_projection_puts_what_is_further_north_further_up(
    south: float, north: float, lon: float
) -> None:
    assume(north - south > 0.01)
    assert project(lon, north)[1] < project(lon, south)[1]


def test_projection_keeps_distances_true_at_52_degrees_north() -> None:
    # A degree of longitude at 52°N is about 68.6 km, a degree of latitude 111 km.
    x0, _ = project(19.0, 52.0)
    x1, _ = project(20.0, 52.0)
    _, y0 = project(19.0, 52.0)
    _, y1 = project(19.0, 53.0)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(68.6 / 111.2, abs=0.01)


def test_projection_accepts_the_models_decimals() -> None:
    assert project(Decimal("19.02380"), Decimal("50.26490")) == project(*KATOWICE)


# The outline


def test_outline_is_a_closed_ring_of_distinct_points_inside_the_frame() -> None:
    assert POLAND_OUTLINE[0] == POLAND_OUTLINE[-1]
    assert len(set(POLAND_OUTLINE[:-1])) == len(POLAND_OUTLINE) - 1
    for lon, lat in POLAND_OUTLINE:
        assert WEST < lon < EAST
        assert SOUTH < lat < NORTH
        x, y = project(lon, lat)
        assert 0 < x < WIDTH
        assert 0 < y < HEIGHT


def test_outline_holds_every_pilot_organisation_seat() -> None:
    with (PILOT_DIR / "organisations.csv").open(encoding="utf-8") as handle:
        seats = [
            (row["seat"], float(row["lon"]), float(row["lat"]))
            for row in csv.DictReader(handle)
        ]
    outside = [seat for seat, lon, lat in seats if not inside_outline(lon, lat)]
    assert len(seats) == 33
    assert outside == []


@pytest.mark.parametrize(
    ("city", "lon", "lat"),
    [
        ("Kaliningrad", 20.51, 54.71),
        ("Grodno", 23.83, 53.68),
        ("Brest", 23.70, 52.10),
        ("Lviv", 24.03, 49.84),
        ("Ostrava", 18.29, 49.83),
        ("Liberec", 15.06, 50.77),
        ("Schwedt", 14.28, 53.06),
        ("the Baltic off Łeba", 17.50, 54.95),
    ],
)
def test_outline_leaves_out_places_beyond_the_border(
    city: str, lon: float, lat: float
) -> None:
    assert not inside_outline(lon, lat), city


# Placing the members


def test_points_without_coordinates_are_listed_but_get_no_marker() -> None:
    # given
    points = [point("Katowice", *KATOWICE), point("Nowhere", None, None)]
    # when
    drawn = member_map(points)
    # then
    assert [marker.point.name for marker in drawn.markers] == ["Katowice"]
    assert [p.name for p in drawn.points] == ["Katowice", "Nowhere"]
    assert [p.name for p in drawn.off_map] == ["Nowhere"]


def test_points_outside_the_frame_are_listed_but_not_drawn_off_the_edge() -> None:
    # given latitude and longitude swapped by mistake
    swapped = point("Katowice", lon=50.2649, lat=19.0238)
    # when
    drawn = member_map([swapped])
    # then
    assert drawn.markers == []
    assert drawn.off_map == [swapped]


def test_markers_keep_the_order_of_the_points() -> None:
    names = ["Gdynia", "Katowice", "Cieszyn"]
    points = [point(name, 19.0, 52.0) for name in names]
    assert [marker.point.name for marker in member_map(points).markers] == names


def test_member_points_put_the_lead_first_and_leave_former_members_out() -> None:
    # when
    points = member_points(unsaved_page())
    # then
    assert [(p.name, p.role) for p in points] == [
        ("Katowice", MapRole.LEAD),
        ("Cieszyn", MapRole.PARTNER),
        ("Gdynia", MapRole.PARTNER),
    ]
    assert points[0].url == "/organizacje/katowice/"
    assert points[0].voivodeship == "śląskie"


def test_member_points_with_former_add_former_leads_once() -> None:
    # given
    page = unsaved_page()
    # when
    points = member_points(page, former=True)
    # then
    assert [(p.name, p.role) for p in points][-1] == ("Pszczyna", MapRole.FORMER)
    assert [p.name for p in points].count("Katowice") == 1


# The rendered map


def render(page: NetworkPage, **options: Any) -> str:
    return render_to_string(
        "networks/_member_map.html", member_map_tag(page, **options)
    )


@pytest.mark.django_db
def test_pilot_map_links_every_located_member_and_nothing_outside_the_portal(
    django_assert_num_queries: Any,
) -> None:
    # given
    pilot_import()
    page = network_public_page(network=public_network(slug="jakosc-powietrza"))
    assert page.lead is not None
    members = [page.lead, *page.partners]
    # when
    with django_assert_num_queries(0):
        html = render(page)
    # then
    svg = svg_of(html)
    assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg)
    assert "<desc" in svg
    links = re.findall(r'<a href="([^"]+)"', svg)
    assert len(links) == len(members) == 11
    assert links[0] == page.lead.organisation.get_absolute_url()
    for address in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert address.startswith(("/", "#")), address
    assert "http" not in html


def test_map_is_a_group_of_links_not_an_image() -> None:
    # An img's children are presentational: its links would be out of reach of
    # screen readers (axe: nested-interactive).
    html = render(unsaved_page())
    assert 'role="img"' not in svg_of(html)
    assert 'aria-labelledby="member-map-smog-title"' in html
    assert 'id="member-map-smog-title"' in html


def test_each_point_is_named_by_organisation_and_role() -> None:
    with translation.override("en"):
        svg = svg_of(render(unsaved_page()))
    assert "<title>Katowice (lead city)</title>" in svg
    assert "<title>Cieszyn (partner city)</title>" in svg


def test_lead_is_a_square_and_partners_are_circles() -> None:
    svg = svg_of(render(unsaved_page()))
    lead, *partners = re.findall(r"<a .*?</a>", svg, re.DOTALL)
    assert "<rect" in lead
    assert all("<rect" not in partner and "<circle" in partner for partner in partners)


def test_coordinates_stay_unlocalised_in_polish() -> None:
    # given
    with translation.override("pl"):
        # when
        svg = svg_of(render(unsaved_page()))
    # then
    assert not re.search(r"\d,\d", svg)
    assert 'viewBox="0 0 634.1 610.0"' in svg


def test_member_without_location_is_named_as_not_on_the_map() -> None:
    with translation.override("en"):
        html = render(unsaved_page(with_unlocated=True))
    assert "Nowhere" not in svg_of(html)
    assert re.search(r"Not shown on the map \(no known location\):.*Nowhere", html)
    assert "(not on the map)" in html


def test_own_list_alternative_names_every_member_with_its_voivodeship() -> None:
    with translation.override("en"):
        html = render(unsaved_page())
    listed = re.search(r"<details.*?</details>", html, re.DOTALL)
    assert listed
    for name in ("Katowice", "Cieszyn", "Gdynia"):
        assert f">{name}</a> – " in listed.group(0)
    assert "lead city, śląskie" in listed.group(0)


def test_map_next_to_the_members_table_links_to_it_instead_of_listing_again() -> None:
    html = render(unsaved_page(), list_id="current-members")
    assert '<a href="#current-members">' in html
    assert "<details" not in html


# In the browser


@pytest.mark.browser
def test_map_has_no_axe_violations_and_points_take_keyboard_focus(
    browser: Any,
) -> None:
    from tests.support.axe import assert_accessible

    # given
    with translation.override("en"):
        html = render(unsaved_page(with_unlocated=True), former=True)
    tab = browser.new_page()
    tab.set_content(
        f'<!DOCTYPE html><html lang="en"><head><title>Map</title></head>'
        f"<body><main><h1>Smog</h1>{html}</main></body></html>"
    )
    # when
    tab.keyboard.press("Tab")
    # then
    focused = tab.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/organizacje/katowice/"
    link = tab.get_by_role("group", name="Map of the member organisations")
    assert link.get_by_role("link", name="Katowice (lead city)").count() == 1
    assert_accessible(tab)
    tab.close()
