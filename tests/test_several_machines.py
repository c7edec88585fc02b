"""The portal on several machines, as the README's deployment describes it: two web
nodes (gunicorn) behind no sticky load balancer, two Celery workers, one
PostgreSQL, one Redis and an S3 bucket (a real S3-compatible server), all on
127.0.0.1. A person is served by whichever node answers, and no node keeps media on
its own disk."""

import re
import time
from collections.abc import Iterator

import pytest
import requests
from django.urls import reverse

from documents.models import DocumentVersion
from documents.tests.builders import gdynia_mid
from materials.models import Material
from materials.tests.files import PDF
from pdfs.models import JobState, RenderJob
from tests.support.machines import Machines, several_machines
from tests.support.world import World

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

PASSWORD = "haslo-testowe-2026"  # accounts/tests/factories.py


@pytest.fixture
def machines(world: World) -> Iterator[Machines]:
    with several_machines(web_nodes=2, workers=2) as started:
        yield started


def csrf_token(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, f"no form on {page.url}"
    return found.group(1)


def sign_in(browser: requests.Session, node: str, email: str) -> None:
    login = browser.get(node + reverse("account_login"), timeout=10)
    token = csrf_token(login)
    answer = browser.post(
        node + reverse("account_login"),
        {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    assert answer.headers["Location"] == reverse("portal:dashboard")


def rendered(version: DocumentVersion, timeout: float) -> RenderJob:
    deadline = time.monotonic() + timeout
    job = RenderJob.objects.get(version=version, variant=RenderJob.Variant.DRAFT)
    while job.state not in {JobState.READY, JobState.FAILED}:
        assert time.monotonic() < deadline, f"PDF job still {job.state}"
        time.sleep(0.2)
        job.refresh_from_db()
    return job


def test_a_person_is_served_by_any_web_node_and_media_live_only_in_the_bucket(
    world: World, machines: Machines
) -> None:
    node_a, node_b = machines.web
    officer = world.user("city_officer")
    mid = gdynia_mid(world)
    browser = requests.Session()  # one browser, its cookies sent to either node

    try:
        # given the officer signed in on node A
        sign_in(browser, node_a, officer.email)
        # when the next request goes to node B
        form_url = reverse("materials:create") + "?siec=rewitalizacja"
        form = browser.get(node_b + form_url, allow_redirects=False, timeout=10)
        # then node B knows them: the form, not the sign-in page
        assert form.status_code == 200
        assert 'name="file"' in form.text

        # when they upload a material through node A
        upload = browser.post(
            node_a + form_url,
            {
                "title": "Raport z wizyty studyjnej",
                "description": "",
                "language": "pl",
                "visibility": "network",
                "csrfmiddlewaretoken": csrf_token(form),
            },
            files={"file": ("raport.pdf", PDF, "application/pdf")},
            allow_redirects=False,
            timeout=20,
        )
        assert upload.status_code == 302, upload.text[:500]
        material = Material.objects.get(title="Raport z wizyty studyjnej")
        # then node B serves the very same bytes
        download = browser.get(
            node_b + reverse("materials:download", args=[material.pk, 1]), timeout=20
        )
        assert download.status_code == 200
        assert download.content == PDF

        # when they save a version of their MID through node B
        versions_url = reverse("documents:versions", args=[mid.pk])
        versions = browser.get(node_b + versions_url, timeout=10)
        saved = browser.post(
            node_b + versions_url,
            {"note": "Po wizycie", "csrfmiddlewaretoken": csrf_token(versions)},
            allow_redirects=False,
            timeout=20,
        )
        assert saved.status_code == 302
        version = mid.versions.get(note="Po wizycie")
        # then a worker renders its PDF, and node A serves it
        job = rendered(version, timeout=30)
        assert job.state == JobState.READY, job.error
        pdf = browser.get(node_a + reverse("pdfs:download", args=[job.pk]), timeout=20)
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
    except AssertionError:
        print(machines.log_tail())  # the machines' own logs, for whoever reads
        raise

    # and both files are in the bucket, none on any machine's own disk
    keys = machines.bucket_keys()
    assert material.versions.get().file.name in keys
    assert job.file.name in keys
    assert machines.media_on_local_disks() == []
