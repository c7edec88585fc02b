from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from accounts.models import User
from audit.permissions import can_view_audit_log
from core.permissions import require
from documents.models import Kind
from documents.permissions import (
    DECIDE_DOCUMENTS,
    can_manage_templates,
    can_override_order,
    can_see_review_queue,
    is_network_participant,
    readable_among,
    start_refusal,
)
from documents.selectors import open_consultations, progress_board, review_queue
from networks.permissions import (
    VIEW_WORKSPACE,
    access_network,
    can_lead,
    can_view_editions,
)
from networks.selectors import (
    current_edition,
    expert_network_ids,
    network_activity,
    networks_for_listing,
    networks_of_user,
    workspace_members,
)
from organisations.permissions import own_organisation_ids
from organisations.selectors import memberships_of_user
from portal import health
from portal.overview import programme_overview
from portal.permissions import can_see_programme_overview
from portal.workspace import kept_parts_keys, network_workspace, progress_board_html
from programme.permissions import can_view_programme_drafts
from recruitment.permissions import can_follow_applications, is_evaluator


def home(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    networks = networks_for_listing().filter(edition=edition) if edition else []
    return render(
        request, "portal/home.html", {"edition": edition, "networks": networks}
    )


# How many of the documents waiting for a reviewer "My portal" lists (the queue
# has them all).
DASHBOARD_WAITING = 5


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required: never anonymous here
    reviews = can_see_review_queue(user)
    waiting = (
        review_queue(user=user, ministry=user.has_perm(DECIDE_DOCUMENTS))
        if reviews
        else None
    )
    networks = list(networks_of_user(user=user))
    expert_of = expert_network_ids(user=user)
    return render(
        request,
        "portal/dashboard.html",
        {
            "memberships": memberships_of_user(user=user),
            "networks": networks,
            "expert_of": expert_of,
            "can_view_audit_log": can_view_audit_log(user),
            "consultations": open_consultations(user=user),
            "reviews_documents": reviews,
            "waiting": list(waiting[:DASHBOARD_WAITING]) if waiting is not None else [],
            "waiting_count": waiting.count() if waiting is not None else 0,
            "manages_templates": can_manage_templates(user),
            "evaluates": is_evaluator(user),
            "follows_applications": can_follow_applications(user),
            "views_editions": can_view_editions(user),
            "sees_programme_pages": can_view_programme_drafts(user),
            "sees_programme_overview": can_see_programme_overview(user),
        },
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The ministry's overview of the current edition (portal/overview.py)."""
    require(can_see_programme_overview(request.user))
    return render(
        request,
        "portal/overview.html",
        {"overview": programme_overview(edition=current_edition())},
    )


@login_required
def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = cast(User, request.user)
    network = access_network(viewer, slug, permission=VIEW_WORKSPACE)
    space = network_workspace(network=network, viewer=viewer)
    own = own_organisation_ids(viewer)
    board = progress_board(network=network, members=space.members)
    sheet = next((row.document for row in board if row.kind == Kind.SHEET), None)
    return render(
        request,
        "portal/workspace.html",
        {
            "space": space,
            "network": network,
            # Both read only when their part of the page is not kept in Redis.
            "members": SimpleLazyObject(lambda: workspace_members(network=network)),
            "activity": SimpleLazyObject(lambda: network_activity(network=network)),
            **kept_parts_keys(network.pk),
            "may_schedule": can_lead(viewer, network),
            "own_members": [m for m in space.members if m.organisation_id in own],
            "board_html": progress_board_html(
                request,
                network=network,
                board=board,
                readable=readable_among(
                    viewer, [row.document for row in board if row.document]
                ),
                own=own,
                may_start_any_mid=can_override_order(viewer),
                may_start_network_documents=is_network_participant(viewer, network),
                mid_start_refusal=start_refusal(
                    viewer, Kind.MID, sheet_state=sheet.state if sheet else None
                ),
            ),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness, public: the process answers requests. It reads nothing (no
    database, no Redis, no broker), so any number of visitors cannot make it cost
    more than an empty page, and an outage elsewhere does not get the web
    containers restarted, which would not mend it."""
    return JsonResponse({"status": "ok"})


@never_cache
def healthz_ready(request: HttpRequest) -> JsonResponse:
    """Readiness, for the operators only (HEALTH_TOKEN, or this machine); anyone
    else is told it does not exist. 503 while a part is down."""
    require(health.can_see_readiness(request))
    result = health.readiness()
    return JsonResponse(
        {"status": "ok" if result.ready else "degraded", **result.states},
        status=200 if result.ready else 503,
    )
