from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One recorded change to who may do what. Append-only: the database refuses
    UPDATE and DELETE on this table (see migration 0002)."""

    class Action(models.TextChoices):
        INVITATION_SENT = "invitation_sent", _("invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
        INVITATION_REVOKED = "invitation_revoked", _("invitation revoked")
        MEMBERSHIP_GRANTED = "membership_granted", _("membership granted")
        ROLE_CHANGED = "role_changed", _("role changed")
        MEMBERSHIP_DEACTIVATED = "membership_deactivated", _("person deactivated")
        MEMBERSHIP_REACTIVATED = "membership_reactivated", _("person reactivated")
        EXPERT_ASSIGNED = "expert_assigned", _("expert assigned")
        EXPERT_UNASSIGNED = "expert_unassigned", _("expert unassigned")
        NETWORK_MEMBERSHIP_STARTED = (
            "network_membership_started",
            _("network membership started"),
        )
        NETWORK_MEMBERSHIP_ENDED = (
            "network_membership_ended",
            _("network membership ended"),
        )
        DOCUMENT_STEP = "document_step", _("document moved in review")
        LP_ACCOUNT_GIVEN = "lp_account_given", _("account given to an LP member")
        LP_MEMBER_ERASED = "lp_member_erased", _("LP member's personal data erased")
        LP_JOIN_REQUESTS_PURGED = (
            "lp_join_requests_purged",
            _("old requests to join an LP deleted"),
        )
        LP_CREATED = "lp_created", _("Local Partnership formed")
        LP_UPDATED = "lp_updated", _("Local Partnership changed")
        LP_ENDED = "lp_ended", _("Local Partnership ended")
        LP_RETENTION_NOTICE_SENT = (
            "lp_retention_notice_sent",
            _("coordinators told of the coming erasure of an ended LP's data"),
        )
        LP_DATA_ERASED_AFTER_RETENTION = (
            "lp_data_erased_after_retention",
            _("ended LP's personal data erased after the retention period"),
        )
        CONSENT_CLAUSE_PUBLISHED = (
            "consent_clause_published",
            _("information clause published"),
        )
        APPLICATION_DECIDED = (
            "application_decided",
            _("decision on an application to a call"),
        )
        ORGANISATION_CREATED = "organisation_created", _("organisation added")
        ORGANISATION_UPDATED = "organisation_updated", _("organisation changed")
        ORGANISATION_DEACTIVATED = (
            "organisation_deactivated",
            _("organisation deactivated"),
        )
        ORGANISATION_REACTIVATED = (
            "organisation_reactivated",
            _("organisation reactivated"),
        )
        EDITION_CREATED = "edition_created", _("edition added")
        EDITION_UPDATED = "edition_updated", _("edition changed")
        EDITION_PREPARED = (
            "edition_prepared",
            _("next edition prepared from an earlier one"),
        )
        THEME_CREATED = "theme_created", _("theme added")
        THEME_UPDATED = "theme_updated", _("theme changed")
        NETWORK_STATUS_CHANGED = "network_status_changed", _("network status changed")
        NETWORK_LEAD_HANDED_OVER = (
            "network_lead_handed_over",
            _("network lead handed over"),
        )
        REGISTER_IMPORTED = (
            "register_imported",
            _("territorial register (TERYT) imported"),
        )
        MINISTRY_ADMIN_INVITED = (
            "ministry_admin_invited",
            _("ministry admin invited from the server's command line"),
        )
        PROGRAMME_PAGE_SAVED = (
            "programme_page_saved",
            _("programme page saved"),
        )

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=40, choices=Action.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person concerned"),
    )
    subject_email = models.EmailField(_("e-mail concerned"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes: ClassVar = [
            # the log's order, newest first, walked page by page
            models.Index(fields=["-created_at", "-id"], name="auditevent_newest_first"),
            models.Index(fields=["action", "-created_at"]),
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def shown_subject_name(self) -> str:
        """Who the event concerns, as the network's "Recent activity" names them:
        never a resident (an LP member), whatever an older row stored."""
        if self.action in RESIDENT_ACTIONS:
            return str(_("an LP member"))
        return self.subject.get_full_name() if self.subject else ""

    def shown_subject_email(self) -> str:
        """The e-mail concerned, as the audit log shows it: an LP member's is never
        shown (rows written before this rule may still hold one)."""
        if self.action in RESIDENT_ACTIONS:
            return str(_("an LP member"))
        return self.subject_email


# Events about Local Partnership members, who are residents: they are recorded by
# the member's id only (in `details`), and shown without a name or an e-mail.
RESIDENT_ACTIONS = frozenset(
    {AuditEvent.Action.LP_ACCOUNT_GIVEN, AuditEvent.Action.LP_MEMBER_ERASED}
)
