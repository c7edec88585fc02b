"""Asking for PDFs: a version's PDF, a failed one again, the ZIP of a network's
published MIDs. Each is recorded in the caller's transaction and handed to the
queue after commit (pdfs.tasks); a worker makes it (pdfs.jobs)."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents.models import DocumentVersion
from networks.models import Network
from pdfs.jobs import job_get_or_create
from pdfs.models import Bundle, JobState, RenderJob
from pdfs.rendering import variant_for
from pdfs.tasks import bundle_dispatch, dispatch


def pdf_request(
    *, version: DocumentVersion, variant: str | None = None, send: bool = True
) -> RenderJob:
    """Asks for the PDF of a version. The job is recorded in the caller's
    transaction; a worker is told after commit (or, if the broker is down, by the
    sweeper once it is back). Asking again for a ready PDF changes nothing."""
    job, created = job_get_or_create(
        version=version, variant=variant or variant_for(version)
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


def bundle_request(*, network: Network, actor: User) -> Bundle:
    """Asks for every published MID of the network as one ZIP (the ministry's)."""
    bundle = Bundle.objects.create(network=network, requested_by=actor)
    transaction.on_commit(lambda: bundle_dispatch(bundle.pk))
    return bundle
