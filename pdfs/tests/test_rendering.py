"""The print-out itself: Polish text intact, tagged PDF/UA, a draft says so, one file
per version, and a fetcher that serves nothing but the portal's own files."""

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from documents.models import DocumentVersion, State
from documents.selectors import published_sections
from documents.services import document_version_create
from documents.tests.builders import add_action, gdynia_mid, network_sheet
from pdfs.jobs import bundle_build, pdf_render
from pdfs.models import Bundle, JobState, RenderJob
from pdfs.rendering import (
    MEDIA_PREFIX,
    STATIC_PREFIX,
    PortalFetcher,
    Refused,
    print_html,
)
from pdfs.services import bundle_request, pdf_request
from pdfs.tasks import sweep
from pdfs.tests.builders import mid_version
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _rendered(version: DocumentVersion, variant: str, tmp_path: Path) -> Path:
    job = pdf_request(version=version, variant=variant)
    job = pdf_render(job_id=job.pk)
    assert job.state == JobState.READY, job.error
    target = tmp_path / f"{variant}.pdf"
    with job.file.open("rb") as handle:
        target.write_bytes(handle.read())
    return target


def _text(pdf: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def _info(pdf: Path) -> str:
    return subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout


def test_a_mid_prints_with_polish_text_tagged_and_marked_as_draft(
    world: World, tmp_path: Path
) -> None:
    # given Gdynia's MID with an action, saved as version 1
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    add_action(mid, officer, "Zielone podwórka w Śródmieściu")
    version = document_version_create(document=mid, actor=officer, note="")
    # when its draft PDF is made
    pdf = _rendered(version, RenderJob.Variant.DRAFT, tmp_path)
    text = _text(pdf)
    info = _info(pdf)
    # then the Polish text survives with its diacritics, in a real table
    assert "Ożywienie dzielnicy Śródmieście." in text
    assert "Zielone podwórka w Śród" in text  # hyphenated the Polish way
    assert "Zieleń (m²)" in text
    assert "wersja 1 (projekt)" in text  # the running header of every page
    assert "Strona 2 z" in text
    # and the file is tagged, in Polish, with its title
    assert "Tagged:          yes" in info
    assert "Miejska Inicjatywa Działania (MID) — Gdynia — wersja 1" in info
    assert "Gdynia" in info.split("Author:")[1].splitlines()[0]


def test_the_published_version_prints_without_the_draft_mark(
    world: World, tmp_path: Path
) -> None:
    sheet = network_sheet(world, State.PUBLISHED)
    assert sheet.published_version is not None
    pdf = _rendered(sheet.published_version, RenderJob.Variant.FINAL, tmp_path)
    text = _text(pdf)
    assert "(projekt)" not in text
    assert "Pustostany w śródmieściach." in text


def test_only_a_draft_carries_the_watermark(world: World) -> None:
    sheet = network_sheet(world, State.PUBLISHED)
    assert sheet.published_version is not None
    draft, _media = print_html(sheet.published_version, draft=True)
    final, _media = print_html(sheet.published_version, draft=False)
    assert 'class="watermark"' in draft
    assert "PROJEKT — wersja 1" in draft
    assert 'class="watermark"' not in final


def test_rendering_again_keeps_one_file_per_version(world: World) -> None:
    mid = gdynia_mid(world)
    version = document_version_create(
        document=mid, actor=world.user("city_officer"), note=""
    )
    job = pdf_request(version=version)
    first = pdf_render(job_id=job.pk)
    # a ready job is not rendered again
    assert pdf_render(job_id=job.pk).finished_at == first.finished_at
    # a forced re-render (e.g. a redelivered message) overwrites the same file
    RenderJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
    again = pdf_render(job_id=job.pk)
    assert again.file.name == first.file.name
    _dirs, files = default_storage.listdir(f"pdf/{mid.pk}")
    assert files == [Path(str(first.file.name)).name]
    assert RenderJob.objects.filter(version=version).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "https://example.com/x.png",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        STATIC_PREFIX + "../../pim_portal/settings/base.py",
        STATIC_PREFIX + "css/%2e%2e/%2e%2e/manage.py",
        STATIC_PREFIX + "css/print.css?x=1",
        MEDIA_PREFIX + "logos/someone-else.png",
        "ftp://example.com/file",
        "//127.0.0.1/x",
    ],
)
def test_the_fetcher_refuses_anything_but_the_portals_own_files(url: str) -> None:
    fetcher = PortalFetcher()
    with pytest.raises(Refused):
        fetcher.fetch(url)
    assert fetcher.refused


def test_the_fetcher_serves_the_print_stylesheet() -> None:
    response = PortalFetcher().fetch(STATIC_PREFIX + "css/print.css")
    assert b"@page" in response.read()


def test_the_ministry_gets_every_published_mid_in_one_zip(world: World) -> None:
    mid = gdynia_mid(world, State.PUBLISHED)
    bundle = bundle_request(network=world.network, actor=world.user("ministry_admin"))
    bundle = bundle_build(bundle_id=bundle.pk)
    assert bundle.state == JobState.READY, bundle.error
    with bundle.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert names == [f"MID-Gdynia-v{mid.versions.count()}.pdf"]


def test_a_zip_requested_while_the_broker_was_down_is_swept_up(world: World) -> None:
    gdynia_mid(world, State.PUBLISHED)
    # the request's after-commit dispatch never ran (the broker was down)
    bundle = Bundle.objects.create(
        network=world.network, requested_by=world.user("ministry_admin")
    )
    sweep()  # tasks run in-process here: the sweeper's dispatch builds it
    bundle.refresh_from_db()
    assert bundle.state == JobState.READY


def test_short_sections_share_pages_instead_of_one_page_each(
    world: World, tmp_path: Path
) -> None:
    # given Gdynia's MID whose sections are one line each, or not written
    version = mid_version(world, challenge="Ożywienie Śródmieścia Gdyni.")
    sections = len(published_sections(version=version))
    # when it is printed
    pdf = _rendered(version, RenderJob.Variant.DRAFT, tmp_path)
    # then the sections follow one another: after the cover and the contents,
    # fewer pages than sections
    pages = int(re.search(r"Pages:\s+(\d+)", _info(pdf)).group(1))  # type: ignore[union-attr]
    assert pages - 2 < sections
    assert "Ożywienie Śródmieścia Gdyni." in _text(pdf)
