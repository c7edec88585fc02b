from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.errors import DomainError
from core.listing import filters_key, page_of
from core.page_cache import PARTS_TTL, cached_count, generations
from core.requests import client_ip
from networks.filters import NetworkFilter
from networks.forms import ExpertAssignForm
from networks.models import NetworkExpert
from networks.permissions import (
    ASSIGN_EXPERT,
    access_network,
    can_assign_experts,
    can_see_network_administration,
    can_view_workspace,
)
from networks.selectors import (
    NETWORKS,
    experts_of_network,
    network_public_page,
    networks_for_listing,
    public_network,
    public_pages_key,
)
from networks.services import expert_assign, expert_unassign


def network_list(request: HttpRequest) -> HttpResponse:
    filterset = NetworkFilter(request.GET, queryset=networks_for_listing())
    # Cached only under validated filters and page number; a query with anything
    # else in it (its pagination links would repeat it) is rendered afresh.
    filters = filters_key(filterset, allowed=["page"])
    list_key = None
    if filters is None:
        page: Page | SimpleLazyObject = SimpleLazyObject(
            lambda: page_of(request, filterset.qs)
        )
    else:
        # Kept until the networks change: with it the list's page number is known
        # without a query, and the kept list is keyed by that number, never by
        # what a visitor typed as `?page=`.
        count = cached_count(
            seen_as=("networks:list-count", generations(NETWORKS), filters),
            count=filterset.qs.count,
        )
        # The rows are read only when the list is not cached.
        page = page_of(request, filterset.qs, count=count)
        list_key = f"{filters}&page={page.number}"
    return render(
        request,
        "networks/network_list.html",
        {
            "filter": filterset,
            "page": page,
            "list_key": list_key,
            "public_key": public_pages_key(),
            "parts_ttl": PARTS_TTL,
        },
    )


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = public_network(slug=slug)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            # Read only when the page's public part is not cached.
            "page": SimpleLazyObject(lambda: network_public_page(network=network)),
            "public_key": public_pages_key(),
            "parts_ttl": PARTS_TTL,
            "can_assign_experts": can_assign_experts(request.user, network),
            "can_view_workspace": can_view_workspace(request.user, network),
            "can_see_administration": can_see_network_administration(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def experts(request: HttpRequest, slug: str) -> HttpResponse:
    actor = cast(User, request.user)
    network = access_network(actor, slug, permission=ASSIGN_EXPERT)
    form = ExpertAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expert_assign(
            network=network,
            user=form.cleaned_data["email"],
            valid_from=max(timezone.localdate(), network.starts_on),
            actor=actor,
            ip_address=client_ip(request),
        )
        messages.success(request, _("Expert assigned."))
        return redirect("networks:experts", slug=network.slug)
    return render(
        request,
        "networks/experts.html",
        {
            "network": network,
            "experts": experts_of_network(network=network),
            "form": form,
        },
    )


@login_required
@require_POST
def expert_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    network = access_network(actor, slug, permission=ASSIGN_EXPERT)
    expert = get_object_or_404(NetworkExpert, pk=pk, network=network)
    try:
        expert_unassign(expert=expert, actor=actor, ip_address=client_ip(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The expert's assignment has ended."))
    return redirect("networks:experts", slug=network.slug)
