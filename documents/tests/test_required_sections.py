"""Required sections are enforced (issue #19, point 7): a document is submitted for
review only when none of its required sections is empty, and both the service and
the document page name the ones that are."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError
from documents.models import Document, Kind, SectionTemplate, State
from documents.richtext import has_text
from documents.selectors import empty_required_sections
from documents.services import (
    TEMPLATE_FIELDS,
    document_take_step,
    record_delete,
    section_template_update,
    section_templates,
)
from documents.tests.builders import (
    add_action,
    complete,
    gdynia_mid,
    improvement_plan,
    network_sheet,
    section,
    write,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db

# The Network Sheet's required sections that network_sheet() leaves empty (it writes
# "problems"; the record card "identity" fills itself in).
SHEET_EMPTY = [
    "Cele i oczekiwane produkty",
    "Bloki tematyczne i kluczowe działania",
    "Harmonogram spotkań i terminy produktów",
    "Role i odpowiedzialność",
    "Krótka charakterystyka miast",
    "Ryzyka",
]


def _as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _names(document: Document) -> list[str]:
    return [
        target.template.name_pl for target in empty_required_sections(document=document)
    ]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<p></p>",
        "<p> <br> </p>",
        "<p>&nbsp;&nbsp;</p>",
        "<p>\u200b\u2060</p>",
        "<h2> </h2><ul><li></li></ul>",
        "<table><tbody><tr><td> </td></tr></tbody></table>",
        '<p><a href="https://example.pl"></a></p>',
        "<script>alert(1)</script>",
    ],
)
def test_a_text_without_visible_characters_has_no_text(body: str) -> None:
    assert not has_text(body)


@pytest.mark.parametrize("body", ["<p>x</p>", "<p>&nbsp;.</p>", "<td>0</td>"])
def test_a_single_visible_character_is_text(body: str) -> None:
    assert has_text(body)


def test_an_empty_required_section_blocks_submission_with_the_names_shown(
    world: World,
) -> None:
    # given the lead's Network Sheet with one text section written
    sheet = network_sheet(world)
    lead = world.user("lead_coordinator")
    # when the lead submits it for review
    with pytest.raises(DomainError) as refused:
        document_take_step(document=sheet, step_name="submit", actor=lead)
    # then it is refused, naming every required section still empty, in order
    message = str(refused.value.message)
    for name in SHEET_EMPTY:
        assert f"„{name}”" in message
    assert "Wspólne problemy" not in message  # written
    assert "Tożsamość sieci" not in message  # the record card fills itself in
    # and nothing moved: still a draft, no version, no step in the history
    sheet.refresh_from_db()
    assert sheet.state == State.DRAFT
    assert not sheet.versions.exists()
    assert not sheet.transitions.exists()
    # when the lead fills them in, the same step goes through
    complete(sheet, lead)
    document_take_step(document=sheet, step_name="submit", actor=lead)
    assert Document.objects.get(pk=sheet.pk).state == State.IN_REVIEW


def test_the_refusal_names_the_sections_in_the_readers_language(world: World) -> None:
    # given the Sheet with required sections empty
    sheet = network_sheet(world)
    # when the lead, reading the portal in English, submits it
    with translation.override("en"), pytest.raises(DomainError) as refused:
        document_take_step(
            document=sheet, step_name="submit", actor=world.user("lead_coordinator")
        )
    # then the reason and the sections' names are English
    message = str(refused.value.message)
    assert message.startswith("“Submit for review” is not possible yet")
    assert "“Goals and expected products”" in message
    assert "“Risks”" in message


def test_a_structured_section_is_empty_without_rows(world: World) -> None:
    # given Gdynia's MID with its text sections written, the action table not
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    for target in mid.sections.select_related("template"):
        if target.template.content == SectionTemplate.Content.RICH_TEXT:
            write(mid, target.template.key, "<p>Treść.</p>", officer)
    # then only the action table is missing
    assert _names(mid) == ["Tabela działań"]
    # when an action is added, nothing is
    action = add_action(mid, officer)
    assert _names(mid) == []
    # and when it is removed again, the table is missing again
    actions = section(mid, "actions")
    record_delete(
        section=actions,
        expected_revision=actions.revision,
        record=action,
        actor=officer,
    )
    assert _names(mid) == ["Tabela działań"]


def test_the_plans_recommendations_and_good_practices_need_a_row(
    world: World,
) -> None:
    # given the Improvement Plan with its context written
    lead = world.user("lead_coordinator")
    plan = improvement_plan(world)
    write(plan, "context", "<p>Metoda.</p>", lead)
    # then its two structured sections are missing (the implementation is optional)
    assert _names(plan) == ["Rekomendacje", "Dobre praktyki"]
    # and once each has a row, nothing is
    complete(plan, lead)
    assert _names(plan) == []


def test_a_text_emptied_again_counts_as_empty(world: World) -> None:
    # given the Sheet complete
    sheet = network_sheet(world)
    lead = world.user("lead_coordinator")
    complete(sheet, lead)
    # when the lead saves a section with nothing but spaces
    write(sheet, "risks", "<p>&nbsp; </p>", lead)
    # then it is missing
    assert _names(sheet) == ["Ryzyka"]


def test_an_optional_section_may_stay_empty(world: World) -> None:
    # given the ministry made the Sheet's "risks" section optional
    risks = next(
        template
        for template in section_templates(
            edition=world.network.edition, kind=Kind.SHEET
        )
        if template.key == "risks"
    )
    section_template_update(
        template=risks,
        changes={
            **{name: getattr(risks, name) for name in TEMPLATE_FIELDS},
            "required": False,
        },
        actor=world.user("ministry_staff"),
    )
    # then the Sheet no longer waits for it
    sheet = network_sheet(world)
    assert "Ryzyka" not in _names(sheet)
    assert "Role i odpowiedzialność" in _names(sheet)


def test_the_page_says_what_is_missing_instead_of_offering_the_submit_step(
    world: World,
) -> None:
    # given the lead's Sheet with required sections empty
    sheet = network_sheet(world)
    submit = reverse("documents:step", args=[sheet.pk, "submit"])
    # when the lead opens it
    page = _as(world, "lead_coordinator").get(sheet.get_absolute_url())
    html = page.content.decode()
    # then no submit button is offered, and the panel names each empty section
    # with a link to it
    assert page.status_code == 200
    assert f'formaction="{submit}"' not in html
    refusal = html[html.index('id="step-refusal"') : html.index("</section>")]
    for name in SHEET_EMPTY:
        assert f"„{name}”" in refusal
        target = section(sheet, _key(sheet, name))
        assert f'href="#sekcja-{target.pk}"' in refusal
    # when the lead fills them in, the page offers the step and says nothing more
    complete(sheet, world.user("lead_coordinator"))
    page = _as(world, "lead_coordinator").get(sheet.get_absolute_url())
    assert f'formaction="{submit}"' in page.content.decode()
    assert 'id="step-refusal"' not in page.content.decode()


def test_the_expert_and_the_officer_see_no_refusal_of_a_step_not_theirs(
    world: World,
) -> None:
    # given Gdynia's MID with required sections empty
    mid = gdynia_mid(world)
    # then its officer (who does not submit) is not told what submitting waits for
    for role in ("city_officer", "expert", "ministry_staff"):
        html = _as(world, role).get(mid.get_absolute_url()).content.decode()
        assert 'id="step-refusal"' not in html, role


def test_a_submission_with_an_empty_required_section_is_refused_next_to_the_step(
    world: World,
) -> None:
    # given Gdynia's MID with required sections empty
    mid = gdynia_mid(world)
    # when its coordinator sends the submit step anyway (a page opened before
    # someone emptied a section, or a hand-made request)
    response = _as(world, "city_coordinator").post(
        reverse("documents:step", args=[mid.pk, "submit"]), {"comment": ""}
    )
    # then it is refused, the review panel naming what is missing
    assert response.status_code == 400
    html = response.content.decode()
    panel = html[html.index('id="workflow-heading"') : html.index("</section>")]
    assert "„Tabela działań”" in panel
    assert "„Diagnoza”" in panel
    assert Document.objects.get(pk=mid.pk).state == State.DRAFT


def _key(document: Document, name: str) -> str:
    return document.sections.get(template__name_pl=name).template.key
