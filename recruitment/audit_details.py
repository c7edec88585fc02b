"""What the details of the recruitment's audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from recruitment.models import Application

# What a decision was confirmed without (recruitment.selectors.GAP_CODES).
GAPS = {
    "before_deadline": _("the call still open"),
    "completion_open": _("the application still open for completion"),
    "no_evaluations": _("no evaluation"),
    "evaluations_missing": _("evaluations missing"),
    "composition_hidden": _("the composition check not seen"),
    "composition_lead": _("no lead city"),
    "composition_partners": _("a number of partners outside the call's range"),
    "composition_voivodeships": _("too few voivodeships"),
    "composition_one_network": _("a city in another network of the edition"),
}


def declare() -> None:
    details_declare(
        AuditEvent.Action.APPLICATION_DECIDED,
        {
            "decision": Detail(_("decision"), Application.Decision.choices),
            "confirmed": Detail(_("confirmed as missing"), GAPS),
            "application": Detail(_("application number")),
            "call": Detail(_("call number")),
        },
    )
