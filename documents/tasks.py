from celery import shared_task

from documents import emails


@shared_task
def notify_step(transition_id: int) -> int:
    """E-mails the people a workflow step concerns. Returns how many were told."""
    return emails.send_step(transition_pk=transition_id)
