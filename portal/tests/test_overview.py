"""The ministry's overview of the current edition (issue #19, point 9): every network
with its status, lead, members, the state of each document (late ones flagged), the
size of each city's Local Partnership, and links to each; in a number of queries
that does not grow with the networks."""

import datetime
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from documents.models import Document, Kind, State
from documents.tests.builders import gdynia_mid
from networks.models import Edition, Network, NetworkMembership
from networks.tests.factories import EditionFactory, ThemeFactory
from organisations.models import Organisation, Voivodeship
from partnerships.models import LocalPartnership, PartnershipMember, Sector
from partnerships.selectors import partnership_summary
from partnerships.services import member_erase
from partnerships.tests.builders import add_members, gdynia_partnership
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db

URL = "/moj-portal/program/"


def _as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _make_current(edition: Edition) -> None:
    # (The editions' own pages set the flag; here the data is only arranged.)
    Edition.objects.exclude(pk=edition.pk).update(is_current=False)
    Edition.objects.filter(pk=edition.pk).update(is_current=True)


def _edition_with(world: World, networks: int, *, members: int = 4) -> Edition:
    """A current edition, begun this year, with `networks` networks of `members`
    cities each (the first the lead): a Sheet in review and a draft MID per city,
    and each city's Local Partnership with two members — written in bulk, as only
    the overview reads them."""
    edition = EditionFactory.create(
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2028, 12, 31)
    )
    _make_current(edition)
    theme = ThemeFactory.create()
    clause_id = add_members(world, 1)[0].consent_clause_id
    made = Network.objects.bulk_create(
        Network(
            edition=edition,
            theme=theme,
            slug=f"przeglad-{edition.pk}-{n}",
            name_pl=f"Sieć przeglądu {n:03d}",
            status=Network.Status.ACTIVE,
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
        )
        for n in range(networks)
    )
    cities = Organisation.objects.bulk_create(
        Organisation(
            name=f"Miasto przeglądu {edition.pk}-{n}",
            slug=f"miasto-przegladu-{edition.pk}-{n}",
            kind=Organisation.Kind.URBAN_GMINA,
            voivodeship=Voivodeship.POMORSKIE,
            seat="Ratusz",
        )
        for n in range(networks * members)
    )
    placed = [
        (network, cities[index * members + place], place)
        for index, network in enumerate(made)
        for place in range(members)
    ]
    NetworkMembership.objects.bulk_create(
        NetworkMembership(
            network=network,
            organisation=city,
            role=NetworkMembership.Role.LEAD if place == 0 else "partner",
            valid_from=edition.starts_on,
        )
        for network, city, place in placed
    )
    Document.objects.bulk_create(
        [
            *(
                Document(kind=Kind.SHEET, network=n, state=State.IN_REVIEW)
                for n in made
            ),
            *(
                Document(kind=Kind.MID, network=network, organisation=city)
                for network, city, _place in placed
            ),
        ]
    )
    partnerships = LocalPartnership.objects.bulk_create(
        LocalPartnership(
            organisation=city,
            network=network,
            name=f"LP {city.name}",
            formula=LocalPartnership.Formula.OPEN,
        )
        for network, city, _place in placed
    )
    PartnershipMember.objects.bulk_create(
        PartnershipMember(
            partnership=partnership,
            kind=PartnershipMember.Kind.PERSON,
            name=f"Mieszkanka {number}",
            sector=Sector.RESIDENT,
            joined_on=edition.starts_on,
            consent_clause_id=clause_id,
            consent_given_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
        )
        for partnership in partnerships
        for number in range(2)
    )
    return edition


def test_the_ministry_sees_every_network_of_the_current_edition(world: World) -> None:
    # given the pilot edition is the current one: Gdynia's MID in review, the
    # Sheet approved, Gdynia's Local Partnership with three members (one left)
    _make_current(world.network.edition)
    mid = gdynia_mid(world, State.IN_REVIEW)
    partnership = gdynia_partnership(world)
    members = add_members(world, 3)
    PartnershipMember.objects.filter(pk=members[0].pk).update(
        left_on=datetime.date(2026, 3, 1)
    )
    # and a network of another edition
    other = EditionFactory.create()
    Network.objects.create(
        edition=other,
        theme=world.network.theme,
        slug="inna-edycja",
        name_pl="Sieć innej edycji",
        starts_on=other.starts_on,
        ends_on=other.ends_on,
    )
    # when the ministry's staff open the overview
    response = _as(world, "ministry_staff").get(reverse("portal:overview"))
    page = response.content.decode()
    # then every network of the edition is there, with its status, lead and members
    assert response.status_code == 200
    for network in Network.objects.filter(edition=world.network.edition):
        assert f'href="#siec-{network.slug}"' in page
        assert reverse("portal:workspace", args=[network.slug]) in page
        assert network.get_absolute_url() in page
    assert "Sieć innej edycji" not in page
    section = page[page.index('id="siec-rewitalizacja"') :]
    section = section[: section.index("</section>")]
    with translation.override("pl"):
        status = str(Network.Status(world.network.status).label)
    assert f"Status: {status}" in section
    assert "Katowice" in section
    gdynia_count = NetworkMembership.objects.filter(
        network=world.network, valid_to__isnull=True
    ).count()
    assert f"{gdynia_count} członków" in section
    # and each document by its state's label, linked
    sheet = Document.objects.get(network=world.network, kind=Kind.SHEET)
    assert f'href="{sheet.get_absolute_url()}"' in section
    assert f'href="{mid.get_absolute_url()}">MID — Gdynia</a>' in section
    assert "w recenzji" in section
    # and the LP by its size only: two current members, no personal data
    lp = reverse("partnerships:detail", args=[partnership.pk])
    assert re.search(rf'href="{lp}">2 członków', section)
    for member in members:
        assert member.name not in page
        assert member.email not in page


