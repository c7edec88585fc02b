"""The accessibility declaration holds every element the act of 4 April 2019 on the
digital accessibility of public bodies' websites and mobile applications (art. 10)
and the minister's template require, and none can be left out."""

import re
from html import unescape
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import DomainError
from programme.models import DeclarationVersion
from programme.tests.factories import DECLARATION, declaration
from tests.support.world import World

pytestmark = pytest.mark.django_db

# Every element the act and the template require, as (what, the element's id in the
# template, text it must contain). Dates in the template's RRRR-MM-DD.
REQUIRED_ELEMENTS = [
    ("name of the public body", "a11y-podmiot", DECLARATION.entity_name),
    ("address of the website", "a11y-url", DECLARATION.site_name),
    ("date the website was published", "a11y-data-publikacja", "2026-03-02"),
    ("date of the last significant update", "a11y-data-aktualizacja", "2026-11-20"),
    (
        "compliance status, with the act",
        "a11y-status",
        "częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r.",
    ),
    ("content not accessible", "a11y-tresci-niedostepne", "Treści niedostępne"),
    ("exemptions and their reasons", "a11y-wylaczenia", "Wyłączenia"),
    ("date the declaration was prepared", "a11y-data-sporzadzenie", "2026-11-25"),
    ("date of its last review", "a11y-data-przeglad", "2026-12-01"),
    ("how it was prepared", "a11y-ocena", "samooceny"),
    ("feedback and contact", "a11y-kontakt", "Informacje zwrotne i dane kontaktowe"),
    ("person responsible", "a11y-osoba", "Anna Nowak"),
    ("e-mail address", "a11y-email", "dostepnosc@example.gov.pl"),
    ("telephone number", "a11y-telefon", "+48 22 100 20 30"),
    ("request and complaint procedure", "a11y-procedura", "Procedura"),
    ("architectural accessibility", "a11y-architektura", "architektoniczna"),
    ("sign language interpreting", "a11y-jezyk-migowy", "języka migowego"),
]
# What the procedure must say: a request, its 7 days and 2 months, the complaint,
# and the Commissioner for Human Rights.
PROCEDURE = [
    "żądaniem zapewnienia dostępności",
    "alternatywnego sposobu dostępu",
    "7 dni",
    "2 miesiące",
    "skargę",
    "Rzecznika Praw Obywatelskich",
]


def _element_text(html: str, element_id: str) -> str:
    """The text of the element with the id, up to where it closes (naive but
    enough: the template's elements are not nested in their own kind)."""
    match = re.search(
        rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', html, flags=re.S
    )
    assert match, f"no element #{element_id}"
    return unescape(re.sub(r"<[^>]+>", "", match.group(2)))


def test_the_public_declaration_contains_every_element_the_act_requires(
    world: World, client: Client
) -> None:
    # given a declaration published by the ministry
    declaration(world)

    # when anyone opens the declaration
    response = client.get(reverse("programme:accessibility"))
    html = response.content.decode()

    # then every required element is there, in its element of the template
    assert response.status_code == 200
    missing = []
    for what, element_id, text in REQUIRED_ELEMENTS:
        if element_id == "a11y-url":
            assert 'id="a11y-url" href="https://pim.example.gov.pl/"' in html
        shown = _element_text(html, element_id)
        if text not in shown:
            missing.append((what, element_id, text, shown[:80]))
    assert not missing, missing
    # and the dates are machine-readable as the template asks
    assert '<time id="a11y-data-publikacja" datetime="2026-03-02">' in html
    # and the procedure says everything the act gives a person
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert [words for words in PROCEDURE if words not in text] == []
    assert 'href="https://bip.brpo.gov.pl/"' in html


def test_an_external_assessment_names_the_body_that_made_it(
    world: World, client: Client
) -> None:
    # given a declaration prepared by an external body
    declaration(world, assessment="external", assessor="Fundacja Audytów")

    # when it is read
    html = client.get(reverse("programme:accessibility")).content.decode()

    # then it says so, naming the body
    assert "Fundacja Audytów" in _element_text(html, "a11y-audytor")


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"contact_email": " "}, "adres e-mail"),
        ({"contact_person": ""}, "osoba odpowiedzialna"),
        ({"contact_phone": ""}, "numer telefonu"),
        ({"architecture": "<p> </p>"}, "dostępność architektoniczna"),
        ({"non_accessible": "<script>x</script>"}, "treści niedostępne"),
        ({"assessment": "external", "assessor": ""}, "nazwa podmiotu zewnętrznego"),
    ],
)
def test_a_declaration_leaving_out_a_required_element_is_refused_naming_it(
    world: World, changes: dict[str, Any], named: str
) -> None:
    # given the published seed (version 1)
    before = DeclarationVersion.objects.count()

    # when the ministry saves a declaration without one element
    with pytest.raises(DomainError) as refused:
        declaration(world, **changes)

    # then it is refused, naming what is missing, and nothing is saved
    assert named in refused.value.message.lower()
    assert DeclarationVersion.objects.count() == before


def test_the_database_refuses_a_declaration_without_a_required_element(
    world: World,
) -> None:
    # given a declaration row written past the service, without a contact phone
    values = {
        name: getattr(DECLARATION, name) for name in DECLARATION.__dataclass_fields__
    }
    values["contact_phone"] = ""
    # when it is stored / then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        DeclarationVersion.objects.create(number=99, **values)


def test_a_fully_compliant_site_may_list_no_inaccessible_content(
    world: World, client: Client
) -> None:
    # given a declaration of full compliance, without exemptions
    declaration(world, status="full", non_accessible="", exemptions="")

    # when it is read
    html = client.get(reverse("programme:accessibility")).content.decode()

    # then it states full compliance with the act, and that nothing is exempted
    assert "w pełni zgodna z ustawą" in _element_text(html, "a11y-status")
    assert "Brak" in html


def test_each_save_is_a_new_version_with_an_audit_event_and_drafts_stay_private(
    world: World, client: Client
) -> None:
    # given the published seed and a published version 2
    declaration(world, contact_person="Anna Nowak")

    # when the ministry saves version 3 as a draft
    draft = declaration(world, publish=False, contact_person="Jan Kowalski")

    # then the public still sees version 2
    html = client.get(reverse("programme:accessibility")).content.decode()
    assert "Anna Nowak" in html and "Jan Kowalski" not in html
    assert draft.number == 3
    # and every save was audited, with the version and whether it was published
    events = AuditEvent.objects.filter(
        action=AuditEvent.Action.PROGRAMME_PAGE_SAVED, details__page="accessibility"
    ).order_by("pk")
    assert [(e.details["version"], e.details["published"]) for e in events] == [
        (2, True),
        (3, False),
    ]
    assert events[0].actor == world.user("ministry_admin")


def test_the_seeded_declaration_is_published_on_a_fresh_install(
    client: Client, db: None
) -> None:
    # given a fresh database (migration 0003 seeded it)
    # when anyone opens the declaration / then it is there, with its contact
    response = client.get(reverse("programme:accessibility"))
    assert response.status_code == 200
    assert "a11y-telefon" in response.content.decode()
