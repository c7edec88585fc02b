from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.filters import OrganisationFilter
from organisations.selectors import organisation_public_page, organisations_for_listing


def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganisationFilter(request.GET, queryset=organisations_for_listing())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {"filter": filterset, "page": page},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation_public_page(slug=slug)},
    )
