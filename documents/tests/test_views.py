import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from documents.models import Document, Kind, State
from documents.services import (
    TEMPLATE_FIELDS,
    consultation_set,
    document_take_step,
    section_template_update,
    section_templates,
)
from documents.tests.builders import gdynia_mid, network_sheet, section, text, write
from partnerships.services import member_account_give
from partnerships.tests.builders import add_members
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_asking_for_changes_without_a_summary_says_so_next_to_the_field(world):
    sheet = network_sheet(world, State.IN_REVIEW)
    response = _as(world, "expert").post(
        reverse("documents:step", args=[sheet.pk, "request_changes"]),
        {"comment": "  "},
    )
    assert response.status_code == 400
    assert "podsumowanie uwag jest wymagane" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert Document.objects.get(pk=sheet.pk).state == State.IN_REVIEW


def test_the_review_panel_has_one_comment_field_for_every_step_offered(world):
    # given the Sheet in review, opened by the network's expert
    sheet = network_sheet(world, State.IN_REVIEW)
    page = _as(world, "expert").get(sheet.get_absolute_url()).content.decode()
    panel = page[page.index('id="workflow-heading"') : page.index("</section>")]
    # then the panel has one comment field, which says which step needs it
    assert panel.count("<textarea") == 1
    assert 'name="comment"' in panel
    assert "Wymagany przy: Poproś o poprawki." in panel
    # and one button per step, each sending that comment to its own step
    for step in ("request_changes", "approve"):
        url = reverse("documents:step", args=[sheet.pk, step])
        assert f'formaction="{url}"' in panel


def test_the_comment_goes_with_the_step_whose_button_was_pressed(world):
    # given the Sheet in review
    sheet = network_sheet(world, State.IN_REVIEW)
    # when the expert types the one comment and presses "Approve"
    response = _as(world, "expert").post(
        reverse("documents:step", args=[sheet.pk, "approve"]),
        {"comment": "Dobra diagnoza."},
    )
    # then the Sheet is approved with that comment
    assert response.status_code == 302
    assert Document.objects.get(pk=sheet.pk).state == State.APPROVED
    assert sheet.transitions.get(name="approve").comment == "Dobra diagnoza."


