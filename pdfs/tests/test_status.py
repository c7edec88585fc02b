"""The document page says where the PDF of its newest version stands, read with
the document: the final PDF once that version is published, the draft before."""

import datetime
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from documents.models import Document, State
from documents.selectors import newest_version
from documents.tests.builders import network_sheet
from pdfs import jobs as pdf_jobs
from pdfs.models import Failure, JobState, RenderJob
from pdfs.rendering import TEMPLATE_REVISION
from pdfs.selectors import job_for
from pdfs.services import pdf_request
from pdfs.tasks import sweep
from pdfs.tests.builders import mid_version
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _failed_jobs(document: Document) -> None:
    """Both variants of the newest version failed, each with its own reason."""
    version = newest_version(document=document)
    assert version is not None
    for variant in RenderJob.Variant:
        RenderJob.objects.update_or_create(
            version=version,
            variant=variant,
            template_revision=TEMPLATE_REVISION,
            defaults={"state": JobState.FAILED, "error": f"powód-{variant}"},
        )


def _status(role: str, world: World, document: Document) -> str:
    client = Client()
    client.force_login(world.user(role))
    page = client.get(reverse("documents:detail", args=[document.pk]))
    assert page.status_code == 200
    return page.text


def test_a_published_version_shows_its_final_pdf_and_a_draft_its_draft(
    world: World,
) -> None:
    # given a published Network Sheet and a draft MID, each with both PDFs failed
    sheet = network_sheet(world, State.PUBLISHED)
    mid = mid_version(world).document
    for document in (sheet, mid):
        _failed_jobs(document)
    # then each page names (to the ministry, who alone is shown reasons) the reason
    # of the PDF that job_for picks, not the other's
    cases = [("ministry_staff", sheet, "final"), ("ministry_admin", mid, "draft")]
    for role, document, variant in cases:
        version = newest_version(document=Document.objects.get(pk=document.pk))
        assert version is not None
        job = job_for(version)
        assert job is not None and job.variant == variant
        page = _status(role, world, document)
        assert f"powód-{variant}" in page
        other = "draft" if variant == "final" else "final"
        assert f"powód-{other}" not in page


SECRET_REASON = "OSError: [Errno 13] Permission denied: '/srv/pim/media/pdf/x.pdf'"


def _failed(world: World, failure: str) -> Document:
    """Gdynia's MID whose newest version's PDF failed, with `failure`."""
    version = mid_version(world)
    job = pdf_request(version=version, send=False)
    RenderJob.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error=SECRET_REASON, failure=failure
    )
    return version.document


@pytest.mark.parametrize("role", ["city_officer", "city_coordinator", "expert"])
def test_a_failed_pdf_is_told_in_plain_words_without_the_exception(
    world: World, role: str
) -> None:
    # given the PDF of Gdynia's MID failed with an exception naming a server path
    document = _failed(world, Failure.ERROR)
    # when someone of the city, or the network's expert, opens the document
    page = _status(role, world, document)
    # then they read that it failed and what to do, and nothing of the exception
    assert "Nie udało się przygotować PDF wersji" in page
    assert "Ministerstwo widzi, co poszło nie tak; spróbuj ponownie później." in page
    assert "Permission denied" not in page
    assert "/srv/pim" not in page
    assert "OSError" not in page


def test_a_pdf_that_took_too_long_is_told_so(world: World) -> None:
    document = _failed(world, Failure.TIMEOUT)
    page = _status("city_officer", world, document)
    assert "trwało zbyt długo" in page
    assert "Permission denied" not in page


@pytest.mark.parametrize("role", ["ministry_admin", "ministry_staff"])
def test_the_ministry_is_shown_the_exception_of_a_failed_pdf(
    world: World, role: str
) -> None:
    document = _failed(world, Failure.ERROR)
    page = _status(role, world, document)
    assert "Nie udało się przygotować PDF wersji" in page
    assert escape(SECRET_REASON) in page


def test_a_failed_render_keeps_the_exception_and_its_kind(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a render that raises, with no attempt left after it
    settings.PDF_MAX_ATTEMPTS = 1

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full at /srv/pim/media")

    monkeypatch.setattr(pdf_jobs, "render", broken)
    job = pdf_request(version=mid_version(world), send=False)
    # when the worker renders it
    job = pdf_jobs.pdf_render(job_id=job.pk)
    # then the job failed, keeping the exception for the ministry, and its kind
    assert job.state == JobState.FAILED
    assert job.failure == Failure.ERROR
    assert job.error == "OSError: disk full at /srv/pim/media"


def test_a_render_past_its_time_limit_is_a_time_out(
    world: World, settings: Any
) -> None:
    settings.PDF_MAX_ATTEMPTS = 1
    job = pdf_request(version=mid_version(world), send=False)
    RenderJob.objects.filter(pk=job.pk).update(state=JobState.RENDERING, attempts=1)
    job = pdf_jobs.pdf_timed_out(job_id=job.pk, seconds=60)
    assert job.state == JobState.FAILED
    assert job.failure == Failure.TIMEOUT
    assert "TimeoutError" in job.error


def test_a_pdf_the_sweeper_gives_up_on_is_logged_with_its_job(
    world: World, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # given a render that lost its worker long ago, with no attempt left
    settings.PDF_MAX_ATTEMPTS = 1
    job = pdf_request(version=mid_version(world), send=False)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    RenderJob.objects.filter(pk=job.pk).update(
        state=JobState.RENDERING, started_at=long_ago, attempts=1
    )
    # when the sweeper runs
    with caplog.at_level(logging.ERROR, logger="pdfs.tasks"):
        sweep()
    # then the job failed, and the failure is logged with the job's id
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert f"PDF job {job.pk} failed" in caplog.text
