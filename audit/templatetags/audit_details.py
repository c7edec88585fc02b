from django import template

from audit import details
from audit.models import AuditEvent

register = template.Library()


@register.filter
def details_shown(event: AuditEvent) -> str:
    """{{ event|details_shown }}: the event's details in words (audit/details.py)."""
    return details.details_shown(event)
