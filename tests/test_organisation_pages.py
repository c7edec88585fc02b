import pytest
from django.test import Client
from django.urls import reverse

from networks.services import pilot_import
from networks.tests.factories import NetworkMembershipFactory
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
