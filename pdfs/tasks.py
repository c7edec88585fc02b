from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from pdfs.services import bundle_build, pdf_render, pdf_timed_out, sweep


# Late acknowledgement, and a message given back if the worker dies mid-render: a
# job is never lost. Time limits and the queue come from settings
# (CELERY_TASK_ANNOTATIONS, CELERY_TASK_ROUTES).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_pdf(job_id: int) -> str:
    try:
        return pdf_render(job_id=job_id).state
    except SoftTimeLimitExceeded:
        return pdf_timed_out(job_id=job_id).state


@shared_task
def sweep_render_jobs() -> int:
    return sweep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_bundle(bundle_id: int) -> str:
    return bundle_build(bundle_id=bundle_id).state
