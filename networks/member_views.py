"""A network's members page for the ministry: its status, current members and
history; its administrators change the status, hand the lead over, end a member's
part and add members (networks/workflow.py has the rules). Its staff see the page
and why nothing is offered to them."""

import datetime
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from core.errors import DomainError
from core.requests import client_ip
from networks import workflow
from networks.member_forms import (
    LeadHandoverForm,
    MemberAddForm,
    MemberEndForm,
    StatusForm,
)
from networks.models import Network, NetworkMembership
from networks.permissions import access_network_administration, can_administer_network
from networks.selectors import (
    addable_organisations,
    lead_candidates,
    network_public_page,
)
from networks.services import (
    network_lead_hand_over,
    network_member_add,
    network_membership_end,
    network_status_change,
)


def _page(
    request: HttpRequest,
    network: Network,
    *,
    bound: forms.BaseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The members page; `bound`: the form that came back with errors, shown open
    in its place."""
    page = network_public_page(network=network)
    may_change = can_administer_network(request.user, network)
    refusal = workflow.changes_refusal(network)
    offered = may_change and refusal is None
    step = workflow.status_step(network.status)

    def form(kind: type[forms.BaseForm], **kwargs: Any) -> forms.BaseForm:
        return bound if isinstance(bound, kind) else kind(**kwargs)

    def end_form(membership: NetworkMembership) -> MemberEndForm | None:
        if not offered:
            return None
        if isinstance(bound, MemberEndForm) and bound.membership.pk == membership.pk:
            return bound
        return MemberEndForm(membership=membership)

    rows = [
        {
            "membership": membership,
            "refusal": workflow.end_refusal(membership),
            "form": end_form(membership),
        }
        for membership in page.members
    ]
    candidates = lead_candidates(network=network)
    return render(
        request,
        "networks/members.html",
        {
            "network": network,
            "page": page,
            "rows": rows,
            "may_change": may_change,
            "refusal": refusal,
            "offered": offered,
            "step": step,
            "status_form": form(StatusForm, step=step) if may_change and step else None,
            "lead_form": form(LeadHandoverForm, candidates=candidates)
            if offered
            else None,
            "add_form": form(
                MemberAddForm, candidates=addable_organisations(network=network)
            )
            if offered
            else None,
            "bound": bound,
        },
        status=status,
    )


def _administered(request: HttpRequest, slug: str) -> tuple[User, Network]:
    actor = cast(User, request.user)
    network = access_network_administration(actor, slug)
    if not can_administer_network(actor, network):
        raise Http404  # staff see the page, they change nothing
    return actor, network


def _done(request: HttpRequest, network: Network, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("networks:members", slug=network.slug)


def _refused(
    request: HttpRequest, network: Network, error: DomainError
) -> HttpResponse:
    messages.error(request, error.message)
    return redirect("networks:members", slug=network.slug)


@login_required
@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    network = access_network_administration(request.user, slug)
    return _page(request, network)


@login_required
@require_POST
def status(request: HttpRequest, slug: str) -> HttpResponse:
    actor, network = _administered(request, slug)
    step = workflow.status_step(network.status)
    if step is None:
        return _refused(
            request, network, DomainError(str(workflow.changes_refusal(network)))
        )
    form = StatusForm(request.POST, step=step)
    if not form.is_valid():
        return _page(request, network, bound=form, status=400)
    try:
        network_status_change(
            network=network,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["date"],
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        return _refused(request, network, error)
    return _done(request, network, _("The network's status has changed."))


@login_required
@require_POST
def lead_handover(request: HttpRequest, slug: str) -> HttpResponse:
    actor, network = _administered(request, slug)
    form = LeadHandoverForm(request.POST, candidates=lead_candidates(network=network))
    if not form.is_valid():
        return _page(request, network, bound=form, status=400)
    try:
        network_lead_hand_over(
            network=network,
            organisation=form.cleaned_data["organisation"],
            on=form.cleaned_data["date"],
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        return _refused(request, network, error)
    return _done(
        request,
        network,
        _("The lead has been handed over; both cities' coordinators are told."),
    )


@login_required
@require_POST
def member_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor, network = _administered(request, slug)
    membership = get_object_or_404(NetworkMembership, pk=pk, network=network)
    form = MemberEndForm(request.POST, membership=membership)
    if not form.is_valid():
        return _page(request, network, bound=form, status=400)
    try:
        network_membership_end(
            membership=membership,
            on=cast(datetime.date, form.cleaned_data["date"]),
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        return _refused(request, network, error)
    return _done(request, network, _("The membership has ended."))


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    actor, network = _administered(request, slug)
    form = MemberAddForm(
        request.POST, candidates=addable_organisations(network=network)
    )
    if not form.is_valid():
        return _page(request, network, bound=form, status=400)
    try:
        network_member_add(
            network=network,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            on=form.cleaned_data["date"],
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        return _refused(request, network, error)
    return _done(request, network, _("The organisation has joined the network."))
