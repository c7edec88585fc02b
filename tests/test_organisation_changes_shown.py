"""A change the ministry makes to an organisation shows at once on the pages that
keep parts in the cache, such as its network's page (#19)."""

from typing import Any

import pytest
from django.test import Client

from organisations.administration import OrganisationValues, organisation_update
from organisations.forms import organisation_initial
from organisations.models import Organisation
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_a_renamed_city_is_shown_by_its_new_name_on_its_networks_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given the network's page was seen (and its parts kept) with Gdynia in it
    page = world.network.get_absolute_url()
    assert "Gdynia" in Client().get(page).text
    # when the ministry renames Gdynia
    gdynia = Organisation.objects.get(pk=world.partner_city.pk)
    values = organisation_initial(gdynia) | {"name": "Miasto Morskie Gdynia"}
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=gdynia,
            values=OrganisationValues(**values),  # type: ignore[arg-type]
            logo=None,
            remove_logo=False,
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    # then the network's page says the new name
    assert "Miasto Morskie Gdynia" in Client().get(page).text
