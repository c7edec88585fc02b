"""What the details of the networks' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from networks.models import Network, NetworkMembership
from networks.signals import PREPARED_PARTS

# What an edition's or a theme's change names (the `changed` detail's codes).
EDITION_FIELDS = {
    "name": _("name (Polish)"),
    "name_en": _("name (English)"),
    "starts_on": _("starts on"),
    "ends_on": _("ends on"),
    "is_current": _("current edition"),
}
THEME_FIELDS = {
    "name_pl": _("name (Polish)"),
    "name_en": _("name (English)"),
    "description": _("description"),
}


def declare() -> None:
    role = Detail(_("role in the network"), NetworkMembership.Role.choices)
    details_declare(
        AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED,
        {"role": role, "on": Detail(_("first day"))},
    )
    details_declare(
        AuditEvent.Action.NETWORK_MEMBERSHIP_ENDED,
        {"role": role, "on": Detail(_("last day"))},
    )
    details_declare(
        AuditEvent.Action.NETWORK_STATUS_CHANGED,
        {
            "status": Detail(_("status"), Network.Status.choices, previous="was"),
            "on": Detail(_("day")),
        },
    )
    details_declare(
        AuditEvent.Action.NETWORK_LEAD_HANDED_OVER,
        {
            "previous_lead": Detail(_("previous lead city")),
            "on": Detail(_("new lead from")),
        },
    )
    details_declare(AuditEvent.Action.EXPERT_ASSIGNED, {})
    details_declare(AuditEvent.Action.EXPERT_UNASSIGNED, {})
    # Editions and themes are named as they were then (the log outlives renames).
    edition = Detail(_("edition"))
    theme = Detail(_("theme"))
    details_declare(
        AuditEvent.Action.EDITION_CREATED,
        {"edition": edition, "current": Detail(_("current edition"))},
    )
    details_declare(
        AuditEvent.Action.EDITION_UPDATED,
        {
            "edition": Detail(_("edition"), previous="was"),
            "changed": Detail(_("changed"), EDITION_FIELDS),
        },
    )
    details_declare(
        AuditEvent.Action.EDITION_PREPARED,
        {
            "edition": edition,
            "source": Detail(_("prepared from")),
            "copied": Detail(_("copied"), PREPARED_PARTS),
        },
    )
    details_declare(AuditEvent.Action.THEME_CREATED, {"theme": theme})
    details_declare(
        AuditEvent.Action.THEME_UPDATED,
        {
            "theme": Detail(_("theme"), previous="was"),
            "changed": Detail(_("changed"), THEME_FIELDS),
        },
    )
