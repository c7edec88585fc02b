import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from networks.models import NetworkMembership
from networks.services import pilot_import
from networks.tests.factories import NetworkMembershipFactory
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from tests.support.queries import queries_for

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_both_networks_of_skawina(client: Client) -> None:
    pilot_import()
    response = client.get(reverse("organisations:detail", args=["skawina"]))
    assert response.status_code == 200
    assert "Mobilność miejska" in response.text
    assert "Jakość powietrza" in response.text


def test_organisation_list_filters_by_voivodeship(client: Client) -> None:
    pilot_import()
    response = client.get(reverse("organisations:list"), {"voivodeship": "20"})
    assert "Stowarzyszenie Białostockiego Obszaru Funkcjonalnego" in response.text
    assert "Katowice" not in response.text


def test_organisation_list_ignores_an_invalid_filter_value(client: Client) -> None:
    pilot_import()
    response = client.get(reverse("organisations:list"), {"voivodeship": "99"})
    assert response.status_code == 200


def test_organisation_pages_queries_do_not_grow_with_rows(client: Client) -> None:
    organisation = OrganisationFactory()
    NetworkMembershipFactory.create_batch(2, organisation=organisation)
    detail = reverse("organisations:detail", args=[organisation.slug])
    few_detail = queries_for(client, detail)
    few_list = queries_for(client, reverse("organisations:list"))
    NetworkMembershipFactory.create_batch(30, organisation=organisation)
    OrganisationFactory.create_batch(60)
    assert queries_for(client, detail) == few_detail
    assert queries_for(client, reverse("organisations:list")) == few_list


def test_a_network_that_ended_shows_its_end_not_now(client: Client) -> None:
    # given Skawina, a member of pilot networks that ended in 2019 and never left
    pilot_import()
    skawina = Organisation.objects.get(slug="skawina")
    ended = [
        row
        for row in NetworkMembership.objects.filter(
            organisation=skawina, valid_to=None
        ).select_related("network")
        if row.network.ends_on < timezone.localdate()
    ]
    assert ended
    # when its page is opened
    text = client.get(reverse("organisations:detail", args=["skawina"])).text
    # then each such membership runs to its network's end, never to "now"
    assert "obecnie" not in text
    with translation.override("pl"):
        for row in ended:
            assert f"– {formats.date_format(row.network.ends_on)}" in text
