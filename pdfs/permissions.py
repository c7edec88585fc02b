"""Who may download which PDF: the published version's final PDF is public, like
the published page; every other PDF (drafts, older versions) only to those who may
see the document's drafts. Anything else answers 404, like a missing file."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from documents.permissions import DECIDE_DOCUMENTS, can_view
from pdfs.models import Bundle, RenderJob


def is_public(job: RenderJob) -> bool:
    return (
        job.variant == RenderJob.Variant.FINAL
        and job.version.document.published_version_id == job.version_id
    )


def access_job(user: User | AnonymousUser, pk: int) -> RenderJob:
    job = (
        RenderJob.objects.select_related(
            "version__document__network__edition", "version__document__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if job is None or not (is_public(job) or can_view(user, job.version.document)):
        raise Http404
    return job


def can_bundle(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active) and user.has_perm(
        DECIDE_DOCUMENTS
    )


def access_bundle(user: User | AnonymousUser, pk: int) -> Bundle:
    bundle = Bundle.objects.select_related("network").filter(pk=pk).first()
    if bundle is None or not can_bundle(user):
        raise Http404
    return bundle


def can_see_failure_details(user: User | AnonymousUser) -> bool:
    """The technical reason a PDF or a ZIP failed (the exception, which may name
    files, servers or code) is the ministry's, who run the portal; everyone else
    is told in plain words that it failed and to try again later."""
    return bool(user.is_authenticated and user.is_active) and user.has_perm(
        DECIDE_DOCUMENTS
    )
