"""What the details of the organisations' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from organisations.models import Membership, Organisation

ROLE = Detail(_("role"), Membership.Role.choices, previous="from")
# The fields a change of an organisation names (services.organisation_update).
ORGANISATION_FIELDS = {
    "name": _("name"),
    "kind": _("kind"),
    "country": _("country"),
    "voivodeship": _("voivodeship"),
    "seat": _("seat"),
    "teryt": _("TERYT code"),
    "latitude": _("latitude"),
    "longitude": _("longitude"),
    "website": _("website"),
    "logo": _("logo"),
}


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
    details_declare(
        AuditEvent.Action.ORGANISATION_CREATED,
        {
            "name": Detail(_("name")),
            "kind": Detail(_("kind"), Organisation.Kind.choices),
        },
    )
    details_declare(
        AuditEvent.Action.ORGANISATION_UPDATED,
        {"changed": Detail(_("changed"), ORGANISATION_FIELDS)},
    )
    details_declare(
        AuditEvent.Action.ORGANISATION_DEACTIVATED,
        {
            "people": Detail(_("people suspended")),
            "invitations": Detail(_("invitations withdrawn")),
        },
    )
    details_declare(
        AuditEvent.Action.ORGANISATION_REACTIVATED,
        {"people": Detail(_("people restored"))},
    )
    # The territorial register's import (organisations/teryt.py): counts only.
    details_declare(
        AuditEvent.Action.REGISTER_IMPORTED,
        {
            "created": Detail(_("gminas added")),
            "updated": Detail(_("gminas changed")),
            "unchanged": Detail(_("gminas unchanged")),
            "errors": Detail(_("rows with errors, skipped")),
            "not_gminas": Detail(_("rows that are not gminas, skipped")),
        },
    )
    details_declare(
        AuditEvent.Action.MINISTRY_ADMIN_INVITED,
        {
            "ministry_created": Detail(_("ministry's organisation created")),
            "withdrawn": Detail(_("earlier invitations withdrawn")),
        },
    )
