"""The document page says where the PDF of its newest version stands, read with
the document: the final PDF once that version is published, the draft before."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.world import World
from documents.models import Document, State
from documents.selectors import newest_version
from documents.tests.builders import network_sheet
from pdfs.models import JobState, RenderJob
from pdfs.rendering import TEMPLATE_REVISION
from pdfs.selectors import job_for
from pdfs.tests.builders import mid_version

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
    # then each page names the reason of the PDF that job_for picks, not the other's
    cases = [("lead_coordinator", sheet, "final"), ("city_officer", mid, "draft")]
    for role, document, variant in cases:
        version = newest_version(document=Document.objects.get(pk=document.pk))
        assert version is not None
        job = job_for(version)
        assert job is not None and job.variant == variant
        page = _status(role, world, document)
        assert f"powód-{variant}" in page
        other = "draft" if variant == "final" else "final"
        assert f"powód-{other}" not in page
