"""PDFs of document versions: requested in the request's transaction, rendered by a
worker, swept up when the broker was away. Rendering one version twice gives the
same one file."""

import datetime
import io
import logging
import resource
import time
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.tasks import enqueue
from documents.models import Document, DocumentVersion, Kind
from networks.models import Network
from pdfs.models import Bundle, Failure, JobState, RenderJob
from pdfs.rendering import TEMPLATE_REVISION, file_name, render

logger = logging.getLogger(__name__)


def variant_for(version: DocumentVersion) -> str:
    """A published version prints as final; any other carries the draft mark."""
    published = version.document.published_version_id == version.pk
    return RenderJob.Variant.FINAL if published else RenderJob.Variant.DRAFT


def pdf_request(
    *, version: DocumentVersion, variant: str | None = None, send: bool = True
) -> RenderJob:
    """Asks for the PDF of a version. The job is recorded in the caller's
    transaction; a worker is told after commit (or, if the broker is down, by the
    sweeper once it is back). Asking again for a ready PDF changes nothing."""
    job, created = RenderJob.objects.get_or_create(
        version=version,
        variant=variant or variant_for(version),
        template_revision=TEMPLATE_REVISION,
    )
    if created and send:
        transaction.on_commit(lambda: dispatch(job.pk))
    return job


def pdf_retry(*, job: RenderJob) -> RenderJob:
    """Starts a failed PDF again, from a clean slate."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().get(pk=job.pk)
        if job.state != JobState.FAILED:
            raise DomainError(_("Only a PDF that failed can be tried again."))
        job.state = JobState.QUEUED
        job.attempts = 0
        job.error = ""
        job.failure = ""
        job.dispatched_at = None
        job.save(
            update_fields=["state", "attempts", "error", "failure", "dispatched_at"]
        )
        transaction.on_commit(lambda: dispatch(job.pk))
        return job


def dispatch(job_id: int, *, countdown: int = 0) -> bool:
    """Hands a job to the PDF queue. A broker outage is not an error here: the job
    stays waiting and the sweeper sends it again."""
    from pdfs.tasks import render_pdf

    # No time limits in the message (0): the worker that renders applies its own
    # (PDF_SOFT_TIME_LIMIT, PDF_TIME_LIMIT), whatever the sender's settings.
    if not enqueue(
        render_pdf, job_id, countdown=countdown, time_limit=0, soft_time_limit=0
    ):
        return False
    RenderJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


def _stored_name(job: RenderJob) -> str:
    version = job.version
    return (
        f"pdf/{version.document_id}/"
        f"v{version.number}-{job.variant}-{job.template_revision}.pdf"
    )


def pdf_render(*, job_id: int) -> RenderJob:
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
        return _render_failed(job, error)
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


def _render_failed(job: RenderJob, error: BaseException) -> RenderJob:
    logger.error("PDF job %s failed", job.pk, exc_info=error)
    final = job.attempts >= settings.PDF_MAX_ATTEMPTS
    job.state = JobState.FAILED if final else JobState.QUEUED
    # The exception itself, for the ministry; the others are told `failure`.
    job.error = f"{type(error).__name__}: {error}"[:500]
    job.failure = Failure.TIMEOUT if isinstance(error, TimeoutError) else Failure.ERROR
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "failure", "finished_at"])
    if not final:
        dispatch(job.pk, countdown=backoff(job.attempts))
    return job


def pdf_timed_out(*, job_id: int, seconds: int) -> RenderJob:
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
        )


def backoff(attempts: int) -> int:
    return min(settings.PDF_RETRY_BACKOFF * 2 ** max(attempts - 1, 0), 600)


def sweep() -> int:
    """Sends again every job that waits without a worker on it — requested while the
    broker was down, or left behind by a worker that died mid-render — and fails
    the ones that have used up their attempts. Returns how many were sent."""
    now = timezone.now()
    # A render still "being made" well past the hard limit has lost its worker.
    limit = datetime.timedelta(seconds=settings.PDF_TIME_LIMIT * 1.2)
    lost = RenderJob.objects.filter(
        state=JobState.RENDERING, started_at__lt=now - limit
    )
    for job in lost:
        if job.attempts >= settings.PDF_MAX_ATTEMPTS:
            if RenderJob.objects.filter(pk=job.pk, state=JobState.RENDERING).update(
                state=JobState.FAILED,
                finished_at=now,
                failure=Failure.TIMEOUT,
                error=f"no worker finished it in {job.attempts} attempts",
            ):
                logger.error(
                    "PDF job %s failed: no worker finished it in %s attempts",
                    job.pk,
                    job.attempts,
                )
        elif RenderJob.objects.filter(pk=job.pk, state=JobState.RENDERING).update(
            state=JobState.QUEUED
        ):
            dispatch(job.pk, countdown=backoff(job.attempts))
    waiting = RenderJob.objects.filter(state=JobState.QUEUED).filter(
        Q(dispatched_at__isnull=True)
        | Q(dispatched_at__lt=now - datetime.timedelta(seconds=settings.PDF_REDISPATCH))
    )
    bundles = Bundle.objects.filter(state=JobState.QUEUED).filter(
        Q(dispatched_at__isnull=True)
        | Q(dispatched_at__lt=now - datetime.timedelta(seconds=settings.PDF_REDISPATCH))
    )
    return sum(dispatch(pk) for pk in waiting.values_list("pk", flat=True)) + sum(
        bundle_dispatch(pk) for pk in bundles.values_list("pk", flat=True)
    )


# ---------------------------------------------------------------- ZIP of MIDs


def bundle_request(*, network: Network, actor: User) -> Bundle:
    """Asks for every published MID of the network as one ZIP (the ministry's)."""
    bundle = Bundle.objects.create(network=network, requested_by=actor)
    transaction.on_commit(lambda: bundle_dispatch(bundle.pk))
    return bundle


def bundle_dispatch(bundle_id: int) -> bool:
    """Like dispatch(): a broker outage leaves the ZIP waiting for the sweeper."""
    from pdfs.tasks import build_bundle

    if not enqueue(build_bundle, bundle_id):
        return False
    Bundle.objects.filter(pk=bundle_id).update(dispatched_at=timezone.now())
    return True


def bundle_build(*, bundle_id: int) -> Bundle:
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
                job = pdf_request(
                    version=version, variant=RenderJob.Variant.FINAL, send=False
                )
                job = pdf_render(job_id=job.pk)
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
