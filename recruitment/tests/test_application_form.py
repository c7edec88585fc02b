"""The application page is one form: submitting sends the answers with it, so
nothing typed is lost, and what is missing is named next to its field."""

import re

import pytest
from django.test import Client
from django.utils import translation

from organisations.models import Membership, Organisation
from organisations.services import membership_grant
from recruitment.models import Answer, Application
from recruitment.tests.builders import draft_to_complete, open_call
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _version_on(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, "the page has no version field"
    return found.group(1)


def test_submit_pressed_first_keeps_every_answer_and_names_the_missing_one(
    world: World,
) -> None:
    # given Gdynia's coordinator typed the text answer but not the number
    application, text, number = draft_to_complete(world)
    client = _as(world.user("city_coordinator"))
    # when she presses "Submit the application" without saving the draft first
    response = client.post(
        application.get_absolute_url(),
        {
            "version": application.version,
            f"q{text.pk}": "Pustostany w Śródmieściu.",
            f"q{number.pk}": "",
            "action": "submit",
        },
    )
    # then the page comes back with what she typed, the missing answer named
    # next to its field and nothing else marked
    page = response.content.decode()
    assert response.status_code == 400
    assert "Pustostany w Śródmieściu." in page
    assert f'id="id_q{number.pk}_errors"' in page
    assert f'aria-describedby="id_q{number.pk}_errors"' in page
    assert f'id="id_q{text.pk}_errors"' not in page
    # and what she typed is saved in the draft, which is not submitted
    assert Answer.objects.get(question=text).text == "Pustostany w Śródmieściu."
    assert Application.objects.get(pk=application.pk).status == "draft"

    # when she adds the number on the same page and submits again
    again = client.post(
        application.get_absolute_url(),
        {
            "version": _version_on(page),
            f"q{text.pk}": "Pustostany w Śródmieściu.",
            f"q{number.pk}": "12500",
            "action": "submit",
        },
    )
    # then the application is submitted with both answers
    assert again.status_code == 302
    submitted = Application.objects.get(pk=application.pk)
    assert submitted.status == "submitted"
    assert Answer.objects.get(question=number).number == 12500


def test_save_keeps_the_draft_and_submit_sends_it_in_one_click(world: World) -> None:
    # given a draft and every required answer typed
    application, text, number = draft_to_complete(world)
    client = _as(world.user("city_coordinator"))
    answers = {f"q{text.pk}": "Zielone podwórka.", f"q{number.pk}": "830"}
    # when she saves the draft
    saved = client.post(
        application.get_absolute_url(),
        {"version": application.version, **answers, "action": "save"},
    )
    # then it stays a draft
    assert saved.status_code == 302
    assert Application.objects.get(pk=application.pk).status == "draft"
    # when she submits it
    submitted = client.post(
        application.get_absolute_url(),
        {"version": application.version + 1, **answers, "action": "submit"},
    )
    # then it is submitted in the one click
    assert submitted.status_code == 302
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_required_questions_carry_an_asterisk_and_are_announced(
    world: World,
) -> None:
    # given a call with required questions and an optional file
    application, text, number = draft_to_complete(world)
    upload = application.call.questions.get(position=2)
    # when the coordinator opens the application
    page = (
        _as(world.user("city_coordinator"))
        .get(application.get_absolute_url())
        .content.decode()
    )
    # then each required question has the asterisk and the required state, the
    # optional one has neither, and the legend says what the asterisk means
    star = '<span class="required" aria-hidden="true">*</span></label>'
    for question in (text, number):
        label = re.search(rf'<label for="id_q{question.pk}">.*?</label>', page, re.S)
        assert label and label.group(0).endswith(star)
        control = re.search(rf'<[^>]* id="id_q{question.pk}"[^>]*>', page)
        assert control and " required" in control.group(0)
    label = re.search(rf'<label for="id_q{upload.pk}">.*?</label>', page, re.S)
    assert label and star not in label.group(0)
    assert 'class="help required-legend"' in page
    # and the page has one form for the answers, whose buttons save or submit
    assert page.count('name="action" value="save"') == 1
    assert page.count('name="action" value="submit"') == 1
    assert "/zloz/" not in page


def test_the_only_organisation_is_preselected_and_a_choice_of_several_is_not(
    world: World,
) -> None:
    # given a call and Gdynia's coordinator, who coordinates one city
    call = open_call(world)
    coordinator = world.user("city_coordinator")
    with translation.override("pl"):
        # when she opens the call
        page = _as(coordinator).get(call.get_absolute_url()).content.decode()
        # then the applicant select holds Gdynia alone, chosen
        select = re.search(r'<select name="organisation".*?</select>', page, re.S)
        assert select and "---------" not in select.group(0)
        assert 'value="gdynia"' in select.group(0)
        # given she coordinates a second city too
        membership_grant(
            user=coordinator,
            organisation=Organisation.objects.get(slug="torun"),
            role=Membership.Role.COORDINATOR,
        )
        # when she opens the call again
        page = _as(coordinator).get(call.get_absolute_url()).content.decode()
        # then she must choose: the select starts empty
        select = re.search(r'<select name="organisation".*?</select>', page, re.S)
        assert select and "---------" in select.group(0)
