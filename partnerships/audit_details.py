"""What the details of the Local Partnerships' audit events mean
(audit/details.py). Members are residents: their events name them by number only."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent

# Why a member's data was erased, as partnerships.services.member_erase stores it.
ERASURE_REASONS = {
    "consent withdrawn": _("the member withdrew their consent"),
    "erasure": _("erased at the member's request"),
}


def declare() -> None:
    member = Detail(_("LP member number"))
    details_declare(
        AuditEvent.Action.LP_MEMBER_ERASED,
        {"lp_member": member, "reason": Detail(_("reason"), ERASURE_REASONS)},
    )
    details_declare(
        AuditEvent.Action.LP_ACCOUNT_GIVEN,
        {"lp_member": member, "account": Detail(_("account number"))},
    )
    details_declare(
        AuditEvent.Action.LP_JOIN_REQUESTS_PURGED,
        {
            "deleted": Detail(_("requests deleted")),
            "local_partnership": Detail(_("Local Partnership number")),
        },
    )
