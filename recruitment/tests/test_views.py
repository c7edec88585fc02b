import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisations.models import Voivodeship
from recruitment.models import Answer, Application, Assignment, Call
from recruitment.services import application_withdraw, evaluators_assign
from recruitment.tests.builders import (
    cities,
    coordinator_of,
    evaluated,
    open_call,
    submitted_application,
)
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _draft(world: World) -> tuple[Application, Client]:
    city = world.partner_city
    application = submitted_application(world, city)
    coordinator = coordinator_of(city, world)
    return application_withdraw(application=application, actor=coordinator), _as(
        coordinator
    )


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 100


def test_a_disguised_file_is_refused_next_to_the_field_and_the_text_kept(
    world: World,
) -> None:
    application, client = _draft(world)
    call = application.call
    text, upload = call.questions.order_by("position")
    response = client.post(
        application.get_absolute_url(),
        {
            "version": application.version,
            f"q{text.pk}": "Nowy opis problemu miasta",
            # an executable renamed to .pdf
            f"q{upload.pk}": SimpleUploadedFile("uchwala.pdf", b"MZ\x90\x00" * 50),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_q{upload.pk}_errors"' in page
    assert "Nowy opis problemu miasta" in page
    assert not Answer.objects.filter(application=application, question=upload).exists()


def test_an_oversized_file_is_refused(world: World) -> None:
    application, client = _draft(world)
    upload = application.call.questions.get(position=2)
    big = SimpleUploadedFile("uchwala.pdf", _pdf() + b" " * (10 * 1024 * 1024))
    response = client.post(
        application.get_absolute_url(),
        {"version": application.version, f"q{upload.pk}": big},
    )
    assert response.status_code == 400
    assert f'id="id_q{upload.pk}_errors"' in response.content.decode()


def test_a_real_pdf_is_kept_and_downloadable_by_the_applicant(world: World) -> None:
    application, client = _draft(world)
    upload = application.call.questions.get(position=2)
    response = client.post(
        application.get_absolute_url(),
        {
            "version": application.version,
            f"q{upload.pk}": SimpleUploadedFile("uchwala.pdf", _pdf()),
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(application=application, question=upload)
    download = client.get(
        reverse("recruitment:answer_file", args=[application.pk, answer.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_form_posted_after_the_deadline_changes_nothing(world: World) -> None:
    application, client = _draft(world)
    text = application.call.questions.get(position=1)
    Call.objects.filter(pk=application.call_id).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=9),
    )
    response = client.post(
        application.get_absolute_url(),
        {"version": application.version, f"q{text.pk}": "Po terminie"},
    )
    assert response.status_code == 400
    assert "Po terminie" in response.content.decode()  # nothing typed is lost
    assert not Answer.objects.filter(text="Po terminie").exists()
    submit = client.post(
        application.get_absolute_url(),
        {
            "version": application.version,
            f"q{text.pk}": "Po terminie",
            "action": "submit",
        },
    )
    assert submit.status_code == 400
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_a_score_outside_the_scale_gets_an_error_next_to_the_field(
    world: World,
) -> None:
    application = submitted_application(world, world.partner_city)
    evaluators_assign(
        applications=[application],
        evaluator=world.user("expert"),
        actor=world.user("ministry_admin"),
    )
    assignment = Assignment.objects.get(application=application)
    first, second = application.call.criteria.order_by("position")
    response = _as(world.user("expert")).post(
        reverse("recruitment:evaluate", args=[assignment.pk]),
        {f"c{first.pk}": "7", f"c{second.pk}": "3", "recommendation": "accepted"},
    )
    assert response.status_code == 400
    assert f'id="id_c{first.pk}_errors"' in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_evaluators_score_blind_until_they_submit(world: World) -> None:
    application = submitted_application(world, world.partner_city)
    evaluated(application, world.user("ministry_staff"), (4, 8))
    evaluators_assign(
        applications=[application],
        evaluator=world.user("expert"),
        actor=world.user("ministry_admin"),
    )
    expert = _as(world.user("expert"))
    page = expert.get(application.get_absolute_url()).content.decode()
    assert "/ 100" not in page  # the ministry evaluator's score is hidden
    evaluated(application, world.user("expert"), (2, 2))
    page = expert.get(application.get_absolute_url()).content.decode()
    assert page.count("/ 100") == 2
    # and the applicant never sees a score
    applicant = _as(coordinator_of(world.partner_city, world))
    assert "/ 100" not in applicant.get(application.get_absolute_url()).content.decode()


def test_the_export_holds_every_application(world: World) -> None:
    from openpyxl import load_workbook

    for city in cities(3):
        submitted_application(world, city)
    call = open_call(world)
    admin = _as(world.user("ministry_admin"))
    csv_text = admin.get(reverse("recruitment:export", args=[call.slug, "csv"]))
    assert csv_text.content.decode().count("\n") == 4
    xlsx = admin.get(reverse("recruitment:export", args=[call.slug, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.active is not None and book.active.max_row == 4


def test_dashboard_and_ranking_do_not_grow_with_105_applications(world: World) -> None:
    call = open_call(world)
    admin = _as(world.user("ministry_admin"))
    regions = list(Voivodeship)

    def apply(count: int, start: int) -> None:
        for n in range(count):
            city = cities(1, regions[(start + n) % len(regions)])[0]
            city.slug = f"m-{start + n}"
            city.save(update_fields=["slug"])
            application = submitted_application(world, city, theme=n % 2)
            if n % 3 == 0:
                evaluated(application, world.user("ministry_staff"), (n % 6, n % 11))

    apply(10, 0)
    urls = [
        reverse(name, args=[call.slug])
        for name in (
            "recruitment:dashboard",
            "recruitment:ranking",
            "recruitment:applications",
        )
    ]
    small = [queries_for(admin, url) for url in urls]
    apply(95, 10)
    assert Application.objects.filter(call=call).count() == 105
    large = [queries_for(admin, url) for url in urls]
    assert large == small
    assert small[0] <= PAGE_QUERY_BUDGET  # the dashboard, one of the main pages


def test_the_dashboard_chart_uses_numbers_svg_can_read(world: World) -> None:
    submitted_application(world, cities(1)[0])
    client = Client()
    client.force_login(world.user("ministry_admin"))
    page = client.get(
        reverse("recruitment:dashboard", args=[open_call(world).slug])
    ).content.decode()
    assert 'width="320.0"' in page
