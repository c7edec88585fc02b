"""Help texts carry what people typed (a question's help, a criterion's
description, an uploaded file's name): they are shown as text, never as markup."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from recruitment.forms import AnswersForm, ScoreForm
from recruitment.models import Assignment, Criterion, Question
from recruitment.services import (
    application_withdraw,
    criterion_add,
    evaluators_assign,
    question_add,
)
from recruitment.tests.builders import coordinator_of, submitted_application
from tests.support.world import World

pytestmark = pytest.mark.django_db

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 100


def test_an_uploaded_file_with_a_hostile_name_is_shown_as_text(world: World) -> None:
    # given a draft whose applicant uploaded a file named like markup
    city = world.partner_city
    coordinator = coordinator_of(city, world)
    application = application_withdraw(
        application=submitted_application(world, city), actor=coordinator
    )
    upload = application.call.questions.get(position=2)
    client = _as(coordinator)
    posted = client.post(
        application.get_absolute_url(),
        {
            "version": application.version,
            f"q{upload.pk}": SimpleUploadedFile(f"{IMG}.pdf", _pdf()),
        },
    )
    assert posted.status_code == 302
    # when the application form is shown again
    page = client.get(application.get_absolute_url()).content.decode()
    # then the name is text next to the file field, and no markup of it is live
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
    assert "<img src=x" not in page


def test_a_hostile_question_help_text_is_shown_as_text(world: World) -> None:
    # given a question whose help text a ministry officer typed as markup
    application = submitted_application(world, world.partner_city)
    coordinator = coordinator_of(world.partner_city, world)
    application = application_withdraw(application=application, actor=coordinator)
    for position, kind in ((3, Question.Kind.TEXT), (4, Question.Kind.FILE)):
        question_add(
            call=application.call,
            values={
                "position": position,
                "text": f"Pytanie {position}",
                "help_text": f"{SCRIPT} {IMG}",
                "kind": kind,
                "options": "",
                "required": False,
                "track": "",
            },
            actor=world.user("ministry_admin"),
        )
    # when the applicant opens the form
    page = _as(coordinator).get(application.get_absolute_url()).content.decode()
    # then both help texts (a text field's and a file field's) are plain text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 2
    assert "<script>alert" not in page
    assert "<img src=x" not in page


def test_a_hostile_criterion_description_is_shown_as_text_on_the_scoring_form(
    world: World,
) -> None:
    # given a criterion whose description was typed as markup, and an evaluator
    application = submitted_application(world, world.partner_city)
    criterion_add(
        call=application.call,
        values={
            "position": 3,
            "name": "Kryterium",
            "description": f"{SCRIPT} {IMG}",
            "scale_max": 3,
            "weight": Decimal(1),
        },
        actor=world.user("ministry_admin"),
    )
    evaluators_assign(
        applications=[application],
        evaluator=world.user("expert"),
        actor=world.user("ministry_admin"),
    )
    assignment = Assignment.objects.get(application=application)
    # when the evaluator opens the scoring form
    response = _as(world.user("expert")).get(
        reverse("recruitment:evaluate", args=[assignment.pk])
    )
    # then the description is plain text
    page = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page


def test_typed_help_texts_are_text_in_djangos_own_form_rendering_too() -> None:
    # given a question and a criterion typed as markup (Django's own form
    # templates print help texts with |safe)
    question = Question(pk=1, text="Pytanie", help_text=IMG, kind=Question.Kind.FILE)
    criterion = Criterion(pk=1, name="Kryterium", description=SCRIPT, scale_max=3)
    # when the forms render themselves
    html = str(AnswersForm(questions=[question], answers={})) + str(
        ScoreForm(criteria=[criterion])
    )
    # then nothing typed is markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "<script>alert" not in html
