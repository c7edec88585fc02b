from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from networks.filters import NetworkFilter
from networks.selectors import network_public_page, networks_for_listing


def network_list(request: HttpRequest) -> HttpResponse:
    filterset = NetworkFilter(request.GET, queryset=networks_for_listing())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "networks/network_list.html", {"filter": filterset, "page": page}
    )


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "networks/network_detail.html",
        {"page": network_public_page(slug=slug)},
    )
