"""PDFs through the whole pipeline — a real Redis, a real Celery worker with beat
running the sweeper: a job requested while Redis is down, a worker killed in the
middle of a render, hostile documents under the time limits."""

import datetime
import http.server
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from celery import current_app
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from documents.models import DocumentVersion
from documents.tests.builders import gdynia_mid
from pdfs.models import JobState, RenderJob
from pdfs.tests.builders import action_table, mid_version
from tests.support.worker import (
    PrivateRedis,
    celery_worker,
    private_redis,
    stop_worker,
    worker_environment,
)
from tests.support.world import World

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture
def no_eager() -> Iterator[None]:
    """Tasks go through the broker, as in production (the portal's Celery app is
    the default one: pim_portal/celery.py)."""
    conf = current_app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    yield
    conf.task_always_eager = eager


def wait_for(job: RenderJob, states: set[str], timeout: float) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.2)
    raise AssertionError(f"PDF job still {job.state} after {timeout}s: {job.error}")


def job_of(version: DocumentVersion) -> RenderJob:
    return RenderJob.objects.get(version=version, variant=RenderJob.Variant.DRAFT)


def pdf_worker(
    redis: PrivateRedis, *, pool: str = "prefork", **settings: str
) -> AbstractContextManager[subprocess.Popen[bytes]]:
    """A worker on both queues with beat (the sweeper), working on this test's data
    through the test's own Redis, with these settings (PDF_…) in its environment."""
    environment = {**worker_environment(), "REDIS_URL": redis.url, **settings}
    return celery_worker(queues="celery,pdf", pool=pool, beat=True, env=environment)


def test_a_pdf_requested_while_redis_is_down_appears_once_it_is_back(
    world: World, no_eager: None
) -> None:
    mid = gdynia_mid(world)
    officer = Client()
    officer.force_login(world.user("city_officer"))
    with private_redis() as redis:
        # given Redis is down
        redis.stop()
        # when the officer saves a version of the MID
        response = officer.post(
            reverse("documents:versions", args=[mid.pk]), {"note": "Po warsztatach"}
        )
        # then the save succeeds and the page says the PDF is waiting
        assert response.status_code == 302
        version = mid.versions.get(note="Po warsztatach")
        job = job_of(version)
        assert job.state == JobState.QUEUED
        assert job.dispatched_at is None
        page = officer.get(mid.get_absolute_url()).content.decode()
        assert f'id="pdf-{version.pk}"' in page
        assert 'hx-trigger="every 2s"' in page
        # when Redis is back (and the worker with its sweeper runs)
        redis.start()
        with pdf_worker(
            redis,
            pool="solo",
            PDF_SWEEP_SECONDS="1",
            PDF_REDISPATCH="2",
        ):
            # then the PDF appears without anyone asking again
            job = wait_for(job, {JobState.READY}, timeout=90)
        assert default_storage.exists(str(job.file.name))
        status = officer.get(reverse("pdfs:status", args=[mid.pk, version.number]))
        assert reverse("pdfs:download", args=[job.pk]) in status.content.decode()


def test_a_worker_killed_mid_render_is_replaced_and_one_file_results(
    world: World, no_eager: None
) -> None:
    with private_redis() as redis:
        # given a long MID (about four seconds of rendering, well inside the limits
        # even on a slow machine) and a worker on it
        version = mid_version(world, actions=action_table(200))
        job = job_of(version)
        settings = {
            "PDF_SWEEP_SECONDS": "1",
            "PDF_SOFT_TIME_LIMIT": "12",
            "PDF_TIME_LIMIT": "15",
        }
        with pdf_worker(redis, **settings) as w:
            job = wait_for(job, {JobState.RENDERING}, timeout=60)
            # when the worker dies in the middle of the render
            stop_worker(w, kill=True)
        job.refresh_from_db()
        assert job.state == JobState.RENDERING
        # then a new worker's sweeper takes the job up again and finishes it
        with pdf_worker(redis, **settings):
            job = wait_for(job, {JobState.READY}, timeout=120)
        assert job.attempts == 2
        _folders, files = default_storage.listdir(f"pdf/{version.document_id}")
        made = [name for name in files if name.startswith(f"v{version.number}-")]
        assert made == [Path(str(job.file.name)).name]


def test_a_render_the_hard_limit_kills_is_recorded_failed_at_once(
    world: World, no_eager: None
) -> None:
    with private_redis() as redis:
        # given a MID that takes a few seconds to render, past the hard limit
        version = mid_version(world, actions=action_table(200))
        # when the worker's hard limit kills the render
        with pdf_worker(
            redis,
            PDF_SWEEP_SECONDS="3600",  # the sweeper stays out of it
            PDF_SOFT_TIME_LIMIT="0",  # none: only the hard limit stops the render
            PDF_TIME_LIMIT="1",
            PDF_MAX_ATTEMPTS="1",
        ):
            job = wait_for(job_of(version), {JobState.FAILED}, timeout=60)
    # then the worker itself records it failed, saying why, without the sweeper;
    # and the limit was the worker's own (this process's settings say 90 s)
    assert "1 s" in job.error and "TimeoutError" in job.error
    assert job.finished_at is not None


