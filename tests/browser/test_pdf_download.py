"""A MID's PDF in Chromium: the page follows the PDF's state live, the expert
downloads it under its stable name, another city is refused it."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from documents.services import document_version_create
from documents.tests.builders import add_action, gdynia_mid
from pdfs.jobs import pdf_render
from pdfs.models import JobState, RenderJob
from pim_portal.celery import app
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_expert_downloads_the_mid_pdf_and_another_city_cannot(
    browser: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    # given Gdynia's MID saved as a version while no worker is running
    mid = gdynia_mid(world)
    add_action(mid, world.user("city_officer"), "Zielone podwórka")
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        version = document_version_create(
            document=mid, actor=world.user("city_officer"), note=""
        )
    finally:
        app.conf.task_always_eager = eager
    job = RenderJob.objects.get(version=version)
    assert job.state == JobState.QUEUED

    # when the expert opens the MID, the page says the PDF is waiting
    expert = signed_in_tab(browser, live_server, "expert@example.pl")
    expert.goto(mid.get_absolute_url())
    status = expert.locator(f"#pdf-{version.pk}")
    assert status.get_attribute("hx-trigger") == "every 2s"
    assert_accessible(expert)
    # and once a worker has made it, the link appears without reloading
    pdf_render(job_id=job.pk)
    link = expert.locator(f"a[href='{reverse('pdfs:download', args=[job.pk])}']")
    link.wait_for(timeout=15_000)
    assert_accessible(expert)
    with expert.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"MID-Gdynia-v{version.number}.pdf"
    saved = tmp_path / "mid.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    # then Katowice, another city of the network, is refused the same file
    katowice = signed_in_tab(browser, live_server, "lead_coordinator@example.pl")
    response = katowice.request.get(
        live_server.url + reverse("pdfs:download", args=[job.pk])
    )
    assert response.status == 404


def test_the_versions_page_shows_the_pdf_once_made_without_reloading(
    browser: Any, live_server: Any, world: World
) -> None:
    # given Gdynia's MID and its officer on its versions page, no worker running
    mid = gdynia_mid(world)
    officer = signed_in_tab(browser, live_server, "city_officer@example.pl")
    officer.goto(reverse("documents:versions", args=[mid.pk]))
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        # when the officer saves a version, landing back on the versions page
        officer.locator("#id_note").fill("Po warsztatach")
        click_to_load(officer.locator("form.narrow button[type=submit]"))
    finally:
        app.conf.task_always_eager = eager
    version = mid.versions.get(note="Po warsztatach")
    job = RenderJob.objects.get(version=version)
    assert job.state == JobState.QUEUED
    # then the row says the PDF is waiting, and follows it
    cell = officer.locator(f"#pdf-{version.pk}")
    assert cell.get_attribute("hx-trigger") == "every 2s"
    assert_accessible(officer)
    # and once a worker has made it, the link appears without reloading
    pdf_render(job_id=job.pk)
    link = officer.locator(f"a[href='{reverse('pdfs:download', args=[job.pk])}']")
    link.wait_for(timeout=15_000)
    assert officer.locator(f"#pdf-{version.pk}").get_attribute("hx-trigger") is None
