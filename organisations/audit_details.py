"""What the details of the organisations' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from organisations.models import Membership

ROLE = Detail(_("role"), Membership.Role.choices, previous="from")


def declare() -> None:
    for action in (
        AuditEvent.Action.INVITATION_SENT,
        AuditEvent.Action.INVITATION_ACCEPTED,
        AuditEvent.Action.MEMBERSHIP_GRANTED,
    ):
        details_declare(action, {"role": ROLE})
    # A change of role stores the new one under "to" and the old under "from".
    details_declare(AuditEvent.Action.ROLE_CHANGED, {"to": ROLE})
    for action in (
        AuditEvent.Action.INVITATION_REVOKED,
        AuditEvent.Action.MEMBERSHIP_DEACTIVATED,
        AuditEvent.Action.MEMBERSHIP_REACTIVATED,
    ):
        details_declare(action, {})
