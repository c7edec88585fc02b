"""Every numbered version of a document gets its PDF, though documents knows nothing
of pdfs (it sits below in the stack): documents announces the version
(documents/signals.py), pdfs asks for the PDF in the same transaction and hands it
to the queue after commit; a failed render goes back to the queue from its task;
documents' pages show the PDFs through pdfs' template filters, read with the
pages' own queries."""

from typing import Any

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from documents.models import DocumentVersion, State
from documents.selectors import page_documents, versions
from documents.services import document_version_create
from documents.tests.builders import gdynia_mid, network_sheet
from pdfs import jobs as pdf_jobs
from pdfs import receivers
from pdfs.models import JobState, RenderJob
from pdfs.selectors import job_for
from pdfs.services import pdf_request
from pdfs.tasks import render_pdf, sweep
from pdfs.templatetags.pdf_panels import newest_version_pdf, with_pdfs
from pdfs.tests.builders import mid_version
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _quick_render(version: DocumentVersion, *, variant: str) -> tuple[bytes, list]:
    return b"%PDF-1.7 quick", []


def _broken_render(version: DocumentVersion, *, variant: str) -> tuple[bytes, list]:
    raise OSError("disk full")


def test_a_saved_version_asks_for_its_draft_pdf_and_sends_it_after_commit(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given Gdynia's MID in draft (and a quick renderer)
    monkeypatch.setattr(pdf_jobs, "render", _quick_render)
    mid = gdynia_mid(world)
    # when the officer saves a version, and before the save commits
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = document_version_create(
            document=mid, actor=world.user("city_officer"), note="Po warsztatach"
        )
    # then its PDF, with the draft mark, is asked for but not yet sent
    job = RenderJob.objects.get(version=version)
    assert (job.variant, job.state) == (RenderJob.Variant.DRAFT, JobState.QUEUED)
    assert job.dispatched_at is None
    # and once the save commits, the job goes to the queue (here: run at once)
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.dispatched_at is not None
    assert job.state == JobState.READY


def test_publishing_asks_for_the_final_pdf_of_the_published_version(
    world: World,
) -> None:
    # when the Network Sheet is published
    sheet = network_sheet(world, State.PUBLISHED)
    published = sheet.published_version
    assert published is not None
    # then its final PDF (without the draft mark) is the one people are given
    job = job_for(published)
    assert job is not None
    assert job.variant == RenderJob.Variant.FINAL
    assert job.state == JobState.QUEUED


def test_a_version_is_not_saved_when_its_pdf_cannot_be_asked_for(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given Gdynia's MID, and a PDF request that fails (the database refuses it)
    mid = gdynia_mid(world)
    before = mid.versions.count()

    def refused(**_kwargs: object) -> RenderJob:
        raise DatabaseError("refused")

    monkeypatch.setattr(receivers, "pdf_request", refused)
    # when the officer saves a version
    with pytest.raises(DatabaseError):
        document_version_create(
            document=mid, actor=world.user("city_officer"), note="Bez PDF"
        )
    # then nothing is saved: a version never goes without its PDF
    assert mid.versions.count() == before


def test_a_failed_render_with_attempts_left_is_sent_again_by_its_task(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a version whose render fails, with two attempts allowed
    settings.PDF_MAX_ATTEMPTS = 2
    monkeypatch.setattr(pdf_jobs, "render", _broken_render)
    job = pdf_request(version=mid_version(world), send=False)
    # when the worker's task renders it (the queue runs its tasks at once here)
    render_pdf(job.pk)
    # then the task sent it again after the first failure, and the second one,
    # the last allowed, failed it for good
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.state == JobState.FAILED
    assert job.error == "OSError: disk full"


def test_a_render_run_outside_a_task_leaves_its_next_attempt_to_the_sweeper(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a version whose render fails once, with two attempts allowed
    settings.PDF_MAX_ATTEMPTS = 2
    monkeypatch.setattr(pdf_jobs, "render", _broken_render)
    job = pdf_request(version=mid_version(world), send=False)
    # when it is rendered directly, not by its task
    job = pdf_jobs.pdf_render(job_id=job.pk)
    # then it waits for its next attempt, which the sweeper sends
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    monkeypatch.setattr(pdf_jobs, "render", _quick_render)
    sweep()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.READY, 2)


def test_the_document_page_reads_the_newest_pdf_with_the_document(
    world: World, django_assert_num_queries: Any
) -> None:
    # given Gdynia's MID with a saved version, whose PDF is asked for
    version = mid_version(world)
    job = RenderJob.objects.get(version=version)
    # when the document is read as its page reads it
    document = page_documents().get(pk=version.document_id)
    # then its newest version's PDF came with it: no query of its own
    with django_assert_num_queries(0):
        assert newest_version_pdf(document) == job


def test_the_versions_list_reads_the_pdfs_of_all_versions_in_one_query(
    world: World, django_assert_num_queries: Any
) -> None:
    # given Gdynia's MID with three saved versions, each with its PDF asked for
    mid = gdynia_mid(world)
    for note in ("pierwsza", "druga", "trzecia"):
        document_version_create(
            document=mid, actor=world.user("city_officer"), note=note
        )
    listed = list(versions(document=mid))
    # when the list's PDFs are read, then it takes one query for all of them
    with django_assert_num_queries(1):
        pairs = with_pdfs(listed)
    assert [(version, job.version_id if job else None) for version, job in pairs] == [
        (version, version.pk) for version in listed
    ]


@pytest.mark.parametrize(
    ("role", "offered"),
    [("ministry_admin", True), ("ministry_staff", True), ("city_officer", False)],
)
def test_only_the_ministry_is_offered_the_zip_of_published_mids(
    world: World, role: str, offered: bool
) -> None:
    # given a network with a published MID
    gdynia_mid(world, State.PUBLISHED)
    client = Client()
    client.force_login(world.user(role))
    # when its published documents are shown
    page = client.get(reverse("documents:public_network", args=[world.network.slug]))
    # then only the ministry is offered the ZIP of all of them
    assert page.status_code == 200
    zip_url = reverse("pdfs:bundle_create", args=[world.network.slug])
    assert (zip_url in page.content.decode()) is offered


def test_the_versions_page_follows_a_pdf_being_made_until_it_is_ready(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given Gdynia's MID just saved as a version, its PDF waiting for the worker
    monkeypatch.setattr(pdf_jobs, "render", _quick_render)
    version = mid_version(world)
    job = RenderJob.objects.get(version=version)
    assert job.state == JobState.QUEUED
    officer = Client()
    officer.force_login(world.user("city_officer"))
    document = version.document
    # when the officer lands on the versions page
    page = officer.get(reverse("documents:versions", args=[document.pk]))
    # then the version's PDF cell asks for its state every 2 s, passively
    status_url = reverse("pdfs:status", args=[document.pk, version.number])
    cell = _tag(page.content.decode(), f'id="pdf-{version.pk}"')
    assert f'hx-get="{status_url}?compact=1"' in cell
    assert 'hx-trigger="every 2s"' in cell
    assert """hx-headers='{"X-Portal-Passive": "1"}'""" in cell
    # when the worker has made it, then the next poll answers with the link and
    # stops polling
    pdf_jobs.pdf_render(job_id=job.pk)
    answer = officer.get(status_url, {"compact": "1"}, HTTP_HX_REQUEST="true")
    text = answer.content.decode()
    assert reverse("pdfs:download", args=[job.pk]) in text
    assert "hx-trigger" not in _tag(text, f'id="pdf-{version.pk}"')


def test_the_versions_page_stops_following_a_failed_pdf_and_offers_a_retry(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a version whose only render attempt failed
    settings.PDF_MAX_ATTEMPTS = 1
    monkeypatch.setattr(pdf_jobs, "render", _broken_render)
    version = mid_version(world)
    job = pdf_jobs.pdf_render(job_id=RenderJob.objects.get(version=version).pk)
    assert job.state == JobState.FAILED
    officer = Client()
    officer.force_login(world.user("city_officer"))
    # when the officer opens the versions page
    page = officer.get(reverse("documents:versions", args=[version.document_id]))
    text = page.content.decode()
    # then its cell no longer polls and offers to try again
    assert "hx-trigger" not in _tag(text, f'id="pdf-{version.pk}"')
    assert reverse("pdfs:retry", args=[job.pk]) in text


def _tag(html: str, marker: str) -> str:
    """The opening tag that carries `marker`."""
    at = html.index(marker)
    return html[html.rindex("<", 0, at) : html.index(">", at) + 1]
