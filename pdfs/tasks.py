"""The PDF queue: the tasks a worker runs (the work itself is pdfs.jobs), and handing
jobs to the queue — when they are asked for (pdfs.services), again after a failed
attempt, and again by the sweeper for whatever waited while the broker was away."""

import datetime
import logging
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from core.tasks import enqueue
from pdfs.jobs import backoff, bundle_build, pdf_render, pdf_timed_out
from pdfs.models import Bundle, Failure, JobState, RenderJob

logger = logging.getLogger(__name__)


def dispatch(job_id: int, *, countdown: int = 0) -> bool:
    """Hands a job to the PDF queue. A broker outage is not an error here: the job
    stays waiting and the sweeper sends it again."""
    # No time limits in the message (0): the worker that renders applies its own
    # (PDF_SOFT_TIME_LIMIT, PDF_TIME_LIMIT), whatever the sender's settings.
    if not enqueue(
        render_pdf, job_id, countdown=countdown, time_limit=0, soft_time_limit=0
    ):
        return False
    RenderJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


def send_again(job: RenderJob) -> None:
    """A render that failed with attempts left goes back to the queue, a little
    later after each attempt."""
    dispatch(job.pk, countdown=backoff(job.attempts))


def bundle_dispatch(bundle_id: int) -> bool:
    """Like dispatch(): a broker outage leaves the ZIP waiting for the sweeper."""
    if not enqueue(build_bundle, bundle_id):
        return False
    Bundle.objects.filter(pk=bundle_id).update(dispatched_at=timezone.now())
    return True


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
            send_again(job)
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


class RenderTask(Task):  # type: ignore[type-arg]
    def on_failure(
        self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        """A render the hard limit killed is recorded failed at once, by the
        worker's main process (the sweeper is only for a worker that died)."""
        if not isinstance(exc, TimeLimitExceeded):
            return
        try:
            pdf_timed_out(
                job_id=args[0], seconds=settings.PDF_TIME_LIMIT, send_again=send_again
            )
        except Exception:  # the database away: the sweeper fails the job later
            logger.warning(
                "PDF job %s: the time-out not recorded", args[0], exc_info=True
            )
        finally:
            connection.close()  # the main process keeps no connection of its own


# Late acknowledgement, and a message given back if the worker dies mid-render: a
# job is never lost. Time limits and the queue come from settings
# (CELERY_TASK_ANNOTATIONS, CELERY_TASK_ROUTES).
@shared_task(base=RenderTask, acks_late=True, reject_on_worker_lost=True)
def render_pdf(job_id: int) -> str:
    try:
        return pdf_render(job_id=job_id, send_again=send_again).state
    except SoftTimeLimitExceeded:
        return pdf_timed_out(
            job_id=job_id, seconds=settings.PDF_SOFT_TIME_LIMIT, send_again=send_again
        ).state


@shared_task
def sweep_render_jobs() -> int:
    return sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_bundle(bundle_id: int) -> str:
    return bundle_build(bundle_id=bundle_id, send_again=send_again).state
