import pytest
from django.test import Client
from django.urls import reverse

from documents.models import State
from documents.tests.builders import network_sheet
from networks.services import pilot_import
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_home_explains_pim_and_lists_the_current_edition_networks(
    client: Client,
) -> None:
    pilot_import()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Partnerska Inicjatywa Miast" in response.text
    assert "PIM 2017-2019 (pilot)" in response.text
    for name in ("Rewitalizacja", "Mobilność miejska", "Jakość powietrza"):
        assert name in response.text


def test_home_is_polish_by_default_and_english_on_request(client: Client) -> None:
    polish = client.get(reverse("portal:home"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("portal:home"))
    assert '<html lang="pl">' in polish.text
    assert '<html lang="en">' in english.text
    assert "Skip to main content" in english.text
    assert "Przejdź do treści" in polish.text


def test_dashboard_lists_the_people_organisation_and_networks(
    client: Client, world: World
) -> None:
    client.force_login(world.user("lead_coordinator"))
    response = client.get(reverse("portal:dashboard"))
    assert "Katowice" in response.text
    assert "Rewitalizacja" in response.text
    assert "Jakość powietrza" not in response.text


def test_dashboard_lists_the_network_an_expert_reviews(
    client: Client, world: World
) -> None:
    client.force_login(world.user("expert"))
    response = client.get(reverse("portal:dashboard"))
    assert "Rewitalizacja" in response.text


def test_the_experts_portal_names_their_network_and_what_waits_for_review(
    client: Client, world: World
) -> None:
    # given the Network Sheet submitted for review in the expert's network
    sheet = network_sheet(world, State.IN_REVIEW)
    client.force_login(world.user("expert"))
    # when the expert opens "My portal"
    text = client.get(reverse("portal:dashboard")).text
    # then it does not say they belong nowhere: it names their role and network
    assert "nie należysz jeszcze do żadnej organizacji" not in text.lower()
    assert "ekspert tematyczny" in text.lower()
    assert "jesteś jej ekspertem tematycznym" in text
    # and lists the Sheet waiting for their review, with a link to it
    assert "1 dokument" in text
    assert f'href="{sheet.get_absolute_url()}"' in text


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("ministry_admin", False),
        ("ministry_staff", False),
        ("expert", False),
        ("city_coordinator", True),
        ("city_officer", True),
    ],
)
def test_our_applications_are_offered_only_to_the_people_of_those_who_apply(
    client: Client, world: World, role: str, offered: bool
) -> None:
    # given a person of the ministry, an expert, or a city's people
    client.force_login(world.user(role))
    # when they open "My portal"
    text = client.get(reverse("portal:dashboard")).text
    # then only a city's people are offered their organisation's applications
    assert (reverse("recruitment:my_applications") in text) is offered


def test_login_with_a_malformed_email_shows_the_error_next_to_the_field(
    client: Client, world: World
) -> None:
    response = client.post(
        reverse("account_login"), {"login": "nie-e-mail", "password": "x"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "nie-e-mail" in response.text  # what was typed is kept


def test_login_with_a_wrong_password_says_so_and_logs_nobody_in(
    client: Client, world: World
) -> None:
    response = client.post(
        reverse("account_login"),
        {"login": "city_officer@example.pl", "password": "zle-haslo"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "adres e-mail i/lub hasło są niepoprawne" in response.text


def test_an_english_browser_still_gets_polish_until_english_is_chosen(
    client: Client,
) -> None:
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert '<html lang="pl">' in response.text
