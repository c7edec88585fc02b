"""What the details of the networks' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from networks.models import NetworkMembership


def declare() -> None:
    role = Detail(_("role in the network"), NetworkMembership.Role.choices)
    details_declare(AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED, {"role": role})
    details_declare(AuditEvent.Action.NETWORK_MEMBERSHIP_ENDED, {"role": role})
    details_declare(AuditEvent.Action.EXPERT_ASSIGNED, {})
    details_declare(AuditEvent.Action.EXPERT_UNASSIGNED, {})
