import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from partnerships import emails
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
    overdue = LocalPartnership.objects.filter(
        status=LocalPartnership.Status.ENDED,
        ended_on__lt=cutoff,
        members__erased_at__isnull=True,
    ).distinct()
    return sum(
        emails.send_retention_reminder(partnership_pk=pk)
        for pk in overdue.values_list("pk", flat=True)
    )


@shared_task
def purge_join_requests() -> int:
    """Daily: deletes the requests to join declined or left unanswered longer than
    JOIN_REQUEST_RETENTION_DAYS. Returns how many were deleted."""
    return join_requests_purge()
