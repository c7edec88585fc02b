import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organisations.models import Membership
from partnerships.models import LocalPartnership
from partnerships.services import join_requests_purge


@shared_task
def remind_partnership_retention() -> int:
    """Daily: tells the coordinators of each city whose Local Partnership ended more
    than PARTNERSHIP_RETENTION_DAYS ago, and still holds personal data, to erase it.
    Returns how many partnerships were reminded about."""
    cutoff = timezone.localdate() - datetime.timedelta(
        days=settings.PARTNERSHIP_RETENTION_DAYS
    )
    overdue = (
        LocalPartnership.objects.filter(
            status=LocalPartnership.Status.ENDED,
            ended_on__lt=cutoff,
            members__erased_at__isnull=True,
        )
        .select_related("organisation", "network")
        .distinct()
    )
    reminded = 0
    for partnership in overdue:
        coordinators = list(
            Membership.objects.filter(
                organisation=partnership.organisation,
                role=Membership.Role.COORDINATOR,
                is_active=True,
            ).values_list("user__email", flat=True)
        )
        if not coordinators:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("Personal data of a Local Partnership to erase"),
                render_to_string(
                    "partnerships/retention_email.txt", {"partnership": partnership}
                ),
                None,
                coordinators,
            )
        reminded += 1
    return reminded


@shared_task
def purge_join_requests() -> int:
    """Daily: deletes the requests to join declined or left unanswered longer than
    JOIN_REQUEST_RETENTION_DAYS. Returns how many were deleted."""
    return join_requests_purge()
