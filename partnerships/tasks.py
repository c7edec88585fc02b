from celery import shared_task
from django.utils import timezone

from partnerships.lifecycle import (
    partnership_retention_erase,
    partnership_retention_notify,
    retention_erasures_due,
    retention_notices_due,
)
from partnerships.services import join_requests_purge


@shared_task
def remind_partnership_retention() -> int:
    """Daily: tells the coordinators of each city whose ended Local Partnership's
    retention period ends within PARTNERSHIP_RETENTION_NOTICE_DAYS that its
    members' personal data will then be erased (once per LP). Returns how many
    partnerships were told about."""
    today = timezone.localdate()
    due = list(retention_notices_due(today).values_list("pk", flat=True))
    return sum(
        partnership_retention_notify(partnership_pk=pk, today=today) for pk in due
    )


@shared_task
def erase_partnership_data_after_retention() -> int:
    """Daily: erases the members' personal data of each ended Local Partnership
    whose retention period (PARTNERSHIP_RETENTION_DAYS from its end) is over, once
    its coordinators were told. Returns how many members were erased."""
    today = timezone.localdate()
    due = list(retention_erasures_due(today).values_list("pk", flat=True))
    return sum(
        partnership_retention_erase(partnership_pk=pk, today=today) for pk in due
    )


@shared_task
def purge_join_requests() -> int:
    """Daily: deletes the requests to join declined or left unanswered longer than
    JOIN_REQUEST_RETENTION_DAYS. Returns how many were deleted."""
    return join_requests_purge()
