"""The document's versions: saving one, reading one, comparing two, restoring one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError
from core.permissions import refused_as_missing
from documents import permissions, selectors, services
from documents.forms import VersionForm
from documents.models import Document, DocumentVersion
from documents.views.document import actor


def _version(document: Document, number: str | int | None) -> DocumentVersion:
    try:
        return get_object_or_404(
            DocumentVersion, document=document, number=int(number or 0)
        )
    except ValueError as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_create(
                document=document, actor=actor(request), note=form.cleaned_data["note"]
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("documents:versions", document.pk)
        messages.success(
            request, _("Saved as version %(number)s.") % {"number": version.number}
        )
        return redirect("documents:versions", document.pk)
    listed = list(selectors.versions(document=document))
    return render(
        request,
        "documents/versions.html",
        {
            "document": document,
            "versions": listed,
            "form": form,
            "can_edit": permissions.can_edit(request.user, document),
        },
    )


@login_required
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    snapshot = _version(document, number)
    return render(
        request,
        "documents/version.html",
        {
            "document": document,
            "version": snapshot,
            "sections": selectors.published_sections(version=snapshot),
            "can_edit": permissions.can_edit(request.user, document),
        },
    )


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    older = _version(document, request.GET.get("od"))
    newer_number = request.GET.get("do", "")
    newer = (
        None if newer_number in ("", "biezaca") else _version(document, newer_number)
    )
    return render(
        request,
        "documents/compare.html",
        {
            "document": document,
            "older": older,
            "newer": newer,
            "rows": selectors.comparison(document=document, older=older, newer=newer),
            "versions": list(selectors.versions(document=document)),
        },
    )


@login_required
@require_POST
@refused_as_missing
def restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    snapshot = _version(document, number)
    try:
        restored = services.document_version_restore(
            document=document, version=snapshot, actor=actor(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:version", document.pk, snapshot.number)
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.")
        % {"old": snapshot.number, "new": restored.number},
    )
    return redirect(document)
