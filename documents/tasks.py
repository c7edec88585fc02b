from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from documents.models import Kind, State, Transition
from networks.models import NetworkMembership
from organisations.models import Membership


def _recipients(transition: Transition) -> list[str]:
    """Who must act next, or hear the outcome: the expert when a document is
    submitted; the ministry when the expert approved it; otherwise the people who
    answer for it (the city's coordinators, or the lead city's)."""
    document = transition.document
    if transition.target == State.IN_REVIEW:
        people = User.objects.filter(
            expert_assignments__network=document.network,
            expert_assignments__valid_to__isnull=True,
        )
    else:
        if document.kind == Kind.MID:
            organisations = Q(organisation_id=document.organisation_id)
        else:
            leads = NetworkMembership.objects.filter(
                network=document.network,
                role=NetworkMembership.Role.LEAD,
                valid_to__isnull=True,
            ).values("organisation_id")
            organisations = Q(organisation_id__in=leads)
        responsible = Membership.objects.filter(
            organisations, is_active=True, role=Membership.Role.COORDINATOR
        ).values("user_id")
        people = User.objects.filter(pk__in=responsible)
        if transition.target == State.APPROVED:
            people = people | User.objects.filter(
                groups__permissions__codename="decide_documents"
            )
    return sorted(
        set(
            people.filter(is_active=True)
            .exclude(pk=transition.actor_id)
            .values_list("email", flat=True)
        )
    )


@shared_task
def notify_step(transition_id: int) -> int:
    """E-mails the people a workflow step concerns. Returns how many were told."""
    transition = (
        Transition.objects.select_related(
            "document__network", "document__organisation", "actor"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return 0
    recipients = _recipients(transition)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("%(document)s: %(state)s")
            % {
                "document": transition.document,
                "state": transition.get_target_display(),
            },
            render_to_string(
                "documents/step_email.txt",
                {"transition": transition, "base_url": settings.PORTAL_BASE_URL},
            ),
            None,
            recipients,
        )
    return len(recipients)
