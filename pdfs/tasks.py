import logging
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import connection

from pdfs.services import bundle_build, pdf_render, pdf_timed_out, sweep

logger = logging.getLogger(__name__)


class RenderTask(Task):  # type: ignore[type-arg]
    def on_failure(
        self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        """A render the hard limit killed is recorded failed at once, by the
        worker's main process (the sweeper is only for a worker that died)."""
        if not isinstance(exc, TimeLimitExceeded):
            return
        try:
            pdf_timed_out(job_id=args[0], seconds=settings.PDF_TIME_LIMIT)
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
        return pdf_render(job_id=job_id).state
    except SoftTimeLimitExceeded:
        return pdf_timed_out(job_id=job_id, seconds=settings.PDF_SOFT_TIME_LIMIT).state


@shared_task
def sweep_render_jobs() -> int:
    return sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_bundle(bundle_id: int) -> str:
    return bundle_build(bundle_id=bundle_id).state
