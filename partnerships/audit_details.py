"""What the details of the Local Partnerships' audit events mean
(audit/details.py). Members are residents: their events name them by number only."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from partnerships.models import ConsentClause

# Why a member's data was erased, as partnerships.services.member_erase stores it.
ERASURE_REASONS = {
    "consent withdrawn": _("the member withdrew their consent"),
    "erasure": _("erased at the member's request"),
    "retention": _("the retention period after the LP's end is over"),
}

# The fields of an LP that partnerships.services.partnership_update names.
LP_FIELDS = {
    "name": _("name"),
    "formula": _("formula"),
    "goals": _("goals"),
    "working_rules": _("working rules"),
    "is_public": _("public page"),
    "data_contact": _("the city's contact for data protection matters"),
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
    partnership = Detail(_("Local Partnership number"))
    details_declare(AuditEvent.Action.LP_CREATED, {"local_partnership": partnership})
    details_declare(
        AuditEvent.Action.LP_UPDATED,
        {
            "local_partnership": partnership,
            "fields": Detail(_("changed"), LP_FIELDS),
        },
    )
    details_declare(
        AuditEvent.Action.LP_ENDED,
        {
            "local_partnership": partnership,
            "ended_on": Detail(_("ended on")),
            "seats_ended": Detail(_("members' seats ended")),
            "requests_declined": Detail(_("requests to join declined")),
        },
    )
    details_declare(
        AuditEvent.Action.LP_RETENTION_NOTICE_SENT,
        {
            "local_partnership": partnership,
            "erasure_on": Detail(_("erasure on")),
        },
    )
    details_declare(
        AuditEvent.Action.LP_DATA_ERASED_AFTER_RETENTION,
        {
            "local_partnership": partnership,
            "erased": Detail(_("members erased")),
        },
    )
    details_declare(
        AuditEvent.Action.CONSENT_CLAUSE_PUBLISHED,
        {
            "clause": Detail(_("version")),
            "valid_from": Detail(_("valid from")),
            "legal_basis": Detail(_("legal basis"), ConsentClause.LegalBasis.choices),
        },
    )
    details_declare(
        AuditEvent.Action.LP_JOIN_REQUESTS_PURGED,
        {
            "deleted": Detail(_("requests deleted")),
            "local_partnership": Detail(_("Local Partnership number")),
        },
    )
