from documents.models import DocumentVersion
from pdfs.models import RenderJob
from pdfs.rendering import TEMPLATE_REVISION
from pdfs.services import variant_for


def job_for(version: DocumentVersion) -> RenderJob | None:
    """The PDF of the version as people need it now (final once published)."""
    return RenderJob.objects.filter(
        version=version,
        variant=variant_for(version),
        template_revision=TEMPLATE_REVISION,
    ).first()


def jobs_by_version(versions: list[DocumentVersion]) -> dict[int, RenderJob]:
    """The current-layout PDF of each version, in one query (final wins)."""
    jobs: dict[int, RenderJob] = {}
    for job in RenderJob.objects.filter(
        version__in=versions, template_revision=TEMPLATE_REVISION
    ).order_by("variant"):  # "draft" < "final": the final one is kept
        jobs[job.version_id] = job
    return jobs