def test_a_bad_action_row_is_refused_and_keeps_what_was_typed(world):
    mid = gdynia_mid(world)
    actions = section(mid, "actions")
    response = _as(world, "city_officer").post(
        reverse("documents:record_add", args=[mid.pk, actions.pk]),
        {
            "revision": "0",
            "title": "Zielone podwórka",
            "owner": "Wydział",
            "starts_on": "2027-05-01",
            "ends_on": "2027-01-01",
            "cost": "-5",
            "wskazniki-TOTAL_FORMS": "1",
            "wskazniki-INITIAL_FORMS": "0",
            "wskazniki-0-name": "Zieleń",
            "wskazniki-0-baseline": "",
            "wskazniki-0-target": "abc",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Zielone podwórka"' in page
    assert 'id="id_ends_on_errors"' in page
    assert 'id="id_wskazniki-0-baseline_errors"' in page
    assert 'id="id_wskazniki-0-target_errors"' in page
    assert section(mid, "actions").revision == 0


def test_an_empty_comment_is_refused_with_a_message(world):
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    response = _as(world, "expert").post(
        reverse("documents:comment_add", args=[sheet.pk, problems.pk]),
        {"body": "   ", "quote": "Pustostany"},
    )
    assert response.status_code == 400
    assert f'id="s{problems.pk}_body_errors"' in response.content.decode()
    assert "Pustostany</textarea>" in response.content.decode()


def test_the_editor_brings_back_an_autosaved_draft(world):
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    lead = _as(world, "lead_coordinator")
    saved = lead.post(
        reverse("documents:section_autosave", args=[sheet.pk, problems.pk]),
        {"body": "<p>Pisane w pociągu</p>", "revision": problems.revision},
    )
    assert "Szkic zapisany automatycznie" in saved.content.decode()
    page = lead.get(reverse("documents:section_edit", args=[sheet.pk, problems.pk]))
    assert "Pisane w pociągu" in page.content.decode()
    assert "Przywrócono twój niezapisany tekst" in page.content.decode()


def test_the_editor_says_who_else_is_editing(world):
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    url = reverse("documents:section_edit", args=[sheet.pk, problems.pk])
    _as(world, "lead_coordinator").get(url)
    page = _as(world, "expert").get(url).content.decode()
    assert "Inne osoby edytujące teraz tę sekcję" in page
    assert world.user("lead_coordinator").get_full_name() in page


def test_an_lp_member_with_an_account_comments_during_the_consultation(
    world, django_capture_on_commit_callbacks
):
    # given Gdynia's MID and an LP member given an account
    mid = gdynia_mid(world)
    member = add_members(world, 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        resident = member_account_give(
            member=member, actor=world.user("city_coordinator")
        )
    assert "/konto/" in mail.outbox[-1].body
    client = Client()
    client.force_login(resident)
    url = reverse("documents:detail", args=[mid.pk])
    # when no consultation is open, the draft does not exist for them
    assert client.get(url).status_code == 404
    # when the city opens it, they find it on their portal page and comment
    consultation_set(document=mid, is_open=True, actor=world.user("city_coordinator"))
    assert (
        mid.get_absolute_url()
        in client.get(reverse("portal:dashboard")).content.decode()
    )
    challenge = section(mid, "challenge")
    response = client.post(
        reverse("documents:comment_add", args=[mid.pk, challenge.pk]),
        {"body": "Więcej zieleni!"},
    )
    assert response.status_code == 302
    assert challenge.comments.get().author == resident
    # and they cannot edit
    edit = reverse("documents:section_edit", args=[mid.pk, challenge.pk])
    assert client.get(edit).status_code == 404


def test_the_public_page_shows_the_published_version_not_the_amendment(world):
    sheet = network_sheet(world, State.PUBLISHED)
    lead = world.user("lead_coordinator")
    document_take_step(document=sheet, step_name="amend", actor=lead)
    write(sheet, "problems", "<p>Robocza poprawka.</p>", lead)
    page = Client().get(reverse("documents:public", args=[sheet.pk])).content.decode()
    assert "Pustostany w śródmieściach." in page
    assert "Robocza poprawka" not in page


def test_restoring_through_the_page_makes_a_new_version(world):
    sheet = network_sheet(world)
    lead = _as(world, "lead_coordinator")
    lead.post(reverse("documents:versions", args=[sheet.pk]), {"note": "pierwsza"})
    write(sheet, "problems", "<p>Zmiana.</p>", world.user("lead_coordinator"))
    response = lead.post(reverse("documents:restore", args=[sheet.pk, 1]))
    assert response.status_code == 302
    assert text(section(sheet, "problems")) == ("<p>Pustostany w śródmieściach.</p>")
    assert Document.objects.get(pk=sheet.pk).versions_made == 2


def test_crafted_comment_and_revision_values_answer_without_a_500(world):
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    expert = _as(world, "expert")
    response = expert.post(
        reverse("documents:comment_add", args=[sheet.pk, problems.pk]),
        {"body": "x", "parent": "abc"},
    )
    assert response.status_code == 404
    mid = gdynia_mid(world)
    from documents.tests.builders import add_action

    action = add_action(mid, world.user("city_officer"))
    actions = section(mid, "actions")
    response = _as(world, "city_officer").post(
        reverse("documents:record_delete", args=[mid.pk, actions.pk, action.pk]),
        {"revision": "x"},
    )
    assert response.status_code == 302
    assert section(mid, "actions").actions.count() == 1  # refused as stale


def test_the_contents_list_numbers_sections_as_their_headings_do(world):
    # given the Network Sheet, whose sections are numbered from 0
    sheet = network_sheet(world)
    page = _as(world, "lead_coordinator").get(sheet.get_absolute_url())
    text = page.content.decode()
    # then each entry of the contents list carries its heading's number
    start = text.index('id="toc-heading"')
    contents = text[start : text.index("</nav>", start)]
    for target in sheet.sections.select_related("template"):
        number = f"{target.template.position}. {target.template.name}"
        assert f'href="#sekcja-{target.pk}">{number}</a>' in contents
        assert f'id="sekcja-{target.pk}-heading">{number}' in text


def test_the_published_mid_leaves_out_its_empty_sections(world):
    # given an edition whose MID asks for two sections only, the rest optional
    for template in section_templates(edition=world.network.edition, kind=Kind.MID):
        if template.key not in ("challenge", "barriers"):
            section_template_update(
                template=template,
                changes={
                    **{name: getattr(template, name) for name in TEMPLATE_FIELDS},
                    "required": False,
                },
                actor=world.user("ministry_staff"),
            )
    # and Gdynia's published MID: those two written, its record card and the rest
    # not
    mid = gdynia_mid(world, State.PUBLISHED)
    # when the public opens it
    page = Client().get(reverse("documents:public", args=[mid.pk])).content.decode()
    # then the written sections are there, and no empty one shows as a bare heading
    for key in ("challenge", "barriers"):
        assert f'id="s-{section(mid, key).pk}"' in page
    assert f'id="s-{section(mid, "record").pk}"' not in page
    assert "0. Metryka" not in page
    assert page.count("<h2 ") == page.count('class="section-body"') == 2
