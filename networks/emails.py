"""The networks' e-mails: each reads what it needs by primary key, renders and
sends. Coordinators have no stored language: the portal's own (Polish)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.mail import send_mail
from networks.models import NetworkMembership
from organisations.selectors import active_coordinators


def send_lead_handover(*, lead_pk: int, previous_lead_pk: int | None) -> int:
    """Tells the coordinators of the new lead city and of the old one that the
    lead has passed (what changes for each: the lead's steps in the network's
    documents). Names only the cities and the network. Returns how many were told."""
    rows = {
        row.pk: row
        for row in NetworkMembership.objects.select_related(
            "network", "organisation"
        ).filter(pk__in=[lead_pk, previous_lead_pk])
    }
    lead = rows.get(lead_pk)
    if lead is None:
        return 0
    previous = rows.get(previous_lead_pk) if previous_lead_pk else None
    cities = [lead.organisation_id] + ([previous.organisation_id] if previous else [])
    recipients = sorted(
        set(
            User.objects.filter(
                is_active=True,
                pk__in=active_coordinators(organisation_ids=cities).values("user_id"),
            ).values_list("email", flat=True)
        )
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(network)s: %(city)s is the lead city") % {
            "network": lead.network.name,
            "city": lead.organisation.name,
        }
        body = render_to_string(
            "networks/lead_handover_email.txt",
            {
                "lead": lead,
                "previous": previous,
                "link": settings.PORTAL_BASE_URL.rstrip("/")
                + lead.network.get_absolute_url(),
            },
        )
    send_mail(subject, body, recipients)
    return len(recipients)
