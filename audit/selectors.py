from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related(
        "actor", "organisation", "network", "subject"
    ).order_by("-created_at", "-id")
