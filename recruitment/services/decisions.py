"""Decisions: the ministry accepts, reserves or rejects an application."""

from collections.abc import Collection

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.tasks import schedule
from networks.models import Network, NetworkMembership
from networks.services import network_membership_start, network_open
from organisations.models import Organisation
from recruitment import permissions, selectors, tasks
from recruitment.models import Application, CallTheme, Track
from recruitment.selectors import Gap


class DecisionNotConfirmed(DomainError):
    """The decision is taken without something (`gaps`) the person has not
    confirmed: nothing was recorded."""

    def __init__(self, gaps: list[Gap]) -> None:
        super().__init__(
            _(
                "The decision is not recorded yet: confirm that you decide without "
                "what is still missing."
            )
        )
        self.gaps = gaps


def decide(
    *,
    application: Application,
    decision: str,
    justification: str,
    actor: User,
    confirmed: Collection[str] = (),
    ip_address: str | None = None,
) -> Application:
    """Accepts, reserves or rejects a submitted application, with a justification.
    A decision taken without something (`selectors.decision_gaps`: the call still
    open, evaluations missing, a composition rule failing) is recorded only if the
    person confirmed each of those (`confirmed`, their codes); the audit event
    names what they confirmed. Accepting makes the city a member of the theme's
    network (created if needed), which gives its people the network's workspace.
    The decision e-mail leaves after commit."""
    permissions.require_manager(actor)
    if decision not in (
        Application.Decision.ACCEPTED,
        Application.Decision.RESERVE,
        Application.Decision.REJECTED,
    ):
        raise DomainError(_("Choose a decision."))
    if not justification.strip():
        raise DomainError(_("Give the justification: the city will read it."))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__edition", "theme__theme", "organisation")
            .get(pk=application.pk)
        )
        if locked.status != Application.Status.SUBMITTED:
            raise DomainError(_("Only a submitted application is decided."))
        if locked.decision == Application.Decision.ACCEPTED:
            raise DomainError(_("The application was accepted already."))
        gaps = selectors.decision_gaps(locked, viewer=actor)
        if any(gap.code not in confirmed for gap in gaps):
            raise DecisionNotConfirmed(gaps)
        call = locked.call
        network: Network | None = None
        if decision == Application.Decision.ACCEPTED:
            # Locks in a fixed order (the city, then the theme) so that two
            # acceptances at once are decided one after the other.
            Organisation.objects.select_for_update().get(pk=locked.organisation_id)
            theme = CallTheme.objects.select_for_update().get(pk=locked.theme_id)
            if (
                call.one_network_per_city
                and Application.objects.filter(
                    call__edition=call.edition,
                    organisation=locked.organisation,
                    decision=Application.Decision.ACCEPTED,
                ).exists()
            ):
                raise DomainError(
                    _("This city is already accepted into a network of the edition.")
                )
            if theme.network is None:
                theme.network = network_open(edition=call.edition, theme=theme.theme)
                theme.save(update_fields=["network"])
            is_lead = locked.track == Track.LEAD
            if (
                is_lead
                and NetworkMembership.objects.filter(
                    network=theme.network,
                    role=NetworkMembership.Role.LEAD,
                    valid_to__isnull=True,
                )
                .exclude(organisation=locked.organisation)
                .exists()
            ):
                raise DomainError(_("This network already has its lead city."))
            try:
                with transaction.atomic():
                    network_membership_start(
                        network=theme.network,
                        organisation=locked.organisation,
                        role=NetworkMembership.Role.LEAD
                        if is_lead
                        else NetworkMembership.Role.PARTNER,
                        valid_from=max(call.edition.starts_on, timezone.localdate()),
                        actor=actor,
                    )
            except IntegrityError as error:
                raise DomainError(
                    _("The network's membership rules refuse this city.")
                ) from error
            network = theme.network
        locked.decision = decision
        locked.justification = justification.strip()
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decision", "justification", "decided_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.APPLICATION_DECIDED,
            ip_address=ip_address,
            organisation=locked.organisation,
            network=network,
            details={
                "application": locked.pk,
                "call": call.pk,
                "decision": decision,
                "confirmed": [gap.code for gap in gaps],
            },
        )
        schedule(tasks.notify_decision, locked.pk)
        return locked
