from django.db.models import QuerySet

from audit.models import AuditEvent


def network_trail(network_id: int) -> str:
    """The name of the generation of a network's audit trail (core.page_cache):
    a new one starts with every event recorded about the network."""
    return f"audit:network-trail:{network_id}"


def audit_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related(
        "actor", "organisation", "network", "subject"
    ).order_by("-created_at", "-id")
