"""Preparing the next edition: networks makes the edition and announces it
(networks/signals.py); documents copies the section templates and recruitment a
call as the new edition's unpublished draft (their receivers). Here, above all
three, because the test needs them all."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from audit.details import details_shown
from audit.models import AuditEvent
from core.errors import DomainError
from documents.models import Kind, SectionTemplate
from documents.services import section_template_update, section_templates
from networks.editions import EditionDraft, edition_prepare, preparation_offers
from networks.models import Edition
from networks.signals import CALL_TEMPLATE, SECTION_TEMPLATES
from recruitment.models import Call
from recruitment.tests.builders import open_call
from tests.support.world import World

pytestmark = pytest.mark.django_db

NEXT = EditionDraft(
    name="PIM4 2030–2032",
    name_en="PIM4 2030–2032",
    starts_on=datetime.date(2030, 1, 1),
    ends_on=datetime.date(2032, 12, 31),
    is_current=False,
)


def pim3_with_templates(world: World) -> tuple[Edition, Call]:
    """PIM3 with its call and its MID templates, one of them reworded."""
    call = open_call(world)
    edition = call.edition
    mid = section_templates(edition=edition, kind=Kind.MID)
    first = mid[0]
    section_template_update(
        template=first,
        changes={
            "name_pl": "Diagnoza PIM3",
            "name_en": first.name_en,
            "guidance": "Opisz sytuację miasta w PIM3.",
            "required": first.required,
            "position": first.position,
        },
        actor=world.user("ministry_admin"),
    )
    return edition, call


def test_the_form_offers_the_templates_and_the_editions_calls_newest_first(
    world: World,
) -> None:
    edition, call = pim3_with_templates(world)
    older = open_call(world, slug_hint="Nabór PIM3 wstępny")
    Call.objects.filter(pk=older.pk).update(
        edition=edition, opens_at=call.opens_at - datetime.timedelta(days=30)
    )
    offers = {offer.part: offer for offer in preparation_offers(source=edition)}
    assert offers[SECTION_TEMPLATES].initial == "copy"
    calls = offers[CALL_TEMPLATE]
    assert calls.initial == str(call.pk)
    assert [value for value, _words in calls.choices] == [
        str(call.pk),
        str(older.pk),
        "",
    ]


def test_an_edition_without_templates_or_calls_offers_nothing(world: World) -> None:
    assert preparation_offers(source=world.network.edition) == []


def test_preparing_copies_the_templates_and_the_chosen_call_as_a_draft(
    world: World,
) -> None:
    # given PIM3 with reworded templates and its published call
    edition, call = pim3_with_templates(world)
    before = SectionTemplate.objects.filter(edition=edition).count()
    # when the admin prepares PIM4 from it, copying both
    target = edition_prepare(
        source=edition,
        draft=NEXT,
        chosen={SECTION_TEMPLATES: "copy", CALL_TEMPLATE: str(call.pk)},
        actor=world.user("ministry_admin"),
    )
    # then PIM4 has the same templates, the reworded one as it is now
    copied = SectionTemplate.objects.filter(edition=target)
    assert copied.count() == before
    assert copied.get(kind=Kind.MID, name_pl="Diagnoza PIM3").guidance == (
        "Opisz sytuację miasta w PIM3."
    )
    assert SectionTemplate.objects.filter(edition=edition).count() == before
    # and a draft of the call, unpublished, with its themes, questions, criteria,
    # moved by the three years between the editions' starts
    draft = Call.objects.get(edition=target)
    assert not draft.is_published
    assert {t.theme_id for t in draft.themes.all()} == {
        t.theme_id for t in call.themes.all()
    }
    assert draft.questions.count() == call.questions.count() > 0
    assert draft.criteria.count() == call.criteria.count() > 0
    assert draft.opens_at.year == call.opens_at.year + 3
    # and the audit log says what was copied, in words
    prepared = AuditEvent.objects.get(action=AuditEvent.Action.EDITION_PREPARED)
    with translation.override("pl"):
        shown = details_shown(prepared)
    assert "PIM4 2030–2032" in shown and "PIM3 2027–2029" in shown
    assert "section_templates" not in shown and "call_template" not in shown


def test_preparing_copies_only_what_was_chosen(world: World) -> None:
    edition, _call = pim3_with_templates(world)
    target = edition_prepare(
        source=edition,
        draft=NEXT,
        chosen={SECTION_TEMPLATES: "", CALL_TEMPLATE: ""},
        actor=world.user("ministry_admin"),
    )
    assert not SectionTemplate.objects.filter(edition=target).exists()
    assert not Call.objects.filter(edition=target).exists()


def test_a_call_of_another_edition_undoes_the_whole_preparation(
    world: World,
) -> None:
    edition, _call = pim3_with_templates(world)
    foreign = open_call(world, slug_hint="Nabór innej edycji")
    Call.objects.filter(pk=foreign.pk).update(edition=world.network.edition)
    with pytest.raises(DomainError):
        edition_prepare(
            source=edition,
            draft=NEXT,
            chosen={SECTION_TEMPLATES: "copy", CALL_TEMPLATE: str(foreign.pk)},
            actor=world.user("ministry_admin"),
        )
    assert not Edition.objects.filter(name=NEXT.name).exists()
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.EDITION_PREPARED
    ).exists()


def test_the_admin_prepares_the_next_edition_through_the_page(
    world: World, client: Client
) -> None:
    edition, call = pim3_with_templates(world)
    client.force_login(world.user("ministry_admin"))
    url = reverse("networks:edition_prepare", args=[edition.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="{CALL_TEMPLATE}"' in page.text
    assert f'name="{SECTION_TEMPLATES}"' in page.text
    response = client.post(
        url,
        {
            "name": NEXT.name,
            "name_en": NEXT.name_en,
            "starts_on": "2030-01-01",
            "ends_on": "2032-12-31",
            SECTION_TEMPLATES: "copy",
            CALL_TEMPLATE: str(call.pk),
        },
    )
    assert response.status_code == 302
    target = Edition.objects.get(name=NEXT.name)
    assert Call.objects.filter(edition=target, is_published=False).exists()
    assert SectionTemplate.objects.filter(edition=target).exists()
