"""The recruitment e-mails: each reads what it needs by primary key, renders and
sends."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_mail
from organisations.selectors import active_coordinators
from recruitment.models import Application


def send_decision(*, application_pk: int) -> int:
    """E-mails the city's coordinators the decision on their application. Returns
    how many were told."""
    application = (
        Application.objects.select_related("call", "organisation", "theme__theme")
        .filter(pk=application_pk)
        .first()
    )
    if application is None or not application.decision:
        return 0
    recipients = list(
        active_coordinators(organisation_ids=[application.organisation_id]).values_list(
            "user__email", flat=True
        )
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Decision on your application: %(call)s") % {"call": application.call},
            render_to_string(
                "recruitment/decision_email.txt",
                {"application": application, "base_url": settings.PORTAL_BASE_URL},
            ),
            recipients,
        )
    return len(recipients)