class Listener(http.server.BaseHTTPRequestHandler):
    """Counts every request: a print-out must never call out (SSRF)."""

    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"SEKRET-Z-SIECI-WEWNETRZNEJ")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    Listener.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def hostile_bodies(listener: str, secret: Path) -> dict[str, dict[str, str]]:
    giant = "9" * 40
    return {
        "local files": {
            "challenge": (
                f'<p>Plik<img src="file://{secret}"></p>'
                f'<link rel="stylesheet" href="file://{secret}">'
                f'<object data="file://{secret}"></object>'
                f'<iframe src="file://{secret}"></iframe>'
                "<img src='/etc/passwd'><img src='../../../../etc/passwd'>"
                "<style>@import url('file:///etc/passwd');</style>"
            )
        },
        "SSRF": {
            "challenge": (
                f'<img src="{listener}/obraz.png">'
                f"<style>@font-face {{ font-family: X; src: url({listener}/font); }}"
                f"body {{ background: url({listener}/tlo) }}</style>"
                f'<link rel="stylesheet" href="{listener}/styl.css">'
                f'<a href="{listener}/link">link</a>'
                f'<img src="http://169.254.169.254/latest/meta-data/">'
            )
        },
        "giant CSS": {
            "challenge": (
                f'<div style="width:{giant}px;height:{giant}px;font-size:{giant}px;'
                f'margin:-{giant}px;column-count:100000;border:{giant}px solid">'
                "Ogromny styl</div>"
                f"<style>p {{ padding: {giant}cm; letter-spacing: {giant}em; }}</style>"
                "<p>akapit</p>"
            )
        },
        "data: abuse": {
            "challenge": (
                '<img src="data:image/svg+xml;base64,'
                + "PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnPjwvc3ZnPg=="
                * 20_000
                + '">'
                f'<img src="data:text/html,<iframe src=file://{secret}>">'
            )
        },
        "nested lists": {"challenge": "<ul><li>" * 3000 + "dno" + "</li></ul>" * 3000},
        "3000 actions": {"actions": action_table(3000)},
    }


def test_hostile_documents_leak_nothing_and_never_outlive_the_limit(
    world: World, no_eager: None, listener: str
) -> None:
    secret = Path(tempfile.mkdtemp()) / "sekret.txt"
    secret.write_text("ROOT-HASLO-SERWERA", encoding="utf-8")
    hard_limit = 25
    with private_redis() as redis:
        # the jobs go to this Redis, where the worker will find them
        versions = {
            name: mid_version(world, **bodies)
            for name, bodies in hostile_bodies(listener, secret).items()
        }
        with pdf_worker(
            redis,
            PDF_SWEEP_SECONDS="1",
            PDF_SOFT_TIME_LIMIT=str(hard_limit - 10),
            PDF_TIME_LIMIT=str(hard_limit),
            PDF_MAX_ATTEMPTS="1",
        ):
            jobs = {
                name: wait_for(
                    job_of(version),
                    {JobState.READY, JobState.FAILED},
                    timeout=(hard_limit + 20) * len(versions),
                )
                for name, version in versions.items()
            }
    assert Listener.hits == [], "a print-out called out to the network"
    for name, job in jobs.items():
        assert job.started_at is not None and job.finished_at is not None
        took = job.finished_at - job.started_at
        if job.state == JobState.READY:
            assert took <= datetime.timedelta(seconds=hard_limit), (name, took)
        else:
            # A render the hard limit kills is recorded failed by the worker's
            # main process as it kills it (give a busy machine a few seconds).
            recorded_by = datetime.timedelta(seconds=hard_limit + 10)
            assert took <= recorded_by, (name, took)
        if job.state == JobState.READY:
            with job.file.open("rb") as handle:
                text = pdf_text(handle.read())
            assert "ROOT-HASLO-SERWERA" not in text, name
            assert "SEKRET-Z-SIECI" not in text, name
            assert "root:" not in text, name
        else:
            assert job.error, name  # a readable reason
    # the ones whose only harm is in what they ask for are made, without it; the
    # pathological ones (endless nesting, 300+ pages) may fail — with a reason, in time
    assert jobs["local files"].state == JobState.READY
    assert jobs["SSRF"].state == JobState.READY
    assert "file://" in jobs["local files"].error  # what was left out is said


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", handle.name, "-"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        ).stdout
