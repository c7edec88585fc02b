"""The documents' e-mails: each reads what it needs by primary key, renders and
sends."""

from typing import cast

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import send_mail
from documents.models import Kind, State, Transition
from networks.models import NetworkMembership
from organisations.selectors import active_coordinators


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
            city = cast(int, document.organisation_id)  # a MID is always a city's
            coordinators = active_coordinators(organisation_ids=[city])
        else:
            leads = NetworkMembership.objects.filter(
                network=document.network,
                role=NetworkMembership.Role.LEAD,
                valid_to__isnull=True,
            ).values("organisation_id")
            coordinators = active_coordinators(organisation_ids=leads)
        people = User.objects.filter(pk__in=coordinators.values("user_id"))
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


def send_step(*, transition_pk: int) -> int:
    """E-mails the people a workflow step concerns. Returns how many were told."""
    transition = (
        Transition.objects.select_related(
            "document__network", "document__organisation", "actor"
        )
        .filter(pk=transition_pk)
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
            recipients,
        )
    return len(recipients)
