from celery import shared_task

from recruitment import emails


@shared_task
def notify_decision(application_id: int) -> int:
    """E-mails the city's coordinators the decision on their application."""
    return emails.send_decision(application_pk=application_id)
