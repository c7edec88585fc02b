from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from organisations.models import Membership
from recruitment.models import Application


@shared_task
def notify_decision(application_id: int) -> int:
    """E-mails the city's coordinators the decision on their application."""
    application = (
        Application.objects.select_related("call", "organisation", "theme__theme")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not application.decision:
        return 0
    recipients = list(
        Membership.objects.filter(
            organisation=application.organisation,
            is_active=True,
            role=Membership.Role.COORDINATOR,
        ).values_list("user__email", flat=True)
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
            None,
            recipients,
        )
    return len(recipients)
