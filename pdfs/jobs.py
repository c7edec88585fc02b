"""What a PDF worker runs: rendering a version's job, recording a render that its
time limit stopped, building the ZIP of a network's published MIDs. Rendering one
version twice gives the same one file.

Nothing here hands work to the broker (pdfs.tasks does, and it runs these): a render
that failed with attempts left waits again, and `send_again`, given by the task
that ran it, sends it back to the queue; without it the sweeper does."""

import datetime
import io
import logging
import resource
import time
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from documents.models import Document, DocumentVersion, Kind
from pdfs.models import Bundle, Failure, JobState, RenderJob
from pdfs.rendering import TEMPLATE_REVISION, file_name, render

logger = logging.getLogger(__name__)

# Sends a job that failed with attempts left back to the queue (pdfs.tasks).
SendAgain = Callable[[RenderJob], object]


def job_get_or_create(
    *, version: DocumentVersion, variant: str
) -> tuple[RenderJob, bool]:
    """The job for the version's PDF in the current layout (one per variant)."""
    return RenderJob.objects.get_or_create(
        version=version, variant=variant, template_revision=TEMPLATE_REVISION
    )


def _stored_name(job: RenderJob) -> str:
    version = job.version
    return (
        f"pdf/{version.document_id}/"
        f"v{version.number}-{job.variant}-{job.template_revision}.pdf"
    )


def pdf_render(*, job_id: int, send_again: SendAgain | None = None) -> RenderJob:
    """Renders one job (the worker's side). Idempotent: a ready job is returned as
    is; a re-render overwrites the same file name, so one file per version."""
    with transaction.atomic():
        job = (
            RenderJob.objects.select_for_update()
            .select_related("version__document")
            .get(pk=job_id)
        )
        if job.state == JobState.READY and default_storage.exists(job.file.name or ""):
            return job
        if job.state == JobState.FAILED:
            return job
        if (
            job.state == JobState.RENDERING
            and job.started_at
            and (
                timezone.now() - job.started_at
                < datetime.timedelta(seconds=settings.PDF_TIME_LIMIT)
            )
        ):
            return job  # someone is making it right now (a redelivered message)
        job.state = JobState.RENDERING
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["state", "attempts", "started_at"])
    version = (
        DocumentVersion.objects.select_related(
            "document__network__edition", "document__organisation", "created_by"
        )
        .prefetch_related("sections")
        .get(pk=job.version_id)
    )
    started = time.monotonic()
    try:
        pdf, refused = render(version, variant=job.variant)
    except Exception as error:
        return _render_failed(job, error, send_again)
    name = _stored_name(job)
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(pdf))
    job.file.name = saved
    job.state = JobState.READY
    job.error = (
        _("Left out (not allowed in a print-out): %(urls)s")
        % {"urls": ", ".join(refused[:5])}
        if refused
        else ""
    )
    job.finished_at = timezone.now()
    job.render_seconds = round(time.monotonic() - started, 3)
    job.peak_memory_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    job.save(
        update_fields=[
            "file",
            "state",
            "error",
            "finished_at",
            "render_seconds",
            "peak_memory_kb",
        ]
    )
    return job


def _render_failed(
    job: RenderJob, error: BaseException, send_again: SendAgain | None
) -> RenderJob:
    logger.error("PDF job %s failed", job.pk, exc_info=error)
    final = job.attempts >= settings.PDF_MAX_ATTEMPTS
    job.state = JobState.FAILED if final else JobState.QUEUED
    # The exception itself, for the ministry; the others are told `failure`.
    job.error = f"{type(error).__name__}: {error}"[:500]
    job.failure = Failure.TIMEOUT if isinstance(error, TimeoutError) else Failure.ERROR
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "failure", "finished_at"])
    if not final and send_again is not None:
        send_again(job)
    return job


def pdf_timed_out(
    *, job_id: int, seconds: int, send_again: SendAgain | None = None
) -> RenderJob:
    """The worker gave up on a render past its time limit (`seconds`). A job
    already recorded, by the render itself or the sweeper, is left as it is."""
    with transaction.atomic():
        # Locked: the render may finish (and save) while the limit is being handled.
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        if job.state != JobState.RENDERING:
            return job
        return _render_failed(
            job,
            TimeoutError(_("it took longer than %(seconds)s s") % {"seconds": seconds}),
            send_again,
        )


def backoff(attempts: int) -> int:
    """Seconds before a failed render is tried again: longer after each attempt."""
    return min(settings.PDF_RETRY_BACKOFF * 2 ** max(attempts - 1, 0), 600)


# ---------------------------------------------------------------- ZIP of MIDs


def bundle_build(*, bundle_id: int, send_again: SendAgain | None = None) -> Bundle:
    """Every published MID of the network as one ZIP, each final PDF made here."""
    bundle = Bundle.objects.select_related("network").get(pk=bundle_id)
    if bundle.state == JobState.READY:
        return bundle
    Bundle.objects.filter(pk=bundle.pk).update(state=JobState.RENDERING)
    documents = Document.objects.filter(
        network=bundle.network, kind=Kind.MID, published_version__isnull=False
    ).select_related("published_version__document__organisation", "organisation")
    buffer = io.BytesIO()
    count = 0
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                version = document.published_version
                assert version is not None  # noqa: S101 (filtered above)
                # Made right here (not sent to the queue as well): one render.
                job, _created = job_get_or_create(
                    version=version, variant=RenderJob.Variant.FINAL
                )
                job = pdf_render(job_id=job.pk, send_again=send_again)
                if job.state != JobState.READY:
                    raise DomainError(job.error)
                with job.file.open("rb") as handle:
                    archive.writestr(file_name(version), handle.read())
                count += 1
    except Exception as error:
        logger.exception("ZIP %s failed", bundle.pk)
        bundle.state = JobState.FAILED
        bundle.error = f"{type(error).__name__}: {error}"[:500]
        bundle.failure = (
            Failure.TIMEOUT if isinstance(error, TimeoutError) else Failure.ERROR
        )
        bundle.finished_at = timezone.now()
        bundle.save(update_fields=["state", "error", "failure", "finished_at"])
        return bundle
    bundle.file.save(
        f"MID-{bundle.network.slug}-{bundle.pk}.zip",
        ContentFile(buffer.getvalue()),
        save=False,
    )
    bundle.state = JobState.READY
    bundle.document_count = count
    bundle.finished_at = timezone.now()
    bundle.save(update_fields=["file", "state", "document_count", "finished_at"])
    return bundle
