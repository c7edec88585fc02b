"""Call pages say who may apply and what a network is made of in words, never in
the codes the rules are stored as (recruitment/eligibility.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from organisations.models import Organisation
from recruitment.eligibility import call_rules
from recruitment.models import Call
from recruitment.tests.builders import open_call
from tests.support.world import World

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b(city_county|urban_gmina|urban_rural_gmina|rural_gmina|association|intermunicipal_union|lead|partner)\b"
)


def rules_of(call: Call) -> str:
    rules = call_rules(call)
    return " ".join([rules.kinds, rules.tracks, rules.composition, rules.one_network])


def test_the_rules_read_as_polish_sentences_with_the_right_plurals(
    world: World,
) -> None:
    call = open_call(world)
    call.eligible_kinds = [
        Organisation.Kind.CITY_COUNTY,
        Organisation.Kind.URBAN_GMINA,
    ]
    call.min_partners, call.max_partners, call.min_voivodeships = 5, 10, 3
    with translation.override("pl"):
        words = rules_of(call)
        assert "miasto na prawach powiatu, gmina miejska" in words
        assert "od 5 do 10 miast partnerskich" in words
        assert "z co najmniej 3 województw" in words
        assert "jako miasto lider sieci lub jako miasto partnerskie" in words
        call.min_partners = call.max_partners = 2
        call.min_voivodeships = 1
        call.one_network_per_city = False
        words = rules_of(call)
        assert "dokładnie 2 miasta partnerskie" in words
        assert "województw" not in words
    assert not CODES.search(words)


def test_a_call_open_to_every_kind_says_so(world: World) -> None:
    call = open_call(world)
    assert call.eligible_kinds == []
    with translation.override("pl"):
        assert (
            call_rules(call).kinds == "organizacje każdego rodzaju poza ministerstwem"
        )


def test_call_list_and_page_state_who_may_apply_in_words(
    world: World, client: Client
) -> None:
    call = open_call(world)
    Call.objects.filter(pk=call.pk).update(
        eligible_kinds=[Organisation.Kind.URBAN_GMINA, Organisation.Kind.ASSOCIATION]
    )
    client.force_login(world.user("city_coordinator"))
    listing = client.get(reverse("recruitment:calls")).text
    page = client.get(call.get_absolute_url()).text
    for text in (listing, page):
        assert "Gmina miejska, stowarzyszenie JST" in text
        assert "urban_gmina" not in text and "association" not in text
    assert "z co najmniej 3 województw" in page
    assert "jako miasto lider sieci lub jako miasto partnerskie" in page
