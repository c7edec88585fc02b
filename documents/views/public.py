"""What the public sees: published documents and a network's published list."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from documents import selectors
from documents.models import Document, DocumentVersion
from networks.models import Network


def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A published document as the public sees it: the published version only."""
    document = get_object_or_404(
        Document.objects.select_related(
            "network", "organisation", "published_version__created_by"
        ),
        pk=pk,
        published_version__isnull=False,
    )
    version = cast(DocumentVersion, document.published_version)
    return render(
        request,
        "documents/public_document.html",
        {
            "document": document,
            "version": version,
            "sections": selectors.published_sections(version=version),
        },
    )


def public_network(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    return render(
        request,
        "documents/public_network.html",
        {
            "network": network,
            "documents": selectors.published_documents(network=network),
        },
    )
