from typing import cast

from django.db.models import Case, F, FilteredRelation, Q, QuerySet, Value, When

from documents.models import Document, DocumentVersion
from documents.selectors import newest_version
from pdfs.models import RenderJob
from pdfs.rendering import TEMPLATE_REVISION, variant_for

FINAL, DRAFT = RenderJob.Variant.FINAL, RenderJob.Variant.DRAFT


def job_for(version: DocumentVersion) -> RenderJob | None:
    """The PDF of the version as people need it now (final once published)."""
    return RenderJob.objects.filter(
        version=version,
        variant=variant_for(version),
        template_revision=TEMPLATE_REVISION,
    ).first()


def with_newest_pdf(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Page documents (`documents.selectors.page_documents`) with, in the same row,
    their newest version's PDF as `job_for` picks it (`newest_pdf`)."""
    jobs = "newest_version__render_jobs"
    # job_for's variant, in SQL: final for the published version, else draft.
    variant = Case(
        When(published_version_id=F("newest_version__id"), then=Value(FINAL)),
        default=Value(DRAFT),
    )
    # django-stubs does not know filtered relations in select_related.
    return documents.annotate(  # type: ignore[misc]
        newest_pdf=FilteredRelation(
            jobs,
            condition=Q(**{f"{jobs}__template_revision": TEMPLATE_REVISION})
            & Q(**{f"{jobs}__variant": variant}),
        ),
        # Django leaves a filtered relation unset when nothing matches.
        newest_pdf_read=Value(True),
    ).select_related("newest_pdf")


def newest_pdf(document: Document) -> RenderJob | None:
    """The PDF of the document's newest version (read with it, or now)."""
    if getattr(document, "newest_pdf_read", False):
        return cast(RenderJob | None, getattr(document, "newest_pdf", None))
    version = newest_version(document=document)
    return job_for(version) if version else None


def jobs_by_version(versions: list[DocumentVersion]) -> dict[int, RenderJob]:
    """The current-layout PDF of each version, in one query (final wins)."""
    jobs: dict[int, RenderJob] = {}
    for job in RenderJob.objects.filter(
        version__in=versions, template_revision=TEMPLATE_REVISION
    ).order_by("variant"):  # "draft" < "final": the final one is kept
        jobs[job.version_id] = job
    return jobs
