from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.models import User
from audit.permissions import can_view_audit_log
from core.permissions import require
from documents.permissions import can_manage_templates, can_see_review_queue
from documents.selectors import open_consultations
from networks.selectors import current_edition, networks_for_listing, networks_of_user
from organisations.selectors import memberships_of_user
from portal import health
from recruitment.permissions import is_evaluator


def home(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    networks = networks_for_listing().filter(edition=edition) if edition else []
    return render(request, "portal/home.html", {"edition": edition, "networks": networks})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required: never anonymous here
    return render(
        request,
        "portal/dashboard.html",
        {
            "memberships": memberships_of_user(user=user),
            "networks": networks_of_user(user=user),
            "can_view_audit_log": can_view_audit_log(user),
            "consultations": open_consultations(user=user),
            "reviews_documents": can_see_review_queue(user),
            "manages_templates": can_manage_templates(user),
            "evaluates": is_evaluator(user),
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
    require(health.may_see_readiness(request))
    result = health.readiness()
    return JsonResponse(
        {"status": "ok" if result.ready else "degraded", **result.states},
        status=200 if result.ready else 503,
    )
