from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audit.filters import AuditEventFilter
from audit.permissions import access_audit_log
from audit.selectors import audit_events
from core.listing import uncounted_page_of


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    access_audit_log(request.user)
    filterset = AuditEventFilter(request.GET, queryset=audit_events())
    page = uncounted_page_of(request, filterset.qs)
    return render(request, "audit/audit_log.html", {"filter": filterset, "page": page})
