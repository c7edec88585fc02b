from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.downloads import no_store, private_download, stored_file_response
from core.errors import DomainError
from core.permissions import require
from documents.models import Document, DocumentVersion, Kind
from documents.permissions import access_document
from networks.models import Network
from pdfs.models import JobState
from pdfs.permissions import access_bundle, access_job, can_bundle, is_public
from pdfs.rendering import file_name
from pdfs.selectors import job_for
from pdfs.services import bundle_request, pdf_request, pdf_retry


def _version(document: Document, number: int) -> DocumentVersion:
    return get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        document=document,
        number=number,
    )


def _status(request: HttpRequest, version: DocumentVersion) -> HttpResponse:
    """The version's PDF status; `?compact=1` is the versions table's cell."""
    return render(
        request,
        "pdfs/_status.html",
        {
            "version": version,
            "job": job_for(version),
            "document": version.document,
            "compact": request.GET.get("compact") == "1",
        },
    )


@login_required
def status(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = access_document(request.user, pk)
    return _status(request, _version(document, number))


@login_required
@require_POST
def make(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """On demand: the PDF of a version that has none yet (an older one)."""
    document = access_document(request.user, pk)
    version = _version(document, number)
    with transaction.atomic():
        pdf_request(version=version)
    if request.htmx:  # type: ignore[attr-defined]
        return _status(request, version)
    messages.success(request, _("The PDF is being made."))
    return redirect("documents:versions", document.pk)


@login_required
@require_POST
def retry(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = access_job(request.user, job_pk)
    access_document(request.user, job.version.document_id)
    try:
        pdf_retry(job=job)
    except DomainError as error:
        messages.error(request, error.message)
    if request.htmx:  # type: ignore[attr-defined]
        return _status(request, job.version)
    return redirect(job.version.document)


def download(request: HttpRequest, job_pk: int) -> FileResponse:
    job = access_job(request.user, job_pk)
    if job.state != JobState.READY:
        raise Http404
    response = stored_file_response(
        job.file, filename=file_name(job.version), content_type="application/pdf"
    )
    # The published version's final PDF is public, like its page; drafts are not.
    return response if is_public(job) else no_store(response)


@login_required
@require_POST
def bundle_create(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_bundle(request.user))
    network = get_object_or_404(Network, slug=slug)
    with transaction.atomic():
        bundle = bundle_request(network=network, actor=cast(User, request.user))
    return redirect("pdfs:bundle", bundle.pk)


@login_required
def bundle(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_bundle(request.user, pk)
    template = "pdfs/_bundle.html" if request.htmx else "pdfs/bundle.html"  # type: ignore[attr-defined]
    published = Document.objects.filter(
        network=item.network, kind=Kind.MID, published_version__isnull=False
    ).count()
    return render(request, template, {"bundle": item, "published": published})


@login_required
@private_download
def bundle_download(request: HttpRequest, pk: int) -> FileResponse:
    item = access_bundle(request.user, pk)
    if item.state != JobState.READY:
        raise Http404
    return stored_file_response(
        item.file,
        filename=f"MID-{item.network.slug}.zip",
        content_type="application/zip",
    )