def test_the_lp_size_counts_seats_until_left_as_the_lp_page_does(
    world: World,
) -> None:
    # given Gdynia's Local Partnership of four: one left, one whose data were
    # erased at their request (an anonymous seat, still taken until they leave)
    _make_current(world.network.edition)
    partnership = gdynia_partnership(world)
    members = add_members(world, 4)
    PartnershipMember.objects.filter(pk=members[0].pk).update(
        left_on=datetime.date(2026, 3, 1)
    )
    member_erase(member=members[1], actor=world.user("city_coordinator"))
    # when the ministry opens the overview
    page = _as(world, "ministry_staff").get(URL).content.decode()
    # then the LP's size is three, the total its own page shows
    lp = reverse("partnerships:detail", args=[partnership.pk])
    assert re.search(rf'href="{lp}">3 członków', page)
    assert partnership_summary(partnership).members_total == 3


def test_late_documents_are_flagged_and_counted(world: World) -> None:
    # given the pilot edition (ended in 2019) is current: Gdynia's MID approved,
    # every other document of its networks not started or in draft
    _make_current(world.network.edition)
    gdynia_mid(world, State.APPROVED)
    # when the ministry opens the overview
    page = _as(world, "ministry_admin").get(URL).content.decode()
    section = page[page.index('id="siec-rewitalizacja"') :]
    section = section[: section.index("</section>")]
    rows = {
        re.sub(r"<[^>]+>", "", row.split("</th>")[0]).strip(): row
        for row in section.split("<tr>")[2:]
    }
    # then the Sheet (approved) and Gdynia's MID (approved) are not late, the
    # Plan and the MIDs never started are
    assert "po terminie" not in rows["Fiszka sieci"]
    assert "po terminie" not in rows["MID — Gdynia"]
    assert "po terminie" in rows["Plan Ulepszeń"]
    assert "po terminie" in rows["MID — Katowice"]
    # and the due dates are the network's: the Plan by the network's end
    assert f'datetime="{world.network.ends_on:%Y-%m-%d}"' in rows["Plan Ulepszeń"]


def test_an_observer_owes_no_mid(world: World) -> None:
    # given Rewitalizacja has an observer (a foreign city) besides its members
    _make_current(world.network.edition)
    vilnius = Organisation.objects.create(
        name="Wilno",
        slug="wilno",
        kind=Organisation.Kind.URBAN_GMINA,
        country="LT",
        seat="Wilno",
    )
    NetworkMembership.objects.create(
        network=world.network,
        organisation=vilnius,
        role=NetworkMembership.Role.OBSERVER,
        valid_from=datetime.date(2026, 1, 1),
    )
    # when the ministry opens the overview
    page = _as(world, "ministry_staff").get(URL).content.decode()
    row = page[page.index("MID — Wilno") :]
    row = row[: row.index("</tr>")]
    # then the observer is listed by its role, with no MID expected and none late
    assert "obserwator" in row
    assert "nie dotyczy" in row
    assert "po terminie" not in row


def test_without_a_current_edition_the_page_says_so(world: World) -> None:
    # given no edition marked current and none started yet
    Edition.objects.update(
        is_current=False,
        starts_on=datetime.date(2099, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
    )
    response = _as(world, "ministry_staff").get(URL)
    assert response.status_code == 200
    assert "Żadna edycja nie jest oznaczona jako bieżąca" in response.content.decode()


def test_the_overview_shows_the_edition_the_home_page_shows(world: World) -> None:
    # given no edition marked current: the home page shows the one begun last
    later = EditionFactory.create(
        name="PIM przeglądu", starts_on=datetime.date(2025, 1, 1)
    )
    Edition.objects.update(is_current=False)
    assert "PIM przeglądu" in Client().get("/").content.decode()
    # when the ministry opens its overview
    page = _as(world, "ministry_staff").get(URL).content.decode()
    # then it is of the same edition
    assert f"Przegląd programu: {later.name}" in page


def test_my_portal_links_the_overview_for_the_ministry_only(world: World) -> None:
    link = f'href="{reverse("portal:overview")}"'
    for role in ("ministry_admin", "ministry_staff"):
        assert link in _as(world, role).get("/moj-portal/").content.decode(), role
    for role in ("lead_coordinator", "city_coordinator", "city_officer", "expert"):
        assert link not in _as(world, role).get("/moj-portal/").content.decode(), role


def test_the_overview_does_not_grow_with_the_networks(world: World) -> None:
    # given a current edition of 2 networks, then one of 20
    client = _as(world, "ministry_staff")
    _edition_with(world, 2)
    small = queries_for(client, URL)
    edition = _edition_with(world, 20)
    assert Network.objects.filter(edition=edition).count() == 20
    page = client.get(URL).content.decode()
    assert page.count('class="overview-network"') == 20
    # then the page costs the same number of queries, within the budget
    assert queries_for(client, URL) == small <= PAGE_QUERY_BUDGET


def test_the_overview_keeps_its_query_budget_at_200_networks(world: World) -> None:
    # given a current edition of 200 networks of 5 cities (1000 MIDs and LPs)
    client = _as(world, "ministry_admin")
    _edition_with(world, 200, members=5)
    # when the ministry opens the overview
    started = time.monotonic()
    count = queries_for(client, URL)
    elapsed = time.monotonic() - started
    # then it stays within the budget of the main pages
    assert count <= PAGE_QUERY_BUDGET
    page = client.get(URL).content.decode()
    assert page.count('class="overview-network"') == 200
    assert page.count("MID — Miasto przeglądu") == 1000
    print(f"\noverview at 200 networks: {count} queries, two visits {elapsed:.2f} s")
